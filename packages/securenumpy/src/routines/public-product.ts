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
  const st = stridesOf(p.shape);
  const strideOf = (l: string) => labels.reduce((s, m, ax) => (m === l ? s + st[ax]! : s), 0);
  const summed = [...new Set(labels)].filter((l) => !order.includes(l));
  const all = [...order, ...summed];
  const dims = all.map((l) => size.get(l)!);
  const strides = all.map(strideOf);
  const outN = order.reduce((q, l) => q * size.get(l)!, 1);
  const inner = summed.reduce((q, l) => q * size.get(l)!, 1);
  const out = new BigUint64Array(outN);
  if (outN === 0 || inner === 0) return out;
  const idx = new Array<number>(all.length).fill(0);
  let flat = 0;
  for (let t = 0; t < outN * inner; t++) {
    const o = Math.floor(t / inner);
    out[o] = BigInt.asUintN(64, out[o]! + ring[flat]!);
    // Odometer over `all` (the summed labels vary fastest), keeping the source offset.
    for (let a = all.length - 1; a >= 0; a--) {
      idx[a]!++;
      flat += strides[a]!;
      if (idx[a]! < dims[a]!) break;
      flat -= strides[a]! * dims[a]!;
      idx[a] = 0;
    }
  }
  return out;
}

/**
 * C[q] = P[q]·S[q] (publicLeft: P (nb, m, k), S (nb, k, n)) or S[q]·P[q] (S (nb, m, k), P (nb, k, n)),
 * P given as ring values in `pubDType`'s encoding; the result (nb, m, n).
 */
export function publicProduct(
  where: string,
  s: SecureArray,
  pub: BigUint64Array,
  pubDType: DType,
  publicLeft: boolean,
  dims: readonly [number, number, number, number],
): SecureArray {
  const [nb, m, k, n] = dims;
  const sd: DType = s.dtype === "bool" ? "int64" : s.dtype;
  const g = new Graph(s.vm, where, [nb, m, n]);
  const xs = nodeAs(g, s, sd);
  const total = nb * m * n * k;
  const is = new Uint32Array(total);
  const pe = new BigUint64Array(total);
  let t = 0;
  for (let q = 0; q < nb; q++)
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++)
        for (let l = 0; l < k; l++, t++) {
          const left = (q * m + i) * k + l;
          const right = (q * k + l) * n + j;
          is[t] = publicLeft ? right : left;
          pe[t] = pub[publicLeft ? left : right]!;
        }
  const prod = g.apply(ops.mulInt_ap, [g.gather(xs, is)], { p: pe });
  const sums = g.apply(ops.sum_a, [prod], { rows: nb * m * n, cols: k });
  const fixed = sd === "float64" && pubDType === "float64";
  const dt: DType = sd === "float64" || pubDType === "float64" ? "float64" : "int64";
  return g.out(fixed ? g.apply(ops.trunc_a, [sums], { bits: s.vm.fracBits }) : sums, dt);
}
