/**
 * The flat values operators take and return, and the layout helpers on them.
 *
 * - Arithmetic shares live in a `Ring` (BigUint64Array): one Z_2^64 element each, two's complement;
 *   fixed-point values carry `fracBits` fractional bits.
 * - Boolean (XOR) shares live in `Bits` (Uint32Array): packed LSB-first, bit j at word j >>> 5, bit
 *   j & 31. This is the one bit layout in memory; on little-endian hosts its bytes are the LSB-first
 *   bytes that travel on the wire. Bits past a value's length in its last word are don't-care on
 *   input and zero on output.
 *
 * Merging independent operators needs concatenation and splitting; layout operators (indexing,
 * broadcasting) need gathers and scatters. All loops copy 32-bit words, so no BigInt is made per
 * element. These helpers move data and compute nothing, so the secure and the reference backends
 * both use them.
 */

/** Arithmetic shares (or plaintext ring values): one Z_2^64 element per array element. */
export type Ring = BigUint64Array;
/** Boolean shares (or plaintext bits), packed LSB-first into 32-bit words. */
export type Bits = Uint32Array;
/** A plaintext operand known to both parties: one ring element for all, or one per element. */
export type Public = Ring | bigint;

/** What a value holds: arithmetic shares (`Ring`) or boolean shares (`Bits`). */
export type Kind = "arith" | "bool";
export type Value = Ring | Bits;

export function wordCount(n: number): number {
  return (n + 31) >>> 5;
}

export function kindOf(v: Value): Kind {
  return v instanceof BigUint64Array ? "arith" : "bool";
}

/** Two 32-bit words per ring element, low word first (little-endian hosts). */
function limbs(a: Ring): Uint32Array {
  return new Uint32Array(a.buffer, a.byteOffset, a.length * 2);
}

/** A mask of the low `n & 31` bits (all ones when n is a multiple of 32). */
function lastMask(n: number): number {
  const r = n & 31;
  return r === 0 ? 0xffffffff : ((1 << r) >>> 0) - 1;
}

/** The arrays one after another (element by element; for packed bits, word by word). */
function concatFlat<T extends Ring | Uint32Array>(parts: readonly T[], make: (n: number) => T): T {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = make(total);
  let off = 0;
  for (const p of parts) {
    out.set(p as never, off);
    off += p.length;
  }
  return out;
}

export const concatRing = (parts: readonly Ring[]): Ring => concatFlat(parts, (n) => new BigUint64Array(n));

/** Word arrays one after another (how kernels batch independent ANDs into one round). */
export const concatWords = (parts: readonly Uint32Array[]): Uint32Array => concatFlat(parts, (n) => new Uint32Array(n));

/** ORs the first n bits of src into out at bit offset `off` (out's bits there must be zero). */
export function orBitsAt(out: Uint32Array, src: Bits, n: number, off: number): void {
  const words = wordCount(n);
  const w0 = off >>> 5;
  const s = off & 31;
  for (let j = 0; j < words; j++) {
    let v = src[j]!;
    if (j === words - 1) v &= lastMask(n);
    if (s === 0) {
      out[w0 + j] = out[w0 + j]! | v;
    } else {
      out[w0 + j] = out[w0 + j]! | (v << s);
      if (w0 + j + 1 < out.length) out[w0 + j + 1] = out[w0 + j + 1]! | (v >>> (32 - s));
    }
  }
}

export function concatBits(parts: readonly Bits[], lens: readonly number[]): Bits {
  let total = 0;
  for (const n of lens) total += n;
  const out = new Uint32Array(wordCount(total));
  let off = 0;
  for (let p = 0; p < parts.length; p++) {
    const n = lens[p]!;
    orBitsAt(out, parts[p]!, n, off);
    off += n;
  }
  return out;
}

/** Bits [off, off + n) of src as a fresh packed array. */
export function sliceBits(src: Bits, off: number, n: number): Bits {
  const words = wordCount(n);
  const out = new Uint32Array(words);
  const w0 = off >>> 5;
  const s = off & 31;
  for (let j = 0; j < words; j++) {
    const lo = src[w0 + j] ?? 0;
    out[j] = s === 0 ? lo : (lo >>> s) | ((src[w0 + j + 1] ?? 0) << (32 - s));
  }
  if (words > 0) out[words - 1] = out[words - 1]! & lastMask(n);
  return out;
}

export function concatValues(kind: Kind, parts: readonly Value[], lens: readonly number[]): Value {
  return kind === "arith" ? concatRing(parts as Ring[]) : concatBits(parts as Bits[], lens);
}

/** Splits a merged output into fresh arrays of the given lengths (copies: a kept part must not pin the rest). */
export function splitValue(v: Value, lens: readonly number[]): Value[] {
  const out: Value[] = [];
  let off = 0;
  if (v instanceof BigUint64Array) {
    for (const n of lens) {
      out.push(v.slice(off, off + n));
      off += n;
    }
  } else {
    for (const n of lens) {
      out.push(sliceBits(v, off, n));
      off += n;
    }
  }
  return out;
}

/** Elements [off, off + n) of v: a view for ring elements, a fresh array for packed bits. */
export function sliceValue(v: Value, off: number, n: number): Value {
  return v instanceof BigUint64Array ? v.subarray(off, off + n) : sliceBits(v, off, n);
}

/** Writes the n elements of `part` into `out` at element offset `off` (out's bits there must be zero). */
export function placeValue(out: Value, part: Value, n: number, off: number): void {
  if (out instanceof BigUint64Array) out.set((part as Ring).subarray(0, n), off);
  else orBitsAt(out, part as Bits, n, off);
}

/** out[i] = x[idx[i]]. Indices are trusted (checked where they are made). */
export function gatherRing(x: Ring, idx: Uint32Array): Ring {
  const out = new BigUint64Array(idx.length);
  const s = limbs(x);
  const o = limbs(out);
  for (let i = 0; i < idx.length; i++) {
    const j = idx[i]! * 2;
    o[2 * i] = s[j]!;
    o[2 * i + 1] = s[j + 1]!;
  }
  return out;
}

export function gatherBits(x: Bits, idx: Uint32Array): Bits {
  const out = new Uint32Array(wordCount(idx.length));
  for (let i = 0; i < idx.length; i++) {
    const j = idx[i]!;
    const b = (x[j >>> 5]! >>> (j & 31)) & 1;
    out[i >>> 5] = out[i >>> 5]! | (b << (i & 31));
  }
  return out;
}

/** A copy of x (n elements) with x[idx[i]] = v[i]; a later i wins when indices repeat (as NumPy). */
export function scatterRing(x: Ring, idx: Uint32Array, v: Ring): Ring {
  const out = x.slice();
  const o = limbs(out);
  const s = limbs(v);
  for (let i = 0; i < idx.length; i++) {
    const j = idx[i]! * 2;
    o[j] = s[2 * i]!;
    o[j + 1] = s[2 * i + 1]!;
  }
  return out;
}

export function scatterBits(x: Bits, n: number, idx: Uint32Array, v: Bits): Bits {
  const out = x.slice(0, wordCount(n));
  for (let i = 0; i < idx.length; i++) {
    const j = idx[i]!;
    const b = (v[i >>> 5]! >>> (i & 31)) & 1;
    const w = j >>> 5;
    const m = 1 << (j & 31);
    out[w] = b === 1 ? out[w]! | m : out[w]! & ~m;
  }
  return out;
}

export function gatherValue(x: Value, idx: Uint32Array): Value {
  return x instanceof BigUint64Array ? gatherRing(x, idx) : gatherBits(x, idx);
}

/** Number of 32-bit words a value of kind `kind` and length n occupies (for memory and checks). */
export function storageLength(kind: Kind, n: number): number {
  return kind === "arith" ? n : wordCount(n);
}
