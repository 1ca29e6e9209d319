/**
 * The join's minimal cuckoo layout: three hash functions into one table of bins, stash-less, one
 * item per bin (Pagh–Rodler, "Cuckoo hashing", J. Algorithms 2004, with d = 3 choices as in
 * Fotakis et al., "Space efficient hash tables with worst case constant access time", 2005). The
 * layout party cuckoo-hashes its keys; the other party simple-hashes each key into all three of its
 * candidate bins (Pinkas–Schneider–Tkachenko–Yanai, "Efficient circuit-based PSI with linear
 * communication", EUROCRYPT 2019, §3, whose analysis gives 1.27·n bins for a stash-less failure
 * probability of 2^-40 at large n).
 *
 * Written here because the PSI's `cuckoo.ts` was not yet available when the join was built; the two
 * are to be unified. The hash functions are AES-128 under a public seed both parties draw from the
 * context's joint PRG, so neither party chooses them.
 */
import { FixedKeyAes } from "@petace/primitives";

/** Candidate bins per key. */
export const CUCKOO_HASHES = 3;

/** Evictions tried for one insertion before the layout is declared a failure. */
const MAX_EVICTIONS = 2000;

/**
 * The public number of bins for `n` keys: ⌈1.27 n⌉ (PSTY19), with a few more for small tables,
 * where the asymptotic bound does not hold yet.
 */
export function cuckooBins(n: number): number {
  if (n === 0) return 0;
  if (n >= 4096) return Math.ceil(1.27 * n);
  return Math.ceil(1.27 * n + 4 * Math.sqrt(n) + 8);
}

/**
 * The three candidate bins of each key (16 bytes per key): `out[3i + h]` in [0, bins). Both parties
 * compute the same positions for the same key and seed. Positions of one key may coincide.
 */
export function candidateBins(keys: Uint8Array, n: number, bins: number, seed: Uint8Array): Uint32Array {
  const out = new Uint32Array(CUCKOO_HASHES * n);
  if (n === 0) return out;
  const enc = new FixedKeyAes(seed).encryptBlocks(keys.subarray(0, 16 * n));
  const w = new Uint32Array(enc.buffer, enc.byteOffset, 4 * n);
  for (let i = 0; i < n; i++) {
    // floor(w · bins / 2^32) is exact in doubles: the product's rounding error is below the gap to bins·2^32.
    out[3 * i] = Math.floor((w[4 * i]! * bins) / 4294967296);
    out[3 * i + 1] = Math.floor((w[4 * i + 1]! * bins) / 4294967296);
    out[3 * i + 2] = Math.floor((w[4 * i + 2]! * bins) / 4294967296);
  }
  return out;
}

export interface CuckooTable {
  readonly bins: number;
  /** The row in each bin, −1 for an empty bin. */
  readonly binRow: Int32Array;
  /** Which of the row's hash functions placed it there (0..2), for non-empty bins. */
  readonly binHash: Uint8Array;
  /** The bin of each row. */
  readonly rowBin: Int32Array;
}

/**
 * Places `n` rows with candidate bins `positions` (from `candidateBins`) into `bins` bins by random
 * walk: a row takes a free candidate, else evicts the occupant of a random candidate other than the
 * one it was just evicted from. `random32` draws the walk's choices (the layout party's private
 * randomness). Returns null when an insertion exceeds its eviction budget.
 */
export function cuckooInsert(positions: Uint32Array, n: number, bins: number, random32: () => number): CuckooTable | null {
  const binRow = new Int32Array(bins).fill(-1);
  const binHash = new Uint8Array(bins);
  const rowBin = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    let cur = i;
    let from = -1; // the hash index cur was evicted from
    let placed = false;
    for (let step = 0; step <= MAX_EVICTIONS && !placed; step++) {
      for (let h = 0; h < CUCKOO_HASHES; h++) {
        const b = positions[3 * cur + h]!;
        if (binRow[b] === -1) {
          binRow[b] = cur;
          binHash[b] = h;
          rowBin[cur] = b;
          placed = true;
          break;
        }
      }
      if (placed) break;
      let h = random32() % CUCKOO_HASHES;
      if (h === from) h = (h + 1 + (random32() & 1)) % CUCKOO_HASHES;
      const b = positions[3 * cur + h]!;
      const evicted = binRow[b]!;
      binRow[b] = cur;
      binHash[b] = h;
      rowBin[cur] = b;
      rowBin[evicted] = -1;
      // the evicted row must not go straight back to the bin it was evicted from
      from = positions[3 * evicted]! === b ? 0 : positions[3 * evicted + 1]! === b ? 1 : 2;
      cur = evicted;
    }
    if (!placed) return null;
  }
  return { bins, binRow, binHash, rowBin };
}
