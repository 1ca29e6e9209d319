/**
 * Z_2^64 loops used by the kernels (private). Each function is monomorphic on BigUint64Array so V8
 * lowers its BigInt arithmetic to int64; shifts by a runtime amount go through 32-bit limb views
 * (a BigInt shift by a non-constant amount is not lowered). Little-endian hosts only.
 * @internal
 */

export type Ring = BigUint64Array;

/** Two 32-bit words per element, low word first. */
export function limbs(a: Ring): Uint32Array {
  return new Uint32Array(a.buffer, a.byteOffset, a.length * 2);
}

export function add(a: Ring, b: Ring): Ring {
  const out = new BigUint64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = BigInt.asUintN(64, a[i]! + b[i]!);
  return out;
}

export function sub(a: Ring, b: Ring): Ring {
  const out = new BigUint64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = BigInt.asUintN(64, a[i]! - b[i]!);
  return out;
}

export function neg(a: Ring): Ring {
  const out = new BigUint64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = BigInt.asUintN(64, -a[i]!);
  return out;
}

/** Element-wise product mod 2^64 (no truncation). */
export function mul(a: Ring, b: Ring): Ring {
  const out = new BigUint64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = BigInt.asUintN(64, a[i]! * b[i]!);
  return out;
}

export function addScalar(a: Ring, s: bigint): Ring {
  const out = new BigUint64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = BigInt.asUintN(64, a[i]! + s);
  return out;
}

export function mulScalar(a: Ring, s: bigint): Ring {
  const out = new BigUint64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = BigInt.asUintN(64, a[i]! * s);
  return out;
}

/** In place: a += b. */
export function addInto(a: Ring, b: Ring): void {
  for (let i = 0; i < a.length; i++) a[i] = BigInt.asUintN(64, a[i]! + b[i]!);
}

/** In place: a -= b. */
export function subInto(a: Ring, b: Ring): void {
  for (let i = 0; i < a.length; i++) a[i] = BigInt.asUintN(64, a[i]! - b[i]!);
}

/** In place: a += s. */
export function addScalarInto(a: Ring, s: bigint): void {
  for (let i = 0; i < a.length; i++) a[i] = BigInt.asUintN(64, a[i]! + s);
}

/** Logical right shift by `s` in [1, 63]. */
export function shrLogical(a: Ring, s: number): Ring {
  const out = new BigUint64Array(a.length);
  const x = limbs(a), y = limbs(out);
  if (s < 32) {
    const t = 32 - s;
    for (let i = 0; i < x.length; i += 2) {
      const lo = x[i]!, hi = x[i + 1]!;
      y[i] = (lo >>> s) | (hi << t);
      y[i + 1] = hi >>> s;
    }
  } else {
    const u = s - 32;
    for (let i = 0; i < x.length; i += 2) {
      y[i] = x[i + 1]! >>> u;
      y[i + 1] = 0;
    }
  }
  return out;
}

/** Arithmetic (sign-extending) right shift by `s` in [1, 63]. */
export function shrArith(a: Ring, s: number): Ring {
  const out = new BigUint64Array(a.length);
  const x = limbs(a), y = limbs(out);
  if (s < 32) {
    const t = 32 - s;
    for (let i = 0; i < x.length; i += 2) {
      const lo = x[i]!, hi = x[i + 1]!;
      y[i] = (lo >>> s) | (hi << t);
      y[i + 1] = (hi | 0) >> s;
    }
  } else {
    const u = s - 32;
    for (let i = 0; i < x.length; i += 2) {
      const hi = x[i + 1]! | 0;
      y[i] = hi >> u;
      y[i + 1] = hi >> 31;
    }
  }
  return out;
}

/** Left shift by `s` in [0, 63]. */
export function shl(a: Ring, s: number): Ring {
  const out = new BigUint64Array(a.length);
  if (s === 0) {
    out.set(a);
    return out;
  }
  const x = limbs(a), y = limbs(out);
  if (s < 32) {
    const t = 32 - s;
    for (let i = 0; i < x.length; i += 2) {
      const lo = x[i]!, hi = x[i + 1]!;
      y[i] = lo << s;
      y[i + 1] = (hi << s) | (lo >>> t);
    }
  } else {
    const u = s - 32;
    for (let i = 0; i < x.length; i += 2) {
      y[i] = 0;
      y[i + 1] = x[i]! << u;
    }
  }
  return out;
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

/**
 * C (m×n) = A (m×k) · B (k×n) mod 2^64, row-major; i-k-j order so the inner loop streams rows.
 * `acc` (optional, m×n) is added into the result.
 */
export function matmul(a: Ring, b: Ring, m: number, k: number, n: number, acc?: Ring): Ring {
  const c = acc ? acc.slice() : new BigUint64Array(m * n);
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    for (let t = 0; t < k; t++) axpyAt(c, ci, a[i * k + t]!, b, t * n, n);
  }
  return c;
}

/** c[ci..ci+n) += s·b[bi..bi+n) (mod 2^64). */
function axpyAt(c: Ring, ci: number, s: bigint, b: Ring, bi: number, n: number): void {
  for (let j = 0; j < n; j++) c[ci + j] = BigInt.asUintN(64, c[ci + j]! + s * b[bi + j]!);
}
