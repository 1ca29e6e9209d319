/**
 * Rounding to integers, NumPy's `floor`, `ceil`, `trunc` and `round`/`around` (ties to even), exact
 * on fixed point: each is one exact truncation of the fractional bits (ops/divmod.ts), so every
 * result is the integer NumPy gives for the same fixed-point input, the same on every run.
 * int64 and bool inputs are returned unchanged by floor/ceil/trunc, as NumPy 2 does.
 * Costs are for f = 16 with the default exact truncation (the stochastic opt-in adds a
 * comparison to each floor); independent operators of different kinds run one after the other.
 */
import { ops, type Node } from "@petace/duet";
import type { DType } from "../core/dtype.js";
import { Graph } from "../core/graph.js";
import { routine } from "../core/options.js";
import type { SecureArray } from "../core/secure-array.js";
import { divmodPublic, floorInt, roundEvenInt } from "../ops/divmod.js";
import { fill, nodeAs, secureArg } from "./util.js";

/** A graph of x's shape and x's node, or x itself when it is the answer (int64, bool, empty). */
function floatInput(where: string, a: unknown): { x: SecureArray; g: Graph; node: Node } | SecureArray {
  const x = secureArg(where, a, "x");
  if (x.dtype !== "float64" || x.size === 0) return x;
  const g = new Graph(x.vm, where, x.shape);
  return { x, g, node: x.node };
}

const toFloat = (g: Graph, intNode: Node): Node => g.apply(ops.mulInt_ap, [intNode], { p: 1n << BigInt(g.vm.fracBits) });

/**
 * NumPy `floor`: the largest integer ≤ x, element-wise (float64 stays float64; int64 and bool are
 * returned as they are). Exact for |x| < 2^(62−f) (2^46 for f = 16).
 * Cost: one exact truncation, 5 rounds and ≈ 10 B per element (12 rounds under the stochastic opt-in).
 * @example np.floor(x) // [-1.5, 2.5] → [-2, 2]
 */
export const floor = routine("floor", ["x"], {}, function floor(a: SecureArray): SecureArray {
  const p = floatInput("floor", a);
  if (!("g" in p)) return p;
  return p.g.out(toFloat(p.g, floorInt(p.g, p.node)), "float64");
});

/**
 * NumPy `ceil`: the smallest integer ≥ x, −floor(−x). Exact, range and cost as `floor`.
 * @example np.ceil(x) // [-1.5, 2.5] → [-1, 3]
 */
export const ceil = routine("ceil", ["x"], {}, function ceil(a: SecureArray): SecureArray {
  const p = floatInput("ceil", a);
  if (!("g" in p)) return p;
  const { g, node } = p;
  return g.out(toFloat(g, g.op(ops.neg_a, floorInt(g, g.op(ops.neg_a, node)))), "float64");
});

/**
 * NumPy `trunc` (also `fix`): the integer part, rounded toward zero: ceil for negative x, floor
 * otherwise. Exact, range as `floor`. Cost: both floors in one truncation, the sign's comparison,
 * one selection: 13 rounds, ≈ 79 B per element.
 * @example np.trunc(x) // [-1.5, 2.5] → [-1, 2]
 */
export const trunc = routine("trunc", ["x"], {}, function trunc(a: SecureArray): SecureArray {
  const p = floatInput("trunc", a);
  if (!("g" in p)) return p;
  const { g, node } = p;
  const down = floorInt(g, node);
  const up = g.op(ops.neg_a, floorInt(g, g.op(ops.neg_a, node)));
  return g.out(toFloat(g, g.op(ops.select_baa, g.op(ops.msb_a, node), up, down)), "float64");
});

export interface RoundOptions {
  /** Decimal places (default 0); negative rounds to tens, hundreds, ... as NumPy. */
  decimals?: number;
}

/**
 * NumPy `round` (`around`): to `decimals` decimal places, halves to even, as NumPy (0.5 → 0,
 * 1.5 → 2, −2.5 → −2; `decimals: -1`: 25 → 20, 35 → 40). float64 stays float64, int64 stays int64
 * (unchanged for decimals ≥ 0); bool gives float64 (NumPy: float16).
 * Exact: decimals = 0 gives the integer NumPy gives for the fixed-point input; decimals > 0 rounds
 * x·10^d exactly, then divides by 10^d (≤ 1/2 ulp more; for 10^d > 2^(f+1) the input is already
 * as fine as fixed point holds and is returned); decimals < 0 is an exact integer division.
 * Ranges: decimals ≥ 0, |x| < 2^(62−f)/10^d (2^46/10^d for f = 16); decimals < 0, |x| < 2^46
 * (and 2^(62−f) for float64).
 * Cost (f = 16): decimals = 0, a truncation, an equality and a bit conversion, 12 rounds and ≈ 26 B
 * per element; decimals > 0, + an integer division and a truncation, 39 rounds, ≈ 180 B;
 * decimals < 0, a floor, an integer division and a comparison, 32 rounds, ≈ 175 B.
 * @example np.round(x) // [0.5, 1.5, 2.5, -0.5] → [0, 2, 2, -0]
 * @example np.round(x, { decimals: 2 })
 */
export const round = routine(
  "round",
  ["a"],
  { decimals: "integer" },
  function round(a: SecureArray, options: RoundOptions = {}): SecureArray {
    const x = secureArg("round", a, "a");
    const d = options.decimals ?? 0;
    if (x.dtype === "int64" && d >= 0) return x;
    const dt: DType = x.dtype === "int64" ? "int64" : "float64";
    const g = new Graph(x.vm, "round", x.shape);
    const node = nodeAs(g, x, dt);
    if (x.size === 0) return g.out(node, dt);
    const f = g.vm.fracBits;
    if (d === 0) return g.out(toFloat(g, roundEvenInt(g, node)), dt);
    if (d > 0) {
      const scale = 10 ** d;
      // Finer than half an ulp: NumPy's rounding moves x by less than the encoding would.
      if (scale > 2 ** (f + 1)) return g.out(node, dt);
      // n = round(x·10^d) = a·10^d + b exactly, then n/10^d = a + b/10^d with b/10^d ∈ [0, 1)
      // rounded once (b is small, so its reciprocal can carry 60 − f bits).
      const n = roundEvenInt(g, g.apply(ops.mulInt_ap, [node], { p: BigInt(scale) }));
      const { q: a, r: b } = divmodPublic(g, n, BigInt(scale));
      const S = 60 - f;
      const frac = g.apply(ops.trunc_a, [g.apply(ops.mulInt_ap, [b], { p: BigInt(Math.round(2 ** (S + f) / scale)) })], { bits: S });
      return g.out(g.op(ops.add_aa, toFloat(g, a), frac), "float64");
    }
    // d < 0: k = 10^|d| (even), x = I + φ with I = ⌊x⌋ and φ ∈ [0, 1). Ties (x = (m + 1/2)·k) have
    // φ = 0. With (q, r) = divmod(I + k/2, 2k), ⌊(x + k/2)/k⌋ = 2q + [r ≥ k]; halves to even drop
    // the +1 exactly when r = k and φ = 0, so the result is (2q + [r·2^f + φ·2^f > k·2^f])·k.
    const k = 10n ** BigInt(-d);
    // |x| < 2^46 ≤ k/2: every value rounds to 0, as NumPy's does (k·2^f would not fit the ring).
    if (k > 1n << 47n) return g.out(fill(g, 0n), dt);
    const isFloat = dt === "float64";
    const I = isFloat ? floorInt(g, node) : node;
    const { q, r } = divmodPublic(g, g.apply(ops.add_ap, [I], { p: k / 2n }), 2n * k);
    const unit = isFloat ? 1n << BigInt(f) : 1n;
    // r·2^f + φ·2^f = r·2^f + (x − I·2^f) for float64; r for int64.
    const rest = isFloat
      ? g.op(ops.add_aa, g.apply(ops.mulInt_ap, [r], { p: unit }), g.op(ops.sub_aa, node, g.apply(ops.mulInt_ap, [I], { p: unit })))
      : r;
    const bump = g.op(ops.bit2a_b, g.op(ops.msb_a, g.apply(ops.sub_pa, [rest], { p: k * unit })));
    const m = g.op(ops.add_aa, g.apply(ops.mulInt_ap, [q], { p: 2n }), bump);
    return g.out(g.apply(ops.mulInt_ap, [m], { p: BigInt.asUintN(64, k * unit) }), dt);
  },
);
