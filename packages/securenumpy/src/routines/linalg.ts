/**
 * Linear algebra on top of `matmul` (one matmul kernel call per 2-D product: 1 round and 8(mk + kn)
 * bytes, then for float64 · float64 a truncation of the outputs, 5 rounds and ≈ 10 B per output
 * with the exact default, 1 round and 1 bit with the stochastic opt-in) and local gathers.
 */
import { ops } from "@petace/duet";
import { operand } from "../core/elementwise.js";
import { Graph, vmOf } from "../core/graph.js";
import { PlainArray } from "../core/plain.js";
import type { SecureArray } from "../core/secure-array.js";
import { fmtShape, sizeOf, stridesOf } from "../core/shape.js";
import { multiply } from "../ops/arithmetic.js";
import { matmul } from "../ops/matmul.js";
import { moveaxis } from "./manipulation.js";
import { sum } from "./reduce.js";
import { asSecure, axisOf, nodeAs, same, secureArg, view } from "./util.js";
import { routine } from "../core/options.js";

/**
 * NumPy `dot(a, b)`: scalars multiply; 1-D · 1-D is the inner product; 2-D · 2-D and N-D · 1-D are
 * matmul; N-D · M-D (M ≥ 2) sums over a's last and b's second-to-last axis, with the result shape
 * a.shape[:-1] + b.shape[:-2] + b.shape[-1:]. Cost: one matmul (6 rounds for float64).
 * @example np.dot(w, x)
 */
export const dot = routine("dot", ["a", "b"], {}, function dot(a: unknown, b: unknown): SecureArray {
  const vm = vmOf("dot", a, b);
  // Public operands stay public (products without a triple; floats off the grid keep their bits).
  const oa = operand(a, "dot", "a");
  const ob = operand(b, "dot", "b");
  if (oa.ndim === 0 || ob.ndim === 0) return multiply(oa, ob);
  if (ob.ndim <= 2) return matmul(oa, ob); // NumPy's dot and matmul agree here
  const x = asSecure("dot", oa, "a", vm);
  const y = asSecure("dot", ob, "b", vm);
  const k = x.shape[x.ndim - 1]!;
  if (y.shape[y.ndim - 2] !== k)
    throw new RangeError(
      `dot: shapes ${fmtShape(x.shape)} and ${fmtShape(y.shape)} not aligned: ${k} (dim ${x.ndim - 1}) != ${y.shape[y.ndim - 2]} (dim ${y.ndim - 2})`,
    );
  const yb = moveaxis(y, -2, 0); // (k, ...b.shape[:-2], n)
  const rest = yb.shape.slice(1);
  const prod = matmul(same(x, [sizeOf(x.shape.slice(0, -1)), k]), same(yb, [k, sizeOf(rest)]));
  return same(prod, [...x.shape.slice(0, -1), ...rest]);
});

/**
 * NumPy `inner(a, b)`: sums over the last axes of both; result a.shape[:-1] + b.shape[:-1].
 * Cost: one matmul (6 rounds for float64).
 * @example np.inner(u, v) // 0-D for 1-D inputs
 */
export const inner = routine("inner", ["a", "b"], {}, function inner(a: unknown, b: unknown): SecureArray {
  vmOf("inner", a, b);
  const x = operand(a, "inner", "a");
  const y = operand(b, "inner", "b");
  if (x.ndim === 0 || y.ndim === 0) return multiply(x, y);
  const k = x.shape[x.ndim - 1]!;
  if (y.shape[y.ndim - 1] !== k)
    throw new RangeError(
      `inner: shapes ${fmtShape(x.shape)} and ${fmtShape(y.shape)} not aligned: last dimensions ${k} != ${y.shape[y.ndim - 1]}`,
    );
  const ya = sizeOf(y.shape.slice(0, -1));
  // (A, k) · (k, B), b's rows transposed by one gather (a public b: in the clear, and it stays public).
  const yt = y instanceof PlainArray ? transposed(y, ya, k) : view("inner", same(y, [ya, k]), [k, ya], [1, k]);
  const prod = matmul(reshaped(x, [sizeOf(x.shape.slice(0, -1)), k]), yt);
  return same(prod, [...x.shape.slice(0, -1), ...y.shape.slice(0, -1)]);
});

/**
 * NumPy `outer(a, b)`: flattened a (m) and b (n) → m×n products. Cost: one element-wise product
 * (float64: 6 rounds, 16 B + ≈ 10 B of truncation per output).
 * @example np.outer(u, v)
 */
export const outer = routine("outer", ["a", "b"], {}, function outer(a: unknown, b: unknown): SecureArray {
  vmOf("outer", a, b);
  const x = operand(a, "outer", "a");
  const y = operand(b, "outer", "b");
  return multiply(reshaped(x, [x.size, 1]), reshaped(y, [1, y.size]));
});

/** A secret or public operand with a new shape (same size, C order). */
function reshaped(x: SecureArray | PlainArray, shape: number[]): SecureArray | PlainArray {
  return x instanceof PlainArray ? new PlainArray(x.data, shape, x.dtype) : same(x, shape);
}

/** The (k, rows) transpose of a public operand read as (rows, k). */
function transposed(p: PlainArray, rows: number, k: number): PlainArray {
  const src = p.data;
  const out = new (src.constructor as new (n: number) => typeof src)(src.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < k; j++) out[j * rows + i] = src[i * k + j]!;
  return new PlainArray(out, [k, rows], p.dtype);
}

/**
 * The k-th diagonal of axes (axis1, axis2), as the last axis (NumPy's `diagonal`). Local.
 * @example np.diagonal(batch, 0, 1, 2)
 */
export const diagonal = routine(
  "diagonal",
  ["a", "offset", "axis1", "axis2"],
  {},
  function diagonal(a: SecureArray, offset = 0, axis1 = 0, axis2 = 1): SecureArray {
    const x = secureArg("diagonal", a);
    if (x.ndim < 2) throw new RangeError("diagonal: the array must be at least 2-D");
    const i = axisOf("diagonal", axis1, x.ndim, "axis1");
    const j = axisOf("diagonal", axis2, x.ndim, "axis2");
    if (i === j) throw new RangeError("diagonal: axis1 and axis2 cannot be the same");
    if (!Number.isInteger(offset)) throw new TypeError("diagonal: offset must be an integer");
    const st = stridesOf(x.shape);
    const n = Math.max(0, Math.min(x.shape[i]! + Math.min(0, offset), x.shape[j]! - Math.max(0, offset)));
    const restAxes = [...Array(x.ndim).keys()].filter((q) => q !== i && q !== j);
    const shape = [...restAxes.map((q) => x.shape[q]!), n];
    const strides = [...restAxes.map((q) => st[q]!), st[i]! + st[j]!];
    const off = n === 0 ? 0 : offset >= 0 ? offset * st[j]! : -offset * st[i]!;
    return view("diagonal", x, shape, strides, off);
  },
);

/**
 * NumPy `trace(a, offset=0, axis1=0, axis2=1)`: the sum of a diagonal (bool/int64 → int64).
 * Cost: local.
 * @example np.trace(m)
 */
export const trace = routine(
  "trace",
  ["a", "offset", "axis1", "axis2"],
  {},
  function trace(a: SecureArray, offset = 0, axis1 = 0, axis2 = 1): SecureArray {
    const d = diagonal(secureArg("trace", a), offset, axis1, axis2);
    return sum(d, -1);
  },
);

/**
 * NumPy `diag(v, k=0)`: of a 1-D array, the square matrix with v on the k-th diagonal (zeros
 * elsewhere, public); of a 2-D array, its k-th diagonal. Cost: local.
 * @example np.diag(v) // square matrix; np.diag(m) // its diagonal
 */
export const diag = routine("diag", ["v", "k"], {}, function diag(v: SecureArray, k = 0): SecureArray {
  const x = secureArg("diag", v, "v");
  if (x.ndim === 2) return diagonal(x, k);
  if (x.ndim !== 1) throw new RangeError(`diag: input must be 1-D or 2-D, got ${x.ndim}-D`);
  if (!Number.isInteger(k)) throw new TypeError("diag: k must be an integer");
  const n = x.size + Math.abs(k);
  const g = new Graph(x.vm, "diag", [n, n]);
  // Gather from [v; 0]: position (r, r + k) reads v[min(r, r + k)], others the zero.
  const src = g.apply(ops.concat, [x.node, nodeAs(g, zeroOf(x), x.dtype)], { lens: [x.size, 1] });
  const idx = new Uint32Array(n * n).fill(x.size);
  for (let t = 0; t < x.size; t++) {
    const r = k >= 0 ? t : t - k;
    idx[r * n + r + k] = t;
  }
  return g.out(g.gather(src, idx), x.dtype);
});

function zeroOf(x: SecureArray): SecureArray {
  const g = new Graph(x.vm, "diag", [1]);
  return g.out(g.constant(x.dtype === "bool" ? new Uint32Array(1) : new BigUint64Array(1)), x.dtype);
}
