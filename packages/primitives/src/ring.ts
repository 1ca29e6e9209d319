/**
 * Z_2^64 ring kernels on `BigUint64Array`: wrapping arithmetic mod 2^64, signed values in two's
 * complement. Arithmetic shares, triples and fixed-point values all live in these arrays.
 *
 * Representation and speed (see README "Ring kernels" for the measurements): the loops are plain
 * `BigUint64Array` loops of the form `out[i] = BigInt.asUintN(64, a[i] * b[i])`. Once TurboFan has
 * optimised a kernel it lowers this to machine int64 arithmetic: no BigInt is allocated and the loop
 * runs at memory speed, like a Float64Array loop. That holds only while every kernel sees one array
 * type, so each entry point checks `instanceof BigUint64Array` (TypeError otherwise) and the loops
 * never take another type. Right shifts by a variable amount and sums are not lowered by Node 20's
 * V8, so they run on 32-bit limb views instead.
 *
 * Each loop sits in its own small function that takes the length as a parameter and does nothing
 * before the loop: a first call on a large array runs the prologue before V8 has allocated a
 * feedback vector, and argument checks or property loads there, left without type feedback, made
 * the optimised code deoptimise on the next call (seen with --trace-deopt).
 *
 * Every function that takes `out` writes into it and returns it (a new array when omitted); `out`
 * may be the same array as an input. No branch or index depends on an element's value.
 */
import { checkDim, checkInt } from "./checks.js";
import { limbView, TWO_POW_32 } from "./ring-limbs.js";

// ---- argument checks (cold: once per call) -------------------------------------------------

function assertRing(fn: string, name: string, x: unknown): asserts x is BigUint64Array {
  if (!(x instanceof BigUint64Array)) throw new TypeError(`${fn}: ${name} must be a BigUint64Array`);
}

function assertSameLength(fn: string, a: BigUint64Array, b: BigUint64Array): void {
  if (a.length !== b.length) {
    throw new RangeError(`${fn}: length mismatch (a has ${a.length} elements, b has ${b.length})`);
  }
}

function overlaps(x: BigUint64Array, y: BigUint64Array): boolean {
  if (x.buffer !== y.buffer) return false;
  const xs = x.byteOffset;
  const ys = y.byteOffset;
  return xs < ys + y.byteLength && ys < xs + x.byteLength;
}

/**
 * Returns `out` checked for an element-wise kernel of length n, or a new array. `out` may be the
 * very array an input is (element i is read before it is written); a view that overlaps an input
 * at another offset would read values already overwritten, so it is refused.
 */
function elementwiseOut(fn: string, n: number, out: BigUint64Array | undefined, a: BigUint64Array, b?: BigUint64Array): BigUint64Array {
  if (out === undefined) return new BigUint64Array(n);
  assertRing(fn, "out", out);
  if (out.length !== n) throw new RangeError(`${fn}: out has ${out.length} elements, expected ${n}`);
  if (
    (out !== a && out.byteOffset !== a.byteOffset && overlaps(out, a)) ||
    (b !== undefined && out !== b && out.byteOffset !== b.byteOffset && overlaps(out, b))
  ) {
    throw new RangeError(`${fn}: out partially overlaps an input (pass the same array or a disjoint one)`);
  }
  return out;
}

function assertShift(fn: string, k: unknown): asserts k is number {
  checkInt(fn, "k", k, { below: 64 });
}

function assertScalar(fn: string, s: unknown): asserts s is bigint {
  if (typeof s !== "bigint") throw new TypeError(`${fn}: s must be a bigint`);
}

// ---- element-wise ------------------------------------------------------------------------------

/** out[i] = a[i] + b[i] mod 2^64. */
export function ringAdd(a: BigUint64Array, b: BigUint64Array, out?: BigUint64Array): BigUint64Array {
  assertRing("ringAdd", "a", a);
  assertRing("ringAdd", "b", b);
  assertSameLength("ringAdd", a, b);
  const n = a.length;
  const o = elementwiseOut("ringAdd", n, out, a, b);
  addLoop(a, b, o, n);
  return o;
}

function addLoop(a: BigUint64Array, b: BigUint64Array, o: BigUint64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = BigInt.asUintN(64, a[i]! + b[i]!);
}

/** out[i] = a[i] - b[i] mod 2^64. */
export function ringSub(a: BigUint64Array, b: BigUint64Array, out?: BigUint64Array): BigUint64Array {
  assertRing("ringSub", "a", a);
  assertRing("ringSub", "b", b);
  assertSameLength("ringSub", a, b);
  const n = a.length;
  const o = elementwiseOut("ringSub", n, out, a, b);
  subLoop(a, b, o, n);
  return o;
}

function subLoop(a: BigUint64Array, b: BigUint64Array, o: BigUint64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = BigInt.asUintN(64, a[i]! - b[i]!);
}

/** out[i] = -a[i] mod 2^64. */
export function ringNeg(a: BigUint64Array, out?: BigUint64Array): BigUint64Array {
  assertRing("ringNeg", "a", a);
  const n = a.length;
  const o = elementwiseOut("ringNeg", n, out, a);
  negLoop(a, o, n);
  return o;
}

function negLoop(a: BigUint64Array, o: BigUint64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = BigInt.asUintN(64, -a[i]!);
}

/** out[i] = a[i] * b[i] mod 2^64 (the low 64 bits of the product; same bits signed or unsigned). */
export function ringMul(a: BigUint64Array, b: BigUint64Array, out?: BigUint64Array): BigUint64Array {
  assertRing("ringMul", "a", a);
  assertRing("ringMul", "b", b);
  assertSameLength("ringMul", a, b);
  const n = a.length;
  const o = elementwiseOut("ringMul", n, out, a, b);
  mulLoop(a, b, o, n);
  return o;
}

function mulLoop(a: BigUint64Array, b: BigUint64Array, o: BigUint64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = BigInt.asUintN(64, a[i]! * b[i]!);
}

/** out[i] = a[i] + s mod 2^64; s is any bigint, taken mod 2^64 (so negative s subtracts). */
export function ringAddScalar(a: BigUint64Array, s: bigint, out?: BigUint64Array): BigUint64Array {
  assertRing("ringAddScalar", "a", a);
  assertScalar("ringAddScalar", s);
  const n = a.length;
  const o = elementwiseOut("ringAddScalar", n, out, a);
  addScalarLoop(a, BigInt.asUintN(64, s), o, n);
  return o;
}

function addScalarLoop(a: BigUint64Array, c: bigint, o: BigUint64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = BigInt.asUintN(64, a[i]! + c);
}

/** out[i] = a[i] * s mod 2^64; s is any bigint, taken mod 2^64. */
export function ringMulScalar(a: BigUint64Array, s: bigint, out?: BigUint64Array): BigUint64Array {
  assertRing("ringMulScalar", "a", a);
  assertScalar("ringMulScalar", s);
  const n = a.length;
  const o = elementwiseOut("ringMulScalar", n, out, a);
  mulScalarLoop(a, BigInt.asUintN(64, s), o, n);
  return o;
}

// Also ringShl's loop, with c = 2^k.
function mulScalarLoop(a: BigUint64Array, c: bigint, o: BigUint64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = BigInt.asUintN(64, a[i]! * c);
}

// ---- shifts --------------------------------------------------------------------------------------

/** out[i] = a[i] << k mod 2^64, 0 <= k < 64. */
export function ringShl(a: BigUint64Array, k: number, out?: BigUint64Array): BigUint64Array {
  assertRing("ringShl", "a", a);
  assertShift("ringShl", k);
  const n = a.length;
  const o = elementwiseOut("ringShl", n, out, a);
  // A BigInt shift by a variable amount is not lowered to int64 (slow, and it makes garbage);
  // a multiplication by 2^k is.
  mulScalarLoop(a, 1n << BigInt(k), o, n);
  return o;
}

/** out[i] = a[i] >> k with zeros shifted in (unsigned view), 0 <= k < 64. */
export function ringShrLogical(a: BigUint64Array, k: number, out?: BigUint64Array): BigUint64Array {
  assertRing("ringShrLogical", "a", a);
  assertShift("ringShrLogical", k);
  const o = elementwiseOut("ringShrLogical", a.length, out, a);
  const u = limbView("ringShrLogical", a);
  const w = limbView("ringShrLogical", o);
  if (k === 0) {
    if (o !== a) o.set(a);
  } else if (k < 32) shrLogicalSmall(u, w, u.length, k);
  else shrLogicalLarge(u, w, u.length, k - 32);
  return o;
}

// Limb loops: u/w are the input/output words (lo at even, hi at odd indices), len = 2·elements.
// (x >>> k) | (y << (32 - k)) needs 0 < k < 32: JavaScript takes shift counts mod 32.
function shrLogicalSmall(u: Uint32Array, w: Uint32Array, len: number, k: number): void {
  const r = 32 - k;
  for (let i = 0; i < len; i += 2) {
    const lo = u[i]!;
    const hi = u[i + 1]!;
    w[i] = (lo >>> k) | (hi << r);
    w[i + 1] = hi >>> k;
  }
}

// k >= 32: the high word, shifted by q = k - 32, becomes the low word.
function shrLogicalLarge(u: Uint32Array, w: Uint32Array, len: number, q: number): void {
  for (let i = 0; i < len; i += 2) {
    w[i] = u[i + 1]! >>> q;
    w[i + 1] = 0;
  }
}

/** out[i] = a[i] >> k with the sign bit shifted in (two's-complement view), 0 <= k < 64. */
export function ringShrArith(a: BigUint64Array, k: number, out?: BigUint64Array): BigUint64Array {
  assertRing("ringShrArith", "a", a);
  assertShift("ringShrArith", k);
  const o = elementwiseOut("ringShrArith", a.length, out, a);
  const u = limbView("ringShrArith", a);
  const w = limbView("ringShrArith", o);
  if (k === 0) {
    if (o !== a) o.set(a);
  } else if (k < 32) shrArithSmall(u, w, u.length, k);
  else shrArithLarge(u, w, u.length, k - 32);
  return o;
}

function shrArithSmall(u: Uint32Array, w: Uint32Array, len: number, k: number): void {
  const r = 32 - k;
  for (let i = 0; i < len; i += 2) {
    const lo = u[i]!;
    const hi = u[i + 1]! | 0;
    w[i] = (lo >>> k) | (hi << r);
    w[i + 1] = hi >> k;
  }
}

function shrArithLarge(u: Uint32Array, w: Uint32Array, len: number, q: number): void {
  for (let i = 0; i < len; i += 2) {
    const hi = u[i + 1]! | 0;
    w[i] = hi >> q;
    w[i + 1] = hi >> 31;
  }
}

// ---- reductions ----------------------------------------------------------------------------------

/** sum_i a[i] * b[i] mod 2^64, as a bigint in [0, 2^64). */
export function ringDot(a: BigUint64Array, b: BigUint64Array): bigint {
  assertRing("ringDot", "a", a);
  assertRing("ringDot", "b", b);
  assertSameLength("ringDot", a, b);
  const acc = new BigUint64Array(1);
  dotLoop(a, b, acc, a.length);
  return acc[0]!;
}

// A bigint loop variable is a phi V8 does not lower (it allocates per element); an accumulator
// kept in a one-element typed array stays in int64 arithmetic.
function dotLoop(a: BigUint64Array, b: BigUint64Array, acc: BigUint64Array, n: number): void {
  for (let i = 0; i < n; i++) acc[0] = BigInt.asUintN(64, acc[0]! + a[i]! * b[i]!);
}

/** sum_i a[i] mod 2^64, as a bigint in [0, 2^64). */
export function ringSum(a: BigUint64Array): bigint {
  assertRing("ringSum", "a", a);
  // The result is assembled through memory: BigInt arithmetic on (hi, lo) here made TurboFan
  // speculate on a signed int64 result and deoptimise when the top bit was set.
  const cell = new BigUint64Array(1);
  const u = limbView("ringSum", a);
  sumWords(u, u.length, limbView("ringSum", cell));
  return cell[0]!;
}

// Words summed per chunk before carries are folded: 2^20 elements, so each float sum adds 2^20
// words below 2^32 to a value below 2^32 and stays exact (< 2^52 + 2^32 < 2^53).
const SUM_CHUNK_WORDS = 1 << 21;

// Sums the low and the high words separately in floats (a bigint accumulator is not lowered),
// folding the carry out of the low sum into the high sum after every chunk; writes (lo, hi) to res.
function sumWords(u: Uint32Array, len: number, res: Uint32Array): void {
  let lo = 0;
  let hi = 0;
  for (let start = 0; start < len; start += SUM_CHUNK_WORDS) {
    const end = Math.min(len, start + SUM_CHUNK_WORDS);
    for (let i = start; i < end; i += 2) {
      lo += u[i]!;
      hi += u[i + 1]!;
    }
    const carry = Math.floor(lo / TWO_POW_32);
    lo -= carry * TWO_POW_32;
    hi = (hi + carry) % TWO_POW_32;
  }
  res[0] = lo;
  res[1] = hi;
}

/**
 * Sums a C-order N-D array along one axis: the result has shape `shape` without `axis` (a 1-D
 * input gives a one-element array). `axis` may be negative, counted from the end as in NumPy.
 * `out` may overlap `a`; the sum is then computed in scratch space and copied.
 */
export function ringSumAxis(a: BigUint64Array, shape: readonly number[], axis: number, out?: BigUint64Array): BigUint64Array {
  assertRing("ringSumAxis", "a", a);
  if (!Array.isArray(shape)) throw new TypeError("ringSumAxis: shape must be an array of numbers");
  const nd = shape.length;
  let size = 1;
  for (let d = 0; d < nd; d++) {
    checkDim("ringSumAxis", `shape[${d}]`, shape[d]);
    size *= shape[d]!;
  }
  if (size !== a.length) throw new RangeError(`ringSumAxis: shape [${shape.join(", ")}] has ${size} elements, a has ${a.length}`);
  if (typeof axis !== "number") throw new TypeError("ringSumAxis: axis must be a number");
  if (!Number.isInteger(axis) || axis < -nd || axis >= nd) {
    throw new RangeError(`ringSumAxis: axis ${axis} is out of range for ${nd}-D shape [${shape.join(", ")}]`);
  }
  const ax = axis < 0 ? axis + nd : axis;
  let outer = 1;
  for (let d = 0; d < ax; d++) outer *= shape[d]!;
  let inner = 1;
  for (let d = ax + 1; d < nd; d++) inner *= shape[d]!;
  const len = shape[ax]!;
  const outLen = outer * inner;

  let o: BigUint64Array;
  if (out === undefined) o = new BigUint64Array(outLen);
  else {
    assertRing("ringSumAxis", "out", out);
    if (out.length !== outLen) throw new RangeError(`ringSumAxis: out has ${out.length} elements, expected ${outLen}`);
    o = overlaps(out, a) ? new BigUint64Array(outLen) : out;
  }
  if (len === 0) o.fill(0n);
  else if (inner === 1) sumRows(a, outer, len, o);
  else sumPlanes(a, outer, len, inner, o);
  if (out !== undefined && o !== out) out.set(o);
  return out ?? o;
}

// Last-axis sum: o[r] accumulates in place (a typed-array cell keeps the arithmetic in int64).
function sumRows(a: BigUint64Array, rows: number, len: number, o: BigUint64Array): void {
  for (let r = 0; r < rows; r++) {
    const base = r * len;
    o[r] = a[base]!;
    for (let t = 1; t < len; t++) o[r] = BigInt.asUintN(64, o[r]! + a[base + t]!);
  }
}

// Inner axis sum: add whole contiguous rows of `inner` elements (streaming, cache-friendly).
function sumPlanes(a: BigUint64Array, outer: number, len: number, inner: number, o: BigUint64Array): void {
  for (let p = 0; p < outer; p++) {
    const ro = p * inner;
    const base = p * len * inner;
    for (let q = 0; q < inner; q++) o[ro + q] = a[base + q]!;
    for (let t = 1; t < len; t++) {
      const rb = base + t * inner;
      for (let q = 0; q < inner; q++) o[ro + q] = BigInt.asUintN(64, o[ro + q]! + a[rb + q]!);
    }
  }
}

// ---- matmul --------------------------------------------------------------------------------------

/**
 * Row-major (m×k)·(k×n) → m×n mod 2^64. `out` may overlap `a` or `b`; the product is then
 * computed in scratch space and copied.
 */
export function ringMatmul(a: BigUint64Array, b: BigUint64Array, m: number, k: number, n: number, out?: BigUint64Array): BigUint64Array {
  assertRing("ringMatmul", "a", a);
  assertRing("ringMatmul", "b", b);
  checkDim("ringMatmul", "m", m);
  checkDim("ringMatmul", "k", k);
  checkDim("ringMatmul", "n", n);
  if (a.length !== m * k) throw new RangeError(`ringMatmul: a has ${a.length} elements, expected m*k = ${m}*${k}`);
  if (b.length !== k * n) throw new RangeError(`ringMatmul: b has ${b.length} elements, expected k*n = ${k}*${n}`);
  let o: BigUint64Array;
  if (out === undefined) o = new BigUint64Array(m * n);
  else {
    assertRing("ringMatmul", "out", out);
    if (out.length !== m * n) throw new RangeError(`ringMatmul: out has ${out.length} elements, expected m*n = ${m}*${n}`);
    o = overlaps(out, a) || overlaps(out, b) ? new BigUint64Array(m * n) : out;
    o.fill(0n);
  }
  matmulInto(a, b, m, k, n, k - (k % 4), o);
  if (out !== undefined && o !== out) out.set(o);
  return out ?? o;
}

/*
 * i-k-j order (the inner loop streams a row of b into a row of out), register-blocked over two rows
 * of a and four steps of k: each loaded b element feeds two products and each out element is loaded
 * and stored once per four steps, which keeps the loads in registers (bench/notes.md).
 * `o` must be zero on entry; k4 = k rounded down to a multiple of 4.
 */
function matmulInto(a: BigUint64Array, b: BigUint64Array, m: number, k: number, n: number, k4: number, o: BigUint64Array): void {
  let i = 0;
  for (; i + 2 <= m; i += 2) {
    const r0 = i * n;
    const r1 = r0 + n;
    const a0 = i * k;
    const a1 = a0 + k;
    let p = 0;
    for (; p < k4; p += 4) {
      const x00 = a[a0 + p]!,
        x01 = a[a0 + p + 1]!,
        x02 = a[a0 + p + 2]!,
        x03 = a[a0 + p + 3]!;
      const x10 = a[a1 + p]!,
        x11 = a[a1 + p + 1]!,
        x12 = a[a1 + p + 2]!,
        x13 = a[a1 + p + 3]!;
      const b0 = p * n;
      const b1 = b0 + n;
      const b2 = b1 + n;
      const b3 = b2 + n;
      for (let j = 0; j < n; j++) {
        const y0 = b[b0 + j]!,
          y1 = b[b1 + j]!,
          y2 = b[b2 + j]!,
          y3 = b[b3 + j]!;
        o[r0 + j] = BigInt.asUintN(64, o[r0 + j]! + x00 * y0 + x01 * y1 + x02 * y2 + x03 * y3);
        o[r1 + j] = BigInt.asUintN(64, o[r1 + j]! + x10 * y0 + x11 * y1 + x12 * y2 + x13 * y3);
      }
    }
    for (; p < k; p++) {
      const x0 = a[a0 + p]!;
      const x1 = a[a1 + p]!;
      const b0 = p * n;
      for (let j = 0; j < n; j++) {
        const y = b[b0 + j]!;
        o[r0 + j] = BigInt.asUintN(64, o[r0 + j]! + x0 * y);
        o[r1 + j] = BigInt.asUintN(64, o[r1 + j]! + x1 * y);
      }
    }
  }
  if (i < m) {
    // odd m: the last row alone
    const r0 = i * n;
    const a0 = i * k;
    for (let p = 0; p < k; p++) {
      const x0 = a[a0 + p]!;
      const b0 = p * n;
      for (let j = 0; j < n; j++) o[r0 + j] = BigInt.asUintN(64, o[r0 + j]! + x0 * b[b0 + j]!);
    }
  }
}

// ---- helpers for tests and cold paths --------------------------------------------------------

/** A ring array from bigints, each taken mod 2^64 (negative values become two's complement). */
export function ringFromBigInts(values: Iterable<bigint>): BigUint64Array {
  if (values == null || typeof (values as Iterable<bigint>)[Symbol.iterator] !== "function") {
    throw new TypeError("ringFromBigInts: values must be an iterable of bigints");
  }
  const list: bigint[] = [];
  let i = 0;
  for (const v of values) {
    if (typeof v !== "bigint") throw new TypeError(`ringFromBigInts: element ${i} is not a bigint`);
    list.push(v);
    i++;
  }
  const r = new BigUint64Array(list.length);
  for (let j = 0; j < list.length; j++) r[j] = BigInt.asUintN(64, list[j]!);
  return r;
}

/** The elements as unsigned bigints in [0, 2^64). */
export function ringToBigInts(a: BigUint64Array): bigint[] {
  assertRing("ringToBigInts", "a", a);
  return Array.from(a);
}

/** The two's-complement reading of a ring element: x mod 2^64 mapped to [-2^63, 2^63). */
export function toSigned(x: bigint): bigint {
  if (typeof x !== "bigint") throw new TypeError("toSigned: x must be a bigint");
  return BigInt.asIntN(64, x);
}
