/**
 * Products by public floats off the fixed-point grid (`x * 0.001`, `x / 7.3`, weights 0.1, 0.2, ...).
 *
 * Rounding such a factor p to f fractional bits first errs by up to 2^−(f+1) on p, so |x|·2^−(f+1)
 * on the product: 0.7% for p = 0.001 (x·0.001 at x = 1000 gave 1.00708). Encoding p with E more
 * fractional bits, P = round(p·2^(f+E)), makes that error |x|·2^−(f+E+1), but x·P alone would need
 * |x·p|·2^(2f+E) < 2^62, cutting the product range by 2^E. So P is split into p at f bits and L limbs
 * of b bits, P = H·2^E + Σ_j d_j·2^(E−jb) with E = Lb and balanced digits |d_j| ≤ 2^(b−1), and the
 * product is computed with exact truncations (kernels/truncate.ts; round to nearest):
 *
 *   u = x·H + Σ_j trunc(x·d_j, jb),   result = trunc(u, a)   (a = f for float64 x; int64 x: u)
 *
 * The sum is x·P/2^E up to the inner roundings, each 1/2 at scale 2^(a+f) (2^−(f+1) ulp for float64
 * x; for int64 x, a = 0, the one inner truncation is the final rounding), and it is rounded once at
 * the end.
 * Ranges: u has the product's usual one (|x·p| < 2^(62−2f) for float64 x), and each x·d_j needs
 * |x|·2^(a+b−1) < 2^62, i.e. |x| < 2^(63−a−b). The encoding error is |x|·2^−(E+1) ulp; with
 * b = ⌈(63 − a)/(L + 1)⌉ it stays within 1/2 ulp up to that edge. limbLayout takes one limb when
 * its range covers the product range for the smallest |p| of the call, else two: for f = 16 and
 * float64 x, |x| < 2^23 (|p| ≥ 2^7) or |x| < 2^31 (x·0.001, x/7.3). Result: within 1/2 ulp +
 * |x|·2^−(f+E+1) ≤ 1 ulp of the product with the float itself. int64 x: one 31-bit limb, within
 * 1/2 ulp + |x|·2^−(f+32), |x| < 2^32. Cost: L + 1 truncations in sequence (int64 x: one), where
 * the f-bit encoding has one: 11 rounds and ≈ 26 B/element with one limb, 16 and ≈ 42 B with two.
 */
import { ops, type Node } from "@petace/duet";
import { encodeInt64 } from "@petace/primitives";
import { publicRing } from "./elementwise.js";
import type { Graph } from "./graph.js";
import { PlainArray } from "./plain.js";

/** One limb of the split: digits d (integers in float64, |d| ≤ 2^(b−1)) weighing 2^−(f+shift). */
export interface Limb {
  d: Float64Array;
  shift: number;
}

/** The public factor split into its f-bit part H and the limbs below it. */
export interface SplitFactor {
  hi: Float64Array;
  limbs: Limb[];
}

/**
 * At most this many limbs. Each is one more truncation, with its own shift: the VM runs calls of
 * different shifts one after the other, so a limb costs its truncation's rounds (x·0.001 with 4
 * limbs: 29 rounds, 77.8 B/element; 2 limbs: 16 rounds, 41.5 B).
 */
const MAX_LIMBS = 2;

/**
 * Limb width b and count L for a secret at scale 2^a (doc above). |x| < 2^(63−a−b) keeps every
 * x·d_j in the truncation's range, and b = ⌈(63 − a)/(L + 1)⌉ keeps the encoding error at that
 * edge, 2^(63−a−b)·2^−(Lb+1) ulp, within 1/2 ulp. float64 x (a = f = 16): the fewest limbs whose range
 * covers the product range |x| < 2^(62−2f)/min|p|, at most MAX_LIMBS (L = 1, 2: |x| < 2^23, 2^31);
 * int64 x (a = 0): one limb of 31 bits (|x| < 2^32; there the inner truncation is the final rounding).
 */
export function limbLayout(fracBits: number, scale: number, minAbs: number): { b: number; count: number } {
  if (scale === 0) return { b: 31, count: 1 };
  const need = 62 - scale - fracBits - Math.log2(minAbs);
  for (let count = 1; ; count++) {
    const b = Math.ceil((63 - scale) / (count + 1));
    if (63 - scale - b >= need || count === MAX_LIMBS) return { b, count };
  }
}

/**
 * p split for a secret at scale 2^a, or null when every value is on the fixed-point grid (then the
 * f-bit encoding is exact and one truncation suffices) or beyond 2^(52−f).
 */
export function splitFactor(p: Float64Array, fracBits: number, scale: number): SplitFactor | null {
  let onGrid = true;
  let minAbs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < p.length; i++) {
    const v = p[i]! * 2 ** fracBits;
    if (!(Math.abs(v) < 2 ** 52)) return null;
    if (!Number.isInteger(v)) onGrid = false;
    if (p[i] !== 0) minAbs = Math.min(minAbs, Math.abs(p[i]!));
  }
  if (onGrid) return null;
  const { b, count } = limbLayout(fracBits, scale, minAbs);
  const hi = new Float64Array(p.length);
  const limbs: Limb[] = Array.from({ length: count }, (_, j) => ({ d: new Float64Array(p.length), shift: (j + 1) * b }));
  for (let i = 0; i < p.length; i++) {
    // round(p·2^(f+E)) = H·2^E + Σ d_j·2^(E−jb) by successive rounding of the remainder r ∈ [−1/2, 1/2]:
    // every step is exact in float64 (scaling by powers of two, differences of nearby values).
    let r = p[i]! * 2 ** fracBits;
    hi[i] = Math.round(r);
    r -= hi[i]!;
    for (const limb of limbs) {
      r *= 2 ** b;
      limb.d[i] = Math.round(r);
      r -= limb.d[i]!;
    }
  }
  return { hi, limbs };
}

/** Integers (float64) as a public int64 ring operand of `shape`. */
export function ringOf(v: Float64Array, shape: readonly number[]): PlainArray {
  return new PlainArray(new BigInt64Array(encodeInt64(v).buffer), shape, "int64");
}

/**
 * The combination of the doc above: hiSum = x·H and limbSums[j] = x·d_j (ring products, or sums of
 * them for contractions), at scale 2^(a+f) and 2^(a+f+shift_j); the result at scale 2^f.
 */
export function combineSplit(g: Graph, hiSum: Node, limbSums: readonly Node[], limbs: readonly Limb[], scale: number): Node {
  let u = hiSum;
  for (let j = 0; j < limbs.length; j++) u = g.op(ops.add_aa, u, g.apply(ops.trunc_a, [limbSums[j]!], { bits: limbs[j]!.shift }));
  return scale === 0 ? u : g.apply(ops.trunc_a, [u], { bits: scale });
}

/**
 * x·p at scale 2^f for a secret x at scale 2^a and a public float64 p broadcast to the graph's
 * shape, by the split product (doc above); null when p is on the grid (use the f-bit encoding).
 */
export function productByFloat(g: Graph, x: Node, p: PlainArray, scale: number, arg: string): Node | null {
  const sp = splitFactor(p.toNumbers(), g.vm.fracBits, scale);
  if (sp === null) return null;
  const times = (v: Float64Array) => g.apply(ops.mulInt_ap, [x], { p: publicRing(g, ringOf(v, p.shape), "int64", arg) });
  return combineSplit(
    g,
    times(sp.hi),
    sp.limbs.map((l) => times(l.d)),
    sp.limbs,
    scale,
  );
}
