/**
 * PlainArray: a plaintext N-D array (what `revealTo` returns, and one of the accepted forms of
 * plaintext operands and inputs). `data` is C-order: Float64Array (float64), BigInt64Array (int64)
 * or Uint8Array of 0/1 (bool).
 */
import { decodeInt64ToNumbers } from "@petace/primitives";
import { DTYPES, parseDType, type DType } from "./dtype.js";
import { checkShape, sizeOf, type Shape } from "./shape.js";

export type PlainData = Float64Array | BigInt64Array | Uint8Array;
export type Scalar = number | boolean | bigint;
/** Nested arrays of scalars, as `tolist()` returns them. */
export type NestedList = Scalar | NestedList[];

export class PlainArray {
  readonly shape: Shape;

  constructor(
    readonly data: PlainData,
    shape: readonly number[],
    readonly dtype: DType,
  ) {
    this.shape = checkShape(shape, "PlainArray");
    if (!DTYPES.includes(dtype)) parseDType(dtype, "PlainArray");
    const want = dtype === "float64" ? Float64Array : dtype === "int64" ? BigInt64Array : Uint8Array;
    if (!(data instanceof want)) throw new TypeError(`PlainArray: ${dtype} data must be a ${want.name}`);
    if (data.length !== sizeOf(this.shape))
      throw new RangeError(`PlainArray: ${data.length} values do not fill shape [${this.shape.join(", ")}]`);
  }

  get ndim(): number {
    return this.shape.length;
  }

  get size(): number {
    return this.data.length;
  }

  /** The values as numbers (int64 beyond 2^53 loses precision: read `data` for exact values). */
  toNumbers(): Float64Array {
    const d = this.data;
    if (d instanceof Float64Array) return d;
    if (d instanceof BigInt64Array) return decodeInt64ToNumbers(new BigUint64Array(d.buffer, d.byteOffset, d.length));
    return Float64Array.from(d);
  }

  /** Nested arrays like NumPy's `tolist()`: numbers for float64 and int64, booleans for bool; a 0-D array gives a scalar. */
  tolist(): NestedList {
    const flat: Scalar[] = this.dtype === "bool" ? Array.from(this.data as Uint8Array, (v) => v !== 0) : Array.from(this.toNumbers());
    if (this.shape.length === 0) return flat[0]!;
    let i = 0;
    const build = (axis: number): NestedList[] => {
      const out: NestedList[] = [];
      for (let j = 0; j < this.shape[axis]!; j++) out.push(axis === this.shape.length - 1 ? flat[i++]! : build(axis + 1));
      return out;
    };
    return build(0);
  }

  toString(): string {
    return `PlainArray(${JSON.stringify(this.tolist())}, dtype=${this.dtype})`;
  }
}
