/**
 * Z_2^64 helpers used by the kernels (private). The loops themselves are the primitives' ring
 * kernels (measured and deopt-checked there); this file keeps the short names the kernels use and
 * adds the few shapes primitives does not have (in-place forms, broadcast, axpy, matmul with an
 * accumulator). Little-endian hosts only.
 * @internal
 */
import {
  ringAdd,
  ringAddScalar,
  ringMatmul,
  ringMul,
  ringMulScalar,
  ringNeg,
  ringShl,
  ringShrArith,
  ringShrLogical,
  ringSub,
} from "@petace/primitives";

import type { Ring } from "../values.js";

export type { Ring } from "../values.js";

/** Two 32-bit words per element, low word first. */
export function limbs(a: Ring): Uint32Array {
  return new Uint32Array(a.buffer, a.byteOffset, a.length * 2);
}

export const add = (a: Ring, b: Ring): Ring => ringAdd(a, b);
export const sub = (a: Ring, b: Ring): Ring => ringSub(a, b);
export const neg = (a: Ring): Ring => ringNeg(a);
/** Element-wise product mod 2^64 (no truncation). */
export const mul = (a: Ring, b: Ring): Ring => ringMul(a, b);
export const addScalar = (a: Ring, s: bigint): Ring => ringAddScalar(a, s);
export const mulScalar = (a: Ring, s: bigint): Ring => ringMulScalar(a, s);
/** Logical right shift by `s` in [1, 63]. */
export const shrLogical = (a: Ring, s: number): Ring => ringShrLogical(a, s);
/** Arithmetic (sign-extending) right shift by `s` in [1, 63]. */
export const shrArith = (a: Ring, s: number): Ring => ringShrArith(a, s);
/** Left shift by `s` in [0, 63]. */
export const shl = (a: Ring, s: number): Ring => ringShl(a, s);

/** In place: a += b. */
export function addInto(a: Ring, b: Ring): void {
  ringAdd(a, b, a);
}

/** In place: a -= b. */
export function subInto(a: Ring, b: Ring): void {
  ringSub(a, b, a);
}

/** In place: a += s. */
export function addScalarInto(a: Ring, s: bigint): void {
  ringAddScalar(a, s, a);
}

/** Public scalar or array operand as an array of length n (a scalar is broadcast). */
export function broadcast(p: Ring | bigint, n: number): Ring {
  if (typeof p === "bigint") return new BigUint64Array(n).fill(BigInt.asUintN(64, p));
  return p;
}

/** out += s·b (mod 2^64). */
export function axpy(out: Ring, s: bigint, b: Ring): void {
  for (let j = 0; j < out.length; j++) out[j] = BigInt.asUintN(64, out[j]! + s * b[j]!);
}

/** C (m×n) = A (m×k) · B (k×n) mod 2^64, row-major; `acc` (optional, m×n) is added into the result. */
export function matmul(a: Ring, b: Ring, m: number, k: number, n: number, acc?: Ring): Ring {
  const c = ringMatmul(a, b, m, k, n);
  return acc ? ringAdd(c, acc, c) : c;
}

/** Checks that x holds rows×cols elements (cols ≥ 1). */
export function checkRows(fn: string, x: Ring, rows: number, cols: number): void {
  if (!Number.isSafeInteger(rows) || !Number.isSafeInteger(cols) || rows < 0 || cols < 1 || rows * cols !== x.length) {
    throw new RangeError(`${fn}: ${x.length} elements do not form ${rows}×${cols} rows (cols ≥ 1)`);
  }
}
