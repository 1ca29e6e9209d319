/**
 * NumPy broadcasting, in one place: the result shape of operands, and the index map that expands
 * an operand to a shape (used by every element-wise operator, for secret and public operands alike).
 */
import { fmtShape, sameShape, stridesOf, type Shape } from "./shape.js";
import { stridedIndex } from "./strides.js";

/** The broadcast shape of several shapes, or a RangeError naming the routine and the shapes. */
export function broadcastShapes(where: string, ...shapes: Shape[]): Shape {
  const nd = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(nd).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const d = s[s.length - 1 - i]!;
      const j = nd - 1 - i;
      if (d === out[j] || d === 1) continue;
      if (out[j] === 1) out[j] = d;
      else throw new RangeError(`${where}: operands could not be broadcast together with shapes ${shapes.map(fmtShape).join(" ")}`);
    }
  }
  return Object.freeze(out);
}

/**
 * For each element of `to` (C order), the flat index of the element of `from` it reads; null when
 * the shapes are equal (nothing to do). `from` must broadcast to `to`.
 */
export function broadcastIndex(from: Shape, to: Shape): Uint32Array | null {
  if (sameShape(from, to)) return null;
  const off = to.length - from.length;
  const fs = stridesOf(from);
  // Per output axis: the source stride, or 0 where the source is broadcast (size 1 or missing).
  return stridedIndex(
    to,
    to.map((_, j) => (j < off || from[j - off] === 1 ? 0 : fs[j - off]!)),
  );
}
