/**
 * NumPy indexing on public indices → the flat source position of every element of the result.
 * Basic indexing: integers (negative from the end), slices with any step (negative too), `...`,
 * `null` (newaxis), and NumPy slice strings (":2, 1:", "::-1, 0", "..., None"). Advanced indexing:
 * integer arrays and boolean masks, broadcast together; their axes go where the first one was when
 * they are adjacent, else first (NumPy's rule; integers count as advanced when arrays are present).
 * Indices are public, so indexing costs no message; a secret index is refused.
 */
import { broadcastIndex, broadcastShapes } from "./broadcast.js";
import { Slice, type IndexArg } from "./index-arg.js";
import { SecureArray } from "./secure-array.js";
import { stridesOf, type Shape } from "./shape.js";
import { axisSteps, gridIndex } from "./strides.js";
import { isPlainLike, toPlain } from "./to-plain.js";

type Comp =
  | { t: "int"; i: number }
  | { t: "slice"; s: Slice }
  | { t: "new" }
  | { t: "ellipsis" }
  | { t: "array"; data: Float64Array; shape: Shape }
  | { t: "mask"; data: Uint8Array; shape: Shape };

export interface IndexPlan {
  shape: Shape;
  /** Flat source positions, C order; null when the result is the whole array unchanged. */
  map: Uint32Array | null;
}

const VALID = 'valid indices are integers, slices (snp.slice or "a:b:c" strings), "...", null (newaxis), integer arrays and boolean masks';

function parseIndexInt(s: string, where: string, full: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new TypeError(`${where}: cannot parse index "${full}": "${s}" is not an integer; ${VALID}`);
  return Number(s);
}

function parseString(text: string, where: string): Comp[] {
  const parts = text.split(",").map((p) => p.trim());
  if (parts.length > 1 && parts[parts.length - 1] === "") parts.pop(); // "0," as in Python
  return parts.map((p): Comp => {
    if (p === "...") return { t: "ellipsis" };
    if (p === "None" || p === "newaxis") return { t: "new" };
    if (p.includes(":")) {
      const f = p.split(":").map((q) => q.trim());
      if (f.length > 3) throw new TypeError(`${where}: cannot parse index "${text}": "${p}" has more than two colons`);
      const num = (q: string | undefined) => (q === undefined || q === "" ? null : parseIndexInt(q, where, text));
      return { t: "slice", s: new Slice(num(f[0]), num(f[1]), num(f[2])) };
    }
    if (p === "") throw new TypeError(`${where}: cannot parse index "${text}": empty index; ${VALID}`);
    return { t: "int", i: parseIndexInt(p, where, text) };
  });
}

function components(args: readonly IndexArg[], where: string): Comp[] {
  const out: Comp[] = [];
  for (const a of args) {
    if (typeof a === "number") {
      if (!Number.isInteger(a)) throw new TypeError(`${where}: index ${a} is not an integer; ${VALID}`);
      out.push({ t: "int", i: a });
    } else if (typeof a === "string") out.push(...parseString(a, where));
    else if (a === null) out.push({ t: "new" });
    else if (a instanceof Slice) out.push({ t: "slice", s: a });
    else if (a instanceof SecureArray) {
      throw new TypeError(
        `${where}: secret indices are not supported (indexing by a secret needs oblivious access); select with snp.where(mask, x, y), or reveal the index first`,
      );
    } else if (isPlainLike(a) && typeof a !== "boolean" && typeof a !== "bigint") {
      const p = toPlain(a, where, "index", "operand");
      if (p.dtype === "bool") {
        if (p.ndim === 0) throw new TypeError(`${where}: a 0-D boolean index is not supported; ${VALID}`);
        out.push({ t: "mask", data: p.data as Uint8Array, shape: p.shape });
      } else if (p.dtype === "int64" || p.size === 0) out.push({ t: "array", data: p.toNumbers(), shape: p.shape });
      else throw new TypeError(`${where}: arrays used as indices must be of integer or boolean type, got ${p.dtype}`);
    } else throw new TypeError(`${where}: unsupported index of type ${typeof a}; ${VALID}`);
  }
  return out;
}

function normIndex(i: number, d: number, axis: number, where: string): number {
  if (i < -d || i >= d) throw new RangeError(`${where}: index ${i} is out of bounds for axis ${axis} with size ${d}`);
  return i < 0 ? i + d : i;
}

/** Python's slice.indices: first position, step and length along an axis of size d. */
export function sliceRange(s: Slice, d: number, where: string): { start: number; step: number; len: number } {
  const step = s.step ?? 1;
  if (!Number.isInteger(step) || step === 0) throw new RangeError(`${where}: slice step must be a non-zero integer, got ${step}`);
  for (const v of [s.start, s.stop])
    if (v !== null && !Number.isInteger(v)) throw new TypeError(`${where}: slice bounds must be integers or null, got ${v}`);
  if (step > 0) {
    const start = s.start === null ? 0 : s.start < 0 ? Math.max(0, s.start + d) : Math.min(s.start, d);
    const stop = s.stop === null ? d : s.stop < 0 ? Math.max(0, s.stop + d) : Math.min(s.stop, d);
    return { start, step, len: stop > start ? Math.ceil((stop - start) / step) : 0 };
  }
  const start = s.start === null ? d - 1 : s.start < 0 ? Math.max(-1, s.start + d) : Math.min(s.start, d - 1);
  const stop = s.stop === null ? -1 : s.stop < 0 ? Math.max(-1, s.stop + d) : Math.min(s.stop, d - 1);
  return { start, step, len: start > stop ? Math.ceil((start - stop) / -step) : 0 };
}

export function planIndex(shape: Shape, args: readonly IndexArg[], where: string): IndexPlan {
  let comps = components(args, where);
  const nd = shape.length;
  const ellipses = comps.filter((c) => c.t === "ellipsis").length;
  if (ellipses > 1) throw new RangeError(`${where}: an index can only have a single ellipsis ("...")`);
  const consumed = comps.reduce((n, c) => n + (c.t === "mask" ? c.shape.length : c.t === "new" || c.t === "ellipsis" ? 0 : 1), 0);
  if (consumed > nd) throw new RangeError(`${where}: too many indices for array: array is ${nd}-dimensional, but ${consumed} were indexed`);
  const fill: Comp[] = Array.from({ length: nd - consumed }, () => ({ t: "slice", s: new Slice() }));
  const e = comps.findIndex((c) => c.t === "ellipsis");
  comps = e < 0 ? [...comps, ...fill] : [...comps.slice(0, e), ...fill, ...comps.slice(e + 1)];

  const strides = stridesOf(shape);
  const hasArrays = comps.some((c) => c.t === "array" || c.t === "mask");
  const sizes: number[] = [];
  // Per result axis (the broadcast advanced indices count as one), the offsets its positions add to
  // the flat source position; gridIndex sums one from each.
  const vectors: Float64Array[] = [];
  const adv: { data: Float64Array; shape: Shape; stride: number }[] = [];
  const advComps: number[] = [];
  let advAt = -1;
  let base = 0;
  let axis = 0;
  comps.forEach((c, ci) => {
    if (c.t === "new") {
      sizes.push(1);
      vectors.push(new Float64Array(1));
    } else if (c.t === "slice") {
      const d = shape[axis]!;
      const { start, step, len } = sliceRange(c.s, d, where);
      base += start * strides[axis]!;
      sizes.push(len);
      vectors.push(axisSteps(len, step * strides[axis]!));
      axis++;
    } else if (c.t === "int" && !hasArrays) {
      base += normIndex(c.i, shape[axis]!, axis, where) * strides[axis]!;
      axis++;
    } else {
      if (advAt < 0) advAt = sizes.length;
      advComps.push(ci);
      if (c.t === "int") {
        adv.push({ data: Float64Array.of(normIndex(c.i, shape[axis]!, axis, where)), shape: [], stride: strides[axis]! });
        axis++;
      } else if (c.t === "array") {
        const d = shape[axis]!;
        const data = new Float64Array(c.data.length);
        for (let j = 0; j < data.length; j++) data[j] = normIndex(c.data[j]!, d, axis, where);
        adv.push({ data, shape: c.shape, stride: strides[axis]! });
        axis++;
      } else if (c.t === "mask") {
        // A k-D mask stands for k integer arrays: the coordinates of its true entries.
        const k = c.shape.length;
        c.shape.forEach((m, j) => {
          if (m !== shape[axis + j]) {
            throw new RangeError(
              `${where}: boolean index did not match indexed array along axis ${axis + j}; size of axis is ${shape[axis + j]} but size of corresponding boolean axis is ${m}`,
            );
          }
        });
        let count = 0;
        for (const b of c.data) if (b) count++;
        const coords = Array.from({ length: k }, () => new Float64Array(count));
        const ms = stridesOf(c.shape);
        let t = 0;
        c.data.forEach((b, flat) => {
          if (!b) return;
          for (let j = 0; j < k; j++) coords[j]![t] = Math.floor(flat / ms[j]!) % c.shape[j]!;
          t++;
        });
        for (let j = 0; j < k; j++) adv.push({ data: coords[j]!, shape: [count], stride: strides[axis + j]! });
        axis += k;
      }
    }
  });

  if (adv.length > 0) {
    const b = broadcastShapes(where, ...adv.map((a) => a.shape));
    const nb = b.reduce((p, d) => p * d, 1);
    const comb = new Float64Array(nb);
    for (const a of adv) {
      const idx = broadcastIndex(a.shape, b);
      for (let i = 0; i < nb; i++) comb[i]! += a.data[idx === null ? i : idx[i]!]! * a.stride;
    }
    const adjacent = advComps.every((ci, j) => j === 0 || ci === advComps[j - 1]! + 1);
    const at = adjacent ? advAt : 0;
    sizes.splice(at, 0, ...b);
    vectors.splice(at, 0, comb);
  }

  const map = gridIndex(vectors, base);
  const whole = sizes.length === nd && sizes.every((d, i) => d === shape[i]) && map.every((v, i) => v === i);
  return { shape: Object.freeze(sizes), map: whole ? null : map };
}
