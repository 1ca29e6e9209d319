/**
 * SecureArray: an N-D array whose values are secret-shared between the two parties. Shape and dtype
 * are public and known at once; the values exist only as shares, computed lazily by the VM.
 * Methods are thin: each forwards to the routine of the same name in `ops/`.
 */
import type { Duet, Node, PartyId } from "@petace/duet";
import { abs, add, div, mod, mul, neg, pow, sub } from "../ops/arithmetic.js";
import { astype } from "../ops/astype.js";
import { eq, ge, gt, le, lt, ne } from "../ops/compare.js";
import { getItem, setItem } from "../ops/indexing.js";
import { and, not, or, xor } from "../ops/logic.js";
import { matmul } from "../ops/matmul.js";
import { reveal, revealTo, toShare } from "../ops/output.js";
import { reshape, transpose } from "../ops/shape.js";
import type { DType } from "./dtype.js";
import type { IndexArg } from "./index-arg.js";
import type { PlainArray } from "./plain.js";
import { sizeOf, type Shape } from "./shape.js";
import type { Share } from "./share.js";

const COMPUTE = "compare with x.gt(y) / x.lt(y) / x.eq(y), choose with snp.where(cond, a, b), compute with x.add(y), x.mul(y), ...";
const REVEAL = "or open it on purpose with await x.revealTo(party) / await x.reveal()";

export class SecureArray {
  readonly shape: Shape;
  #node: Node;

  /** @internal Made by routines; users get arrays from `snp.array`, `snp.fromShare` and operators. */
  constructor(
    readonly vm: Duet,
    node: Node,
    shape: Shape,
    readonly dtype: DType,
  ) {
    this.shape = Object.isFrozen(shape) ? shape : Object.freeze(shape.slice());
    this.#node = node;
  }

  /** @internal The graph node holding the current value (changes on `set`). */
  get node(): Node {
    return this.#node;
  }

  get ndim(): number {
    return this.shape.length;
  }

  get size(): number {
    return sizeOf(this.shape);
  }

  /** The transpose (axes reversed). */
  get T(): SecureArray {
    return transpose(this);
  }

  astype(dtype: DType): SecureArray {
    return astype(this, dtype);
  }

  reshape(...shape: (number | readonly number[])[]): SecureArray {
    return reshape(this, shape.length === 1 && typeof shape[0] !== "number" ? shape[0]! : (shape as number[]));
  }

  transpose(...axes: (number | readonly number[])[]): SecureArray {
    return transpose(this, axes.length === 0 ? undefined : axes.length === 1 && typeof axes[0] !== "number" ? axes[0]! : (axes as number[]));
  }

  // ---- arithmetic (NumPy broadcasting and promotion; operands: SecureArray, PlainArray, arrays, numbers)
  add(other: unknown): SecureArray {
    return add(this, other);
  }
  sub(other: unknown): SecureArray {
    return sub(this, other);
  }
  mul(other: unknown): SecureArray {
    return mul(this, other);
  }
  /** True division (the result is float64). */
  div(other: unknown): SecureArray {
    return div(this, other);
  }
  neg(): SecureArray {
    return neg(this);
  }
  pow(exponent: unknown): SecureArray {
    return pow(this, exponent);
  }
  /** Remainder with the sign of the divisor (NumPy's `mod`); the divisor must be public. */
  mod(divisor: unknown): SecureArray {
    return mod(this, divisor);
  }
  abs(): SecureArray {
    return abs(this);
  }

  // ---- comparisons → bool
  gt(other: unknown): SecureArray {
    return gt(this, other);
  }
  ge(other: unknown): SecureArray {
    return ge(this, other);
  }
  lt(other: unknown): SecureArray {
    return lt(this, other);
  }
  le(other: unknown): SecureArray {
    return le(this, other);
  }
  eq(other: unknown): SecureArray {
    return eq(this, other);
  }
  ne(other: unknown): SecureArray {
    return ne(this, other);
  }

  // ---- logic (bool operands)
  and(other: unknown): SecureArray {
    return and(this, other);
  }
  or(other: unknown): SecureArray {
    return or(this, other);
  }
  xor(other: unknown): SecureArray {
    return xor(this, other);
  }
  not(): SecureArray {
    return not(this);
  }

  matmul(other: unknown): SecureArray {
    return matmul(this, other);
  }

  // ---- indexing (public indices; no communication)
  /** `x.get(0)`, `x.get(0, 2)`, `x.get(":2, 1:")`, `x.get(snp.slice(null, null, -1))`, `x.get([0, 2])`, `x.get(mask)`. */
  get(...index: IndexArg[]): SecureArray {
    return getItem(this, index);
  }

  /** `x.set(index..., value)`: assigns (broadcasting the value, cast to x's dtype). Returns x. */
  set(...indexThenValue: [...IndexArg[], unknown]): this {
    if (indexThenValue.length < 2) throw new TypeError("set: expected an index and a value, as x.set(index, value)");
    const value = indexThenValue[indexThenValue.length - 1];
    const { node } = setItem(this, indexThenValue.slice(0, -1) as IndexArg[], value);
    this.#node = node;
    return this;
  }

  // ---- output
  /** Opens to `party` (a PlainArray there, null for the other party). Both parties call it. */
  revealTo(party: PartyId): Promise<PlainArray | null> {
    return revealTo(this, party);
  }

  /** Opens to both parties. */
  reveal(): Promise<PlainArray> {
    return reveal(this);
  }

  /** This party's raw share, e.g. to save it; `snp.fromShare` makes an array of it again. */
  toShare(): Promise<Share> {
    return toShare(this);
  }

  /** Evaluates everything pending in this array's VM. */
  async evaluate(): Promise<this> {
    await this.vm.evaluate();
    return this;
  }

  // ---- a secret is not a JavaScript primitive
  [Symbol.toPrimitive](hint: string): never {
    if (hint === "string") throw new TypeError(`SecureArray: a secret array cannot be turned into a string (template strings, String(x)); print x.shape and x.dtype, ${REVEAL}`);
    throw new TypeError(`SecureArray: a secret array cannot be used as a JavaScript number or boolean (<, >, +, Number(x), ...); ${COMPUTE}, ${REVEAL}`);
  }

  valueOf(): never {
    throw new TypeError(`SecureArray: valueOf would expose a secret as a JavaScript number; ${COMPUTE}, ${REVEAL}`);
  }

  toString(): never {
    throw new TypeError(`SecureArray: toString would expose a secret; print x.shape and x.dtype, ${REVEAL}`);
  }

  toJSON(): never {
    throw new TypeError(`SecureArray: a secret array cannot be serialized to JSON; save this party's share with await x.toShare(), ${REVEAL}`);
  }

  /** console.log shows what is public: shape and dtype. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `SecureArray { shape: [${this.shape.join(", ")}], dtype: '${this.dtype}' }`;
  }
}
