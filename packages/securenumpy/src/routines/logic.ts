/** Truth reductions and closeness tests; every result is a secret bool until revealed. */
import { operand } from "../core/elementwise.js";
import { vmOf } from "../core/graph.js";
import { PlainArray } from "../core/plain.js";
import type { SecureArray } from "../core/secure-array.js";
import { sizeOf } from "../core/shape.js";
import { absolute, add, multiply, subtract } from "../ops/arithmetic.js";
import { lessEqual } from "../ops/compare.js";
import { full } from "./creation.js";
import { max, min } from "./reduce.js";
import { asSecure, axesOf, secureArg, type Axis, KEEPDIMS, type KeepdimsOptions } from "./util.js";
import { withVM } from "../core/context.js";
import { routine } from "../core/options.js";

function truth(where: "all" | "any", a: SecureArray, axis: Axis, keepdims: boolean): SecureArray {
  const x = secureArg(where, a);
  const axes = axesOf(where, axis, x.ndim);
  const b = x.dtype === "bool" ? x : x.astype("bool");
  if (sizeOf(axes.map((i) => x.shape[i]!)) === 0) {
    // Over nothing: all is true and any is false, as NumPy.
    const shape = keepdims ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : x.shape.filter((_, i) => !axes.includes(i));
    return withVM(x.vm, () => full(shape, where === "all"));
  }
  return where === "all" ? min(b, axes, { keepdims }) : max(b, axes, { keepdims });
}

/**
 * NumPy `all(a, axis=None, keepdims=False)`: secret bool. Cost: an AND tree, ⌈log2 n⌉ rounds of
 * 1 bit-AND per pair (non-bool input: one equality test first, 6 rounds).
 * @example await np.all(x.gt(0)).reveal()
 */
export const all = routine(
  "all",
  ["a", "axis"],
  KEEPDIMS,
  function all(a: SecureArray, axis?: Axis, options: KeepdimsOptions = {}): SecureArray {
    const keepdims = options.keepdims ?? false;
    return truth("all", a, axis, keepdims);
  },
);

/**
 * NumPy `any`: as `all` (an OR tree).
 * @example np.any(x.gt(100), 0)
 */
export const any = routine(
  "any",
  ["a", "axis"],
  KEEPDIMS,
  function any(a: SecureArray, axis?: Axis, options: KeepdimsOptions = {}): SecureArray {
    const keepdims = options.keepdims ?? false;
    return truth("any", a, axis, keepdims);
  },
);

export interface CloseOptions {
  /** Relative tolerance (default 1e-5; fixed point rounds it to a multiple of 2^−f). */
  rtol?: number;
  /** Absolute tolerance (default 1e-8, below one ulp for f = 16: effectively 0). */
  atol?: number;
}

const CLOSE = { rtol: "number", atol: "number" } as const;

/**
 * NumPy `isclose(a, b, rtol=1e-05, atol=1e-08)`: |a − b| ≤ atol + rtol·|b|, element-wise with
 * broadcasting, secret bool. Cost: abs (9 rounds; |b| in parallel when b is secret) + a comparison
 * (7 rounds) + a product when b is secret (6 rounds). Choose tolerances above the ulp (2^−16).
 * @example np.isclose(x, y, { rtol: 1e-3, atol: 1e-3 })
 */
export const isclose = routine(
  "isclose",
  ["a", "b"],
  CLOSE,
  function isclose(a: unknown, b: unknown, options: CloseOptions = {}): SecureArray {
    const rtol = options.rtol ?? 1e-5;
    const atol = options.atol ?? 1e-8;
    if (!(rtol >= 0) || !(atol >= 0)) throw new RangeError("isclose: rtol and atol must be non-negative numbers");
    const vm = vmOf("isclose", a, b);
    const x = asSecure("isclose", operand(a, "isclose", "a"), "a", vm);
    const y = operand(b, "isclose", "b");
    const d = absolute(subtract(x, y));
    if (y instanceof PlainArray) {
      const t = y.toNumbers().map((v) => atol + rtol * Math.abs(v));
      return lessEqual(d, new PlainArray(Float64Array.from(t), y.shape, "float64"));
    }
    return lessEqual(d, add(multiply(absolute(y), rtol), atol));
  },
);

/**
 * NumPy `allclose`: `all(isclose(a, b))`, a secret 0-D bool. Cost: isclose + an AND tree.
 * @example await np.allclose(x, y, { atol: 1e-3 }).reveal()
 */
export const allclose = routine(
  "allclose",
  ["a", "b"],
  CLOSE,
  function allclose(a: unknown, b: unknown, options: CloseOptions = {}): SecureArray {
    return all(isclose(a, b, options));
  },
);
