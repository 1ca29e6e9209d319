/**
 * `linalg.inv` and `linalg.solve` on shares by the Newton–Schulz iteration
 * X_{k+1} = X_k (2I − Â X_k), which converges quadratically to Â^{-1} when ‖I − Â X_0‖₂ < 1
 * (G. Schulz, "Iterative Berechnung der reziproken Matrix", ZAMM 13, 1933; V. Pan and R. Schreiber,
 * "An improved Newton iteration for the generalized inverse of a matrix", SIAM J. Sci. Stat.
 * Comput. 12, 1991, for X_0 = Âᵀ / ‖Â‖²). It needs only matrix products, so its cost is two
 * product depths per step and the step count is public: it is fixed in advance from a public bound
 * on the condition number.
 *
 * Scaling (for convergence and for the fixed-point range): Â = r·A with r = 1/‖A‖_F (general) or
 * r = 1/trace(A) (assumeA "pos", symmetric positive definite), computed on shares; then
 * A^{-1} = r·Â^{-1} exactly whatever the rounding of r, so r needs no accuracy, only a range.
 * Start: X_0 = Âᵀ (σ(Â) ≤ 1, so the residual's singular values are 1 − σᵢ² ∈ [0, 1 − 1/(nκ²)]), or
 * for "pos" X_0 = I (eigenvalues of Â in (0, 1], residual 1 − λᵢ ≤ 1 − 1/(nκ)), whose first step
 * 2I − Â is local.
 *
 * Precision: the product r·A is kept exact with 2f fractional bits, and the residual 2I − ÂX with
 * f + 8; only X is held with the VM's f bits. So the rounding of Â, which would be amplified by κ,
 * does not occur, and the result is X's rounding scaled by r.
 */
import { ops } from "@petace/duet";
import { castNode } from "../core/cast.js";
import { Graph } from "../core/graph.js";
import { routine, type OptionType } from "../core/options.js";
import { PlainArray } from "../core/plain.js";
import { SecureArray } from "../core/secure-array.js";
import { fmtShape } from "../core/shape.js";
import { multiply, subtract } from "../ops/arithmetic.js";
import { matmul } from "../ops/matmul.js";
import { batchedProduct } from "./batched-product.js";
import { reciprocal, sqrt } from "./math.js";
import { sumOfSquares } from "./norm.js";
import { sum } from "./reduce.js";
import { asSecure, constantOf, same, secureArg, view } from "./util.js";

/** Options of `linalg.inv` and `linalg.solve`. */
export interface SolveOptions {
  /**
   * A public upper bound on the 2-norm condition number κ(A) (default 100); it sets the number of
   * steps. Above it the result is wrong (not an error: κ is secret).
   */
  cond?: number;
  /** "gen" (default: any invertible A) or "pos" (A symmetric positive definite: fewer steps), as SciPy's assume_a. */
  assumeA?: "gen" | "pos";
  /** The number of Newton–Schulz steps, overriding the one derived from `cond`. */
  iterations?: number;
}

const SOLVE_OPTIONS: Record<keyof SolveOptions, OptionType> = {
  cond: "number",
  assumeA: { test: (v) => v === "gen" || v === "pos", expected: '"gen" or "pos"' },
  iterations: "integer",
};

/** Fractional bits of the residual 2I − ÂX beyond the VM's (so its rounding is 2^−8 of an ulp). */
const RESIDUAL_EXTRA_BITS = 8;
/** The default bound on κ(A). */
export const DEFAULT_COND = 100;
/** Largest n·κ: X's entries (≤ n·κ/0.75) times 2^(2f + 8) must stay below 2^62 in X·(2I − ÂX). */
const MAX_N_COND = 2 ** 20;

/**
 * Steps so that the residual's largest singular value, at most 1 − q initially, falls below
 * 2^−(f+2): (1 − q)^(2^k) ≤ e^(−q·2^k). q has a margin for r's rounding (Â's norm may exceed 1 by
 * a factor up to 1.25 when ‖A‖ nears the top of its range). One step more absorbs the rounding.
 */
export function stepsFor(n: number, cond: number, spd: boolean, fracBits: number): number {
  const q = spd ? 0.75 / (n * cond) : 0.5 / (n * cond * cond);
  return Math.ceil(Math.log2(((fracBits + 2) * Math.LN2) / q)) + 1;
}

/** The same ring values seen as int64 (a raw fixed-point value with any number of fractional bits). */
const raw = (x: SecureArray): SecureArray => new SecureArray(x.vm, x.node, x.shape, "int64");

/** Ring values divided by 2^bits (rounded to nearest), seen as `dtype`. */
function shift(where: string, x: SecureArray, bits: number, dtype: "int64" | "float64"): SecureArray {
  const g = new Graph(x.vm, where, x.shape);
  return g.out(g.apply(ops.trunc_a, [x.node], { bits }), dtype);
}

/** A stack (nb, p, q)·(nb, q, s) in one product depth (ring products for int64 views). */
function product(where: string, x: SecureArray, y: SecureArray): SecureArray {
  const [nb, p, q] = x.shape as [number, number, number];
  const s = y.shape[2]!;
  if (nb === 1) return same(matmul(same(x, [p, q]), same(y, [q, s])), [1, p, s]);
  return batchedProduct(where, x, y);
}

/** nb copies of v·I (n × n) as public int64 ring values (a raw fixed-point 2I). */
function scaledIdentity(vm: SecureArray["vm"], where: string, nb: number, n: number, v: bigint): SecureArray {
  const data = new BigInt64Array(nb * n * n);
  for (let q = 0; q < nb; q++) for (let i = 0; i < n; i++) data[(q * n + i) * n + i] = v;
  return constantOf(vm, where, new PlainArray(data, [nb, n, n], "int64"), "int64");
}

/** The square matrices of a (…, n, n) as float64 (nb, n, n), with their batch shape. */
function squareStack(where: string, a: unknown): { A: SecureArray; batch: number[]; n: number } {
  const x = secureArg(where, a, "a");
  if (x.ndim < 2) throw new RangeError(`${where}: a must be at least 2-D (…, n, n), got shape ${fmtShape(x.shape)}`);
  const n = x.shape[x.ndim - 1]!;
  if (x.shape[x.ndim - 2] !== n) throw new RangeError(`${where}: the last two axes of a must be square, got shape ${fmtShape(x.shape)}`);
  if (n === 0) throw new RangeError(`${where}: a has empty (0 × 0) matrices`);
  const batch = x.shape.slice(0, -2);
  const nb = batch.reduce((p, d) => p * d, 1);
  const g = new Graph(x.vm, where, [nb, n, n]);
  return { A: g.out(castNode(g, x.node, x.dtype, "float64"), "float64"), batch, n };
}

/**
 * X ≈ Â^{-1} (f fractional bits) and r with A^{-1} = r·X, for a stack A (nb, n, n) of float64.
 */
function newtonSchulz(where: string, A: SecureArray, options: SolveOptions): { X: SecureArray; r: SecureArray } {
  const vm = A.vm;
  const f = vm.fracBits;
  const [nb, n] = A.shape as [number, number];
  const cond = options.cond ?? DEFAULT_COND;
  const spd = (options.assumeA ?? "gen") === "pos";
  if (!(cond >= 1)) throw new RangeError(`${where}: cond must be at least 1, got ${cond}`);
  if (n * cond > MAX_N_COND)
    throw new RangeError(
      `${where}: n·cond = ${n}·${cond} exceeds 2^20, the range of the fixed-point iteration; scale or split the problem`,
    );
  if (3 * f > 61) throw new RangeError(`${where}: needs at most 20 fractional bits (the VM has ${f})`);
  const steps = options.iterations ?? stepsFor(n, cond, spd, f);
  if (steps < 1) throw new RangeError(`${where}: iterations must be at least 1, got ${steps}`);
  const tb = f + RESIDUAL_EXTRA_BITS;

  // r = 1/‖A‖_F or 1/trace(A), one per matrix, shaped (nb, 1, 1).
  const scale = spd
    ? sum(view(where, A, [nb, n], [n * n, n + 1]), -1, { keepdims: true })
    : sqrt(same(sumOfSquares(where, A, [1, 2], false), [nb, 1]));
  const r = same(reciprocal(scale), [nb, 1, 1]);
  // Â = r·A exactly, with 2f fractional bits (a ring product, no truncation).
  const Ahat = multiply(raw(A), raw(r));
  const AhatF = shift(where, Ahat, f, "float64");
  const twoI = (bits: number) => scaledIdentity(vm, where, nb, n, 2n << BigInt(bits));

  let X: SecureArray;
  let done: number;
  if (spd) {
    const X1 = subtract(twoI(f), raw(AhatF)); // X_1 = 2I − Â (f bits)
    X = new SecureArray(vm, X1.node, X1.shape, "float64");
    done = 1;
  } else {
    X = view(where, AhatF, [nb, n, n], [n * n, 1, n]); // X_0 = Âᵀ
    done = 0;
  }
  const twoItb = twoI(tb);
  for (let k = done; k < steps; k++) {
    // T = Â·X with tb bits (from 2f + f), R = 2I − T, X ← X·R (from f + tb bits to f).
    const T = shift(where, product(where, Ahat, raw(X)), 3 * f - tb, "int64");
    const R = subtract(twoItb, T);
    X = shift(where, product(where, raw(X), R), tb, "float64");
  }
  return { X, r };
}

/** r·Y for a stack Y (nb, p, q) of float64 and r (nb, 1, 1): one product, one rounding. */
function rescale(where: string, Y: SecureArray, r: SecureArray): SecureArray {
  return shift(where, multiply(raw(Y), raw(r)), Y.vm.fracBits, "float64");
}

/**
 * NumPy `linalg.inv(a)` for a (…, n, n), secret, float64 result. Newton–Schulz on shares with a
 * public step count from `cond` (see SolveOptions): general A ⌈log2(25·n·cond²)⌉ + 1 steps with
 * f = 16 (n = 4, cond = 100: 21); "pos" ⌈log2(16.6·n·cond)⌉ + 1 (n = 4, cond = 100: 14).
 * Cost: the scale (general: the squares, a sqrt and a reciprocal, ≈ 130 rounds; "pos": the
 * reciprocal of the trace, ≈ 51 rounds), one element-wise product, then per step two matrix products
 * (each 1 round of 8(n² + n²) B per matrix plus a truncation, ≈ 12 rounds per step), and one
 * product by r. Requires n·cond ≤ 2^20, ‖A‖_F (general) or trace(A) ("pos") in [2^−4, 2^14]; κ(A)
 * above cond, or a singular A, gives wrong values without an error (they are secret).
 * Accuracy (f = 16, tested on κ up to 1000, n up to 8, see linalg-solve.test.ts): every entry within
 * 2^−16·max|A^{-1}| + 2 ulp of the exact inverse of the shared (fixed-point) A, for κ ≤ cond.
 * @example np.linalg.inv(a)  np.linalg.inv(s, { assumeA: "pos", cond: 1000 })
 */
export const inv = routine("linalg.inv", ["a"], SOLVE_OPTIONS, function inv(a: SecureArray, options: SolveOptions = {}): SecureArray {
  const W = "linalg.inv";
  const { A, batch, n } = squareStack(W, a);
  const { X, r } = newtonSchulz(W, A, options);
  return same(rescale(W, X, r), [...batch, n, n]);
});

/**
 * NumPy `linalg.solve(a, b)`: x with a·x = b, for a (…, n, n) and b (n,) or (…, n, k) with the same
 * batch axes (no broadcasting of b against a's batch). x = r·(X·b) with X from the iteration of
 * `inv` (same options, range and step count) and one more matrix product (6 rounds).
 * Accuracy (f = 16, tested as `inv`): every entry within 2^−16·max|x*| + 2 ulp of the exact solution.
 * @example np.linalg.solve(xtx, xty, { assumeA: "pos" })
 */
export const solve = routine(
  "linalg.solve",
  ["a", "b"],
  SOLVE_OPTIONS,
  function solve(a: SecureArray, b: unknown, options: SolveOptions = {}): SecureArray {
    const W = "linalg.solve";
    const { A, batch, n } = squareStack(W, a);
    const nb = A.shape[0]!;
    const y = asSecure(W, b, "b", A.vm);
    const vec = y.ndim === 1;
    if (
      vec
        ? y.shape[0] !== n || nb !== 1
        : y.shape[y.ndim - 2] !== n || y.ndim !== batch.length + 2 || batch.some((d, i) => y.shape[i] !== d)
    )
      throw new RangeError(
        `${W}: b must be (${n},) for a 2-D a, or (…, ${n}, k) with a's batch axes; got a ${fmtShape(a.shape)} and b ${fmtShape(y.shape)}`,
      );
    const k = vec ? 1 : y.shape[y.ndim - 1]!;
    const g = new Graph(A.vm, W, [nb, n, k]);
    const B = g.out(castNode(g, y.node, y.dtype, "float64"), "float64");
    const { X, r } = newtonSchulz(W, A, options);
    const x = rescale(W, product(W, X, B), r);
    return same(x, vec ? [n] : [...batch, n, k]);
  },
);
