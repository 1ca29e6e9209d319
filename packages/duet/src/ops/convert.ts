/** Conversions between bits and ring values, and the multiplexer. All interactive, merged element-wise. */
import type { Bits, Ring } from "@petace/protocols";
import { elementwise } from "../op-spec.js";

/** n bits → the integers 0/1 (scale them for fixed point with a local public product). */
export const bitToArith = elementwise("bitToArith", ["bits"], "ring", true, (k, xs, _p, n) => k.bitToArith(xs[0] as Bits, n));
/** b ? x : 0. */
export const bitMul = elementwise("bitMul", ["bits", "ring"], "ring", true, (k, xs) => k.bitMul(xs[0] as Bits, xs[1] as Ring));
/** c ? x : y. */
export const select = elementwise("select", ["bits", "ring", "ring"], "ring", true, (k, xs) => k.select(xs[0] as Bits, xs[1] as Ring, xs[2] as Ring));
/** Each element's 64-bit word as XOR shares (held in a ring array). */
export const a2b = elementwise("a2b", ["ring"], "ring", true, (k, xs) => k.a2b(xs[0] as Ring));
/** Inverse of a2b. */
export const b2a = elementwise("b2a", ["ring"], "ring", true, (k, xs) => k.b2a(xs[0] as Ring));
