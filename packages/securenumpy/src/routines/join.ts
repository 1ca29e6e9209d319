/**
 * Joining arrays: concatenate and the stacks built on it. One local concat and one gather, no
 * message. Operands may mix SecureArrays and plaintext (public constants, no message either); the
 * result has their promoted dtype (bool → int64 → float64; converting a secret bool costs one round).
 */
import { ops } from "@petace/duet";
import { promote } from "../core/dtype.js";
import { Graph, vmOf } from "../core/graph.js";
import type { SecureArray } from "../core/secure-array.js";
import { fmtShape, sizeOf } from "../core/shape.js";
import { expandDims } from "./manipulation.js";
import { asSecure, axisOf, nodeAs, same } from "./util.js";
import { routine } from "../core/options.js";

function operands(where: string, arrays: readonly unknown[]): SecureArray[] {
  if (!Array.isArray(arrays)) throw new TypeError(`${where}: arrays must be an array of arrays`);
  if (arrays.length === 0) throw new RangeError(`${where}: need at least one array to concatenate`);
  const vm = vmOf(where, ...arrays);
  return arrays.map((a, i) => asSecure(where, a, `arrays[${i}]`, vm));
}

/**
 * NumPy `concatenate(arrays, axis=0)`; `axis = null` joins the flattened arrays.
 * Cost: none (a local concat + gather).
 * @example np.concatenate([x, y], -1)
 */
export const concatenate = routine(
  "concatenate",
  ["arrays", "axis"],
  {},
  function concatenate(arrays: readonly unknown[], axis: number | null = 0): SecureArray {
    return join("concatenate", operands("concatenate", arrays), axis);
  },
);

function join(where: string, xs: SecureArray[], axis: number | null): SecureArray {
  if (axis === null) {
    xs = xs.map((x) => same(x, [x.size]));
    axis = 0;
  }
  const first = xs[0]!;
  if (first.ndim === 0) throw new RangeError(`${where}: zero-dimensional arrays cannot be concatenated`);
  const ax = axisOf(where, axis, first.ndim);
  for (const x of xs) {
    if (x.ndim !== first.ndim || x.shape.some((d, i) => i !== ax && d !== first.shape[i])) {
      throw new RangeError(
        `${where}: all the input array dimensions except for the concatenation axis must match exactly (${xs.map((y) => fmtShape(y.shape)).join(" ")}, axis ${ax})`,
      );
    }
  }
  const dtype = xs.map((x) => x.dtype).reduce(promote);
  const lens = xs.map((x) => x.shape[ax]!);
  const total = lens.reduce((s, l) => s + l, 0);
  const shape = first.shape.map((d, i) => (i === ax ? total : d));
  const g = new Graph(first.vm, where, shape);
  const nodes = xs.map((x) => nodeAs(g, x, dtype));
  if (xs.length === 1) return g.out(nodes[0]!, dtype);
  const flat = g.apply(ops.concat, nodes, { lens: xs.map((x) => x.size) });
  const outer = sizeOf(first.shape.slice(0, ax));
  const inner = sizeOf(first.shape.slice(ax + 1));
  const idx = new Uint32Array(sizeOf(shape));
  let o = 0;
  for (let p = 0; p < outer; p++) {
    let base = 0;
    xs.forEach((x, j) => {
      const run = lens[j]! * inner;
      const start = base + p * run;
      for (let r = 0; r < run; r++) idx[o++] = start + r;
      base += x.size;
    });
  }
  return g.out(g.gather(flat, idx), dtype);
}

/**
 * NumPy `stack(arrays, axis=0)`: joins equal-shaped arrays along a new axis. Cost: none.
 * @example np.stack([a, b], -1)
 */
export const stack = routine("stack", ["arrays", "axis"], {}, function stack(arrays: readonly unknown[], axis = 0): SecureArray {
  const xs = operands("stack", arrays);
  const s = xs[0]!.shape;
  if (xs.some((x) => x.ndim !== s.length || x.shape.some((d, i) => d !== s[i])))
    throw new RangeError("stack: all input arrays must have the same shape");
  const ax = axisOf("stack", axis, s.length + 1);
  return join(
    "stack",
    xs.map((x) => expandDims(x, ax)),
    ax,
  );
});

const atLeast2d = (x: SecureArray): SecureArray => (x.ndim >= 2 ? x : same(x, x.ndim === 1 ? [1, x.shape[0]!] : [1, 1]));

/**
 * NumPy `vstack`: 1-D arrays become rows, then joined along axis 0. Cost: none.
 * @example np.vstack([row1, row2])
 */
export const vstack = routine("vstack", ["arrays"], {}, function vstack(arrays: readonly unknown[]): SecureArray {
  return join("vstack", operands("vstack", arrays).map(atLeast2d), 0);
});

/**
 * NumPy `hstack`: joined along axis 1 (axis 0 for 1-D arrays). Cost: none.
 * @example np.hstack([a, b])
 */
export const hstack = routine("hstack", ["arrays"], {}, function hstack(arrays: readonly unknown[]): SecureArray {
  const xs = operands("hstack", arrays).map((x) => (x.ndim === 0 ? same(x, [1]) : x));
  return join("hstack", xs, xs[0]!.ndim === 1 ? 0 : 1);
});

/**
 * NumPy `column_stack`: 1-D arrays become columns, then joined along axis 1. Cost: none.
 * @example np.columnStack([xs, ys]) // n×2
 */
export const columnStack = routine("columnStack", ["arrays"], {}, function columnStack(arrays: readonly unknown[]): SecureArray {
  const xs = operands("columnStack", arrays).map((x) => (x.ndim < 2 ? same(x, [x.size, 1]) : x));
  return join("columnStack", xs, 1);
});
