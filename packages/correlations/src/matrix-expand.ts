/**
 * Hash expansion of COT keys into vectors for matrix triples (Gilboa with vector messages). @internal
 *
 * Key j = 64·e + k is the COT on bit k of entry e of B. Its m-vector is read off the stream
 * H(K_j ⊕ 0) ‖ H(K_j ⊕ 1) ‖ ... of the CR hash H(x) = π(σ(x)) ⊕ σ(x) (GKWY 2020, π = AES-128 under
 * the public CRHASH_KEY; the tweak i sits in the key's low word, so every (key, block) pair hashes a
 * distinct input, as CR hashing needs). The message for bit k only matters mod 2^(64−k), so element
 * r of key k is bytes [W·r, W·r + W) of the stream with W = keyBytes(k) = 8 − ⌊k/8⌋ ≥ (64−k)/8: the
 * kernels read it with one unaligned 8-byte load and use only its low 64−k bits (the rest belong to
 * the next element and are masked or shifted out). Distinct elements thus take disjoint hash bits.
 *
 * Cost: Σ_k ceil(m·W_k/16) blocks per entry and key set, 18·m for m a multiple of 16 (1824 for
 * m = 100) instead of 32·m for whole 64-bit elements; the sender hashes K0 = q and K1 = q ⊕ Δ, the
 * receiver its one key. (Bit-granular elements would save another 8.5% of blocks, but the shifts
 * cost more than that in the kernels.)
 *
 * Layout in wasm memory: entry e's key set at out + e·16·blocksPerEntry(m), key k at keyOffset(k, m)
 * within it; the sender's K1 sets follow all the tile's K0 sets. The σ inputs are built by the wasm
 * `spread` (offline-kernels' matrixKernels) from σ(K_j) (computed here, 64 per entry) and the AES
 * runs through node:crypto.
 */
import { words } from "@petace/ot";
import { CRHASH_KEY, FixedKeyAes } from "@petace/primitives";
import type { MatrixWasm } from "@petace/offline-kernels";

/** Bytes of key k's elements: the message for bit k only matters mod 2^(64−k). */
export function keyBytes(k: number): number {
  return 8 - (k >>> 3);
}

/** AES blocks of key k's m-vector. */
export function keyBlocks(k: number, m: number): number {
  return Math.ceil((m * keyBytes(k)) / 16);
}

/** AES blocks to hash the 64 keys of one entry once (the sender does it twice). */
export function blocksPerEntry(m: number): number {
  let n = 0;
  for (let k = 0; k < 64; k++) n += keyBlocks(k, m);
  return n;
}

/** Byte offset of key k's elements inside one key set of an entry. */
export function keyOffset(k: number, m: number): number {
  let n = 0;
  for (let j = 0; j < k; j++) n += keyBlocks(j, m);
  return 16 * n;
}

/** Bytes the kernels may read past the last hash (an 8-byte load of a 1-byte element). */
export const HASH_SLACK = 16;

let aes: FixedKeyAes | undefined;
function pi(): FixedKeyAes {
  return (aes ??= new FixedKeyAes(CRHASH_KEY));
}

/** Where a tile's hashing lives in wasm memory (byte offsets). */
export interface HashArea {
  /** keyBlocks(k, m) for k < 64 (i32s), written once by the caller. */
  table: number;
  /** σ(K_j) per key, 16 bytes each, then σ(Δ). */
  keys: number;
  /** AES input, then as much output. */
  sigma: number;
  out: number;
}

/** Bytes of key area for a tile of E entries. */
export function keyAreaBytes(E: number): number {
  return 16 * (64 * E + 1);
}

/**
 * Hashes entries e0 .. e0+E of `keys` (16 bytes per COT, 64 per entry) into wasm memory at
 * area.out: entry e's key set at out + e·16·blocksPerEntry(m). With `delta` (sender) the K1 = K0 ⊕ Δ
 * sets follow those of K0; returns the distance in bytes from an entry's K0 set to its K1 set.
 */
export function hashKeys(w: MatrixWasm, area: HashArea, keys: Uint8Array, e0: number, E: number, m: number, delta?: Uint8Array): number {
  const set = 16 * blocksPerEntry(m) * E;
  const bytes = delta ? 2 * set : set;
  const kw = new Int32Array(w.m.buffer, area.keys, 4 * (64 * E + 1));
  sigmaOfKeys(words(keys), 64 * e0, 64 * E, kw);
  if (delta) kw.set(sigmaOfDelta(delta), 4 * 64 * E);
  w.spread(area.keys, 64 * E, area.table, area.sigma, delta ? set : 0, area.keys + 16 * 64 * E);
  pi().encryptBlocks(new Uint8Array(w.m.buffer, area.sigma, bytes), new Uint8Array(w.m.buffer, area.out, bytes));
  w.xor(area.out, area.sigma, bytes);
  return set;
}

/** σ(Δ) = (Δ_L ⊕ Δ_R, Δ_L) as four words. */
function sigmaOfDelta(delta: Uint8Array): Int32Array {
  const d = words(delta.byteOffset & 3 ? delta.slice() : delta);
  return Int32Array.of(d[0]! ^ d[2]!, d[1]! ^ d[3]!, d[0]!, d[1]!);
}

/** o[4t..4t+4) = σ(K_{j0+t}) for t < J. */
function sigmaOfKeys(x: Int32Array, j0: number, J: number, o: Int32Array): void {
  for (let t = 0, xi = 4 * j0; t < J; t++, xi += 4) {
    const l0 = x[xi]!,
      l1 = x[xi + 1]!;
    o[4 * t] = l0 ^ x[xi + 2]!;
    o[4 * t + 1] = l1 ^ x[xi + 3]!;
    o[4 * t + 2] = l0;
    o[4 * t + 3] = l1;
  }
}
