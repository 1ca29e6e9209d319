/**
 * Operands of element-wise routines: normalised (SecureArray or PlainArray), broadcast to the
 * result shape (broadcast.ts) and brought to the dtype the routine computes in.
 */
import type { Bits, Node, Public, Ring } from "@petace/duet";
import { ringNeg } from "@petace/primitives";
import { broadcastIndex, broadcastShapes } from "./broadcast.js";
import { castNode } from "./cast.js";
import { promote, type DType } from "./dtype.js";
import { encodePlain } from "./encode.js";
import { Graph, vmOf } from "./graph.js";
import { PlainArray } from "./plain.js";
import { SecureArray } from "./secure-array.js";
import { isPlainLike, toPlain } from "./to-plain.js";

export type Operand = SecureArray | PlainArray;

export function operand(v: unknown, where: string, arg: string): Operand {
  if (v instanceof SecureArray) return v;
  if (isPlainLike(v)) return toPlain(v, where, arg, "operand");
  throw new TypeError(
    `${where}: ${arg} must be a SecureArray or a plaintext value (number, boolean, nested array, typed array, { data, shape }, PlainArray), got ${v === null ? "null" : typeof v}`,
  );
}

export interface Prepared {
  g: Graph;
  /** Operands in order (NumPy's x1, x2, ...). */
  xs: Operand[];
  /** Their common dtype. */
  dtype: DType;
}

/** Normalises operands, finds the VM, the broadcast shape and the promoted dtype (errors at once). */
export function prepare(where: string, ...values: unknown[]): Prepared {
  const xs = values.map((v, i) => operand(v, where, `x${i + 1}`));
  const vm = vmOf(where, ...xs);
  const shape = broadcastShapes(where, ...xs.map((x) => x.shape));
  const dtype = xs.map((x) => x.dtype).reduce(promote);
  return { g: new Graph(vm, where, shape), xs, dtype };
}

/** A secret operand at the result shape, as `dtype` (cast first: fewer elements to convert). */
export function secretAt(g: Graph, x: SecureArray, dtype: DType): Node {
  const cast = castNode(g, x.node, x.dtype, dtype);
  const idx = broadcastIndex(x.shape, g.shape);
  return idx === null ? cast : g.gather(cast, idx);
}

/** A public operand at the result shape, encoded as `dtype` (ring): one scalar when it has one element. */
export function publicRing(g: Graph, p: PlainArray, dtype: DType, arg = "operand"): Public {
  if (p.size === 1) return (encodePlain(p, dtype, g.vm.fracBits, g.where, arg) as Ring)[0]!;
  return encodePlain(expandPlain(p, g.shape), dtype, g.vm.fracBits, g.where, arg) as Ring;
}

/** A public bool operand at the result shape, packed. */
export function publicBits(g: Graph, p: PlainArray): Bits {
  return encodePlain(
    expandPlain(toPlain(p, g.where, "operand", "operand", "bool"), g.shape),
    "bool",
    g.vm.fracBits,
    g.where,
    "operand",
  ) as Bits;
}

/** Either kind of operand as a node at the result shape (public values become constant shares). */
export function nodeAt(g: Graph, x: Operand, dtype: DType): Node {
  if (x instanceof SecureArray) return secretAt(g, x, dtype);
  if (dtype === "bool") return g.constant(publicBits(g, x));
  const r = publicRing(g, x, dtype);
  return g.constant(typeof r === "bigint" ? new BigUint64Array(g.n).fill(r) : r);
}

/** −p for a public ring operand. */
export function negPublic(p: Public): Public {
  return typeof p === "bigint" ? BigInt.asUintN(64, -p) : ringNeg(p);
}

/** A PlainArray broadcast to `shape` (copies the data when the shape changes). */
export function expandPlain(p: PlainArray, shape: readonly number[]): PlainArray {
  const idx = broadcastIndex(p.shape, shape);
  if (idx === null) return p;
  const src = p.data;
  if (src instanceof BigInt64Array) {
    // Copy 64-bit values as two 32-bit words (no BigInt per element).
    const out = new BigInt64Array(idx.length);
    const s = new Uint32Array(src.buffer, src.byteOffset, src.length * 2);
    const o = new Uint32Array(out.buffer);
    for (let i = 0; i < idx.length; i++) {
      o[2 * i] = s[2 * idx[i]!]!;
      o[2 * i + 1] = s[2 * idx[i]! + 1]!;
    }
    return new PlainArray(out, shape, p.dtype);
  }
  const out = src instanceof Float64Array ? new Float64Array(idx.length) : new Uint8Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = src[idx[i]!]!;
  return new PlainArray(out, shape, p.dtype);
}

/** True when every value of a public operand is an integer (then ring products need no truncation). */
export function allIntegers(p: PlainArray): boolean {
  if (p.dtype !== "float64") return true;
  const d = p.data as Float64Array;
  for (let i = 0; i < d.length; i++) if (!Number.isInteger(d[i])) return false;
  return true;
}
