/**
 * Whole-buffer operations on 16-byte blocks (one block per OT). @internal
 *
 * The hashes are H(x) = π(σ(x)) ⊕ σ(x) (GKWY 2020, π = AES-128 under primitives' public
 * CRHASH_KEY), computed by the offline kernels in one call per buffer. The "low 64" variants keep
 * bytes 0..7 of each output, which is all Gilboa products and daBits use; the "LSB" variants keep
 * bit 0, for bit OTs. The pair variants hash q and q ⊕ Δ together (σ is linear, so one σ pass
 * serves both).
 */
import { offlineKernels } from "@petace/offline-kernels";

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

/** H(x_j) for every block, full 16 bytes, into out (which may be `blocks`). */
export function hashBlocks(blocks: Uint8Array, out: Uint8Array): Uint8Array {
  offlineKernels().hash(blocks, out);
  return out;
}

/** H(q_j) (in place of q) and H(q_j ⊕ Δ) (a fresh buffer), full 16 bytes. */
export function hashPair(q: Uint8Array, delta: Uint8Array): { m0: Uint8Array; m1: Uint8Array } {
  const m1 = new Uint8Array(q.length);
  offlineKernels().hashPair(q, delta, q, m1);
  return { m0: q, m1 };
}

/** Low 64 bits of H(x_j) for the first n blocks of `blocks`, into out[j]. */
export function hashLow64(blocks: Uint8Array, n: number, out: BigUint64Array): BigUint64Array {
  offlineKernels().hashLow64(blocks, n, out);
  return out;
}

/** Low 64 bits of H(q_j) into out0[j] and of H(q_j ⊕ Δ) into out1[j], for the first n blocks. */
export function hashLow64Pair(q: Uint8Array, delta: Uint8Array, n: number, out0: BigUint64Array, out1: BigUint64Array): void {
  offlineKernels().hashLow64Pair(q, delta, n, out0, out1);
}

/** Bit 0 of H(x_j) for the first n blocks (n a multiple of 32), packed LSB-first into out. */
export function hashLsb(blocks: Uint8Array, n: number, out: Uint8Array): Uint8Array {
  offlineKernels().hashLsb(blocks, n, out);
  return out;
}

/** Bit 0 of H(q_j) into out0 and of H(q_j ⊕ Δ) into out1, packed, for the first n blocks (n a multiple of 32). */
export function hashLsbPair(q: Uint8Array, delta: Uint8Array, n: number, out0: Uint8Array, out1: Uint8Array): void {
  offlineKernels().hashLsbPair(q, delta, n, out0, out1);
}
