/**
 * Running sums and products along one axis: a Hillis–Steele scan on the rows×cols layout, log depth.
 * cumsum is local (shifted copies added); cumprod takes one product depth per doubling.
 */
import { ops, type Node } from "@petace/duet";
import type { DType } from "../core/dtype.js";
import type { Graph } from "../core/graph.js";
import type { SecureArray } from "../core/secure-array.js";
import { axisOf, fill, fixed, fromLast, same, secureArg, toRows } from "./util.js";
import { routine } from "../core/options.js";

function scan(where: "cumsum" | "cumprod", a: SecureArray, axis: number | null | undefined): SecureArray {
  let x = secureArg(where, a);
  if (axis === undefined || axis === null) x = same(x, [x.size]);
  const ax = axisOf(where, axis ?? 0, x.ndim);
  const dt: DType = x.dtype === "float64" ? "float64" : "int64";
  const r = toRows(where, x, [ax], false, dt);
  const { g, rows, cols } = r;
  if (rows * cols === 0 || cols === 1) return g.out(r.node, dt, x.shape);
  const mul = where === "cumprod";
  const unit = mul ? (dt === "float64" ? fixed(g, 1) : 1n) : 0n;
  let cur: Node = r.node;
  const n = rows * cols;
  for (let d = 1; d < cols; d *= 2) {
    // shifted[r, c] = cur[r, c − d], or the unit (index n of [cur; unit]) when c < d.
    const idx = new Uint32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i % cols >= d ? i - d : n;
    const shifted = g.gather(g.apply(ops.concat, [cur, fill(g, unit, 1)], { lens: [n, 1] }), idx);
    cur = mul ? g.op(dt === "float64" ? ops.mul_aa : ops.mulInt_aa, cur, shifted) : g.op(ops.add_aa, cur, shifted);
  }
  return g.out(fromLast(g as Graph, cur, x.shape, ax), dt, x.shape);
}

/**
 * NumPy `cumsum(a, axis=None)` (flattened without an axis); bool and int64 accumulate as int64.
 * Cost: local (no message).
 * @example np.cumsum(x, -1)
 */
export const cumsum = routine("cumsum", ["a", "axis"], {}, function cumsum(a: SecureArray, axis?: number | null): SecureArray {
  return scan("cumsum", a, axis);
});

/**
 * NumPy `cumprod(a, axis=None)`. Cost: ⌈log2 n⌉ product depths (float64: 6 rounds each, int64: 1),
 * n products per depth. Fixed point: each depth rounds to nearest (≤ 1/2 ulp).
 * @example np.cumprod(x, 0)
 */
export const cumprod = routine("cumprod", ["a", "axis"], {}, function cumprod(a: SecureArray, axis?: number | null): SecureArray {
  return scan("cumprod", a, axis);
});
