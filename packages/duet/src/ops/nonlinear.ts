/**
 * Nonlinear fixed-point functions (accuracy and valid ranges: @petace/protocols README "Accuracy"),
 * and abs/max/min, which work on any scale (fixed point or integer). All merge element-wise.
 */
import type { Kernels, Ring } from "@petace/protocols";
import { elementwise, type OpSpec } from "../op-spec.js";

type Unary = "reciprocal" | "sqrt" | "rsqrt" | "exp" | "log" | "sigmoid" | "tanh" | "abs" | "sign";
type BinaryFn = "div" | "maximum" | "minimum";

const unary = (name: Unary): OpSpec => elementwise(name, ["ring"], "ring", true, (k: Kernels, xs) => k[name](xs[0] as Ring));
const binary = (name: BinaryFn): OpSpec => elementwise(name, ["ring", "ring"], "ring", true, (k: Kernels, xs) => k[name](xs[0] as Ring, xs[1] as Ring));

export const reciprocal = unary("reciprocal");
export const sqrt = unary("sqrt");
export const rsqrt = unary("rsqrt");
export const exp = unary("exp");
export const log = unary("log");
export const sigmoid = unary("sigmoid");
export const tanh = unary("tanh");
/** |x|, any scale. */
export const abs = unary("abs");
/** −1, 0 or 1 in fixed point. */
export const sign = unary("sign");
/** Fixed-point x / y. */
export const div = binary("div");
/** Any scale (both operands the same). */
export const maximum = binary("maximum");
export const minimum = binary("minimum");

export interface PowParams {
  /** Public integer exponent (negative: reciprocal of the power). */
  k: number;
}

export const pow = elementwise<PowParams>("pow", ["ring"], "ring", true, (kern, xs, { k }) => kern.pow(xs[0] as Ring, k), {
  key: ({ k }) => String(k),
  check: ({ k }) => {
    if (!Number.isSafeInteger(k)) throw new RangeError(`pow: exponent must be a safe integer, got ${k}`);
  },
});
