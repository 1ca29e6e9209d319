/**
 * SecureArray's operator methods, each forwarding to the routine of the same name in this folder.
 * They are declared with the class (core/secure-array.ts) and installed here, once, by the package
 * table (api.ts): the routines make SecureArrays, so the class cannot import them without a cycle.
 */
import type { PartyId } from "@petace/duet";
import type { DType } from "../core/dtype.js";
import type { IndexArg } from "../core/index-arg.js";
import type { PlainArray } from "../core/plain.js";
import { rebind, SecureArray } from "../core/secure-array.js";
import type { Share } from "../core/share.js";
import { abs, add, div, mod, mul, neg, pow, sub } from "./arithmetic.js";
import { astype } from "./astype.js";
import { eq, ge, gt, le, lt, ne } from "./compare.js";
import { getItem, setItem } from "./indexing.js";
import { and, not, or, xor } from "./logic.js";
import { matmul } from "./matmul.js";
import { reveal, revealTo, toShare } from "./output.js";
import { reshape, transpose } from "./shape.js";

/** What the class body implements itself; every other member of SecureArray is installed here. */
type OwnMember =
  | "shape"
  | "vm"
  | "dtype"
  | "node"
  | "ndim"
  | "size"
  | "evaluate"
  | "valueOf"
  | "toString"
  | "toJSON"
  | typeof Symbol.toPrimitive;
type Method = Exclude<keyof SecureArray, OwnMember | "T">;

// Typed by the declarations: a method missing here, or one whose signature drifts from what
// SecureArray promises, is a compile error rather than a runtime surprise.
const methods: { [K in Method]: SecureArray[K] } & ThisType<SecureArray> = {
  astype(dtype: DType): SecureArray {
    return astype(this, dtype);
  },
  reshape(...shape: (number | readonly number[])[]): SecureArray {
    return reshape(this, shape.length === 1 && typeof shape[0] !== "number" ? shape[0]! : (shape as number[]));
  },
  transpose(...axes: (number | readonly number[])[]): SecureArray {
    return transpose(
      this,
      axes.length === 0 ? undefined : axes.length === 1 && typeof axes[0] !== "number" ? axes[0]! : (axes as number[]),
    );
  },

  add(other: unknown): SecureArray {
    return add(this, other);
  },
  sub(other: unknown): SecureArray {
    return sub(this, other);
  },
  mul(other: unknown): SecureArray {
    return mul(this, other);
  },
  div(other: unknown): SecureArray {
    return div(this, other);
  },
  neg(): SecureArray {
    return neg(this);
  },
  pow(exponent: unknown): SecureArray {
    return pow(this, exponent);
  },
  mod(divisor: unknown): SecureArray {
    return mod(this, divisor);
  },
  abs(): SecureArray {
    return abs(this);
  },

  gt(other: unknown): SecureArray {
    return gt(this, other);
  },
  ge(other: unknown): SecureArray {
    return ge(this, other);
  },
  lt(other: unknown): SecureArray {
    return lt(this, other);
  },
  le(other: unknown): SecureArray {
    return le(this, other);
  },
  eq(other: unknown): SecureArray {
    return eq(this, other);
  },
  ne(other: unknown): SecureArray {
    return ne(this, other);
  },

  and(other: unknown): SecureArray {
    return and(this, other);
  },
  or(other: unknown): SecureArray {
    return or(this, other);
  },
  xor(other: unknown): SecureArray {
    return xor(this, other);
  },
  not(): SecureArray {
    return not(this);
  },

  matmul(other: unknown): SecureArray {
    return matmul(this, other);
  },

  get(...index: IndexArg[]): SecureArray {
    return getItem(this, index);
  },
  set(...indexThenValue: [...IndexArg[], unknown]): SecureArray {
    if (indexThenValue.length < 2) throw new TypeError("set: expected an index and a value, as x.set(index, value)");
    const value = indexThenValue[indexThenValue.length - 1];
    const { node } = setItem(this, indexThenValue.slice(0, -1) as IndexArg[], value);
    rebind(this, node);
    return this;
  },

  revealTo(party: PartyId): Promise<PlainArray | null> {
    return revealTo(this, party);
  },
  reveal(): Promise<PlainArray> {
    return reveal(this);
  },
  toShare(): Promise<Share> {
    return toShare(this);
  },
};

/**
 * `x.T`, one node per node and shape: a loop that multiplies by `X.T` every time (`X.T @ g` in
 * gradient descent) then multiplies one value, so the matmul kernel reuses the mask it bound to it
 * and opens X.T − A once, not once per iteration.
 */
const TRANSPOSED = new WeakMap<object, Map<string, SecureArray>>();

function transposeOnce(x: SecureArray): SecureArray {
  let byShape = TRANSPOSED.get(x.node);
  if (!byShape) TRANSPOSED.set(x.node, (byShape = new Map()));
  const key = `${x.shape.join(",")}|${x.dtype}`;
  let t = byShape.get(key);
  if (!t) byShape.set(key, (t = transpose(x)));
  return t;
}

/** Puts the methods on SecureArray's prototype, as a class body would (not enumerable); idempotent. */
export function installMethods(): void {
  const proto = SecureArray.prototype;
  if (Object.hasOwn(proto, "T")) return;
  Object.defineProperty(proto, "T", {
    get(this: SecureArray): SecureArray {
      return transposeOnce(this);
    },
    configurable: true,
  });
  for (const [name, fn] of Object.entries(methods)) Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true });
}
