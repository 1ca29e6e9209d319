/**
 * Sorting and searching, oblivious: no comparison outcome is ever opened (every compare-and-swap is
 * a secret selection), so the results say nothing until revealed.
 */
import { ops } from "@petace/duet";
import type { DType } from "../core/dtype.js";
import type { SecureArray } from "../core/secure-array.js";
import { where as where3 } from "../ops/where.js";
import { sum } from "./reduce.js";
import { axisOf, fromLast, nodeAs, same, secureArg, toRows, type Axis, KEEPDIMS, type KeepdimsOptions } from "./util.js";
import { Graph } from "../core/graph.js";
import { routine } from "../core/options.js";

function sortImpl(where: "sort" | "argsort", a: SecureArray, axis: number | null | undefined, descending: boolean): SecureArray {
  let x = secureArg(where, a);
  if (axis === null) x = same(x, [x.size]);
  if (x.ndim === 0) throw new RangeError(`${where}: cannot sort a 0-D array (use axis = null to flatten)`);
  const ax = axisOf(where, axis ?? -1, x.ndim);
  const dt: DType = x.dtype === "bool" ? "int64" : x.dtype;
  const r = toRows(where, x, [ax], false, dt);
  const n = r.rows * r.cols;
  const g = new Graph(x.vm, where, x.shape);
  if (n === 0 || r.cols === 1) {
    if (where === "sort") return g.out(nodeAs(g, x, x.dtype), x.dtype);
    return g.out(g.constant(new BigUint64Array(n)), "int64");
  }
  const params = { rows: r.rows, cols: r.cols, descending };
  if (where === "sort") {
    const s = fromLast(g, g.apply(ops.sort_a, [r.node], params), x.shape, ax);
    return g.out(x.dtype === "bool" ? g.op(ops.not_b, g.apply(ops.eq_ap, [s], { p: 0n })) : s, x.dtype);
  }
  const both = g.apply(ops.argsort_a, [r.node], params);
  const idx = g.gather(
    both,
    Uint32Array.from({ length: n }, (_, i) => n + i),
  );
  return g.out(fromLast(g, idx, x.shape, ax), "int64");
}

/**
 * NumPy `sort(a, axis=-1)`; `axis = null` sorts the flattened array. Oblivious bitonic network:
 * ⌈log2 n⌉(⌈log2 n⌉+1)/2 layers of 9 rounds (one batched comparison + selection per layer),
 * ≈ 45 B + 24 B per compare-and-swap. Valid for |x| < 2^46 (float64, f = 16).
 * @example np.sort(x, 0)
 */
export const sort = routine("sort", ["a", "axis"], {}, function sort(a: SecureArray, axis: number | null = -1): SecureArray {
  return sortImpl("sort", a, axis, false);
});

/**
 * NumPy `argsort(a, axis=-1)`: int64 indices that sort `a`, secret. Cost as `sort` (indices carried
 * along). Unlike NumPy's default, the order among equal values is unspecified (not stable).
 * @example np.argsort(x, 0)
 */
export const argsort = routine("argsort", ["a", "axis"], {}, function argsort(a: SecureArray, axis: number | null = -1): SecureArray {
  return sortImpl("argsort", a, axis, false);
});

/**
 * NumPy `count_nonzero(a, axis=None, keepdims=False)`: a secret int64 count. Cost: one equality
 * test per element (6 rounds, ≈ 16 B) + a bit conversion (1 round); bool input: 1 round.
 * @example np.countNonzero(x.gt(0), 1)
 */
export const countNonzero = routine(
  "countNonzero",
  ["a", "axis"],
  KEEPDIMS,
  function countNonzero(a: SecureArray, axis?: Axis, options: KeepdimsOptions = {}): SecureArray {
    const keepdims = options.keepdims ?? false;
    const x = secureArg("countNonzero", a);
    return sum(x.dtype === "bool" ? x : x.astype("bool"), axis, { keepdims });
  },
);

/**
 * NumPy `where(condition, x, y)`: elements of x where the condition holds, else of y, with
 * broadcasting. Cost: one multiplexer (2 rounds) for a secret condition; local for a public one.
 * The one-argument form `where(condition)` (= `nonzero`) is refused: it returns the positions of
 * the true elements, so its length and values would reveal the secret condition.
 * @example np.where(x.gt(0), x, 0)
 */
export const where = routine(
  "where",
  ["condition", "x", "y"],
  {},
  function where(...args: [condition: unknown, x?: unknown, y?: unknown, options?: Record<string, never>]): SecureArray {
    const [condition, x, y] = args;
    if (args.length === 1) {
      throw new TypeError(
        "where: the one-argument form where(condition) returns the indices of the true elements, which would reveal the secret condition (how many and where); use where(condition, x, y), or countNonzero(condition) for a secret count",
      );
    }
    // A fourth argument is the (empty) options object, already checked by routine().
    if (args.length < 3) throw new TypeError("where: expected where(condition, x, y)");
    return where3(condition, x, y);
  },
);
