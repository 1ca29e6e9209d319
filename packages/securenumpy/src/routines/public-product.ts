/**
 * A contraction with one public operand, without a triple: each party multiplies its own shares
 * of the secret operand by the public values (exact ring products, no message), sums over the
 * contracted axis locally, and float64 · float64 is truncated once per output. So the only
 * interaction is that truncation (5 rounds, ≈ 10 B per output with the exact default), where the
 * secret·secret path also opens the masked operands (1 round, 8(mk + kn) B per matrix).
 */
import { ops } from "@petace/duet";
import type { DType } from "../core/dtype.js";
import { encodePlain } from "../core/encode.js";
import { Graph } from "../core/graph.js";
import { combineSplit, type Limb } from "../core/public-float.js";
import type { PlainArray } from "../core/plain.js";
import type { SecureArray } from "../core/secure-array.js";
import { stridesOf } from "../core/shape.js";
import { nodeAs } from "./util.js";

/** The dtype a public operand is encoded in (bool as the integers 0/1). */
export const publicDType = (p: PlainArray): DType => (p.dtype === "float64" ? "float64" : "int64");

/**
 * The public operand's ring values laid out in the order of the labels `order` (C order), reading
 * repeated labels along their diagonal and summing (mod 2^64, exactly) over its labels not in `order`.
 */
export function arrangePublic(
  where: string,
  p: PlainArray,
  fracBits: number,
  labels: readonly string[],
  order: readonly string[],
  size: ReadonlyMap<string, number>,
): BigUint64Array {
  const ring = encodePlain(p, publicDType(p), fracBits, where, "operand") as BigUint64Array;
  const out = new BigUint64Array(outSize(order, size));
  forEachArranged(p.shape, labels, order, size, (o, flat) => {
    out[o] = BigInt.asUintN(64, out[o]! + ring[flat]!);
  });
  return out;
}

/** As arrangePublic, on the float64 values themselves (summed in float64, as NumPy). */
export function arrangeFloat(
  p: PlainArray,
  labels: readonly string[],
  order: readonly string[],
  size: ReadonlyMap<string, number>,
): Float64Array {
  const v = p.toNumbers();
  const out = new Float64Array(outSize(order, size));
  forEachArranged(p.shape, labels, order, size, (o, flat) => {
    out[o]! += v[flat]!;
  });
  return out;
}

const outSize = (order: readonly string[], size: ReadonlyMap<string, number>): number => order.reduce((q, l) => q * size.get(l)!, 1);

/** Calls visit(output position, source flat position) for every term of arrangePublic's sums. */
function forEachArranged(
  shape: readonly number[],
  labels: readonly string[],
  order: readonly string[],
  size: ReadonlyMap<string, number>,
  visit: (o: number, flat: number) => void,
): void {
  const st = stridesOf(shape);
  const strideOf = (l: string) => labels.reduce((s, m, ax) => (m === l ? s + st[ax]! : s), 0);
  const summed = [...new Set(labels)].filter((l) => !order.includes(l));
  const all = [...order, ...summed];
  const dims = all.map((l) => size.get(l)!);
  const strides = all.map(strideOf);
  const outN = outSize(order, size);
  const inner = summed.reduce((q, l) => q * size.get(l)!, 1);
  if (outN === 0 || inner === 0) return;
  const idx = new Array<number>(all.length).fill(0);
  let flat = 0;
  for (let t = 0; t < outN * inner; t++) {
    visit(Math.floor(t / inner), flat);
    // Odometer over `all` (the summed labels vary fastest), keeping the source offset.
    for (let a = all.length - 1; a >= 0; a--) {
      idx[a]!++;
      flat += strides[a]!;
      if (idx[a]! < dims[a]!) break;
      flat -= strides[a]! * dims[a]!;
      idx[a] = 0;
    }
  }
}

/**
 * C[q] = P[q]·S[q] (publicLeft: P (nb, m, k), S (nb, k, n)) or S[q]·P[q] (S (nb, m, k), P (nb, k, n)),
 * P given as ring values in `pubDType`'s encoding; the result (nb, m, n). With `split`, P is a float
 * off the fixed-point grid split into H and limbs (core/public-float.ts): `pub` holds H and
 * split.limbs the limbs' digits (int64 encodings), and the sums of products are combined with one
 * final rounding.
 */
export function publicProduct(
  where: string,
  s: SecureArray,
  pub: BigUint64Array,
  pubDType: DType,
  publicLeft: boolean,
  dims: readonly [number, number, number, number],
  split?: { limbs: readonly Limb[]; rings: readonly BigUint64Array[] },
): SecureArray {
  const [nb, m, k, n] = dims;
  const sd: DType = s.dtype === "bool" ? "int64" : s.dtype;
  const g = new Graph(s.vm, where, [nb, m, n]);
  const xs = nodeAs(g, s, sd);
  const total = nb * m * n * k;
  const is = new Uint32Array(total);
  const pe = new BigUint64Array(total);
  const pl = split === undefined ? [] : split.rings.map(() => new BigUint64Array(total));
  let t = 0;
  for (let q = 0; q < nb; q++)
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++)
        for (let l = 0; l < k; l++, t++) {
          const left = (q * m + i) * k + l;
          const right = (q * k + l) * n + j;
          is[t] = publicLeft ? right : left;
          pe[t] = pub[publicLeft ? left : right]!;
          for (let j = 0; j < pl.length; j++) pl[j]![t] = split!.rings[j]![publicLeft ? left : right]!;
        }
  const gathered = g.gather(xs, is);
  const sumOf = (p: BigUint64Array) => g.apply(ops.sum_a, [g.apply(ops.mulInt_ap, [gathered], { p })], { rows: nb * m * n, cols: k });
  const sums = sumOf(pe);
  if (split !== undefined) return g.out(combineSplit(g, sums, pl.map(sumOf), split.limbs, sd === "float64" ? s.vm.fracBits : 0), "float64");
  const fixed = sd === "float64" && pubDType === "float64";
  const dt: DType = sd === "float64" || pubDType === "float64" ? "float64" : "int64";
  return g.out(fixed ? g.apply(ops.trunc_a, [sums], { bits: s.vm.fracBits }) : sums, dt);
}
