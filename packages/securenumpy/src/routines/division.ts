/**
 * Integer division with NumPy's sign rules, exact on fixed point: `floorDivide` (NumPy `//`, the
 * floor of the true quotient), `remainder`/`mod` (the sign of the divisor: x − floor(x/y)·y) and
 * `fmod` (C's, the sign of the dividend: x − trunc(x/y)·y). Divisors public or secret, as `divide`.
 * The exact quotient and remainder come from ops/divmod.ts.
 *
 * Results are those of the fixed-point inputs: a float64 divisor such as 0.1 is its fixed-point
 * encoding (0.100006 for f = 16), so remainders by it differ from NumPy's on the binary double.
 * Ranges: public divisor, |x| < 2^31 ring units (int64: |x| < 2^31; float64: |x| < 2^(31−f),
 * 32768 for f = 16; halved under the stochastic truncation opt-in); secret divisor, the division
 * kernel's (2^−f ≤ |y| < 2^21, |x/y| < 2^25). A secret zero divisor gives garbage, not an error.
 */
import { ops, type Node, type Public } from "@petace/duet";
import { nodeAt, prepare, publicRing, secretAt, type Operand } from "../core/elementwise.js";
import type { Graph } from "../core/graph.js";
import { routine } from "../core/options.js";
import { PlainArray } from "../core/plain.js";
import type { SecureArray } from "../core/secure-array.js";
import { divmodPublic, divmodSecret, type DivMod } from "../ops/divmod.js";

interface Division extends DivMod {
  g: Graph;
  /** int64, or float64 when either operand is float64 (bool counts as int64). */
  dtype: "int64" | "float64";
  /** The dividend's node in that dtype. */
  x: Node;
  /** The divisor: public ring values (and their signs), or a secret node. */
  divisor: { p: Public; negative: boolean[] } | { y: Node };
}

function divmodOf(where: string, x1: unknown, x2: unknown): Division {
  const { g, xs, dtype: promoted } = prepare(where, x1, x2);
  const [a, b] = xs as [Operand, Operand];
  const dtype = promoted === "float64" ? "float64" : "int64";
  if (b instanceof PlainArray) {
    const x = secretAt(g, a as SecureArray, dtype);
    const p = publicRing(g, b, dtype, "x2");
    const P = typeof p === "bigint" ? [BigInt.asIntN(64, p)] : Array.from(new BigInt64Array(p.buffer, p.byteOffset, p.length));
    const zero = P.indexOf(0n);
    if (zero >= 0)
      throw new RangeError(
        `${where}: division by zero (the public divisor x2 is 0${dtype === "float64" ? " in fixed point" : ""} at flat position ${zero})`,
      );
    if (g.n === 0) return { g, dtype, x, divisor: { p, negative: [] }, q: x, r: x };
    return { g, dtype, x, divisor: { p, negative: P.map((v) => v < 0n) }, ...divmodPublic(g, x, p) };
  }
  const y = secretAt(g, b, dtype);
  const x = nodeAt(g, a, dtype);
  if (g.n === 0) return { g, dtype, x, divisor: { y }, q: x, r: x };
  if (dtype === "float64") return { g, dtype, x, divisor: { y }, ...divmodSecret(g, x, y) };
  // int64: the quotient in fixed point, the remainder again on the integers (exact).
  const { q } = divmodSecret(g, nodeAt(g, a, "float64"), secretAt(g, b, "float64"));
  return { g, dtype, x, divisor: { y }, q, r: g.op(ops.sub_aa, x, g.op(ops.mulInt_aa, q, y)) };
}

/**
 * NumPy `floor_divide` (`x1 // x2`): the largest integer ≤ x1/x2, exact. int64 (and bool) operands
 * give int64, float64 ones float64. Ranges and float64 divisors: see the file's header.
 * Cost (f = 16): public divisor, two truncations, one msb call and a bit conversion,
 * 19–20 rounds and ≈ 120–140 B per element; secret divisor, the division kernel, a floor and one
 * correction, 84 rounds and ≈ 830 B.
 * @example np.floorDivide(x, 3) // [7, -7] → [2, -3]
 */
export const floorDivide = routine("floorDivide", ["x1", "x2"], {}, function floorDivide(x1: unknown, x2: unknown): SecureArray {
  const d = divmodOf("floorDivide", x1, x2);
  const q = d.dtype === "float64" && d.g.n > 0 ? d.g.apply(ops.mulInt_ap, [d.q], { p: 1n << BigInt(d.g.vm.fracBits) }) : d.q;
  return d.g.out(q, d.dtype);
});

/** remainder's body, shared with `mod` (ops/arithmetic.ts) so that both name themselves in errors. */
export function remainderOf(where: string, x1: unknown, x2: unknown): SecureArray {
  const d = divmodOf(where, x1, x2);
  return d.g.out(d.r, d.dtype);
}

/**
 * NumPy `remainder` (`mod`, `x1 % x2`): x1 − floor(x1/x2)·x2, with the sign of the divisor, exact.
 * dtypes, ranges and cost as `floorDivide`.
 * @example np.remainder(x, 3) // [7, -7] → [1, 2]; np.remainder(x, -3) → [-2, -1]
 */
export const remainder = routine("remainder", ["x1", "x2"], {}, function remainder(x1: unknown, x2: unknown): SecureArray {
  return remainderOf("remainder", x1, x2);
});

/**
 * NumPy `fmod` (C's fmod): x1 − trunc(x1/x2)·x2, with the sign of the dividend, exact: the
 * remainder minus the divisor where it is non-zero and the operands' signs differ.
 * dtypes and ranges as `floorDivide`. Cost: the remainder + an equality + an AND + a bit
 * conversion (public divisor: 34 rounds, ≈ 200 B per element; secret: 89 rounds, ≈ 1000 B).
 * @example np.fmod(x, 3) // [7, -7] → [1, -1]
 */
export const fmod = routine("fmod", ["x1", "x2"], {}, function fmod(x1: unknown, x2: unknown): SecureArray {
  const d = divmodOf("fmod", x1, x2);
  const { g, r } = d;
  if (g.n === 0) return g.out(r, d.dtype);
  const nonZero = g.op(ops.not_b, g.apply(ops.eq_ap, [r], { p: 0n }));
  const xNeg = g.op(ops.msb_a, d.x);
  if ("p" in d.divisor) {
    const { p, negative } = d.divisor;
    let differ = xNeg;
    if (negative.some((v) => v)) {
      const bits = new Uint32Array((g.n + 31) >>> 5);
      for (let i = 0; i < g.n; i++) if (negative[negative.length === 1 ? 0 : i]) bits[i >>> 5]! |= 1 << (i & 31);
      differ = g.apply(ops.xor_bp, [xNeg], { p: bits });
    }
    const fix = g.op(ops.bit2a_b, g.op(ops.and_bb, nonZero, differ));
    return g.out(g.op(ops.sub_aa, r, g.apply(ops.mulInt_ap, [fix], { p })), d.dtype);
  }
  const { y } = d.divisor;
  const differ = g.op(ops.xor_bb, xNeg, g.op(ops.msb_a, y));
  return g.out(g.op(ops.sub_aa, r, g.op(ops.mul_ba, g.op(ops.and_bb, nonZero, differ), y)), d.dtype);
});
