/**
 * Bit utilities. Packed bits are LSB-first within a byte: bit j of a packed array is
 * `(p[j >> 3] >> (j & 7)) & 1`. On a little-endian platform (every JS engine in practice) this
 * makes bit j of a Uint32Array view's word w bit 32w + j of the bytes, which the word kernels use.
 *
 * Nothing here branches on or indexes by data values (constant time), except `getBit`/`setBit`
 * whose index is public by nature.
 */

import { checkBytes, checkCount, checkDim } from "./checks.js";

const isAligned4 = (a: Uint8Array): boolean => (a.byteOffset & 3) === 0;
const isAligned8 = (a: Uint8Array): boolean => (a.byteOffset & 7) === 0;
const u32 = (a: Uint8Array): Uint32Array => new Uint32Array(a.buffer, a.byteOffset, a.length >>> 2);

function outOf(fn: string, len: number, out: Uint8Array | undefined): Uint8Array {
  if (out === undefined) return new Uint8Array(len);
  checkBytes(fn, "out", out);
  if (out.length !== len) throw new RangeError(`${fn}: out must have ${len} bytes, got ${out.length}`);
  return out;
}

function overlaps(a: Uint8Array, b: Uint8Array): boolean {
  return a.buffer === b.buffer && a.byteOffset < b.byteOffset + b.length && b.byteOffset < a.byteOffset + a.length;
}

/**
 * Packs `bits` (one bit per byte: the low bit of each byte is used) into ceil(n/8) bytes,
 * LSB-first; the unused high bits of the last byte are 0.
 */
export function packBits(bits: Uint8Array, out?: Uint8Array): Uint8Array {
  checkBytes("packBits", "bits", bits);
  const n = bits.length;
  const o = outOf("packBits", (n + 7) >>> 3, out);
  const full = n >>> 3;
  let i = 0;
  if (isAligned4(bits)) {
    // Four 0/1 bytes b0..b3 of a word w, times 0x01020408, land at bits 24..27 as b0 + 2b1 + 4b2 + 8b3
    // (every other partial product lands on its own bit below 24 or above 31: no carries).
    const w = new Uint32Array(bits.buffer, bits.byteOffset, full * 2);
    for (; i < full; i++) {
      const lo = w[2 * i]! & 0x01010101;
      const hi = w[2 * i + 1]! & 0x01010101;
      o[i] = (Math.imul(lo, 0x01020408) >>> 24) | ((Math.imul(hi, 0x01020408) >>> 24) << 4);
    }
  } else {
    for (; i < full; i++) {
      const j = i << 3;
      o[i] =
        (bits[j]! & 1) |
        ((bits[j + 1]! & 1) << 1) |
        ((bits[j + 2]! & 1) << 2) |
        ((bits[j + 3]! & 1) << 3) |
        ((bits[j + 4]! & 1) << 4) |
        ((bits[j + 5]! & 1) << 5) |
        ((bits[j + 6]! & 1) << 6) |
        ((bits[j + 7]! & 1) << 7);
    }
  }
  if (full << 3 < n) {
    let v = 0;
    for (let j = full << 3; j < n; j++) v |= (bits[j]! & 1) << (j & 7);
    o[full] = v;
  }
  return o;
}

/** Spreads a nibble to four 0/1 bytes of a little-endian word. */
const NIBBLE_TO_WORD = /* @__PURE__ */ (() => {
  const t = new Uint32Array(16);
  for (let v = 0; v < 16; v++) t[v] = (v & 1) | ((v & 2) << 7) | ((v & 4) << 14) | ((v & 8) << 21);
  return t;
})();

/** Unpacks the first `n` bits of `packed` into one 0/1 byte each (`out`, n bytes). */
export function unpackBits(packed: Uint8Array, n: number, out?: Uint8Array): Uint8Array {
  checkBytes("unpackBits", "packed", packed);
  checkCount("unpackBits", n);
  if (packed.length < (n + 7) >>> 3) throw new RangeError(`unpackBits: ${n} bits need ${(n + 7) >>> 3} bytes, got ${packed.length}`);
  const o = outOf("unpackBits", n, out);
  const full = n >>> 3;
  let i = 0;
  if (isAligned4(o)) {
    const w = new Uint32Array(o.buffer, o.byteOffset, full * 2);
    const T = NIBBLE_TO_WORD;
    for (; i < full; i++) {
      const v = packed[i]!;
      w[2 * i] = T[v & 15]!;
      w[2 * i + 1] = T[v >>> 4]!;
    }
  }
  for (let j = i << 3; j < n; j++) o[j] = (packed[j >>> 3]! >>> (j & 7)) & 1;
  return o;
}

/** Bit i of a packed array. */
export function getBit(packed: Uint8Array, i: number): 0 | 1 {
  if (!Number.isInteger(i) || i < 0 || i >= packed.length * 8)
    throw new RangeError(`getBit: index ${i} out of range [0, ${packed.length * 8})`);
  return ((packed[i >>> 3]! >>> (i & 7)) & 1) as 0 | 1;
}

/** Sets bit i of a packed array to v (0 or 1). */
export function setBit(packed: Uint8Array, i: number, v: 0 | 1 | number): void {
  if (!Number.isInteger(i) || i < 0 || i >= packed.length * 8)
    throw new RangeError(`setBit: index ${i} out of range [0, ${packed.length * 8})`);
  if (v !== 0 && v !== 1) throw new RangeError(`setBit: value must be 0 or 1, got ${v}`);
  const k = i >>> 3;
  packed[k] = (packed[k]! & ~(1 << (i & 7))) | (v << (i & 7));
}

/**
 * out = a ⊕ b (all the same length; `out` may be `a` or `b`). Runs on 64-bit words when the three
 * arrays are 8-byte aligned, else 32-bit words when 4-byte aligned, else bytes.
 */
export function xorBytes(a: Uint8Array, b: Uint8Array, out?: Uint8Array): Uint8Array {
  checkBytes("xorBytes", "a", a);
  checkBytes("xorBytes", "b", b);
  const n = a.length;
  if (b.length !== n) throw new RangeError(`xorBytes: a has ${n} bytes, b ${b.length}`);
  const o = outOf("xorBytes", n, out);
  let i = 0;
  if (n >= 64 && isAligned8(a) && isAligned8(b) && isAligned8(o)) {
    const m = n >>> 3;
    const x = new BigUint64Array(a.buffer, a.byteOffset, m);
    const y = new BigUint64Array(b.buffer, b.byteOffset, m);
    const z = new BigUint64Array(o.buffer, o.byteOffset, m);
    for (let k = 0; k < m; k++) z[k] = x[k]! ^ y[k]!;
    i = m << 3;
  } else if (n >= 64 && isAligned4(a) && isAligned4(b) && isAligned4(o)) {
    const m = n >>> 2;
    const x = new Int32Array(a.buffer, a.byteOffset, m);
    const y = new Int32Array(b.buffer, b.byteOffset, m);
    const z = new Int32Array(o.buffer, o.byteOffset, m);
    let k = 0;
    for (; k + 4 <= m; k += 4) {
      z[k] = x[k]! ^ y[k]!;
      z[k + 1] = x[k + 1]! ^ y[k + 1]!;
      z[k + 2] = x[k + 2]! ^ y[k + 2]!;
      z[k + 3] = x[k + 3]! ^ y[k + 3]!;
    }
    for (; k < m; k++) z[k] = x[k]! ^ y[k]!;
    i = m << 2;
  }
  for (; i < n; i++) o[i] = a[i]! ^ b[i]!;
  return o;
}

/**
 * Transposes a bit matrix. `src` is `rows` × `cols`, row-major, each row `cols / 8` bytes
 * (LSB-first); the result is `cols` × `rows`, each row `rows / 8` bytes: output bit (c, r) = input
 * bit (r, c). rows and cols must be multiples of 8. When both are multiples of 32 it works on 32×32
 * word blocks, otherwise on 8×8 byte blocks (slower; bench/notes.md).
 * Misaligned `src`/`out` views are copied through aligned scratch. `out` must not overlap `src`.
 *
 * OT extension: rows = 128, cols = n gives n rows of 16 bytes (one block per OT); the inverse,
 * rows = n, cols = 128, goes back. (IKNP itself transposes inside @petace/offline-kernels, fused
 * with the PRG; this is the general-purpose routine.)
 */
export function transposeBits(src: Uint8Array, rows: number, cols: number, out?: Uint8Array): Uint8Array {
  checkBytes("transposeBits", "src", src);
  checkDim("transposeBits", "rows", rows);
  checkDim("transposeBits", "cols", cols);
  if (rows % 8 !== 0 || cols % 8 !== 0) throw new RangeError(`transposeBits: rows and cols must be multiples of 8, got ${rows}×${cols}`);
  const len = (rows / 8) * cols;
  if (src.length !== len) throw new RangeError(`transposeBits: a ${rows}×${cols} matrix has ${len} bytes, src has ${src.length}`);
  const o = outOf("transposeBits", len, out);
  if (overlaps(src, o)) throw new RangeError("transposeBits: out must not overlap src");
  if (len === 0) return o;
  if (rows % 32 === 0 && cols % 32 === 0) {
    const s = isAligned4(src) ? src : src.slice();
    const d = isAligned4(o) ? o : new Uint8Array(len);
    transpose32(u32(s), rows, cols, u32(d));
    if (d !== o) o.set(d);
  } else {
    transpose8(src, rows, cols, o);
  }
  return o;
}

/** Word-level transpose, rows and cols multiples of 32, 32×32 blocks. */
function transpose32(s: Uint32Array, rows: number, cols: number, o: Uint32Array): void {
  const rw = cols >>> 5; // words per input row
  const ow = rows >>> 5; // words per output row
  // Block (R, C) reads word C of input rows 32R..32R+31 and writes word R of output rows
  // 32C..32C+31. With rows = 128 the 4 blocks of a column step write one contiguous 512-byte run;
  // the other loop order measured the same for both 128×n and n×128.
  for (let C = 0; C < rw; C++) for (let R = 0; R < ow; R++) block32(s, (R << 5) * rw + C, rw, o, (C << 5) * ow + R, ow);
}

/**
 * Transposes one 32×32 block: a_i = s[p + i·rw] (i = 0..31), then o[q + j·ow] gets the word whose
 * bit i is bit j of a_i. Five rounds of swapping off-diagonal sub-blocks (16, 8, 4, 2, 1) with masks
 * and shifts. Unrolled over locals, so the words stay in registers (bench/notes.md).
 */
function block32(s: Uint32Array, p: number, rw: number, o: Uint32Array, q: number, ow: number): void {
  let a0 = s[p]!;
  let a1 = s[(p += rw)]!;
  let a2 = s[(p += rw)]!;
  let a3 = s[(p += rw)]!;
  let a4 = s[(p += rw)]!;
  let a5 = s[(p += rw)]!;
  let a6 = s[(p += rw)]!;
  let a7 = s[(p += rw)]!;
  let a8 = s[(p += rw)]!;
  let a9 = s[(p += rw)]!;
  let a10 = s[(p += rw)]!;
  let a11 = s[(p += rw)]!;
  let a12 = s[(p += rw)]!;
  let a13 = s[(p += rw)]!;
  let a14 = s[(p += rw)]!;
  let a15 = s[(p += rw)]!;
  let a16 = s[(p += rw)]!;
  let a17 = s[(p += rw)]!;
  let a18 = s[(p += rw)]!;
  let a19 = s[(p += rw)]!;
  let a20 = s[(p += rw)]!;
  let a21 = s[(p += rw)]!;
  let a22 = s[(p += rw)]!;
  let a23 = s[(p += rw)]!;
  let a24 = s[(p += rw)]!;
  let a25 = s[(p += rw)]!;
  let a26 = s[(p += rw)]!;
  let a27 = s[(p += rw)]!;
  let a28 = s[(p += rw)]!;
  let a29 = s[(p += rw)]!;
  let a30 = s[(p += rw)]!;
  let a31 = s[(p += rw)]!;
  let t: number;
  // swap the 16×16 off-diagonal sub-blocks: rows k and k+16, mask 0x0000ffff
  t = ((a0 >>> 16) ^ a16) & 0x0000ffff;
  a16 ^= t;
  a0 ^= t << 16;
  t = ((a1 >>> 16) ^ a17) & 0x0000ffff;
  a17 ^= t;
  a1 ^= t << 16;
  t = ((a2 >>> 16) ^ a18) & 0x0000ffff;
  a18 ^= t;
  a2 ^= t << 16;
  t = ((a3 >>> 16) ^ a19) & 0x0000ffff;
  a19 ^= t;
  a3 ^= t << 16;
  t = ((a4 >>> 16) ^ a20) & 0x0000ffff;
  a20 ^= t;
  a4 ^= t << 16;
  t = ((a5 >>> 16) ^ a21) & 0x0000ffff;
  a21 ^= t;
  a5 ^= t << 16;
  t = ((a6 >>> 16) ^ a22) & 0x0000ffff;
  a22 ^= t;
  a6 ^= t << 16;
  t = ((a7 >>> 16) ^ a23) & 0x0000ffff;
  a23 ^= t;
  a7 ^= t << 16;
  t = ((a8 >>> 16) ^ a24) & 0x0000ffff;
  a24 ^= t;
  a8 ^= t << 16;
  t = ((a9 >>> 16) ^ a25) & 0x0000ffff;
  a25 ^= t;
  a9 ^= t << 16;
  t = ((a10 >>> 16) ^ a26) & 0x0000ffff;
  a26 ^= t;
  a10 ^= t << 16;
  t = ((a11 >>> 16) ^ a27) & 0x0000ffff;
  a27 ^= t;
  a11 ^= t << 16;
  t = ((a12 >>> 16) ^ a28) & 0x0000ffff;
  a28 ^= t;
  a12 ^= t << 16;
  t = ((a13 >>> 16) ^ a29) & 0x0000ffff;
  a29 ^= t;
  a13 ^= t << 16;
  t = ((a14 >>> 16) ^ a30) & 0x0000ffff;
  a30 ^= t;
  a14 ^= t << 16;
  t = ((a15 >>> 16) ^ a31) & 0x0000ffff;
  a31 ^= t;
  a15 ^= t << 16;
  // swap the 8×8 off-diagonal sub-blocks: rows k and k+8, mask 0x00ff00ff
  t = ((a0 >>> 8) ^ a8) & 0x00ff00ff;
  a8 ^= t;
  a0 ^= t << 8;
  t = ((a1 >>> 8) ^ a9) & 0x00ff00ff;
  a9 ^= t;
  a1 ^= t << 8;
  t = ((a2 >>> 8) ^ a10) & 0x00ff00ff;
  a10 ^= t;
  a2 ^= t << 8;
  t = ((a3 >>> 8) ^ a11) & 0x00ff00ff;
  a11 ^= t;
  a3 ^= t << 8;
  t = ((a4 >>> 8) ^ a12) & 0x00ff00ff;
  a12 ^= t;
  a4 ^= t << 8;
  t = ((a5 >>> 8) ^ a13) & 0x00ff00ff;
  a13 ^= t;
  a5 ^= t << 8;
  t = ((a6 >>> 8) ^ a14) & 0x00ff00ff;
  a14 ^= t;
  a6 ^= t << 8;
  t = ((a7 >>> 8) ^ a15) & 0x00ff00ff;
  a15 ^= t;
  a7 ^= t << 8;
  t = ((a16 >>> 8) ^ a24) & 0x00ff00ff;
  a24 ^= t;
  a16 ^= t << 8;
  t = ((a17 >>> 8) ^ a25) & 0x00ff00ff;
  a25 ^= t;
  a17 ^= t << 8;
  t = ((a18 >>> 8) ^ a26) & 0x00ff00ff;
  a26 ^= t;
  a18 ^= t << 8;
  t = ((a19 >>> 8) ^ a27) & 0x00ff00ff;
  a27 ^= t;
  a19 ^= t << 8;
  t = ((a20 >>> 8) ^ a28) & 0x00ff00ff;
  a28 ^= t;
  a20 ^= t << 8;
  t = ((a21 >>> 8) ^ a29) & 0x00ff00ff;
  a29 ^= t;
  a21 ^= t << 8;
  t = ((a22 >>> 8) ^ a30) & 0x00ff00ff;
  a30 ^= t;
  a22 ^= t << 8;
  t = ((a23 >>> 8) ^ a31) & 0x00ff00ff;
  a31 ^= t;
  a23 ^= t << 8;
  // swap the 4×4 off-diagonal sub-blocks: rows k and k+4, mask 0x0f0f0f0f
  t = ((a0 >>> 4) ^ a4) & 0x0f0f0f0f;
  a4 ^= t;
  a0 ^= t << 4;
  t = ((a1 >>> 4) ^ a5) & 0x0f0f0f0f;
  a5 ^= t;
  a1 ^= t << 4;
  t = ((a2 >>> 4) ^ a6) & 0x0f0f0f0f;
  a6 ^= t;
  a2 ^= t << 4;
  t = ((a3 >>> 4) ^ a7) & 0x0f0f0f0f;
  a7 ^= t;
  a3 ^= t << 4;
  t = ((a8 >>> 4) ^ a12) & 0x0f0f0f0f;
  a12 ^= t;
  a8 ^= t << 4;
  t = ((a9 >>> 4) ^ a13) & 0x0f0f0f0f;
  a13 ^= t;
  a9 ^= t << 4;
  t = ((a10 >>> 4) ^ a14) & 0x0f0f0f0f;
  a14 ^= t;
  a10 ^= t << 4;
  t = ((a11 >>> 4) ^ a15) & 0x0f0f0f0f;
  a15 ^= t;
  a11 ^= t << 4;
  t = ((a16 >>> 4) ^ a20) & 0x0f0f0f0f;
  a20 ^= t;
  a16 ^= t << 4;
  t = ((a17 >>> 4) ^ a21) & 0x0f0f0f0f;
  a21 ^= t;
  a17 ^= t << 4;
  t = ((a18 >>> 4) ^ a22) & 0x0f0f0f0f;
  a22 ^= t;
  a18 ^= t << 4;
  t = ((a19 >>> 4) ^ a23) & 0x0f0f0f0f;
  a23 ^= t;
  a19 ^= t << 4;
  t = ((a24 >>> 4) ^ a28) & 0x0f0f0f0f;
  a28 ^= t;
  a24 ^= t << 4;
  t = ((a25 >>> 4) ^ a29) & 0x0f0f0f0f;
  a29 ^= t;
  a25 ^= t << 4;
  t = ((a26 >>> 4) ^ a30) & 0x0f0f0f0f;
  a30 ^= t;
  a26 ^= t << 4;
  t = ((a27 >>> 4) ^ a31) & 0x0f0f0f0f;
  a31 ^= t;
  a27 ^= t << 4;
  // swap the 2×2 off-diagonal sub-blocks: rows k and k+2, mask 0x33333333
  t = ((a0 >>> 2) ^ a2) & 0x33333333;
  a2 ^= t;
  a0 ^= t << 2;
  t = ((a1 >>> 2) ^ a3) & 0x33333333;
  a3 ^= t;
  a1 ^= t << 2;
  t = ((a4 >>> 2) ^ a6) & 0x33333333;
  a6 ^= t;
  a4 ^= t << 2;
  t = ((a5 >>> 2) ^ a7) & 0x33333333;
  a7 ^= t;
  a5 ^= t << 2;
  t = ((a8 >>> 2) ^ a10) & 0x33333333;
  a10 ^= t;
  a8 ^= t << 2;
  t = ((a9 >>> 2) ^ a11) & 0x33333333;
  a11 ^= t;
  a9 ^= t << 2;
  t = ((a12 >>> 2) ^ a14) & 0x33333333;
  a14 ^= t;
  a12 ^= t << 2;
  t = ((a13 >>> 2) ^ a15) & 0x33333333;
  a15 ^= t;
  a13 ^= t << 2;
  t = ((a16 >>> 2) ^ a18) & 0x33333333;
  a18 ^= t;
  a16 ^= t << 2;
  t = ((a17 >>> 2) ^ a19) & 0x33333333;
  a19 ^= t;
  a17 ^= t << 2;
  t = ((a20 >>> 2) ^ a22) & 0x33333333;
  a22 ^= t;
  a20 ^= t << 2;
  t = ((a21 >>> 2) ^ a23) & 0x33333333;
  a23 ^= t;
  a21 ^= t << 2;
  t = ((a24 >>> 2) ^ a26) & 0x33333333;
  a26 ^= t;
  a24 ^= t << 2;
  t = ((a25 >>> 2) ^ a27) & 0x33333333;
  a27 ^= t;
  a25 ^= t << 2;
  t = ((a28 >>> 2) ^ a30) & 0x33333333;
  a30 ^= t;
  a28 ^= t << 2;
  t = ((a29 >>> 2) ^ a31) & 0x33333333;
  a31 ^= t;
  a29 ^= t << 2;
  // swap the 1×1 off-diagonal sub-blocks: rows k and k+1, mask 0x55555555
  t = ((a0 >>> 1) ^ a1) & 0x55555555;
  a1 ^= t;
  a0 ^= t << 1;
  t = ((a2 >>> 1) ^ a3) & 0x55555555;
  a3 ^= t;
  a2 ^= t << 1;
  t = ((a4 >>> 1) ^ a5) & 0x55555555;
  a5 ^= t;
  a4 ^= t << 1;
  t = ((a6 >>> 1) ^ a7) & 0x55555555;
  a7 ^= t;
  a6 ^= t << 1;
  t = ((a8 >>> 1) ^ a9) & 0x55555555;
  a9 ^= t;
  a8 ^= t << 1;
  t = ((a10 >>> 1) ^ a11) & 0x55555555;
  a11 ^= t;
  a10 ^= t << 1;
  t = ((a12 >>> 1) ^ a13) & 0x55555555;
  a13 ^= t;
  a12 ^= t << 1;
  t = ((a14 >>> 1) ^ a15) & 0x55555555;
  a15 ^= t;
  a14 ^= t << 1;
  t = ((a16 >>> 1) ^ a17) & 0x55555555;
  a17 ^= t;
  a16 ^= t << 1;
  t = ((a18 >>> 1) ^ a19) & 0x55555555;
  a19 ^= t;
  a18 ^= t << 1;
  t = ((a20 >>> 1) ^ a21) & 0x55555555;
  a21 ^= t;
  a20 ^= t << 1;
  t = ((a22 >>> 1) ^ a23) & 0x55555555;
  a23 ^= t;
  a22 ^= t << 1;
  t = ((a24 >>> 1) ^ a25) & 0x55555555;
  a25 ^= t;
  a24 ^= t << 1;
  t = ((a26 >>> 1) ^ a27) & 0x55555555;
  a27 ^= t;
  a26 ^= t << 1;
  t = ((a28 >>> 1) ^ a29) & 0x55555555;
  a29 ^= t;
  a28 ^= t << 1;
  t = ((a30 >>> 1) ^ a31) & 0x55555555;
  a31 ^= t;
  a30 ^= t << 1;
  o[q] = a0;
  o[(q += ow)] = a1;
  o[(q += ow)] = a2;
  o[(q += ow)] = a3;
  o[(q += ow)] = a4;
  o[(q += ow)] = a5;
  o[(q += ow)] = a6;
  o[(q += ow)] = a7;
  o[(q += ow)] = a8;
  o[(q += ow)] = a9;
  o[(q += ow)] = a10;
  o[(q += ow)] = a11;
  o[(q += ow)] = a12;
  o[(q += ow)] = a13;
  o[(q += ow)] = a14;
  o[(q += ow)] = a15;
  o[(q += ow)] = a16;
  o[(q += ow)] = a17;
  o[(q += ow)] = a18;
  o[(q += ow)] = a19;
  o[(q += ow)] = a20;
  o[(q += ow)] = a21;
  o[(q += ow)] = a22;
  o[(q += ow)] = a23;
  o[(q += ow)] = a24;
  o[(q += ow)] = a25;
  o[(q += ow)] = a26;
  o[(q += ow)] = a27;
  o[(q += ow)] = a28;
  o[(q += ow)] = a29;
  o[(q += ow)] = a30;
  o[(q += ow)] = a31;
}

/** Byte-level transpose, rows and cols multiples of 8, 8×8 blocks held in two 32-bit words. */
function transpose8(src: Uint8Array, rows: number, cols: number, o: Uint8Array): void {
  const rb = cols >>> 3; // bytes per input row
  const ob = rows >>> 3; // bytes per output row
  for (let R = 0; R < ob; R++) {
    for (let C = 0; C < rb; C++) {
      // rows 8R..8R+7, byte C: row i of the block is byte i of (lo, hi), its bit j is column j
      let p = (R << 3) * rb + C;
      let lo = src[p]! | (src[(p += rb)]! << 8) | (src[(p += rb)]! << 16) | (src[(p += rb)]! << 24);
      let hi = src[(p += rb)]! | (src[(p += rb)]! << 8) | (src[(p += rb)]! << 16) | (src[(p += rb)]! << 24);
      // swap bit 8i+j with bit 8j+i: 2×2, then 4×4 sub-blocks within each word, then across words
      let t = (lo ^ (lo >>> 7)) & 0x00aa00aa;
      lo ^= t ^ (t << 7);
      t = (hi ^ (hi >>> 7)) & 0x00aa00aa;
      hi ^= t ^ (t << 7);
      t = (lo ^ (lo >>> 14)) & 0x0000cccc;
      lo ^= t ^ (t << 14);
      t = (hi ^ (hi >>> 14)) & 0x0000cccc;
      hi ^= t ^ (t << 14);
      t = (lo ^ (hi << 4)) & 0xf0f0f0f0;
      lo ^= t;
      hi ^= t >>> 4;
      let q = (C << 3) * ob + R;
      o[q] = lo;
      o[(q += ob)] = lo >>> 8;
      o[(q += ob)] = lo >>> 16;
      o[(q += ob)] = lo >>> 24;
      o[(q += ob)] = hi;
      o[(q += ob)] = hi >>> 8;
      o[(q += ob)] = hi >>> 16;
      o[(q += ob)] = hi >>> 24;
    }
  }
}
