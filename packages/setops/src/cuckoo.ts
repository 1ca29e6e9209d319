/**
 * Cuckoo hashing with three hash functions and no stash, and simple hashing into the same bins: the
 * layout of KKRT-style PSI and of circuit-PSI. One party cuckoo-hashes its keys (at most one key per
 * bin, each key in one of its three candidate bins); the other simple-hashes (each key into all
 * three candidate bins), so two equal keys always meet in the bin that holds the cuckoo party's copy.
 *
 * Parameters: Pinkas, Schneider, Weinert and Wieder, "Efficient Circuit-based PSI via Cuckoo
 * Hashing" (EUROCRYPT 2018, ePrint 2018/120), §5: with h = 3 hash functions, no stash and
 * ⌈1.27·n⌉ bins, insertion fails with probability below 2^-40 (their experiments, extrapolated to
 * large n). Below 1024 keys we take ⌈2·n⌉ + 8 bins instead, where small-set effects dominate and
 * extra bins cost nothing. A failure (no placement found within MAX_EVICTIONS moves of one
 * insertion) throws CuckooFailedError; nothing is retried, since a retry with other hash functions
 * would have to be agreed with the peer.
 *
 * Hash functions: both parties derive them from one public 16-byte seed (a PSI draws it from the
 * context's joint seed, after the inputs are fixed): hash h of a key is taken from two AES-128
 * blocks of its 16-byte digest under two keys derived from the seed, 53 bits per hash function,
 * scaled to [0, bins). Keys are digests from `hashKeys`, already uniform; the keyed AES makes the
 * functions fresh per run, which is what the failure bound assumes.
 *
 * Every array is typed: 10^6 keys take two AES passes and one pass of float arithmetic, then the
 * random walk of insertions.
 */
import { deriveSeed, FixedKeyAes } from "@petace/primitives";
import type { HashedKeys } from "./api.js";
import { KEY_BYTES } from "./keys.js";

/** Hash functions per key. */
export const CUCKOO_HASHES = 3;
/** Bins per key for large tables (PSWW 2018, h = 3, no stash). */
export const CUCKOO_EXPANSION = 1.27;
/** Evictions one insertion may make before the table is declared failed. */
export const MAX_EVICTIONS = 2000;

/** Bins of a cuckoo table for n keys: ⌈1.27·n⌉ from 1024 keys up, ⌈2·n⌉ + 8 below. */
export function cuckooBins(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`cuckooBins: n must be a non-negative integer, got ${n}`);
  return n >= 1024 ? Math.ceil(CUCKOO_EXPANSION * n) : 2 * n + 8;
}

/** The cuckoo party's table: at most one row per bin, and the hash function that placed it. */
export interface CuckooTable {
  readonly bins: number;
  /** Per bin: the row it holds, or -1 when empty. */
  readonly binRow: Int32Array;
  /** Per bin: the index (0, 1, 2) of the hash function that placed its row there; 0 in empty bins. */
  readonly binHash: Uint8Array;
  /** Per row: its bin. */
  readonly rowBin: Int32Array;
}

/** The simple-hashing party's table: each row in all three candidate bins, grouped by bin. */
export interface SimpleTable {
  readonly bins: number;
  /** Per row r and hash function h, the bin at [3r + h] (the same functions as the cuckoo table's). */
  readonly candidates: Uint32Array;
  /** Entries of bin b are entries[binStart[b] .. binStart[b + 1]); bins + 1 offsets. */
  readonly binStart: Int32Array;
  /** 3n entries, each 3·row + h (row and hash function), in bin order, rows ascending within a bin. */
  readonly entries: Int32Array;
}

/** Cuckoo insertion found no place for a key (probability < 2^-40 at the default sizes). */
export class CuckooFailedError extends Error {
  override name = "CuckooFailedError";
}

function checkKeys(fn: string, keys: unknown): asserts keys is HashedKeys {
  if (!(keys instanceof Uint8Array)) throw new TypeError(`${fn}: keys must be a Uint8Array of 16-byte hashed keys (hashKeys)`);
  if (keys.length % KEY_BYTES !== 0) throw new RangeError(`${fn}: keys must hold 16 bytes per row, got ${keys.length} bytes`);
}

function checkSeed(fn: string, seed: unknown): asserts seed is Uint8Array {
  if (!(seed instanceof Uint8Array) || seed.length !== 16) throw new TypeError(`${fn}: seed must be a 16-byte Uint8Array`);
}

function checkBinsFor(fn: string, bins: number, n: number): void {
  if (!Number.isSafeInteger(bins) || bins < 1 || bins >= 2 ** 31)
    throw new RangeError(`${fn}: bins must be an integer in [1, 2^31), got ${bins}`);
  if (bins < n) throw new RangeError(`${fn}: ${bins} bins cannot hold ${n} keys one per bin`);
}

const TWO_M32 = 2 ** -32;
const TWO_M53 = 2 ** -53;

/**
 * The three candidate bins of every key, out[3r + h] for row r and hash function h, from the public
 * seed. Both parties get the same bins for the same key.
 */
export function candidateBins(keys: HashedKeys, seed: Uint8Array, bins: number): Uint32Array {
  checkKeys("candidateBins", keys);
  checkSeed("candidateBins", seed);
  if (!Number.isSafeInteger(bins) || bins < 1 || bins >= 2 ** 31)
    throw new RangeError(`candidateBins: bins must be an integer in [1, 2^31), got ${bins}`);
  const n = keys.length / KEY_BYTES;
  const out = new Uint32Array(CUCKOO_HASHES * n);
  const ka = new FixedKeyAes(deriveSeed(seed, "petace-ts/setops/cuckoo/a"));
  const kb = new FixedKeyAes(deriveSeed(seed, "petace-ts/setops/cuckoo/b"));
  const CH = 4096;
  const a = new Uint8Array(CH * 16);
  const b = new Uint8Array(CH * 16);
  const aw = new Uint32Array(a.buffer);
  const bw = new Uint32Array(b.buffer);
  for (let off = 0; off < n; off += CH) {
    const k = Math.min(CH, n - off);
    const src = keys.subarray(off * 16, (off + k) * 16);
    ka.encryptBlocks(src, a.subarray(0, k * 16));
    kb.encryptBlocks(src, b.subarray(0, k * 16));
    for (let i = 0; i < k; i++) {
      for (let h = 0; h < CUCKOO_HASHES; h++) {
        // 53 uniform bits: 32 from a, 21 from b, as a fraction in [0, 1), scaled to the bins
        const frac = aw[4 * i + h]! * TWO_M32 + (bw[4 * i + h]! >>> 11) * TWO_M53;
        const bin = Math.floor(frac * bins);
        out[3 * (off + i) + h] = bin < bins ? bin : bins - 1;
      }
    }
  }
  return out;
}

/**
 * Cuckoo-hashes n keys (16 bytes each) into `bins` bins (default cuckooBins(n)) with the hash
 * functions of `seed`. Random-walk insertion: a key takes an empty candidate bin if it has one, else
 * evicts the occupant of a random candidate (not the bin it was just evicted from), which moves on.
 * The walk's coin flips are this party's own (they do not need to match the peer's).
 */
export function cuckooHash(keys: HashedKeys, seed: Uint8Array, bins?: number): CuckooTable {
  checkKeys("cuckooHash", keys);
  checkSeed("cuckooHash", seed);
  const n = keys.length / KEY_BYTES;
  const B = bins ?? cuckooBins(n);
  checkBinsFor("cuckooHash", B, n);
  const cand = candidateBins(keys, seed, B);
  const binRow = new Int32Array(B).fill(-1);
  const binHash = new Uint8Array(B);
  // xorshift32 for the walk's choices: not secret-bearing (a choice among public candidate bins of
  // this party's own keys), seeded from the seed so runs are reproducible.
  let x = seed[0]! | (seed[1]! << 8) | (seed[2]! << 16) | (seed[3]! << 24) | 1;
  for (let row = 0; row < n; row++) {
    let cur = row;
    let from = -1;
    let placed = false;
    for (let step = 0; step <= MAX_EVICTIONS; step++) {
      const c = 3 * cur;
      const b0 = cand[c]!,
        b1 = cand[c + 1]!,
        b2 = cand[c + 2]!;
      let h = -1;
      if (binRow[b0]! < 0) h = 0;
      else if (binRow[b1]! < 0) h = 1;
      else if (binRow[b2]! < 0) h = 2;
      if (h >= 0) {
        const b = cand[c + h]!;
        binRow[b] = cur;
        binHash[b] = h;
        placed = true;
        break;
      }
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      h = (x >>> 0) % 3;
      if (cand[c + h] === from) h = h === 2 ? 0 : h + 1;
      const b = cand[c + h]!;
      const evicted = binRow[b]!;
      binRow[b] = cur;
      binHash[b] = h;
      cur = evicted;
      from = b;
    }
    if (!placed)
      throw new CuckooFailedError(
        `cuckooHash: no placement found for ${n} keys in ${B} bins within ${MAX_EVICTIONS} moves (an event of probability below 2^-40 at the default size; run the operation again)`,
      );
  }
  const rowBin = new Int32Array(n).fill(-1);
  for (let b = 0; b < B; b++) {
    const r = binRow[b]!;
    if (r >= 0) rowBin[r] = b;
  }
  return { bins: B, binRow, binHash, rowBin };
}

/**
 * Simple hashing with the same functions: every key into each of its three candidate bins (a key
 * whose candidates coincide appears in that bin once per hash function). Counting sort by bin.
 */
export function simpleHash(keys: HashedKeys, seed: Uint8Array, bins: number): SimpleTable {
  checkKeys("simpleHash", keys);
  checkSeed("simpleHash", seed);
  const n = keys.length / KEY_BYTES;
  if (!Number.isSafeInteger(bins) || bins < 1 || bins >= 2 ** 31)
    throw new RangeError(`simpleHash: bins must be an integer in [1, 2^31), got ${bins}`);
  if (CUCKOO_HASHES * n >= 2 ** 31) throw new RangeError(`simpleHash: at most ${Math.floor((2 ** 31 - 1) / 3)} keys, got ${n}`);
  const candidates = candidateBins(keys, seed, bins);
  const binStart = new Int32Array(bins + 1);
  for (let e = 0; e < candidates.length; e++) binStart[candidates[e]! + 1]!++;
  for (let b = 0; b < bins; b++) binStart[b + 1]! += binStart[b]!;
  const fill = binStart.slice(0, bins);
  const entries = new Int32Array(candidates.length);
  for (let e = 0; e < candidates.length; e++) entries[fill[candidates[e]!]!++] = e;
  return { bins, candidates, binStart, entries };
}
