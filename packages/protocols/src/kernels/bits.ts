/**
 * Packed-bit helpers (private). A bit array of n bits is a Uint32Array of ceil(n/32) words, bit j at
 * word j >>> 5, bit j & 31: on a little-endian host the same bytes as the LSB-first byte packing of
 * the correlation contract. Bits past n in the last word are don't-care unless a function says so.
 * @internal
 */
import { wordCount, type Bits, type Ring } from "../values.js";
import { limbs } from "./ring.js";

export { wordCount, type Bits } from "../values.js";

/** A Uint32Array over packed bytes: a view when aligned and long enough, else a zero-padded copy. */
export function asWords(bytes: Uint8Array, words: number): Uint32Array {
  if (bytes.byteOffset % 4 === 0 && bytes.byteLength >= words * 4) return new Uint32Array(bytes.buffer, bytes.byteOffset, words);
  const out = new Uint32Array(words);
  new Uint8Array(out.buffer).set(bytes.subarray(0, Math.min(bytes.byteLength, words * 4)));
  return out;
}

/** Bit i of a packed array. */
export function bitAt(w: Bits, i: number): number {
  return (w[i >>> 5]! >>> (i & 31)) & 1;
}

/** The most significant bit of each element, packed. */
export function msbBits(x: Ring): Bits {
  const n = x.length;
  const out = new Uint32Array(wordCount(n));
  const l = limbs(x);
  for (let i = 0; i < n; i++) out[i >>> 5]! |= (l[2 * i + 1]! >>> 31) << (i & 31);
  return out;
}

/** Bit `k` of each element, packed. */
export function bitOf(x: Ring, k: number): Bits {
  const n = x.length;
  const out = new Uint32Array(wordCount(n));
  const l = limbs(x);
  const off = k >>> 5,
    s = k & 31;
  for (let i = 0; i < n; i++) out[i >>> 5]! |= ((l[2 * i + off]! >>> s) & 1) << (i & 31);
  return out;
}

export function xorWords(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

export function andWords(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! & b[i]!;
  return out;
}

export function notWords(a: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = ~a[i]!;
  return out;
}

/** Clears the bits past n in the last word (for reveals and comparisons with plaintext). */
export function maskTail(w: Bits, n: number): Bits {
  const r = n & 31;
  if (r !== 0 && w.length > 0) w[w.length - 1]! &= ((1 << r) - 1) >>> 0;
  return w;
}

/** Packs an array of 0/1 numbers (tests, ref). */
export function packBits(values: ArrayLike<number>): Bits {
  const out = new Uint32Array(wordCount(values.length));
  for (let i = 0; i < values.length; i++) if (values[i]) out[i >>> 5]! |= 1 << (i & 31);
  return out;
}

/** Unpacks n bits into 0/1 numbers (tests, ref). */
export function unpackBits(w: Bits, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = bitAt(w, i);
  return out;
}
