/**
 * Whole-buffer operations on 16-byte blocks (one block per OT), on 32-bit word views. @internal
 *
 * `hashLow64` and `hashLow64Pair` compute the same H(x) = π(σ(x)) ⊕ σ(x) as the primitives'
 * `CrHash.hash` (GKWY 2020, π = AES-128 under the public CRHASH_KEY), keeping only the low 64 bits
 * of each output, which is all Gilboa products and bit OTs use. Fused because σ is linear:
 * σ(q ⊕ Δ) = σ(q) ⊕ σ(Δ), so the pair H(q), H(q ⊕ Δ) costs one σ pass and one AES call, and the
 * outputs are dense u64 arrays rather than 16-byte strided blocks.
 */
import { CRHASH_KEY, CrHash, FixedKeyAes } from "@petace/primitives";

let crh: CrHash | undefined;
/** The shared fixed-key CR hash H(x) = π(σ(x)) ⊕ σ(x) (GKWY 2020). */
export function crHash(): CrHash {
  return (crh ??= new CrHash());
}

let aes: FixedKeyAes | undefined;
function pi(): FixedKeyAes {
  return (aes ??= new FixedKeyAes(CRHASH_KEY));
}

export function words(a: Uint8Array): Int32Array {
  return new Int32Array(a.buffer, a.byteOffset, a.length >>> 2);
}

/** out_j = x_j ⊕ Δ for every 16-byte block j (out may be x). */
export function xorDelta(x: Uint8Array, delta: Uint8Array, out: Uint8Array): Uint8Array {
  const d = words(delta.byteOffset & 3 ? delta.slice() : delta);
  const d0 = d[0]!,
    d1 = d[1]!,
    d2 = d[2]!,
    d3 = d[3]!;
  const xw = words(x);
  const ow = words(out);
  for (let k = 0; k < xw.length; k += 4) {
    ow[k] = xw[k]! ^ d0;
    ow[k + 1] = xw[k + 1]! ^ d1;
    ow[k + 2] = xw[k + 2]! ^ d2;
    ow[k + 3] = xw[k + 3]! ^ d3;
  }
  return out;
}

/** Blocks per pass: 64 KiB of σ (twice that for a pair), one AES call per 64 KiB. */
const CH = 4096;
const sigma = new Int32Array(8 * CH);
const sigmaBytes = new Uint8Array(sigma.buffer);

/** Low 64 bits of H(x_j) for the first n blocks of `blocks`, into out[j] (out viewed as 2n words). */
export function hashLow64(blocks: Uint8Array, n: number, out: BigUint64Array): BigUint64Array {
  const x = words(blocks);
  const o = new Int32Array(out.buffer, out.byteOffset, 2 * n);
  for (let off = 0; off < n; off += CH) {
    const m = Math.min(CH, n - off);
    sigmaInto(x, off, m, sigma, 0);
    low64Out(encrypted(0, 16 * m), sigma, 0, m, o, 2 * off);
  }
  return out;
}

/** Low 64 bits of H(q_j) into out0[j] and of H(q_j ⊕ Δ) into out1[j], for the first n blocks. */
export function hashLow64Pair(q: Uint8Array, delta: Uint8Array, n: number, out0: BigUint64Array, out1: BigUint64Array): void {
  const x = words(q);
  const sd = sigmaOfDelta(delta);
  const o0 = new Int32Array(out0.buffer, out0.byteOffset, 2 * n);
  const o1 = new Int32Array(out1.buffer, out1.byteOffset, 2 * n);
  for (let off = 0; off < n; off += CH) {
    const m = Math.min(CH, n - off);
    sigmaPairInto(x, off, m, sigma, sd);
    low64Out(encrypted(0, 16 * m), sigma, 0, m, o0, 2 * off);
    low64Out(encrypted(16 * m, 16 * m), sigma, 4 * m, m, o1, 2 * off);
  }
}

/** σ(Δ) = (Δ_L ⊕ Δ_R, Δ_L) as four words. */
function sigmaOfDelta(delta: Uint8Array): Int32Array {
  const d = words(delta.byteOffset & 3 ? delta.slice() : delta);
  return Int32Array.of(d[0]! ^ d[2]!, d[1]! ^ d[3]!, d[0]!, d[1]!);
}

// The loops below allocate nothing and take only typed arrays and numbers, so V8 keeps them
// optimised and monomorphic.

/** s[4i..4i+4) = σ(x_{off+i}) for i < m, from base word `sb`. */
function sigmaInto(x: Int32Array, off: number, m: number, s: Int32Array, sb: number): void {
  for (let j = sb, xi = 4 * off, end = sb + 4 * m; j < end; j += 4, xi += 4) {
    const l0 = x[xi]!,
      l1 = x[xi + 1]!;
    s[j] = l0 ^ x[xi + 2]!;
    s[j + 1] = l1 ^ x[xi + 3]!;
    s[j + 2] = l0;
    s[j + 3] = l1;
  }
}

/** σ(x) for m blocks at s[0..4m), and σ(x) ⊕ σ(Δ) at s[4m..8m). */
function sigmaPairInto(x: Int32Array, off: number, m: number, s: Int32Array, sd: Int32Array): void {
  const d0 = sd[0]!,
    d1 = sd[1]!,
    d2 = sd[2]!,
    d3 = sd[3]!;
  const h = 4 * m;
  for (let j = 0, xi = 4 * off; j < h; j += 4, xi += 4) {
    const l0 = x[xi]!,
      l1 = x[xi + 1]!;
    const a = l0 ^ x[xi + 2]!,
      b = l1 ^ x[xi + 3]!;
    s[j] = a;
    s[j + 1] = b;
    s[j + 2] = l0;
    s[j + 3] = l1;
    s[h + j] = a ^ d0;
    s[h + j + 1] = b ^ d1;
    s[h + j + 2] = l0 ^ d2;
    s[h + j + 3] = l1 ^ d3;
  }
}

/** AES of σ bytes [byteOff, byteOff + len) (len ≤ 64 KiB), as words to read at once (see encryptChunk). */
function encrypted(byteOff: number, len: number): Int32Array {
  const e = pi().encryptChunk(sigmaBytes.subarray(byteOff, byteOff + len));
  return new Int32Array(e.buffer, e.byteOffset, len >>> 2);
}

/** o[ob + 2i], o[ob + 2i + 1] = low 64 bits of e ⊕ s for block i (e from word 0, s from word base + 4i). */
function low64Out(e: Int32Array, s: Int32Array, base: number, m: number, o: Int32Array, ob: number): void {
  for (let k = 0, j = base, oi = ob, end = 4 * m; k < end; k += 4, j += 4, oi += 2) {
    o[oi] = e[k]! ^ s[j]!;
    o[oi + 1] = e[k + 1]! ^ s[j + 1]!;
  }
}

/** Bit 0 of H(x_j) for the first n blocks (n a multiple of 32), packed LSB-first into out. */
export function hashLsb(blocks: Uint8Array, n: number, out: Uint8Array): Uint8Array {
  const x = words(blocks);
  const o = words(out);
  for (let off = 0; off < n; off += CH) {
    const m = Math.min(CH, n - off);
    sigmaInto(x, off, m, sigma, 0);
    packLsb(encrypted(0, 16 * m), sigma, 0, m, o, off >>> 5);
  }
  return out;
}

/** Bit 0 of H(q_j) into out0 and of H(q_j ⊕ Δ) into out1, packed, for the first n blocks (n a multiple of 32). */
export function hashLsbPair(q: Uint8Array, delta: Uint8Array, n: number, out0: Uint8Array, out1: Uint8Array): void {
  const x = words(q);
  const sd = sigmaOfDelta(delta);
  const o0 = words(out0);
  const o1 = words(out1);
  for (let off = 0; off < n; off += CH) {
    const m = Math.min(CH, n - off);
    sigmaPairInto(x, off, m, sigma, sd);
    packLsb(encrypted(0, 16 * m), sigma, 0, m, o0, off >>> 5);
    packLsb(encrypted(16 * m, 16 * m), sigma, 4 * m, m, o1, off >>> 5);
  }
}

/** o[ow + i] gets bits 0 of (e ⊕ s) for 32 blocks per output word (e from word 0, s from word base). */
function packLsb(e: Int32Array, s: Int32Array, base: number, m: number, o: Int32Array, ow: number): void {
  for (let j = 0; j < m; j += 32) {
    let w = 0;
    for (let b = 0, p = 4 * j; b < 32; b++, p += 4) w |= ((e[p]! ^ s[base + p]!) & 1) << b;
    o[ow + (j >>> 5)] = w;
  }
}
