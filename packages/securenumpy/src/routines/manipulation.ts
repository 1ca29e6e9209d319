/**
 * Shape and layout routines. None of them communicates: each is at most one local gather (every
 * element's new position is public), or no operator at all when only the shape changes.
 */
import { Graph } from "../core/graph.js";
import type { PlainArray } from "../core/plain.js";
import { SecureArray } from "../core/secure-array.js";
import { isPlainLike, toPlain } from "../core/to-plain.js";
import { transpose as coreTranspose } from "../ops/shape.js";
import { stridesOf } from "../core/shape.js";
import { axisSteps, gridIndex } from "../core/strides.js";
import { axesOf, axisOf, same, secureArg, view, type Axis } from "./util.js";
import { routine } from "../core/options.js";

/**
 * NumPy `ravel(a)`: the elements as 1-D (C order). Cost: none.
 * @example np.ravel(m)
 */
export const ravel = routine("ravel", ["a"], {}, function ravel(a: SecureArray): SecureArray {
  const x = secureArg("ravel", a);
  return same(x, [x.size]);
});

/**
 * NumPy `ndarray.flatten()`: as `ravel` (shares are immutable, so a copy costs nothing).
 * @example np.flatten(m)
 */
export const flatten = routine("flatten", ["a"], {}, function flatten(a: SecureArray): SecureArray {
  const x = secureArg("flatten", a);
  return same(x, [x.size]);
});

/**
 * NumPy `squeeze(a, axis=None)`: drops axes of length 1 (all of them, or the given ones, which must
 * have length 1). Cost: none.
 * @example np.squeeze(x, 0)
 */
export const squeeze = routine("squeeze", ["a", "axis"], {}, function squeeze(a: SecureArray, axis?: Axis): SecureArray {
  const x = secureArg("squeeze", a);
  const drop = axis === undefined || axis === null ? x.shape.flatMap((d, i) => (d === 1 ? [i] : [])) : axesOf("squeeze", axis, x.ndim);
  for (const ax of drop)
    if (x.shape[ax] !== 1)
      throw new RangeError(`squeeze: cannot select an axis to squeeze out which has size not equal to one (axis ${ax} has ${x.shape[ax]})`);
  return same(
    x,
    x.shape.filter((_, i) => !drop.includes(i)),
  );
});

/**
 * NumPy `expand_dims(a, axis)`: inserts length-1 axes at the given positions of the result. Cost: none.
 * @example np.expandDims(v, [0, -1]) // (1, n, 1)
 */
export const expandDims = routine(
  "expandDims",
  ["a", "axis"],
  {},
  function expandDims(a: SecureArray, axis: number | readonly number[]): SecureArray {
    const x = secureArg("expandDims", a);
    const list = typeof axis === "number" ? [axis] : axis;
    const nd = x.ndim + list.length;
    const at = axesOf("expandDims", list, nd);
    const shape: number[] = [];
    let j = 0;
    for (let i = 0; i < nd; i++) shape.push(at.includes(i) ? 1 : x.shape[j++]!);
    return same(x, shape);
  },
);

/**
 * NumPy `swapaxes(a, axis1, axis2)`. Cost: one local gather.
 * @example np.swapaxes(x, 0, -1)
 */
export const swapaxes = routine(
  "swapaxes",
  ["a", "axis1", "axis2"],
  {},
  function swapaxes(a: SecureArray, axis1: number, axis2: number): SecureArray {
    const x = secureArg("swapaxes", a);
    const i = axisOf("swapaxes", axis1, x.ndim, "axis1");
    const j = axisOf("swapaxes", axis2, x.ndim, "axis2");
    const perm = [...Array(x.ndim).keys()];
    [perm[i], perm[j]] = [j, i];
    return coreTranspose(x, perm);
  },
);

/**
 * NumPy `moveaxis(a, source, destination)` (numbers or equal-length lists). Cost: one local gather.
 * @example np.moveaxis(x, 0, -1)
 */
export const moveaxis = routine(
  "moveaxis",
  ["a", "source", "destination"],
  {},
  function moveaxis(a: SecureArray, source: number | readonly number[], destination: number | readonly number[]): SecureArray {
    const x = secureArg("moveaxis", a);
    const src = (typeof source === "number" ? [source] : [...source]).map((s) => axisOf("moveaxis", s, x.ndim, "source"));
    const dst = (typeof destination === "number" ? [destination] : [...destination]).map((s) =>
      axisOf("moveaxis", s, x.ndim, "destination"),
    );
    if (src.length !== dst.length) throw new RangeError("moveaxis: source and destination must have the same number of elements");
    if (new Set(src).size !== src.length || new Set(dst).size !== dst.length)
      throw new RangeError("moveaxis: repeated axis in source or destination");
    const rest = [...Array(x.ndim).keys()].filter((i) => !src.includes(i));
    const perm = new Array<number>(x.ndim);
    src.forEach((s, k) => (perm[dst[k]!] = s));
    for (let i = 0; i < x.ndim; i++) if (perm[i] === undefined) perm[i] = rest.shift()!;
    return coreTranspose(x, perm);
  },
);

/**
 * NumPy `flip(a, axis=None)`: reverses the order along the given axes (all by default).
 * Cost: one local gather.
 * @example np.flip(x, -1)
 */
export const flip = routine("flip", ["a", "axis"], {}, function flip(a: SecureArray, axis?: Axis): SecureArray {
  const x = secureArg("flip", a);
  const axes = axesOf("flip", axis, x.ndim);
  const st = stridesOf(x.shape);
  let off = 0;
  const strides = st.map((s, i) => {
    if (!axes.includes(i) || x.shape[i] === 0) return s;
    off += (x.shape[i]! - 1) * s;
    return -s;
  });
  return view("flip", x, x.shape, strides, off);
});

/**
 * NumPy `repeat(a, repeats, axis=None)`: each element repeated (a number, or one count per element
 * along the axis); without an axis the input is flattened. Cost: one local gather.
 * @example np.repeat(x, 2, 0)
 */
export const repeat = routine(
  "repeat",
  ["a", "repeats", "axis"],
  {},
  function repeat(a: SecureArray, repeats: number | ArrayLike<number | bigint> | PlainArray, axis?: number | null): SecureArray {
    let x = secureArg("repeat", a);
    if (axis === undefined || axis === null) {
      x = same(x, [x.size]);
      axis = 0;
    }
    const ax = axisOf("repeat", axis, x.ndim);
    const len = x.shape[ax]!;
    // Any public array form (lists, typed arrays, PlainArray), as NumPy takes any array; a secret
    // one cannot be: the output's shape depends on it.
    if (repeats instanceof SecureArray)
      throw new TypeError("repeat: repeats must be public (the output shape depends on them); reveal them first");
    if (typeof repeats !== "number" && !isPlainLike(repeats))
      throw new TypeError("repeat: repeats must be a non-negative integer or a 1-D array of them (a list, typed array or PlainArray)");
    const counts = typeof repeats === "number" ? null : toPlain(repeats, "repeat", "repeats", "operand");
    if (counts !== null && counts.ndim > 1) throw new RangeError(`repeat: repeats must be 0-D or 1-D, got ${counts.ndim} dimensions`);
    const list = counts === null ? [repeats as number] : Array.from(counts.toNumbers());
    // A single count (a number or a one-element list) applies to every element, as in NumPy.
    const one = list.length === 1 ? list[0]! : null;
    const reps = one === null ? list : new Array<number>(len).fill(one);
    if (reps.length !== len) throw new RangeError(`repeat: repeats has ${reps.length} counts for an axis of length ${len}`);
    for (const r of reps)
      if (!Number.isInteger(r) || r < 0) throw new RangeError(`repeat: repeats must be non-negative integers, got ${r}`);
    // Source position along the axis of each output position.
    const along: number[] = [];
    reps.forEach((r, i) => {
      for (let k = 0; k < r; k++) along.push(i);
    });
    return alongAxis("repeat", x, ax, along);
  },
);

/**
 * x with positions `along` (source indices) along axis `ax`, as one gather.
 * @internal
 */
export function alongAxis(where: string, x: SecureArray, ax: number, along: readonly number[]): SecureArray {
  const shape = x.shape.map((d, i) => (i === ax ? along.length : d));
  const st = stridesOf(x.shape);
  // Strided on every axis but `ax`, which reads the listed positions.
  const idx = gridIndex(shape.map((d, i) => (i === ax ? along.map((s) => s * st[ax]!) : axisSteps(d, st[i]!))));
  const g = new Graph(x.vm, where, shape);
  return g.out(g.gather(x.node, idx), x.dtype);
}

/**
 * NumPy `tile(A, reps)`: A repeated `reps` times per axis (A is promoted to reps' length of axes
 * and the other way round, as NumPy). Cost: one local gather.
 * @example np.tile(x, [2, 1])
 */
export const tile = routine("tile", ["a", "reps"], {}, function tile(a: SecureArray, reps: number | readonly number[]): SecureArray {
  const x = secureArg("tile", a);
  const r = typeof reps === "number" ? [reps] : [...reps];
  for (const v of r) if (!Number.isInteger(v) || v < 0) throw new RangeError(`tile: reps must be non-negative integers, got ${v}`);
  const nd = Math.max(r.length, x.ndim);
  const rr = [...new Array<number>(nd - r.length).fill(1), ...r];
  const xs = [...new Array<number>(nd - x.ndim).fill(1), ...x.shape];
  // View as (r0, s0, r1, s1, ...) with stride 0 on the repeat axes, then merge pairs.
  const st = stridesOf(xs);
  const vshape = xs.flatMap((d, i) => [rr[i]!, d]);
  const vstr = st.flatMap((s) => [0, s]);
  const out = view("tile", same(x, xs), vshape, vstr);
  return same(
    out,
    xs.map((d, i) => d * rr[i]!),
  );
});

/**
 * NumPy `split(ary, indices_or_sections, axis=0)`: a number of equal sections (an error when the
 * axis does not divide) or a list of split points. Cost: one local gather per part.
 * @example const [a, b] = np.split(x, 2)
 */
export const split = routine(
  "split",
  ["a", "indicesOrSections", "axis"],
  {},
  function split(a: SecureArray, indicesOrSections: number | readonly number[], axis = 0): SecureArray[] {
    return splitImpl("split", a, indicesOrSections, axis, true);
  },
);

/**
 * NumPy `array_split`: as `split`, but n sections need not divide the axis (the first ones are one longer).
 * @example np.arraySplit(x, 3) // lengths 4, 3, 3 for 10
 */
export const arraySplit = routine(
  "arraySplit",
  ["a", "indicesOrSections", "axis"],
  {},
  function arraySplit(a: SecureArray, indicesOrSections: number | readonly number[], axis = 0): SecureArray[] {
    return splitImpl("arraySplit", a, indicesOrSections, axis, false);
  },
);

function splitImpl(where: string, a: SecureArray, ios: number | readonly number[], axis: number, equal: boolean): SecureArray[] {
  const x = secureArg(where, a, "ary");
  const ax = axisOf(where, axis, x.ndim);
  const len = x.shape[ax]!;
  let bounds: number[];
  if (typeof ios === "number") {
    if (!Number.isInteger(ios) || ios <= 0) throw new RangeError(`${where}: number of sections must be a positive integer, got ${ios}`);
    if (equal && len % ios !== 0) throw new RangeError(`${where}: array split does not result in an equal division (${len} into ${ios})`);
    const q = Math.floor(len / ios),
      extra = len % ios;
    bounds = [0];
    for (let i = 0; i < ios; i++) bounds.push(bounds[i]! + q + (i < extra ? 1 : 0));
  } else {
    bounds = [0, ...ios.map((v) => Math.min(len, Math.max(0, v < 0 ? v + len : v))), len];
  }
  const st = stridesOf(x.shape);
  const parts: SecureArray[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const lo = bounds[i]!,
      hi = Math.max(lo, bounds[i + 1]!);
    const shape = x.shape.map((d, j) => (j === ax ? hi - lo : d));
    parts.push(view(where, x, shape, st, lo * st[ax]!));
  }
  return parts;
}
