/**
 * Secret random arrays that neither party knows, NumPy's `random.uniform` and `random.normal`,
 * exported as the `random` namespace (`np.random.uniform(0, 1, [3])`).
 *
 * Uniform: each party adds its own uniform draw r_i ∈ [0, 2^f) (its private PRG; @petace/protocols
 * `addRandom_a`, no message) to a zero constant; r = r_0 + r_1 mod 2^f is uniform on the
 * fixed-point grid of [0, 1) and independent of either r_i alone, so it stays hidden from each party
 * (semi-honest model). The reduction mod 2^f on the shares is one exact floor (ops/divmod.ts).
 * Normal: the Box–Muller transform (Box and Muller, Ann. Math. Statist. 29(2), 1958) on two such
 * uniforms, with the log, sqrt, sin and cos kernels: z = √(−2 ln u1)·cos(2π u2) and, from the same
 * pair, √(−2 ln u1)·sin(2π u2).
 *
 * The values are fresh on every call and every run (there is no seed: a seed both parties know
 * would make the values known to both).
 */
import type { Duet } from "@petace/duet";
import { ops } from "@petace/duet";
import { broadcastShapes } from "../core/broadcast.js";
import { currentVM } from "../core/context.js";
import { Graph } from "../core/graph.js";
import { routine } from "../core/options.js";
import { PlainArray } from "../core/plain.js";
import { SecureArray } from "../core/secure-array.js";
import type { Shape } from "../core/shape.js";
import { isPlainLike, toPlain } from "../core/to-plain.js";
import { expandPlain } from "../core/elementwise.js";
import { add, multiply, subtract } from "../ops/arithmetic.js";
import { floorInt } from "../ops/divmod.js";
import { fill, fixed } from "./util.js";

type Param = SecureArray | PlainArray;

/** A distribution parameter: a SecureArray (its VM is the VM used) or a plaintext value. */
function param(where: string, name: string, v: unknown, dflt: number): Param {
  if (v === undefined || v === null) return new PlainArray(Float64Array.of(dflt), [], "float64");
  if (v instanceof SecureArray) return v;
  if (isPlainLike(v)) return toPlain(v, where, name, "operand");
  throw new TypeError(`${where}: ${name} must be a number, a plaintext array or a SecureArray`);
}

function shapeOf(where: string, size: unknown, params: Param[]): Shape {
  const implied = broadcastShapes(where, ...params.map((p) => p.shape));
  if (size === undefined || size === null) return implied;
  const shape = typeof size === "number" ? [size] : size;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0))
    throw new TypeError(`${where}: size must be a non-negative integer or an array of them`);
  // The parameters must broadcast to size (NumPy: "shape mismatch" otherwise).
  const both = broadcastShapes(where, shape, implied);
  if (both.length !== shape.length || both.some((d, i) => d !== shape[i]))
    throw new RangeError(`${where}: the parameters of shape (${implied.join(",")}) do not broadcast to size (${shape.join(",")})`);
  return [...shape];
}

function vmFor(where: string, params: Param[]): Duet {
  const secret = params.find((p): p is SecureArray => p instanceof SecureArray);
  return secret?.vm ?? currentVM(where);
}

/** Uniform values on the grid {0, 2^−f, ..., 1 − 2^−f}, secret to both parties. Cost: one exact floor (5 rounds, ≈ 10 B per value). */
function unitUniform(vm: Duet, where: string, shape: Shape): SecureArray {
  const g = new Graph(vm, where, shape);
  const f = vm.fracBits;
  if (g.n === 0) return g.out(fill(g, 0n), "float64");
  // r ∈ [0, 2^(f+1)) as a fixed-point number in [0, 2); r − ⌊r⌋ (times 2^f: the ring value mod 2^f).
  const r = g.apply(ops.addRandom_a, [fill(g, 0n)], { bits: f });
  const whole = g.apply(ops.mulInt_ap, [floorInt(g, r)], { p: 1n << BigInt(f) });
  return g.out(g.op(ops.sub_aa, r, whole), "float64");
}

/** high − low: in the clear when both are public, else on shares. */
function difference(high: Param, low: Param): Param {
  if (high instanceof PlainArray && low instanceof PlainArray) {
    const shape = broadcastShapes("random.uniform", high.shape, low.shape);
    const h = expandPlain(high, shape).toNumbers(),
      l = expandPlain(low, shape).toNumbers();
    return new PlainArray(
      Float64Array.from(h, (v, i) => v - l[i]!),
      shape,
      "float64",
    );
  }
  return subtract(high, low);
}

/**
 * NumPy `random.uniform(low=0, high=1, size=None)`: secret float64 values uniform on [low, high),
 * unknown to both parties. `low`/`high` may be numbers, plaintext arrays or SecureArrays
 * (broadcast to `size`). The values lie on the fixed-point grid: (high − low)·k/2^f rounded to
 * nearest, k uniform in [0, 2^f), so the mean is exact and each value is within 1/2 ulp of its grid
 * point; rounding may give `high` itself when high − low ≤ 1/2 (as NumPy's float rounding may).
 * Cost (f = 16): 5 rounds and ≈ 10 B per value for [0, 1); other bounds + one product by
 * the width (a truncation, +5 rounds; a Beaver product when it is secret, +6).
 * @example np.random.uniform(0, 1, [1000])
 */
const uniform = routine(
  "random.uniform",
  ["low", "high", "size"],
  {},
  function uniform(low?: unknown, high?: unknown, size?: number | readonly number[] | null): SecureArray {
    const where = "random.uniform";
    const lo = param(where, "low", low, 0);
    const hi = param(where, "high", high, 1);
    const shape = shapeOf(where, size, [lo, hi]);
    const u = unitUniform(vmFor(where, [lo, hi]), where, shape);
    return isConstant(lo, 0) && isConstant(hi, 1) ? u : add(multiply(u, difference(hi, lo)), lo);
  },
);

const isConstant = (p: Param, v: number): boolean => p instanceof PlainArray && p.size === 1 && p.toNumbers()[0] === v;

/**
 * NumPy `random.normal(loc=0, scale=1, size=None)`: secret float64 values from N(loc, scale²),
 * unknown to both parties, by Box–Muller on pairs of secret uniforms (both outputs of each pair
 * are used). `loc`/`scale` may be numbers, plaintext arrays or SecureArrays.
 * Accuracy (f = 16): u1 = k/2^f with k ∈ [1, 2^f] and u2 on the same grid, so |z| ≤ √(2 f ln 2)
 * = 4.71 (the tails beyond 4.71σ, probability 2.5·10^−6, are cut); r = √(−2 ln u1 + 2^−14) (the
 * 2^−14 keeps sqrt in its range when ln u1 ≈ 0; it moves r by at most 2^−7 and by 3·10^−5 at
 * r ≈ 1); each value is within 5·10^−4 of Box–Muller's transform of its grid uniforms where the
 * radius is ≥ 0.1 (the log's relative error, largest at the tail), within 0.01 below (the
 * 2^−14). Tested: those bounds on chosen uniforms, the moments and the
 * Kolmogorov–Smirnov distance to N(0, 1) on 2^14 seeded values (src/routines/random.test.ts).
 * Cost (f = 16): two uniforms, log, sqrt, sin and cos, one product per pair of values:
 * 151 rounds, ≈ 710 B per value; loc/scale as `uniform`'s bounds.
 * @example np.random.normal(0, 1, [1000])
 */
const normal = routine(
  "random.normal",
  ["loc", "scale", "size"],
  {},
  function normal(loc?: unknown, scale?: unknown, size?: number | readonly number[] | null): SecureArray {
    const where = "random.normal";
    const mu = param(where, "loc", loc, 0);
    const sigma = param(where, "scale", scale, 1);
    const shape = shapeOf(where, size, [mu, sigma]);
    const vm = vmFor(where, [mu, sigma]);
    const n = shape.reduce((a, b) => a * b, 1);
    const pairs = Math.ceil(n / 2);
    const out = new Graph(vm, where, shape);
    if (n === 0) return out.out(fill(out, 0n), "float64");
    const z = boxMuller(unitUniform(vm, where, [2 * pairs]), where);
    const zs = out.out(
      n === 2 * pairs
        ? z.node
        : out.gather(
            z.node,
            Uint32Array.from({ length: n }, (_, i) => i),
          ),
      "float64",
    );
    return isConstant(mu, 0) && isConstant(sigma, 1) ? zs : add(multiply(zs, sigma), mu);
  },
);

/**
 * Box–Muller on 2m grid uniforms u ∈ [0, 1) (u[0..m) for the radius, u[m..2m) for the angle): the
 * 2m values √(−2 ln u1 + 2^−14)·cos(2π u2), then the same radii times sin(2π u2), with
 * u1 = u + 2^−f ∈ (0, 1]. Internal (tested with chosen uniforms in random.test.ts).
 */
export function boxMuller(u: SecureArray, where: string): SecureArray {
  const pairs = u.size / 2;
  const g = new Graph(u.vm, where, [2 * pairs]);
  const f = u.vm.fracBits;
  const u1 = g.apply(
    ops.add_ap,
    [
      g.gather(
        u.node,
        Uint32Array.from({ length: pairs }, (_, i) => i),
      ),
    ],
    { p: 1n },
  ); // (0, 1]
  const u2 = g.gather(
    u.node,
    Uint32Array.from({ length: pairs }, (_, i) => pairs + i),
  );
  const r2 = g.apply(ops.add_ap, [g.apply(ops.mulInt_ap, [g.op(ops.log_a, u1)], { p: BigInt.asUintN(64, -2n) })], {
    p: 1n << BigInt(Math.max(0, f - 14)),
  });
  const r = g.op(ops.sqrt_a, r2);
  const theta = g.apply(ops.mul_ap, [u2], { p: fixed(g, 2 * Math.PI) });
  const trig = g.apply(ops.concat, [g.op(ops.cos_a, theta), g.op(ops.sin_a, theta)], { lens: [pairs, pairs] });
  const rr = g.apply(ops.concat, [r, r], { lens: [pairs, pairs] });
  return g.out(g.op(ops.mul_aa, rr, trig), "float64");
}

/** NumPy's `np.random` routines on secret values: `random.uniform`, `random.normal`. */
export const random = Object.freeze({ uniform, normal });
