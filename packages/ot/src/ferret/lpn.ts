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
 */
import { Prg, sha256 } from "@petace/primitives";
import { LPN_DEGREE, type FerretParams } from "./params.js";

/** Outputs per keystream chunk: 1638 × 40 bytes just under one 64 KiB AES call. */
const CHUNK = 1638;

/** The public seed of A for parameters p. */
export function lpnSeed(p: FerretParams): Uint8Array {
  return sha256(new TextEncoder().encode(`petace-ts ferret LPN n=${p.n} k=${p.k} d=${LPN_DEGREE}`)).slice(0, 16);
}

const words = (a: Uint8Array): Int32Array => new Int32Array(a.buffer, a.byteOffset, a.length >>> 2);

function checkSizes(fn: string, p: FerretParams, base: Uint8Array, out: Uint8Array): void {
  if (base.length !== 16 * p.k) throw new RangeError(`${fn}: base has ${base.length} bytes, expected ${16 * p.k}`);
  if (out.length !== 16 * p.n) throw new RangeError(`${fn}: out has ${out.length} bytes, expected ${16 * p.n}`);
}

/** Sender: out_i ^= ⊕_j base[A_ij] for every block of out (n blocks; base k blocks). */
export function lpnEncodeSend(p: FerretParams, base: Uint8Array, out: Uint8Array): void {
  checkSizes("lpnEncodeSend", p, base, out);
  const { n, k } = p;
  // ⌊w·k / 2^32⌋ as one multiply by k·2^-32: w·k < 2^53, so the product is exact.
  const kf = k * 2 ** -32;
  const prg = new Prg(lpnSeed(p));
  const ksBytes = new Uint8Array(CHUNK * 4 * LPN_DEGREE);
  const ks = new Uint32Array(ksBytes.buffer);
  const b = words(base);
  const o = words(out);
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK);
    prg.fill(ksBytes.subarray(0, (end - start) * 4 * LPN_DEGREE));
    let r = 0;
    for (let i = start; i < end; i++) {
      const oi = 4 * i;
      let a0 = o[oi]!,
        a1 = o[oi + 1]!,
        a2 = o[oi + 2]!,
        a3 = o[oi + 3]!;
      for (let j = 0; j < LPN_DEGREE; j++) {
        const x = 4 * ((ks[r++]! * kf) | 0);
        a0 ^= b[x]!;
        a1 ^= b[x + 1]!;
        a2 ^= b[x + 2]!;
        a3 ^= b[x + 3]!;
      }
      o[oi] = a0;
      o[oi + 1] = a1;
      o[oi + 2] = a2;
      o[oi + 3] = a3;
    }
  }
}

/**
 * Receiver: the same on keys (out, n blocks) and on choice bits (outBits ^= ⊕_j baseBits[A_ij], one
 * byte 0/1 per COT).
 */
export function lpnEncodeReceive(p: FerretParams, base: Uint8Array, baseBits: Uint8Array, out: Uint8Array, outBits: Uint8Array): void {
  checkSizes("lpnEncodeReceive", p, base, out);
  const { n, k } = p;
  const kf = k * 2 ** -32;
  if (baseBits.length !== k) throw new RangeError(`lpnEncodeReceive: baseBits has ${baseBits.length} bytes, expected ${k}`);
  if (outBits.length !== n) throw new RangeError(`lpnEncodeReceive: outBits has ${outBits.length} bytes, expected ${n}`);
  const prg = new Prg(lpnSeed(p));
  const ksBytes = new Uint8Array(CHUNK * 4 * LPN_DEGREE);
  const ks = new Uint32Array(ksBytes.buffer);
  const b = words(base);
  const o = words(out);
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK);
    prg.fill(ksBytes.subarray(0, (end - start) * 4 * LPN_DEGREE));
    let r = 0;
    for (let i = start; i < end; i++) {
      const oi = 4 * i;
      let a0 = o[oi]!,
        a1 = o[oi + 1]!,
        a2 = o[oi + 2]!,
        a3 = o[oi + 3]!,
        c = outBits[i]!;
      for (let j = 0; j < LPN_DEGREE; j++) {
        const y = (ks[r++]! * kf) | 0;
        const x = 4 * y;
        a0 ^= b[x]!;
        a1 ^= b[x + 1]!;
        a2 ^= b[x + 2]!;
        a3 ^= b[x + 3]!;
        c ^= baseBits[y]!;
      }
      o[oi] = a0;
      o[oi + 1] = a1;
      o[oi + 2] = a2;
      o[oi + 3] = a3;
      outBits[i] = c;
    }
  }
}
