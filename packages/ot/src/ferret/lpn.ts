/**
 * The primal LPN step of Ferret (Yang et al., CCS 2020, §5): output i XORs LPN_DEGREE base values
 * at pseudorandom positions of the k-long base vector into the i-th noise value, i.e. y = A·x ⊕ e
 * with A a public sparse (local) matrix of row weight 10. For COTs this is applied to the sender's
 * keys, the receiver's keys and the receiver's choice bits alike (A is linear), so y keeps the
 * correlation y_recv = y_send ⊕ (A·u ⊕ e)·Δ.
 *
 * A is public and the same for every iteration of a parameter set: its positions come from primitives'
 * AES-CTR Prg under a seed derived from the set's sizes, 40 bytes per output read as ten 32-bit
 * words, each mapped to [0, k) by ⌊w·k / 2^32⌋ (bias ≤ k/2^32). The XORs run in
 * @petace/offline-kernels (lpnEncode, lpnEncodeBits), which make A's rows as they go.
 */
import { type OfflineKernels, offlineKernels } from "@petace/offline-kernels";
import { sha256 } from "@petace/primitives";
import { LPN_DEGREE, type FerretParams } from "./params.js";

/** The public seed of A for parameters p. */
export function lpnSeed(p: FerretParams): Uint8Array {
  return sha256(new TextEncoder().encode(`petace-ts ferret LPN n=${p.n} k=${p.k} d=${LPN_DEGREE}`)).slice(0, 16);
}

function checkSizes(fn: string, p: FerretParams, base: Uint8Array, out: Uint8Array): void {
  if (base.length !== 16 * p.k) throw new RangeError(`${fn}: base has ${base.length} bytes, expected ${16 * p.k}`);
  if (out.length !== 16 * p.n) throw new RangeError(`${fn}: out has ${out.length} bytes, expected ${16 * p.n}`);
}

/** Sender: out_i ^= ⊕_j base[A_ij] for every block of out (n blocks; base k blocks). */
export function lpnEncodeSend(p: FerretParams, base: Uint8Array, out: Uint8Array, kernels: OfflineKernels = offlineKernels()): void {
  checkSizes("lpnEncodeSend", p, base, out);
  kernels.lpnEncode(lpnSeed(p), base, out);
}

/**
 * Receiver: the same on keys (out, n blocks) and on choice bits (outBits ^= ⊕_j baseBits[A_ij], one
 * byte 0/1 per COT).
 */
export function lpnEncodeReceive(
  p: FerretParams,
  base: Uint8Array,
  baseBits: Uint8Array,
  out: Uint8Array,
  outBits: Uint8Array,
  kernels: OfflineKernels = offlineKernels(),
): void {
  checkSizes("lpnEncodeReceive", p, base, out);
  if (baseBits.length !== p.k) throw new RangeError(`lpnEncodeReceive: baseBits has ${baseBits.length} bytes, expected ${p.k}`);
  if (outBits.length !== p.n) throw new RangeError(`lpnEncodeReceive: outBits has ${outBits.length} bytes, expected ${p.n}`);
  kernels.lpnEncodeBits(lpnSeed(p), base, baseBits, out, outBits);
}
