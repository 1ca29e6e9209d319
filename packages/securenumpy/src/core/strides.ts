/**
 * Flat positions of a layout, in one place. Every layout change (broadcast, transpose, slices,
 * flips, repeats, the "reduced axes last" order of reductions) is a gather whose index lists, for
 * each element of the result in C order, the flat position it reads in the source. That index is
 * always an offset plus one term per result axis, so a single walk over the result computes it.
 */
import type { Shape } from "./shape.js";

/**
 * `offset + Σ_j steps[j][i_j]` for every multi-index `i` of the grid whose axis j has
 * `steps[j].length` entries, in C order. Each axis brings its own table of offsets: a strided axis
 * (see `axisSteps`) or arbitrary public positions (advanced indexing, `repeat`).
 */
export function gridIndex(steps: readonly ArrayLike<number>[], offset = 0): Uint32Array {
  let n = 1;
  for (const t of steps) n *= t.length;
  const out = new Uint32Array(n);
  if (n === 0) return out;
  const nd = steps.length;
  const pos = new Array<number>(nd).fill(0);
  let s = offset;
  for (const t of steps) s += t[0]!;
  // An odometer over the multi-index: the last axis moves fastest, and a wrapped axis hands its
  // carry to the one before. Each move adjusts s by a difference, so no element costs a full sum.
  for (let i = 0; i < n; i++) {
    out[i] = s;
    for (let j = nd - 1; j >= 0; j--) {
      const t = steps[j]!;
      const p = ++pos[j]!;
      if (p < t.length) {
        s += t[p]! - t[p - 1]!;
        break;
      }
      s -= t[p - 1]! - t[0]!;
      pos[j] = 0;
    }
  }
  return out;
}

/** The offsets of a strided axis of length d: 0, stride, 2·stride, ... */
export function axisSteps(d: number, stride: number): Float64Array {
  const t = new Float64Array(d);
  for (let k = 0; k < d; k++) t[k] = k * stride;
  return t;
}

/**
 * Flat source positions of the view `offset + Σ_j i_j · strides_j` over `shape` (C order).
 * Strides may be negative (flip) or 0 (broadcast, repeat); the caller keeps every position inside
 * the source.
 */
export function stridedIndex(shape: Shape, strides: readonly number[], offset = 0): Uint32Array {
  return gridIndex(
    shape.map((d, j) => axisSteps(d, strides[j]!)),
    offset,
  );
}
