/**
 * NumPy `linalg.norm`: vector norms (2, 1, ∞, −∞, 0) along an axis, matrix norms (Frobenius, 1,
 * ∞, −1, −∞) over a pair of axes. The 2-norm is the square root of one rounded sum of exact ring
 * squares; the 1 and ∞ norms are sums and extremes of absolute values. Norms that need singular
 * values (matrix 2, −2, "nuc") are refused.
 */
import { ops } from "@petace/duet";
import { routine } from "../core/options.js";
import type { SecureArray } from "../core/secure-array.js";
import { absolute } from "../ops/arithmetic.js";
import { astype } from "../ops/astype.js";
import { sqrt } from "./math.js";
import { max, min, sum } from "./reduce.js";
import { countNonzero } from "./sorting.js";
import { axisOf, same, secureArg, toRows, type KeepdimsOptions, KEEPDIMS } from "./util.js";

export type NormOrd = number | "fro" | "nuc" | null | undefined;

/** Σ x² over `axes` as float64, the exact ring squares summed and then rounded once. */
export function sumOfSquares(where: string, x: SecureArray, axes: number[], keepdims: boolean): SecureArray {
  const dt = x.dtype === "float64" ? "float64" : "int64";
  const r = toRows(where, x, axes, keepdims, dt);
  const sq = r.g.op(ops.squareInt_a, r.node);
  const s = r.g.apply(ops.sum_a, [sq], { rows: r.rows, cols: r.cols });
  if (dt === "int64") return astype(r.g.out(s, "int64"), "float64");
  return r.g.out(r.g.apply(ops.trunc_a, [s], { bits: x.vm.fracBits }), "float64");
}

function asFloat(x: SecureArray): SecureArray {
  return x.dtype === "float64" ? x : astype(x, "float64");
}

const VECTOR_ORDS = "null, 2, 1, Infinity, -Infinity or 0";
const MATRIX_ORDS = 'null, "fro", 1, -1, Infinity or -Infinity';

/**
 * NumPy `linalg.norm(x, ord=None, axis=None, keepdims=False)`. axis null: the 2-norm of the
 * flattened array when ord is null, else x must be 1-D (vector norm) or 2-D (matrix norm); an
 * integer axis: vector norms along it; a pair: matrix norms over those axes. Always float64.
 *
 * Cost: 2-norm / Frobenius: the squares (1 round, 8 B per element), local sums, one truncation and
 * one `sqrt` of each result (≈ 57 rounds, ≈ 900 B per result). 1 and ∞ norms: `absolute`
 * (one comparison per element) then local sums and a max/min tournament (9 rounds per level);
 * ord 0: one comparison with zero per element.
 * Accuracy: the 2-norm is sqrt's (about 1 ulp relative) on a sum of squares that is exact up to one
 * rounding; valid for sums of squares in sqrt's range [2^−8, 2^30] (norms in [2^−4, 2^15]);
 * below it the value is wrong, not 0 (a zero vector does not give exactly 0). 1 and ∞ norms are
 * exact on fixed-point inputs.
 * @example np.linalg.norm(v)  np.linalg.norm(m, 1)  np.linalg.norm(x, null, -1, { keepdims: true })
 */
export const norm = routine(
  "linalg.norm",
  ["x", "ord", "axis"],
  KEEPDIMS,
  function norm(
    x: SecureArray,
    ord: NormOrd = null,
    axis: number | readonly number[] | null = null,
    options: KeepdimsOptions = {},
  ): SecureArray {
    const W = "linalg.norm";
    const a = secureArg(W, x, "x");
    const keepdims = options.keepdims ?? false;
    if (ord !== null && ord !== undefined && typeof ord !== "number" && ord !== "fro" && ord !== "nuc")
      throw new TypeError(`${W}: ord must be null, a number, "fro" or "nuc"`);
    let axes: number[];
    if (axis === null || axis === undefined) {
      if (ord === null || ord === undefined) {
        // The 2-norm of the flattened array; keepdims keeps every axis as 1.
        return sqrt(sumOfSquares(W, a, [...Array(a.ndim).keys()], keepdims));
      }
      if (a.ndim !== 1 && a.ndim !== 2) throw new RangeError(`${W}: with ord and no axis, x must be 1-D or 2-D, got ${a.ndim}-D`);
      axes = [...Array(a.ndim).keys()];
    } else {
      const list = typeof axis === "number" ? [axis] : axis;
      if (!Array.isArray(list) || (list.length !== 1 && list.length !== 2))
        throw new TypeError(`${W}: axis must be null, an integer or a pair of integers`);
      axes = list.map((q) => axisOf(W, q, a.ndim, "axis"));
      if (axes.length === 2 && axes[0] === axes[1]) throw new RangeError(`${W}: the two axes of a matrix norm must differ`);
    }
    if (axes.length === 1) return vectorNorm(W, a, ord ?? 2, axes[0]!, keepdims);
    return matrixNorm(W, a, ord ?? "fro", axes[0]!, axes[1]!, keepdims);
  },
);

function vectorNorm(W: string, a: SecureArray, ord: number | string, axis: number, keepdims: boolean): SecureArray {
  if (ord === 2) return sqrt(sumOfSquares(W, a, [axis], keepdims));
  if (ord === 1) return asFloat(sum(absolute(a), axis, { keepdims }));
  if (ord === Number.POSITIVE_INFINITY) return asFloat(max(absolute(a), axis, { keepdims }));
  if (ord === Number.NEGATIVE_INFINITY) return asFloat(min(absolute(a), axis, { keepdims }));
  if (ord === 0) return asFloat(countNonzero(a, axis, { keepdims }));
  throw new RangeError(`${W}: vector ord ${String(ord)} is not supported; use ${VECTOR_ORDS}`);
}

function matrixNorm(W: string, a: SecureArray, ord: number | string, row: number, col: number, keepdims: boolean): SecureArray {
  if (ord === "fro") return sqrt(sumOfSquares(W, a, [row, col], keepdims));
  if (ord === 2 || ord === -2 || ord === "nuc")
    throw new RangeError(
      `${W}: the matrix ${String(ord)}-norm needs singular values, which are not computed on shares; use ${MATRIX_ORDS}`,
    );
  const big = ord === 1 || ord === Number.POSITIVE_INFINITY;
  if (!big && ord !== -1 && ord !== Number.NEGATIVE_INFINITY)
    throw new RangeError(`${W}: matrix ord ${String(ord)} is not supported; use ${MATRIX_ORDS}`);
  // ord ±1: sums down the rows (over `row`), extreme over columns; ord ±∞ the other way round.
  const [summed, across] = ord === 1 || ord === -1 ? [row, col] : [col, row];
  const s = sum(absolute(a), summed, { keepdims: true });
  const e = big ? max(s, across, { keepdims: true }) : min(s, across, { keepdims: true });
  // Drop the two length-1 axes unless keepdims (a reshape, no data movement).
  return asFloat(
    keepdims
      ? e
      : same(
          e,
          e.shape.filter((_, i) => i !== summed && i !== across),
        ),
  );
}
