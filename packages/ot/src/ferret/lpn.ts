/**
 * The primal LPN step of Ferret (Yang et al., CCS 2020, §5): output i XORs LPN_DEGREE base values
 * at pseudorandom positions of the k-long base vector into the i-th noise value, i.e. y = A·x ⊕ e
 * with A a public sparse (local) matrix of row weight 10. For COTs this is applied to the sender's
 * keys, the receiver's keys and the receiver's choice bits alike (A is linear), so y keeps the
 * correlation y_recv = y_send ⊕ (A·u ⊕ e)·Δ.
 *
 * A is public and the same for every iteration of a parameter set: its positions come from primitives'
 * AES-CTR Prg under a seed derived from the set's sizes, 40 bytes per output read as ten 32-bit
 * words, each mapped to [0, k) by ⌊w·k / 2^32⌋ (exact in doubles for k ≤ 2^21; bias ≤ k/2^32).
 *
 * The base vector (k blocks, 9 MiB at the main set) is larger than a core's cache, and each output
 * reads 10 random blocks of it. So the XORs are done a chunk of outputs at a time, sorted by the
 * segment of the base they read (a counting sort on the index's high bits): each segment is then
 * read while it sits in cache. The result is the same XOR, in another order.
 */
import { Prg, sha256 } from "@petace/primitives";
import { LPN_DEGREE, type FerretParams } from "./params.js";

/** Outputs per chunk, and log2 of the base blocks per segment (512 KiB). */
const CHUNK = 1 << 16;
const SEG_LOG = 15;

/** The public seed of A for parameters p. */
export function lpnSeed(p: FerretParams): Uint8Array {
  return sha256(new TextEncoder().encode(`petace-ts ferret LPN n=${p.n} k=${p.k} d=${LPN_DEGREE}`)).slice(0, 16);
}

const words = (a: Uint8Array): Int32Array => new Int32Array(a.buffer, a.byteOffset, a.length >>> 2);

function checkSizes(fn: string, p: FerretParams, base: Uint8Array, out: Uint8Array): void {
  if (base.length !== 16 * p.k) throw new RangeError(`${fn}: base has ${base.length} bytes, expected ${16 * p.k}`);
  if (out.length !== 16 * p.n) throw new RangeError(`${fn}: out has ${out.length} bytes, expected ${16 * p.n}`);
}

/**
 * Walks A a chunk of outputs at a time: `apply(count)` is called once per chunk with `out[j]` (output
 * index) and `src[j]` (base index) for j < count, sorted by base segment.
 */
function forEachChunk(p: FerretParams, apply: (out: Int32Array, src: Int32Array, count: number) => void): void {
  const { n, k } = p;
  // ⌊w·k / 2^32⌋ as one multiply by k·2^-32: w·k < 2^53, so the product is exact.
  const kf = k * 2 ** -32;
  const prg = new Prg(lpnSeed(p));
  const c = Math.min(CHUNK, n);
  const ksBytes = new Uint8Array(c * 4 * LPN_DEGREE);
  const ks = new Uint32Array(ksBytes.buffer);
  const idx = new Int32Array(c * LPN_DEGREE);
  const outIdx = new Int32Array(c * LPN_DEGREE);
  const srcIdx = new Int32Array(c * LPN_DEGREE);
  const segs = (k + (1 << SEG_LOG) - 1) >>> SEG_LOG;
  const start = new Int32Array(segs + 1);
  for (let first = 0; first < n; first += c) {
    const m = Math.min(c, n - first);
    const count = m * LPN_DEGREE;
    prg.fill(ksBytes.subarray(0, 4 * count));
    start.fill(0);
    for (let r = 0; r < count; r++) {
      const y = (ks[r]! * kf) | 0;
      idx[r] = y;
      start[(y >>> SEG_LOG) + 1]!++;
    }
    for (let s = 1; s <= segs; s++) start[s]! += start[s - 1]!;
    for (let i = 0, r = 0; i < m; i++) {
      for (let j = 0; j < LPN_DEGREE; j++, r++) {
        const y = idx[r]!;
        const at = start[y >>> SEG_LOG]!++;
        srcIdx[at] = y;
        outIdx[at] = first + i;
      }
    }
    apply(outIdx, srcIdx, count);
  }
}

/** Sender: out_i ^= ⊕_j base[A_ij] for every block of out (n blocks; base k blocks). */
export function lpnEncodeSend(p: FerretParams, base: Uint8Array, out: Uint8Array): void {
  checkSizes("lpnEncodeSend", p, base, out);
  const b = words(base);
  const o = words(out);
  forEachChunk(p, (outIdx, srcIdx, count) => {
    for (let j = 0; j < count; j++) {
      const x = 4 * srcIdx[j]!;
      const y = 4 * outIdx[j]!;
      o[y]! ^= b[x]!;
      o[y + 1]! ^= b[x + 1]!;
      o[y + 2]! ^= b[x + 2]!;
      o[y + 3]! ^= b[x + 3]!;
    }
  });
}

/**
 * Receiver: the same on keys (out, n blocks) and on choice bits (outBits ^= ⊕_j baseBits[A_ij], one
 * byte 0/1 per COT).
 */
export function lpnEncodeReceive(p: FerretParams, base: Uint8Array, baseBits: Uint8Array, out: Uint8Array, outBits: Uint8Array): void {
  checkSizes("lpnEncodeReceive", p, base, out);
  if (baseBits.length !== p.k) throw new RangeError(`lpnEncodeReceive: baseBits has ${baseBits.length} bytes, expected ${p.k}`);
  if (outBits.length !== p.n) throw new RangeError(`lpnEncodeReceive: outBits has ${outBits.length} bytes, expected ${p.n}`);
  const b = words(base);
  const o = words(out);
  forEachChunk(p, (outIdx, srcIdx, count) => {
    for (let j = 0; j < count; j++) {
      const s = srcIdx[j]!;
      const t = outIdx[j]!;
      const x = 4 * s;
      const y = 4 * t;
      o[y]! ^= b[x]!;
      o[y + 1]! ^= b[x + 1]!;
      o[y + 2]! ^= b[x + 2]!;
      o[y + 3]! ^= b[x + 3]!;
      outBits[t]! ^= baseBits[s]!;
    }
  });
}
