/**
 * Plaintext references with NumPy semantics for the routine tests, written by multi-index (not with
 * the library's strided index helpers) so a shared bug cannot hide. @internal
 */
import type { DType } from "../src/core/dtype.js";
import type { Ref } from "./util.js";

export const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

export function unravel(i: number, shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  for (let j = shape.length - 1; j >= 0; j--) {
    out[j] = i % shape[j]!;
    i = Math.floor(i / shape[j]!);
  }
  return out;
}

export function ravelIdx(idx: readonly number[], shape: readonly number[]): number {
  let f = 0;
  for (let j = 0; j < shape.length; j++) f = f * shape[j]! + idx[j]!;
  return f;
}

export function at(a: Ref, idx: readonly number[]): number {
  return a.data[ravelIdx(idx, a.shape)]!;
}

export function build(shape: number[], dtype: DType, f: (idx: number[]) => number): Ref {
  const n = size(shape);
  const data: number[] = [];
  for (let i = 0; i < n; i++) data.push(f(unravel(i, shape)));
  return { shape, data, dtype };
}

/** Reduces `axes` (sorted, non-negative) with f over the values in C order of the reduced axes. */
export function reduceRef(a: Ref, axes: number[], keepdims: boolean, dtype: DType, f: (vals: number[]) => number): Ref {
  const keep = a.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const kshape = keep.map((i) => a.shape[i]!);
  const rshape = axes.map((i) => a.shape[i]!);
  const out = build(kshape, dtype, (kidx) => {
    const vals: number[] = [];
    for (let r = 0; r < size(rshape); r++) {
      const ridx = unravel(r, rshape);
      const full = a.shape.map((_, i) => (axes.includes(i) ? ridx[axes.indexOf(i)]! : kidx[keep.indexOf(i)]!));
      vals.push(at(a, full));
    }
    return f(vals);
  });
  if (keepdims) out.shape = a.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  return out;
}

/** Applies f to each 1-D lane along `axis` (f returns the new lane, same length or not). */
export function alongRef(a: Ref, axis: number, dtype: DType, f: (lane: number[]) => number[]): Ref {
  const outer = a.shape.filter((_, i) => i !== axis);
  const lanes = new Map<number, number[]>();
  let len = 0;
  for (let o = 0; o < size(outer); o++) {
    const oidx = unravel(o, outer);
    const lane: number[] = [];
    for (let k = 0; k < a.shape[axis]!; k++) lane.push(at(a, [...oidx.slice(0, axis), k, ...oidx.slice(axis)]));
    const r = f(lane);
    len = r.length;
    lanes.set(o, r);
  }
  const shape = a.shape.map((d, i) => (i === axis ? len : d));
  return build(shape, dtype, (idx) => lanes.get(ravelIdx([...idx.slice(0, axis), ...idx.slice(axis + 1)], outer))![idx[axis]!]!);
}

export const map = (a: Ref, f: (v: number) => number, dtype: DType = a.dtype): Ref => ({ shape: a.shape, data: a.data.map(f), dtype });
