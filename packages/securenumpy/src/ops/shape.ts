/** Shape changes without arithmetic: reshape (no data movement) and transpose (a local gather). */
import { Graph } from "../core/graph.js";
import { SecureArray } from "../core/secure-array.js";
import { checkShape, fmtShape, sizeOf, stridesOf, type Shape } from "../core/shape.js";
import { stridedIndex } from "../core/strides.js";
import { routine } from "../core/options.js";
import { heldBy, markHeld } from "../core/held.js";

/** A new shape with the same elements in C order; one dimension may be -1 (inferred). */
export const reshape = routine(
  "reshape",
  ["x", "shape"],
  {},
  function reshape(x: SecureArray, shape: readonly number[] | number): SecureArray {
    if (!(x instanceof SecureArray)) throw new TypeError("reshape: x must be a SecureArray");
    const dims = typeof shape === "number" ? [shape] : [...shape];
    const free = dims.indexOf(-1);
    if (free >= 0) {
      if (dims.indexOf(-1, free + 1) >= 0) throw new RangeError("reshape: can only specify one unknown dimension (-1)");
      const rest = sizeOf(dims.filter((_, i) => i !== free));
      if (rest === 0 || x.size % rest !== 0)
        throw new RangeError(`reshape: cannot reshape array of size ${x.size} into shape ${fmtShape(dims)}`);
      dims[free] = x.size / rest;
    }
    const s = checkShape(dims, "reshape");
    if (sizeOf(s) !== x.size) throw new RangeError(`reshape: cannot reshape array of size ${x.size} into shape ${fmtShape(s)}`);
    return new SecureArray(x.vm, x.node, s, x.dtype);
  },
);

/** Permutes the axes (reversed by default). */
export const transpose = routine("transpose", ["x", "axes"], {}, function transpose(x: SecureArray, axes?: readonly number[]): SecureArray {
  if (!(x instanceof SecureArray)) throw new TypeError("transpose: x must be a SecureArray");
  const nd = x.ndim;
  const perm = axes === undefined ? [...Array(nd).keys()].reverse() : axes.map((a) => normalizeAxis(a, nd, "transpose"));
  if (perm.length !== nd || new Set(perm).size !== nd)
    throw new RangeError(`transpose: axes [${axes?.join(", ")}] do not match an array of ${nd} dimensions`);
  if (perm.every((a, i) => a === i)) return new SecureArray(x.vm, x.node, x.shape, x.dtype);
  const shape: Shape = perm.map((a) => x.shape[a]!);
  const g = new Graph(x.vm, "transpose", shape);
  const out = g.out(g.gather(x.node, permuteIndex(x.shape, perm)), x.dtype);
  // A gather of a held sharing (the owner's values, zeros) is held too.
  const owner = heldBy(x);
  if (owner !== undefined) markHeld(out.node, owner);
  return out;
});

/** For each element of the permuted array (C order), its flat position in the source. */
export function permuteIndex(shape: Shape, perm: readonly number[]): Uint32Array {
  const src = stridesOf(shape);
  return stridedIndex(
    perm.map((a) => shape[a]!),
    perm.map((a) => src[a]!),
  );
}

export function normalizeAxis(a: number, ndim: number, where: string): number {
  if (!Number.isInteger(a) || a < -ndim || a >= ndim)
    throw new RangeError(`${where}: axis ${a} is out of bounds for an array of dimension ${ndim}`);
  return a < 0 ? a + ndim : a;
}
