/**
 * Plaintext values in all the forms users pass them (numbers, booleans, bigints, nested arrays,
 * typed arrays, `{ data, shape }`, PlainArray) → PlainArray. Errors name the routine, the argument
 * and the position, never a value (the data may be secret to the other party).
 *
 * dtype inference: booleans → bool; bigints and integer typed arrays → int64; numbers → float64 for
 * inputs ("data" mode: JavaScript has one number type, so ask for int64 with `{ dtype }`), and for
 * operands ("operand" mode) int64 when every number is an integer, like NumPy's Python ints: then
 * `x.mul(2)` keeps x's dtype and `x.add(0.5)` promotes it.
 */
import { decodeInt64ToNumbers, encodeInt64 } from "@petace/primitives";
import type { DType } from "./dtype.js";
import { PlainArray, type PlainData } from "./plain.js";
import { checkShape, sizeOf, type Shape } from "./shape.js";

export type PlainMode = "data" | "operand";

type Leaf = number | boolean | bigint;

export function isPlainLike(v: unknown): boolean {
  return (
    typeof v === "number" ||
    typeof v === "boolean" ||
    typeof v === "bigint" ||
    Array.isArray(v) ||
    ArrayBuffer.isView(v) ||
    v instanceof PlainArray ||
    (typeof v === "object" && v !== null && "data" in v && "shape" in v)
  );
}

export function toPlain(v: unknown, where: string, arg: string, mode: PlainMode, dtype?: DType): PlainArray {
  if (v instanceof PlainArray) return dtype === undefined || dtype === v.dtype ? v : convert(v.data, v.shape, dtype, where, arg);
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return fromLeaves([v], [], where, arg, mode, dtype);
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return fromTyped(v as TypedArray, [(v as TypedArray).length], where, arg, dtype);
  if (Array.isArray(v)) {
    const shape = nestedShape(v);
    const leaves: unknown[] = [];
    flatten(v, shape, 0, [], leaves, where, arg);
    return fromLeaves(leaves, shape, where, arg, mode, dtype);
  }
  if (typeof v === "object" && v !== null && "data" in v && "shape" in v) {
    const { data, shape: rawShape } = v as { data: unknown; shape: unknown };
    const shape = checkShape(rawShape, where, `${arg}.shape`);
    const n = ArrayBuffer.isView(data) ? (data as TypedArray).length : Array.isArray(data) ? data.length : -1;
    if (n < 0) throw new TypeError(`${where}: ${arg}.data must be a typed array or a flat array`);
    if (n !== sizeOf(shape))
      throw new RangeError(`${where}: ${arg}.data has ${n} values, shape [${shape.join(", ")}] needs ${sizeOf(shape)}`);
    if (Array.isArray(data)) {
      data.forEach((x, i) => checkLeaf(x, where, `${arg}.data[${i}]`));
      return fromLeaves(data as Leaf[], shape, where, arg, mode, dtype);
    }
    return fromTyped(data as TypedArray, shape, where, arg, dtype);
  }
  throw new TypeError(
    `${where}: ${arg} must be a number, boolean, bigint, nested array, typed array, { data, shape } or PlainArray, got ${v === null ? "null" : typeof v}`,
  );
}

type TypedArray = Exclude<ArrayBufferView, DataView> & { length: number; [i: number]: number | bigint };

function nestedShape(v: unknown[]): number[] {
  const shape: number[] = [];
  let cur: unknown = v;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    cur = cur[0];
  }
  return shape;
}

function flatten(v: unknown, shape: Shape, axis: number, pos: number[], out: unknown[], where: string, arg: string): void {
  const at = () => `${arg}${pos.map((p) => `[${p}]`).join("")}`;
  if (axis === shape.length) {
    if (Array.isArray(v)) throw new RangeError(`${where}: ${at()} is nested deeper than ${at().replace(/\[\d+\]$/, "")}[0] (ragged array)`);
    checkLeaf(v, where, at());
    out.push(v);
    return;
  }
  if (!Array.isArray(v))
    throw new RangeError(`${where}: ${at()} is not an array but ${arg}${pos.map(() => "[0]").join("")} is (ragged array)`);
  if (v.length !== shape[axis]) throw new RangeError(`${where}: ${at()} has ${v.length} entries, expected ${shape[axis]} (ragged array)`);
  for (let i = 0; i < v.length; i++) {
    pos.push(i);
    flatten(v[i], shape, axis + 1, pos, out, where, arg);
    pos.pop();
  }
}

function checkLeaf(x: unknown, where: string, at: string): void {
  if (typeof x !== "number" && typeof x !== "boolean" && typeof x !== "bigint") {
    throw new TypeError(`${where}: ${at} must be a number, boolean or bigint, got ${x === null ? "null" : typeof x}`);
  }
}

function fromLeaves(leaves: readonly unknown[], shape: Shape, where: string, arg: string, mode: PlainMode, dtype?: DType): PlainArray {
  let allBool = true;
  let anyBig = false;
  let allInt = true;
  for (const x of leaves) {
    if (typeof x !== "boolean") allBool = false;
    if (typeof x === "bigint") anyBig = true;
    if (typeof x === "number" && !Number.isInteger(x)) allInt = false;
  }
  const inferred: DType =
    leaves.length > 0 && allBool ? "bool" : anyBig || (mode === "operand" && allInt && leaves.length > 0) ? "int64" : "float64";
  const target = dtype ?? inferred;
  const n = leaves.length;
  if (target === "bool") {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = truthy(leaves[i] as Leaf) ? 1 : 0;
    return new PlainArray(out, shape, "bool");
  }
  if (target === "float64") {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = Number(leaves[i] as Leaf);
    return new PlainArray(out, shape, "float64");
  }
  const nums: (number | bigint)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const x = leaves[i] as Leaf;
    const v = typeof x === "boolean" ? (x ? 1 : 0) : x;
    if (typeof v === "number" && !Number.isSafeInteger(v))
      throw new RangeError(`${where}: ${arg} element ${i} is not a safe integer (dtype int64)`);
    nums[i] = v;
  }
  return new PlainArray(int64From(nums, where, arg), shape, "int64");
}

function truthy(x: Leaf): boolean {
  return typeof x === "boolean" ? x : typeof x === "bigint" ? x !== 0n : x !== 0;
}

function int64From(values: ArrayLike<number | bigint>, where: string, arg: string): BigInt64Array {
  try {
    const r = encodeInt64(values);
    return new BigInt64Array(r.buffer, r.byteOffset, r.length);
  } catch (e) {
    throw new RangeError(`${where}: ${arg}: ${(e as Error).message.replace(/^encodeInt64: values/, "element")} (dtype int64)`);
  }
}

function fromTyped(data: TypedArray, shape: Shape, where: string, arg: string, dtype?: DType): PlainArray {
  const inferred: DType = data instanceof Float64Array || data instanceof Float32Array ? "float64" : "int64";
  return convert(data, shape, dtype ?? inferred, where, arg);
}

/** Converts typed data to a dtype (copies; the caller may reuse its buffer). */
function convert(data: TypedArray | PlainData, shape: Shape, dtype: DType, where: string, arg: string): PlainArray {
  const n = data.length;
  if (dtype === "float64") {
    if (data instanceof BigInt64Array)
      return new PlainArray(decodeInt64ToNumbers(new BigUint64Array(data.buffer, data.byteOffset, n)), shape, dtype);
    if (data instanceof BigUint64Array) return new PlainArray(Float64Array.from(data, Number), shape, dtype);
    return new PlainArray(Float64Array.from(data as ArrayLike<number>), shape, dtype);
  }
  if (dtype === "bool") {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = data[i] ? 1 : 0;
    return new PlainArray(out, shape, dtype);
  }
  if (data instanceof BigInt64Array) return new PlainArray(data.slice(), shape, dtype);
  if (data instanceof BigUint64Array)
    return new PlainArray(new BigInt64Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)), shape, dtype);
  return new PlainArray(
    int64From(data instanceof Float64Array ? data : Float64Array.from(data as ArrayLike<number>), where, arg),
    shape,
    dtype,
  );
}

/** Flat position → `[i][j]` text for messages. */
export function positionOf(i: number, shape: Shape): string {
  if (shape.length === 0) return "";
  const idx: number[] = [];
  for (let a = shape.length - 1; a >= 0; a--) {
    const d = shape[a]!;
    idx.unshift(d === 0 ? 0 : i % d);
    i = d === 0 ? 0 : Math.floor(i / d);
  }
  return idx.map((k) => `[${k}]`).join("");
}

/** NumPy's astype on plaintext: float → int64 truncates toward zero, anything → bool is "≠ 0". */
export function castPlain(p: PlainArray, dtype: DType, where: string, arg: string): PlainArray {
  if (p.dtype === dtype) return p;
  if (dtype === "int64" && p.dtype === "float64") {
    const d = p.data as Float64Array;
    const t = new Float64Array(d.length);
    for (let i = 0; i < d.length; i++) {
      if (!Number.isFinite(d[i]))
        throw new RangeError(`${where}: ${arg}${positionOf(i, p.shape)} is NaN or infinite and cannot be cast to int64`);
      t[i] = Math.trunc(d[i]!);
    }
    return convert(t, p.shape, "int64", where, arg);
  }
  return convert(p.data, p.shape, dtype, where, arg);
}
