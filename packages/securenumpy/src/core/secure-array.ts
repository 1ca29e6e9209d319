/**
 * SecureArray: the array itself (state, the guards that keep a secret from turning into a
 * JavaScript value) and the declaration of its operator methods. The methods are thin, each
 * forwarding to the routine of the same name in `ops/`; `ops/methods.ts` installs them on the
 * prototype, because the routines make SecureArrays and importing them here would make core/ and
 * ops/ import each other.
 */
import type { Duet, Node, PartyId } from "@petace/duet";
import type { DType } from "./dtype.js";
import type { IndexArg } from "./index-arg.js";
import type { PlainArray } from "./plain.js";
import { sizeOf, type Shape } from "./shape.js";
import type { Share } from "./share.js";

const COMPUTE = "compare with x.gt(y) / x.lt(y) / x.eq(y), choose with snp.where(cond, a, b), compute with x.add(y), x.mul(y), ...";
const REVEAL = "or open it on purpose with await x.revealTo(party) / await x.reveal()";

let assignNode: (x: SecureArray, node: Node) => void;

/**
 * An N-D array whose values are secret-shared between the two parties. Shape and dtype are public
 * and known at once; the values exist only as shares, computed lazily by the VM.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the methods declared in the merged interface below are installed on the prototype by ops/methods.ts (keeps core/ free of imports from ops/)
export class SecureArray {
  readonly shape: Shape;
  #node: Node;

  static {
    // The one way in to the private node from outside the class, for `set` (see `rebind`).
    assignNode = (x, node) => {
      x.#node = node;
    };
  }

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

  /** Evaluates everything pending in this array's VM. */
  async evaluate(): Promise<this> {
    await this.vm.evaluate();
    return this;
  }

  // ---- a secret is not a JavaScript primitive
  [Symbol.toPrimitive](hint: string): never {
    if (hint === "string")
      throw new TypeError(
        `SecureArray: a secret array cannot be turned into a string (template strings, String(x)); print x.shape and x.dtype, ${REVEAL}`,
      );
    throw new TypeError(
      `SecureArray: a secret array cannot be used as a JavaScript number or boolean (<, >, +, Number(x), ...); ${COMPUTE}, ${REVEAL}`,
    );
  }

  valueOf(): never {
    throw new TypeError(`SecureArray: valueOf would expose a secret as a JavaScript number; ${COMPUTE}, ${REVEAL}`);
  }

  toString(): never {
    throw new TypeError(`SecureArray: toString would expose a secret; print x.shape and x.dtype, ${REVEAL}`);
  }

  toJSON(): never {
    throw new TypeError(
      `SecureArray: a secret array cannot be serialized to JSON; save this party's share with await x.toShare(), ${REVEAL}`,
    );
  }

  /** console.log shows what is public: shape and dtype. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `SecureArray { shape: [${this.shape.join(", ")}], dtype: '${this.dtype}' }`;
  }
}

// The operator methods: this interface and the class above are one type (declaration merging), and
// ops/methods.ts installs the implementations.
export interface SecureArray {
  /** The transpose (axes reversed). */
  get T(): SecureArray;

  astype(dtype: DType): SecureArray;

  reshape(...shape: (number | readonly number[])[]): SecureArray;

  transpose(...axes: (number | readonly number[])[]): SecureArray;

  // ---- arithmetic (NumPy broadcasting and promotion; operands: SecureArray, PlainArray, arrays, numbers)
  add(other: unknown): SecureArray;
  sub(other: unknown): SecureArray;
  mul(other: unknown): SecureArray;
  /** True division (the result is float64). */
  div(other: unknown): SecureArray;
  neg(): SecureArray;
  pow(exponent: unknown): SecureArray;
  /** Remainder with the sign of the divisor (NumPy's `mod`), exact; the divisor public or secret. */
  mod(divisor: unknown): SecureArray;
  abs(): SecureArray;

  // ---- comparisons → bool
  gt(other: unknown): SecureArray;
  ge(other: unknown): SecureArray;
  lt(other: unknown): SecureArray;
  le(other: unknown): SecureArray;
  eq(other: unknown): SecureArray;
  ne(other: unknown): SecureArray;

  // ---- logic (bool operands)
  and(other: unknown): SecureArray;
  or(other: unknown): SecureArray;
  xor(other: unknown): SecureArray;
  not(): SecureArray;

  matmul(other: unknown): SecureArray;

  // ---- indexing (public indices; no communication)
  /** `x.get(0)`, `x.get(0, 2)`, `x.get(":2, 1:")`, `x.get(snp.slice(null, null, -1))`, `x.get([0, 2])`, `x.get(mask)`. */
  get(...index: IndexArg[]): SecureArray;

  /** `x.set(index..., value)`: assigns (broadcasting the value, cast to x's dtype). Returns x. */
  set(...indexThenValue: [...IndexArg[], unknown]): this;

  // ---- output
  /** Opens to `party` (a PlainArray there, null for the other party). Both parties call it. */
  revealTo(party: PartyId): Promise<PlainArray | null>;

  /** Opens to both parties. */
  reveal(): Promise<PlainArray>;

  /** This party's raw share, e.g. to save it; `snp.fromShare` makes an array of it again. */
  toShare(): Promise<Share>;
}

/**
 * Points x at a new node: `set` assigns in place (NumPy's `x[i] = v`), and x's node is otherwise
 * private so that nothing else can swap the value behind an array.
 * @internal
 */
export function rebind(x: SecureArray, node: Node): void {
  assignNode(x, node);
}
