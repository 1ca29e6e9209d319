/**
 * Fixed-point and int64 encodings into Z_2^64 (`BigUint64Array`, two's complement).
 *
 * A real x is stored as the integer round(x·2^f), f = `fracBits` (16 by default), rounded to
 * nearest with ties to even (as IEEE 754 arithmetic and NumPy's `round` do; 2.5·2^-f → 2·2^-f).
 *
 * Range. Encoding needs |x·2^f| < 2^63, i.e. |x| < 2^(63-f): 2^47 ≈ 1.4e14 for f = 16, 2^43 ≈ 8.8e12
 * for f = 20, 2^39 ≈ 5.5e11 for f = 24. A product of two encodings is x·y·2^(2f) before it is
 * truncated back to f fractional bits, so it needs |x·y| < 2^(63-2f): 2^31 ≈ 2.1e9 for f = 16,
 * 2^23 ≈ 8.4e6 for f = 20, 2^15 = 32768 for f = 24. When both factors share a bound B this is
 * B < 2^(31.5-f): about 46340 for f = 16, 2896 for f = 20, 181 for f = 24. Truncation protocols
 * may need further headroom (see their docs); keep values that get multiplied well inside this.
 *
 * Speed: no BigInt is made per element. Encoding rounds in float64 arithmetic (exact: below 2^53
 * the rounding is done by one float addition, above it the value is already an integer) and writes
 * the two 32-bit words through a Uint32Array view; decoding reads the words back (hi signed).
 * See README "Fixed point" for figures.
 *
 * Errors name the function and the element's index, never its value (values may be secret).
 */
import { checkFracBits } from "./checks.js";
import { limbView, TWO_POW_32, TWO_POW_MINUS_32 } from "./ring-limbs.js";

/** Fractional bits used when none are given. */
export const DEFAULT_FRAC_BITS = 16;

const TWO_POW_51 = 2 ** 51;
const TWO_POW_52 = 2 ** 52;
const TWO_POW_63 = 2 ** 63;
// Adding 1.5·2^52 puts any |v| < 2^51 in [2^52, 2^53), where the float spacing is 1, so the addition
// itself rounds v to an integer (ties to even, since the constant is even) and the subtraction is exact.
const ROUND_MAGIC = 1.5 * 2 ** 52;

/** Any f the 64-bit ring can hold: the encodings themselves work from 0 to 63 (the protocols allow fewer). */
const ENCODING_FRAC_BITS = { min: 0, below: 64 } as const;

function assertArrayLike(fn: string, values: unknown): asserts values is ArrayLike<unknown> {
  if (typeof values !== "object" || values === null || typeof (values as ArrayLike<unknown>).length !== "number") {
    throw new TypeError(`${fn}: values must be an array or typed array`);
  }
}

function ringOut(fn: string, n: number, out: BigUint64Array | undefined): BigUint64Array {
  if (out === undefined) return new BigUint64Array(n);
  if (!(out instanceof BigUint64Array)) throw new TypeError(`${fn}: out must be a BigUint64Array`);
  if (out.length !== n) throw new RangeError(`${fn}: out has ${out.length} elements, expected ${n}`);
  return out;
}

function floatOut(fn: string, n: number, out: Float64Array | undefined): Float64Array {
  if (out === undefined) return new Float64Array(n);
  if (!(out instanceof Float64Array)) throw new TypeError(`${fn}: out must be a Float64Array`);
  if (out.length !== n) throw new RangeError(`${fn}: out has ${out.length} elements, expected ${n}`);
  return out;
}

// Cold path: v = x·2^f with 2^51 <= |v| < 2^63.
function roundLarge(v: number): number {
  const a = Math.abs(v);
  const r = a < TWO_POW_52 ? a + TWO_POW_52 - TWO_POW_52 : a;
  return v < 0 ? -r : r;
}

// Writes the integer r (|r| < 2^63) as two's complement into words j (low) and j+1 (high). The
// floor makes hi negative for negative r and lo = r - hi·2^32 lands in [0, 2^32) exactly; the
// Uint32Array store wraps hi modulo 2^32. Small enough for TurboFan to inline.
function putInt(w: Uint32Array, j: number, r: number): void {
  const hi = Math.floor(r * TWO_POW_MINUS_32);
  w[j] = r - hi * TWO_POW_32;
  w[j + 1] = hi;
}

function fixedRangeError(fn: string, i: number, x: number, f: number): RangeError {
  if (!Number.isFinite(x)) return new RangeError(`${fn}: values[${i}] is NaN or infinite`);
  return new RangeError(
    `${fn}: values[${i}] is out of range: fixed point with ${f} fractional bits needs |x·2^${f}| < 2^63 (|x| < 2^${63 - f})`,
  );
}

/**
 * Encodes reals as fixed point: out[i] = round(values[i]·2^fracBits) mod 2^64, ties to even.
 * RangeError for NaN, ±Infinity, or |values[i]·2^fracBits| >= 2^63 (see the module doc for the range
 * that leaves headroom for multiplication); `out` is then partly written.
 */
export function encodeFixed(values: ArrayLike<number>, fracBits: number = DEFAULT_FRAC_BITS, out?: BigUint64Array): BigUint64Array {
  assertArrayLike("encodeFixed", values);
  checkFracBits("encodeFixed", fracBits, ENCODING_FRAC_BITS);
  const o = ringOut("encodeFixed", values.length, out);
  const w = limbView("encodeFixed", o);
  const scale = 2 ** fracBits;
  // Separate loops per input type keep each one monomorphic.
  if (values instanceof Float64Array) encodeFloat64(values, values.length, scale, fracBits, w);
  else encodeGeneric(values, values.length, scale, fracBits, w);
  return o;
}

// The loop functions take n rather than reading x.length: a first call on a large array runs its
// prologue before V8 has allocated a feedback vector, and --trace-deopt showed the optimised code
// then deoptimising on the next call at that unfed property load.
function encodeFloat64(x: Float64Array, n: number, scale: number, f: number, w: Uint32Array): void {
  for (let i = 0, j = 0; i < n; i++, j += 2) {
    const v = x[i]! * scale;
    const a = Math.abs(v);
    let r: number;
    if (a < TWO_POW_51) r = v + ROUND_MAGIC - ROUND_MAGIC;
    else if (a < TWO_POW_63) r = roundLarge(v);
    else throw fixedRangeError("encodeFixed", i, x[i]!, f);
    putInt(w, j, r);
  }
}

function encodeGeneric(x: ArrayLike<number>, n: number, scale: number, f: number, w: Uint32Array): void {
  for (let i = 0, j = 0; i < n; i++, j += 2) {
    const xi = x[i];
    if (typeof xi !== "number") throw new TypeError(`encodeFixed: values[${i}] is not a number`);
    const v = xi * scale;
    const a = Math.abs(v);
    let r: number;
    if (a < TWO_POW_51) r = v + ROUND_MAGIC - ROUND_MAGIC;
    else if (a < TWO_POW_63) r = roundLarge(v);
    else throw fixedRangeError("encodeFixed", i, xi, f);
    putInt(w, j, r);
  }
}

/**
 * Decodes fixed point: out[i] = toSigned(a[i])·2^-fracBits as float64. Exact while |a[i]| < 2^53;
 * beyond that it is the nearest float64.
 */
export function decodeFixed(a: BigUint64Array, fracBits: number = DEFAULT_FRAC_BITS, out?: Float64Array): Float64Array {
  if (!(a instanceof BigUint64Array)) throw new TypeError("decodeFixed: a must be a BigUint64Array");
  checkFracBits("decodeFixed", fracBits, ENCODING_FRAC_BITS);
  const o = floatOut("decodeFixed", a.length, out);
  decodeWords(limbView("decodeFixed", a), a.length, 2 ** -fracBits, o);
  return o;
}

// hi·2^32 + lo is one correctly rounded addition of two exact terms; the power-of-two scale is exact.
function decodeWords(u: Uint32Array, n: number, scale: number, o: Float64Array): void {
  for (let i = 0, j = 0; i < n; i++, j += 2) o[i] = ((u[j + 1]! | 0) * TWO_POW_32 + u[j]!) * scale;
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/**
 * Encodes integers as int64 in two's complement. Numbers must be safe integers (|x| <= 2^53 - 1),
 * bigints must lie in [-2^63, 2^63); RangeError otherwise, TypeError for other element types.
 */
export function encodeInt64(values: ArrayLike<number | bigint>, out?: BigUint64Array): BigUint64Array {
  assertArrayLike("encodeInt64", values);
  const o = ringOut("encodeInt64", values.length, out);
  if (values instanceof BigInt64Array) {
    o.set(new BigUint64Array(values.buffer, values.byteOffset, values.length));
  } else if (values instanceof Float64Array) {
    encodeInt64Float64(values, values.length, limbView("encodeInt64", o));
  } else {
    encodeInt64Generic(values, o, limbView("encodeInt64", o));
  }
  return o;
}

function encodeInt64Float64(x: Float64Array, n: number, w: Uint32Array): void {
  for (let i = 0, j = 0; i < n; i++, j += 2) {
    const v = x[i]!;
    if (!Number.isSafeInteger(v)) throw new RangeError(`encodeInt64: values[${i}] is not a safe integer`);
    putInt(w, j, v);
  }
}

function encodeInt64Generic(x: ArrayLike<number | bigint>, o: BigUint64Array, w: Uint32Array): void {
  const n = x.length;
  for (let i = 0, j = 0; i < n; i++, j += 2) {
    const v = x[i];
    if (typeof v === "number") {
      if (!Number.isSafeInteger(v)) throw new RangeError(`encodeInt64: values[${i}] is not a safe integer`);
      putInt(w, j, v);
    } else if (typeof v === "bigint") {
      if (v < INT64_MIN || v > INT64_MAX) throw new RangeError(`encodeInt64: values[${i}] is outside [-2^63, 2^63)`);
      o[i] = BigInt.asUintN(64, v);
    } else {
      throw new TypeError(`encodeInt64: values[${i}] is not a number or bigint`);
    }
  }
}

/** The signed reading of `a`: a BigInt64Array view over the same memory (no copy). */
export function decodeInt64(a: BigUint64Array): BigInt64Array {
  if (!(a instanceof BigUint64Array)) throw new TypeError("decodeInt64: a must be a BigUint64Array");
  return new BigInt64Array(a.buffer, a.byteOffset, a.length);
}

/** The signed reading of `a` as float64: exact for |value| <= 2^53, otherwise the nearest float64. */
export function decodeInt64ToNumbers(a: BigUint64Array, out?: Float64Array): Float64Array {
  if (!(a instanceof BigUint64Array)) throw new TypeError("decodeInt64ToNumbers: a must be a BigUint64Array");
  const o = floatOut("decodeInt64ToNumbers", a.length, out);
  decodeWords(limbView("decodeInt64ToNumbers", a), a.length, 1, o);
  return o;
}
