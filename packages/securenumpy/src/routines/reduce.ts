/**
 * Reductions over any axis or axes (NumPy's `axis=None | int | list`, negative axes, `keepdims`):
 * the reduced axes are moved last by one local gather, then one rows×cols VM operator reduces every
 * row at once, in log depth (sums are local; products, max and min are trees).
 */
import { ops, type Node } from "@petace/duet";
import type { DType } from "../core/dtype.js";
import type { Graph } from "../core/graph.js";
import type { SecureArray } from "../core/secure-array.js";
import { stridedIndex } from "../core/strides.js";
import { axesOf, axisOf, fill, fixed, same, secureArg, toRows, type Axis, KEEPDIMS, type KeepdimsOptions } from "./util.js";
import { routine } from "../core/options.js";

/** NumPy's accumulator dtype for sum/prod: bool and int64 → int64, float64 stays. */
const accDType = (d: DType): DType => (d === "float64" ? "float64" : "int64");

/**
 * NumPy `sum(a, axis=None, keepdims=False)`; bool and int64 sum as int64. `axis = []` reduces
 * nothing. Cost: local (no message); bool input: one round (bit → integer conversion).
 * @example np.sum(x)  np.sum(x, [0, -1], { keepdims: true })
 */
export const sum = routine(
  "sum",
  ["a", "axis"],
  KEEPDIMS,
  function sum(a: SecureArray, axis?: Axis, options: KeepdimsOptions = {}): SecureArray {
    const keepdims = options.keepdims ?? false;
    const x = secureArg("sum", a);
    const dt = accDType(x.dtype);
    const r = toRows("sum", x, axesOf("sum", axis, x.ndim), keepdims, dt);
    if (r.rows === 0) return r.g.out(r.node, dt); // nothing to sum: an empty result
    return r.g.out(r.cols === 0 ? fill(r.g, 0n) : r.g.apply(ops.sum_a, [r.node], { rows: r.rows, cols: r.cols }), dt);
  },
);

/**
 * NumPy `prod(a, axis=None, keepdims=False)`. Cost: a product tree, ⌈log2 n⌉ product depths
 * (float64: 6 rounds and 16 B + a truncation per product; int64: 1 round, 16 B).
 * Fixed point: each level rounds to nearest (≤ 1/2 ulp); keep |partial products| < 2^30 for f = 16.
 * @example np.prod(x, -1)
 */
export const prod = routine(
  "prod",
  ["a", "axis"],
  KEEPDIMS,
  function prod(a: SecureArray, axis?: Axis, options: KeepdimsOptions = {}): SecureArray {
    const keepdims = options.keepdims ?? false;
    const x = secureArg("prod", a);
    const dt = accDType(x.dtype);
    const r = toRows("prod", x, axesOf("prod", axis, x.ndim), keepdims, dt);
    if (r.rows === 0) return r.g.out(r.node, dt);
    if (r.cols === 0) return r.g.out(fill(r.g, dt === "float64" ? fixed(r.g, 1) : 1n), dt);
    return r.g.out(r.g.apply(dt === "float64" ? ops.prod_a : ops.prodInt_a, [r.node], { rows: r.rows, cols: r.cols }), dt);
  },
);

function extreme(where: "max" | "min", a: SecureArray, axis: Axis, keepdims: boolean): SecureArray {
  const x = secureArg(where, a);
  const r = toRows(where, x, axesOf(where, axis, x.ndim), keepdims, x.dtype);
  if (r.cols === 0 && r.rows > 0)
    throw new RangeError(
      `${where}: zero-size array to reduction operation ${where === "max" ? "maximum" : "minimum"} which has no identity`,
    );
  if (r.rows === 0 || r.cols === 1) return r.g.out(r.node, x.dtype);
  // bool: max is "any" and min is "all" (an AND tree).
  if (x.dtype === "bool")
    return r.g.out(
      where === "min" ? andRows(r.g, r.node, r.rows, r.cols) : r.g.op(ops.not_b, andRows(r.g, r.g.op(ops.not_b, r.node), r.rows, r.cols)),
      "bool",
    );
  return r.g.out(r.g.apply(where === "max" ? ops.max_a : ops.min_a, [r.node], { rows: r.rows, cols: r.cols }), x.dtype);
}

/**
 * NumPy `max(a, axis=None, keepdims=False)` (`amax`). Oblivious: a tournament of secret
 * comparisons, nothing opened. Cost: ⌈log2 n⌉ levels of 9 rounds (msb + bit injection), ≈ 45 B of
 * comparison + 24 B of selection per element. bool: an OR tree, 1 round per level.
 * @example np.max(x, -1, { keepdims: true })
 */
export const max = routine(
  "max",
  ["a", "axis"],
  KEEPDIMS,
  function max(a: SecureArray, axis?: Axis, options: KeepdimsOptions = {}): SecureArray {
    const keepdims = options.keepdims ?? false;
    return extreme("max", a, axis, keepdims);
  },
);

/**
 * NumPy `min` (`amin`); as `max`.
 * @example np.min(x, [0, 1], { keepdims: true })
 */
export const min = routine(
  "min",
  ["a", "axis"],
  KEEPDIMS,
  function min(a: SecureArray, axis?: Axis, options: KeepdimsOptions = {}): SecureArray {
    const keepdims = options.keepdims ?? false;
    return extreme("min", a, axis, keepdims);
  },
);

/**
 * AND of each row of bits (rows × cols → rows), ⌈log2 cols⌉ rounds of one AND each.
 * @internal
 */
export function andRows(g: Graph, node: Node, rows: number, cols: number): Node {
  let cur = node;
  let c = cols;
  while (c > 1) {
    const h = c >>> 1;
    // The left and right halves of each row.
    const l = stridedIndex([rows, h], [c, 1]);
    const rr = stridedIndex([rows, h], [c, 1], h);
    const anded = g.op(ops.and_bb, g.gather(cur, l), g.gather(cur, rr));
    if (c % 2 === 0) cur = anded;
    else {
      // Carry the odd last column into the next level: rows × (h + 1).
      const joined = g.apply(
        ops.concat,
        [
          anded,
          g.gather(
            cur,
            Uint32Array.from({ length: rows }, (_, r) => r * c + c - 1),
          ),
        ],
        { lens: [rows * h, rows] },
      );
      const idx = new Uint32Array(rows * (h + 1));
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < h; j++) idx[r * (h + 1) + j] = r * h + j;
        idx[r * (h + 1) + h] = rows * h + r;
      }
      cur = g.gather(joined, idx);
    }
    c = c - h;
  }
  return cur;
}

function argExtreme(where: "argmax" | "argmin", a: SecureArray, axis: number | null | undefined, keepdims: boolean): SecureArray {
  let x = secureArg(where, a);
  let ax: number;
  if (axis === undefined || axis === null) {
    x = same(x, [x.size]); // keepdims then keeps every axis as 1 (below)
    ax = 0;
  } else ax = axisOf(where, axis, x.ndim);
  const dt: DType = x.dtype === "bool" ? "int64" : x.dtype;
  const r = toRows(where, x, [ax], keepdims, dt);
  if (r.cols === 0) throw new RangeError(`${where}: attempt to get ${where} of an empty sequence`);
  const node =
    r.rows === 0 ? r.node : r.g.apply(where === "argmax" ? ops.argmax_a : ops.argmin_a, [r.node], { rows: r.rows, cols: r.cols });
  const shape = (axis === undefined || axis === null) && keepdims ? a.shape.map(() => 1) : r.shape;
  return r.g.out(node, "int64", shape);
}

/**
 * NumPy `argmax(a, axis=None, keepdims=False)`: the int64 index of the first maximum, secret (the
 * position is not revealed). Cost: as `max` plus carrying the indices (bool input: one round more).
 * @example np.argmax(scores, 1)
 */
export const argmax = routine(
  "argmax",
  ["a", "axis"],
  KEEPDIMS,
  function argmax(a: SecureArray, axis?: number | null, options: KeepdimsOptions = {}): SecureArray {
    const keepdims = options.keepdims ?? false;
    return argExtreme("argmax", a, axis, keepdims);
  },
);

/**
 * NumPy `argmin`; as `argmax`.
 * @example np.argmin(x, -1)
 */
export const argmin = routine(
  "argmin",
  ["a", "axis"],
  KEEPDIMS,
  function argmin(a: SecureArray, axis?: number | null, options: KeepdimsOptions = {}): SecureArray {
    const keepdims = options.keepdims ?? false;
    return argExtreme("argmin", a, axis, keepdims);
  },
);
