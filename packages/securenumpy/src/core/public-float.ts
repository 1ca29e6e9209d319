/**
 * Products by public floats off the fixed-point grid (`x * 0.001`, `x / 7.3`, weights 0.1, 0.2, ...).
 *
 * Rounding such a factor p to f fractional bits first errs by up to 2^−(f+1) on p, so |x|·2^−(f+1)
 * on the product: 0.7% for p = 0.001 (x·0.001 at x = 1000 gave 1.00708). Encoding p with f + s
 * fractional bits, P = round(p·2^(f+s)), makes that error |x|·2^−(f+s+1), but x·P alone would need
 * |x·p|·2^(2f+s) < 2^62, cutting the product range by 2^s. So P is split as P = H·2^s + L with
 * H = round(P / 2^s) (p at f bits) and |L| ≤ 2^(s−1), and the product is computed in two exact
 * truncations (kernels/truncate.ts; round to nearest):
 *
 *   t = trunc(x·L, s),   u = x·H + t,   result = trunc(u, a)   (a = f for float64 x; int64 x: u)
 *
 * x·H + x·L/2^s = x·P/2^s, so the result is x·P/2^(s+a) rounded once at the end, the inner rounding
 * costing 2^−(f+1) ulp (float64 x) or 1/2 ulp (int64 x, where it is the only rounding). The range of
 * u is the product's usual one (|x·p| < 2^(62−2f) for float64 x); the inner product needs
 * |x|·2^(a+s−1) < 2^62, i.e. |x| < 2^(63−a−s). s balances that against the encoding error
 * |x|·2^−(s+1) ulp: s = ⌊(62 − a)/2⌋, so for f = 16 s = 23 for float64 x (|x| < 2^24, error
 * ≤ 1/2 ulp + |x|·2^−40) and 31 for int64 x (|x| < 2^32, error ≤ 1/2 ulp + |x|·2^−48). Cost: two
 * truncations in sequence (by s, then by f; int64 x: one, by s), where the f-bit encoding had one.
 */
import { ops, type Node } from "@petace/duet";
import { encodeInt64 } from "@petace/primitives";
import { publicRing } from "./elementwise.js";
import type { Graph } from "./graph.js";
import { PlainArray } from "./plain.js";

/** The public factor split into its f-bit part H and the s-bit remainder L (integers in float64). */
export interface SplitFactor {
  /** Extra fractional bits beyond f. */
  s: number;
  hi: Float64Array;
  lo: Float64Array;
}

/** Extra bits for a secret at scale 2^a (a = 0 or f), balancing range and error (doc above). */
export function extraBits(scale: number): number {
  return Math.floor((62 - scale) / 2);
}

/**
 * p split for a secret at scale 2^a, or null when every value is on the fixed-point grid (then the
 * f-bit encoding is exact and one truncation suffices) or beyond 2^(52−f).
 */
export function splitFactor(p: Float64Array, fracBits: number, scale: number): SplitFactor | null {
  let onGrid = true;
  for (let i = 0; i < p.length; i++) {
    const v = p[i]! * 2 ** fracBits;
    if (!(Math.abs(v) < 2 ** 52)) return null;
    if (!Number.isInteger(v)) onGrid = false;
  }
  if (onGrid) return null;
  const s = extraBits(scale);
  const hi = new Float64Array(p.length);
  const lo = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) {
    // round(p·2^(f+s)) = H·2^s + round(r·2^s) with H = round(p·2^f) and r = p·2^f − H in [−1/2, 1/2]:
    // every step is exact in float64 (scaling by powers of two, and r has fewer bits than p·2^f).
    const v = p[i]! * 2 ** fracBits;
    hi[i] = Math.round(v);
    lo[i] = Math.round((v - hi[i]!) * 2 ** s);
  }
  return { s, hi, lo };
}

/** Integers (float64) as a public int64 ring operand of `shape`. */
export function ringOf(v: Float64Array, shape: readonly number[]): PlainArray {
  return new PlainArray(new BigInt64Array(encodeInt64(v).buffer), shape, "int64");
}

/**
 * The two-truncation combination of the doc above: hiSum = x·H and loSum = x·L (ring products, or
 * sums of them for contractions), at scale 2^(a+f) and 2^(a+f+s); the result at scale 2^f.
 */
export function combineSplit(g: Graph, hiSum: Node, loSum: Node, s: number, scale: number): Node {
  const u = g.op(ops.add_aa, hiSum, g.apply(ops.trunc_a, [loSum], { bits: s }));
  return scale === 0 ? u : g.apply(ops.trunc_a, [u], { bits: scale });
}

/**
 * x·p at scale 2^f for a secret x at scale 2^a and a public float64 p broadcast to the graph's
 * shape, by the split product (doc above); null when p is on the grid (use the f-bit encoding).
 */
export function productByFloat(g: Graph, x: Node, p: PlainArray, scale: number, arg: string): Node | null {
  const sp = splitFactor(p.toNumbers(), g.vm.fracBits, scale);
  if (sp === null) return null;
  const hi = publicRing(g, ringOf(sp.hi, p.shape), "int64", arg);
  const lo = publicRing(g, ringOf(sp.lo, p.shape), "int64", arg);
  return combineSplit(g, g.apply(ops.mulInt_ap, [x], { p: hi }), g.apply(ops.mulInt_ap, [x], { p: lo }), sp.s, scale);
}
