/**
 * Shared plumbing of the routine library: axis arguments, public constants, strided gathers (every
 * layout routine is one gather, so it costs no message), and the "move the reduced axes last" layout
 * that turns any reduction into the VM's rows×cols operators.
 */
import { ops, type Node } from "@petace/duet";
import { castNode } from "../core/cast.js";
import { currentVM } from "../core/context.js";
import type { DType } from "../core/dtype.js";
import { encodePlain } from "../core/encode.js";
import { Graph } from "../core/graph.js";
import { PlainArray } from "../core/plain.js";
import { SecureArray } from "../core/secure-array.js";
import { sizeOf, stridesOf, type Shape } from "../core/shape.js";
import { stridedIndex } from "../core/strides.js";
import { isPlainLike, toPlain } from "../core/to-plain.js";

export type Axis = number | readonly number[] | null | undefined;

/** Normalised, sorted, distinct axes; `undefined`/`null` means all axes (NumPy's axis=None). */
export function axesOf(where: string, axis: Axis, ndim: number, arg = "axis"): number[] {
  if (axis === undefined || axis === null) return [...Array(ndim).keys()];
  const list = typeof axis === "number" ? [axis] : axis;
  if (!Array.isArray(list)) throw new TypeError(`${where}: ${arg} must be a number, an array of numbers or null`);
  const out = list.map((a) => axisOf(where, a, ndim, arg));
  if (new Set(out).size !== out.length) throw new RangeError(`${where}: repeated ${arg} in [${list.join(", ")}]`);
  return out.sort((a, b) => a - b);
}

/** One axis, negative counted from the end. */
export function axisOf(where: string, a: unknown, ndim: number, arg = "axis"): number {
  if (typeof a !== "number" || !Number.isInteger(a))
    throw new TypeError(`${where}: ${arg} must be an integer, got ${typeof a === "number" ? a : typeof a}`);
  if (a < -ndim || a >= ndim) throw new RangeError(`${where}: ${arg} ${a} is out of bounds for an array of dimension ${ndim}`);
  return a < 0 ? a + ndim : a;
}

/** A SecureArray argument, or a TypeError naming the routine. */
export function secureArg(where: string, x: unknown, arg = "a"): SecureArray {
  if (x instanceof SecureArray) return x;
  throw new TypeError(
    `${where}: ${arg} must be a SecureArray${isPlainLike(x) ? " (this routine on plaintext is plain JavaScript; make one with snp.array)" : ""}`,
  );
}

/** A SecureArray, or a plaintext value made a public constant of `vm` (no message). */
export function asSecure(where: string, x: unknown, arg: string, vm: SecureArray["vm"] | null): SecureArray {
  if (x instanceof SecureArray) return x;
  const p = toPlain(x, where, arg, "operand");
  return constantOf(vm ?? currentVM(where), where, p, p.dtype);
}

/**
 * A public array as a SecureArray: a constant node both parties build from the same value (the
 * VM's constant shares: party 0 holds the value, party 1 zero), no message.
 */
export function constantOf(vm: SecureArray["vm"], where: string, p: PlainArray, dtype: DType): SecureArray {
  const g = new Graph(vm, where, p.shape);
  return g.out(g.constant(encodePlain(p, dtype, vm.fracBits, where, "value")), dtype);
}

/** A public float64/int64/bool array from numbers (bools: ≠ 0). */
export function plainOf(values: ArrayLike<number>, shape: Shape, dtype: DType): PlainArray {
  if (dtype === "float64") return new PlainArray(Float64Array.from(values), shape, dtype);
  if (dtype === "int64")
    return new PlainArray(
      BigInt64Array.from(Array.from(values), (v) => BigInt(Math.trunc(v))),
      shape,
      dtype,
    );
  return new PlainArray(
    Uint8Array.from(Array.from(values), (v) => (v !== 0 ? 1 : 0)),
    shape,
    dtype,
  );
}

/** The node of x converted to `dtype`. */
export function nodeAs(g: Graph, x: SecureArray, dtype: DType): Node {
  return castNode(g, x.node, x.dtype, dtype);
}

/** True when idx is 0, 1, 2, ... (the gather is a no-op). */
export function isIdentity(idx: Uint32Array, n: number): boolean {
  if (idx.length !== n) return false;
  for (let i = 0; i < idx.length; i++) if (idx[i] !== i) return false;
  return true;
}

/** x viewed through a strided index (one local gather; none when it is the identity). */
export function view(where: string, x: SecureArray, shape: Shape, strides: readonly number[], offset = 0): SecureArray {
  const idx = stridedIndex(shape, strides, offset);
  if (isIdentity(idx, x.size)) return new SecureArray(x.vm, x.node, shape, x.dtype);
  const g = new Graph(x.vm, where, shape);
  return g.out(g.gather(x.node, idx), x.dtype);
}

/** The layout of a reduction: x with the reduced axes moved last, as rows × cols. */
export interface Rows {
  g: Graph;
  /** x's node (cast to `dtype`) in rows × cols order. */
  node: Node;
  rows: number;
  cols: number;
  /** The result shape (keepdims applied). */
  shape: Shape;
  /** The kept axes' shape and the reduced axes' shape, in order. */
  kept: number[];
  reduced: number[];
}

export function toRows(where: string, x: SecureArray, axes: readonly number[], keepdims: boolean, dtype: DType): Rows {
  const keep = [...Array(x.ndim).keys()].filter((a) => !axes.includes(a));
  const kept = keep.map((a) => x.shape[a]!);
  const reduced = axes.map((a) => x.shape[a]!);
  const shape = keepdims ? x.shape.map((d, a) => (axes.includes(a) ? 1 : d)) : kept;
  const g = new Graph(x.vm, where, shape);
  const st = stridesOf(x.shape);
  const perm = [...keep, ...axes];
  const idx = stridedIndex(
    [...kept, ...reduced],
    perm.map((a) => st[a]!),
  );
  const cast = nodeAs(g, x, dtype);
  return { g, node: isIdentity(idx, x.size) ? cast : g.gather(cast, idx), rows: sizeOf(kept), cols: sizeOf(reduced), shape, kept, reduced };
}

/** rows × cols laid out row-major back to the array of `shape` with the axis at `axis` (inverse of moving it last). */
export function fromLast(g: Graph, node: Node, shape: Shape, axis: number): Node {
  const nd = shape.length;
  if (axis === nd - 1) return node;
  // node is (shape without axis) × shape[axis]; out position (..., i_axis, ...) reads it there.
  const moved = [...shape.slice(0, axis), ...shape.slice(axis + 1), shape[axis]!];
  const ms = stridesOf(moved);
  const strides = shape.map((_, a) => (a === axis ? ms[nd - 1]! : ms[a < axis ? a : a - 1]!));
  return g.gather(node, stridedIndex(shape, strides));
}

/** A public scalar ring constant for every element. */
export function fill(g: Graph, v: bigint, n = g.n): Node {
  return g.constant(new BigUint64Array(n).fill(BigInt.asUintN(64, v)), n);
}

/** Fixed-point encoding of a public number (the VM's fractional bits). */
export function fixed(g: Graph, v: number): bigint {
  return BigInt.asUintN(64, BigInt(Math.round(v * 2 ** g.vm.fracBits)));
}

/** Zero-cost identity (a new SecureArray sharing the node). */
export function same(x: SecureArray, shape: Shape = x.shape): SecureArray {
  return new SecureArray(x.vm, x.node, shape, x.dtype);
}

export { ops };

/** NumPy's `keepdims`, the one option every reduction takes. */
export interface KeepdimsOptions {
  /** Keep the reduced axes as length 1 (default false), so the result broadcasts against the input. */
  keepdims?: boolean;
}

/** The declaration of `KeepdimsOptions` for `routine` (core/options.ts). */
export const KEEPDIMS = { keepdims: "boolean" } as const;
