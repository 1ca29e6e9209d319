/**
 * Matrix triples (A m×k, B k×n, C = A·B, all additively shared over Z_2^64) from Gilboa product
 * sharing with vector messages, the OT-based method of SecureML (Mohassel and Zhang, IEEE S&P 2017,
 * §4.2 "OT-based generation"). Semi-honest security.
 *
 * Cross term A_self·B_peer: one COT per bit of each entry B_peer[l][c] (64·k·n COTs), whose key is
 * expanded by the CR hash into an m-vector, so the sender's correlation is the whole column
 * A_self[:, l]. Seen per element r of that vector this is scalar Gilboa on the "virtual product"
 * A_self[r][l]·B_peer[l][c] (gilboa.ts), with 2080 bits of corrections per virtual product.
 * Bit k's message only matters mod 2^(64−k), so its hash elements are 8 − ⌊k/8⌋ bytes wide
 * (matrix-expand.ts); the arithmetic runs on i64 in WebAssembly (offline-kernels' matrixKernels),
 * one key at a time over the contiguous m-vector.
 *
 * Cost per party, both cross terms: 64·k·n COTs (16 bytes each: 1 KiB per entry of B) and 260 bytes
 * of corrections per virtual product: 270,240,000 bytes for 100³, 68 MiB for 64³, 4.4 GiB for 256³.
 * AES: three hashed key sets (K0 and K1 as sender, K_y as receiver) of 18 blocks per element
 * (ceil(m·(8 − ⌊k/8⌋)/16) per key: 1824 per entry for m = 100), ≈ 55 blocks per virtual product
 * instead of 96 with whole 64-bit elements. 100³ on the 2-vCPU dev box (shared, noisy): both
 * parties in one process ≈ 1.22 s (was 4.8–5.8 s), one process per party over TCP ≈ 0.86–0.91 s
 * (was 2.8 s). Per party over TCP the AES calls take ~30% of the CPU and V8's GC ~20%; the wasm
 * kernels ~12%. The m·n·k·ℓ²/2 term is inherent to OT-based matrix triples. Homomorphic encryption
 * (e.g. BFV/RLWE matrix products as in Cheetah or PETAce's default) sends O((m·k + k·n + m·n)·log q)
 * bits instead, so it is far cheaper on the wire as soon as all three dimensions are more than a few
 * dozen; OT wins on computation for small or thin products, where the online saving of the matrix
 * triple (one round, O(mk + kn) elements) matters more than the offline bytes.
 *
 * Security is that of scalar Gilboa over IKNP: every COT is used once (fresh COTs per call and per
 * row block), both keys K0 = q and K1 = q ⊕ Δ are hashed for the sender, each hash input
 * K ⊕ i is distinct per (key, block), and distinct elements take disjoint bits of the hash stream.
 */
import type { PartyId } from "@petace/network";
import type { MatrixTriple } from "./provider.js";
import { expectLength } from "@petace/ot";
import { checkDim, Prg } from "@petace/primitives";
import { ringAdd, ringMatmul } from "@petace/primitives";
import { paddedCount, type CotSession, type OtSession } from "@petace/ot";
import { chosenCotsBothWays, recycleCots } from "./cot-pair.js";
import { HASH_SLACK, blocksPerEntry, hashKeys, keyAreaBytes, keyBlocks, keyOffset, type HashArea } from "./matrix-expand.js";
import { pause } from "./pause.js";
import { MAX_MATRIX_BYTES, matrixKernels, type MatrixWasm } from "@petace/offline-kernels";

/** Correction bytes per virtual product: Σ_k (64−k) = 2080 bits. */
export const CORRECTION_BYTES = 260;

/**
 * Virtual products per message pair (2.1 MB of corrections at 260 bytes each). Over TCP on loopback
 * 2^13 beat 2^12 and 2^14..2^16 (100³: 0.87 s against 0.9–1.0 s): smaller messages stay in cache.
 */
const VIRTUAL_PER_CHUNK = 1 << 13;

/** Rows of A per pass: bounds the hash scratch of one entry (about 36·m blocks for the sender). */
export const MAX_ROWS = 1024;

/** AES blocks per tile (at least one entry): one 64 KiB AES call, its σ and output stay in cache. */
export const TILE_BLOCKS = 1 << 12;

/** Virtual products between pauses for the transport: four per message (with none mid-message, TCP stalled). */
const PAUSE_EVERY = VIRTUAL_PER_CHUNK / 4;

/** Bytes one party sends for an m×k×n matrix triple. */
export function matrixTripleBytes(m: number, k: number, n: number): number {
  if (m > MAX_ROWS)
    return Math.floor(m / MAX_ROWS) * matrixTripleBytes(MAX_ROWS, k, n) + (m % MAX_ROWS ? matrixTripleBytes(m % MAX_ROWS, k, n) : 0);
  const entries = k * n;
  const per = entriesPerChunk(m);
  let bytes = 0;
  for (let e = 0; e < entries; e += per) {
    const E = Math.min(per, entries - e);
    bytes += 16 * paddedCount(64 * E) + CORRECTION_BYTES * E * m;
  }
  return bytes;
}

/**
 * AES blocks one party runs for an m×k×n matrix triple: the hashes (three key sets per entry of B)
 * and the IKNP PRGs (2 blocks per COT as receiver, 1 as sender, 64 COTs per entry each way).
 */
export function matrixTripleAesBlocks(m: number, k: number, n: number): number {
  if (m > MAX_ROWS)
    return (
      Math.floor(m / MAX_ROWS) * matrixTripleAesBlocks(MAX_ROWS, k, n) + (m % MAX_ROWS ? matrixTripleAesBlocks(m % MAX_ROWS, k, n) : 0)
    );
  return k * n * (3 * blocksPerEntry(m) + 3 * 64);
}

/** Entries of B per message pair: even, so 64 COTs per entry fill whole 128-OT IKNP blocks. */
export function entriesPerChunk(m: number): number {
  return Math.max(2, 2 * Math.floor(VIRTUAL_PER_CHUNK / (2 * m)));
}

const DIM = { min: 1, max: 1 << 20 } as const;

/** One fresh m×k×n matrix triple (both parties call with the same dimensions). */
export async function matrixTripleFromOt(s: OtSession, m: number, k: number, n: number, label = "mat"): Promise<MatrixTriple> {
  checkDim("matrixTripleFromOt", "m", m, DIM);
  checkDim("matrixTripleFromOt", "k", k, DIM);
  return matrixTripleWithA(s, Prg.fromRandom().ring(m * k), m, k, n, label);
}

/**
 * A matrix triple on a given share of A (m×k) with a fresh B (k×n): the cross terms are made per
 * column of B with A as the sender's correlation, so A may be the same across calls (a matrix
 * mask, mask.ts). The cost is that of a fresh triple: every COT is on a bit of the fresh B.
 */
export async function matrixTripleWithA(
  s: OtSession,
  a: BigUint64Array,
  m: number,
  k: number,
  n: number,
  label = "mat",
): Promise<MatrixTriple> {
  return withA(a, m, k, n, (ab, b, rows) => crossTerms(s, ab, b, rows, k, n, label));
}

/**
 * One fresh m×k×n matrix triple on any COT session (e.g. @petace/ot's SilentOtSession): the same
 * cross terms on the session's COTs (cot-pair.ts) instead of IKNP's fused extension steps, one chunk
 * at a time. On silent OT a party sends the corrections, one bit per COT (the derandomization of
 * B's bits: 8 bytes per entry of B) and its share of the Ferret messages, instead of 1 KiB per entry.
 */
export async function matrixTripleFromCot(s: CotSession, m: number, k: number, n: number, label = "mat-cot"): Promise<MatrixTriple> {
  checkDim("matrixTripleFromCot", "m", m, DIM);
  checkDim("matrixTripleFromCot", "k", k, DIM);
  return matrixTripleWithACot(s, Prg.fromRandom().ring(m * k), m, k, n, label);
}

/** As matrixTripleWithA, on any COT session. */
export async function matrixTripleWithACot(
  s: CotSession,
  a: BigUint64Array,
  m: number,
  k: number,
  n: number,
  label = "mat-cot",
): Promise<MatrixTriple> {
  return withA(a, m, k, n, (ab, b, rows) => crossTermsCot(s, ab, b, rows, k, n, label));
}

/** A fresh B and C = A·B, the cross terms made per row block of A by `cross` (fresh COTs on B each). */
async function withA(
  a: BigUint64Array,
  m: number,
  k: number,
  n: number,
  cross: (ab: BigUint64Array, b: BigUint64Array, rows: number) => Promise<BigUint64Array>,
): Promise<MatrixTriple> {
  checkDim("matrixTripleFromOt", "n", n, DIM);
  if (a.length !== m * k) throw new RangeError(`matrixTripleWithA: A has ${a.length} elements, expected ${m}×${k}`);
  const b = Prg.fromRandom().ring(k * n);
  const c = new BigUint64Array(m * n);
  // Row blocks bound the hash scratch; each block uses fresh COTs on B.
  for (let r0 = 0; r0 < m; r0 += MAX_ROWS) {
    const rows = Math.min(MAX_ROWS, m - r0);
    const ab = a.subarray(r0 * k, (r0 + rows) * k);
    c.set(ringAdd(ringMatmul(ab, b, rows, k, n), await cross(ab, b, rows)), r0 * n);
  }
  return { a, b, c };
}

/**
 * crossTerms on a COT session: per chunk of entries of B, 64 COTs per entry each way (chosen
 * choices: B_self's bits), then this party's corrections out and the peer's in. Not pipelined: a
 * silent session runs its calls one at a time anyway.
 */
async function crossTermsCot(
  s: CotSession,
  a: BigUint64Array,
  b: BigUint64Array,
  m: number,
  k: number,
  n: number,
  label: string,
): Promise<BigUint64Array> {
  const entries = k * n;
  const per = Math.min(entriesPerChunk(m), entries);
  const et = Math.min(per, Math.max(1, Math.floor(TILE_BLOCKS / (2 * blocksPerEntry(m)))));
  const w = new Workspace(a, m, k, n, et, per);
  const b32 = new Int32Array(b.buffer, b.byteOffset, 2 * entries);
  const ctag = s.msgTag(`${label}-c`, s.peer);
  const perEntry = CORRECTION_BYTES * m;
  for (let ch = 0, e0 = 0; e0 < entries; ch++, e0 += per) {
    const E = Math.min(per, entries - e0);
    const choices = new Uint8Array(b.buffer, b.byteOffset + 8 * e0, 8 * E);
    const { q, t } = await chosenCotsBothWays(s, choices, 64 * E, `${label}-u`);
    for (let f = 0; f < E; f += et) {
      const Et = Math.min(et, E - f);
      w.hash(q, f, Et, s.delta);
      for (let e = 0; e < Et; e++) w.sendEntry(e, e0 + f + e, ch, f + e);
    }
    // A copy: the workspace's message slots are reused chunk after chunk.
    s.channel.send(s.msgTag(`${label}-c`, s.party), w.outgoing(ch, E).slice());
    const theirs = await s.channel.recv(ctag);
    expectLength(s.party, "matrix triple", ctag, theirs, perEntry * E);
    for (let f = 0; f < E; f += et) {
      const Et = Math.min(et, E - f);
      w.hash(t, f, Et);
      w.incoming(Et).set(theirs.subarray(perEntry * f, perEntry * (f + Et)));
      for (let e = 0; e < Et; e++) w.receiveEntry(e, e0 + f + e, b32[2 * (e0 + f + e)]!, b32[2 * (e0 + f + e) + 1]!);
    }
    recycleCots(s, q, t);
  }
  return w.shares();
}

/** This party's shares of A_self·B_peer + A_peer·B_self (m×n, row-major). */
async function crossTerms(
  s: OtSession,
  a: BigUint64Array,
  b: BigUint64Array,
  m: number,
  k: number,
  n: number,
  label: string,
): Promise<BigUint64Array> {
  const entries = k * n; // entry e = l·n + col of B, row-major
  const per = Math.min(entriesPerChunk(m), entries);
  const et = Math.min(per, Math.max(1, Math.floor(TILE_BLOCKS / (2 * blocksPerEntry(m))))); // entries per tile
  const w = new Workspace(a, m, k, n, et, per);
  const b32 = new Int32Array(b.buffer, b.byteOffset, 2 * entries);
  const bytes = 16 * paddedCount(64 * per);
  const qBuf = new Uint8Array(bytes);
  const tBufs = [0, 1, 2, 3].map(() => new Uint8Array(bytes)); // chunks c−1 .. c+2
  const uTag = (p: PartyId) => s.msgTag(`${label}-u`, p);
  const cTag = (p: PartyId) => s.msgTag(`${label}-c`, p);
  const first = (ch: number) => ch * per;
  const size = (ch: number) => Math.min(per, entries - ch * per);
  const perEntry = CORRECTION_BYTES * m;
  const pauseTiles = Math.max(1, Math.round(PAUSE_EVERY / (et * m)));

  // Receiver of A_peer·B_self: one COT per bit of B_self's entries, choices = their bits as stored.
  const extend = (ch: number): void => {
    const choices = new Uint8Array(b.buffer, b.byteOffset + 8 * first(ch), 8 * size(ch));
    const { u } = s.receiverExtend(choices, 64 * size(ch), tBufs[ch % 4]);
    s.channel.send(uTag(s.peer), u);
  };
  // Sender of A_self·B_peer: virtual product (e, r) has correlation A_self[r][l_e].
  const send = async (ch: number): Promise<void> => {
    const e0 = first(ch);
    const E = size(ch);
    const q = s.senderExpand(await s.channel.recv(uTag(s.party)), 64 * E, `${label}-u`, qBuf);
    for (let f = 0; f < E; f += et) {
      const Et = Math.min(et, E - f);
      w.hash(q, f, Et, s.delta);
      for (let e = 0; e < Et; e++) w.sendEntry(e, e0 + f + e, ch, f + e);
      if ((f / et) % pauseTiles === pauseTiles - 1) await pause();
    }
    s.channel.send(cTag(s.party), w.outgoing(ch, E));
  };
  const receive = async (ch: number): Promise<void> => {
    const e0 = first(ch);
    const E = size(ch);
    const ctag = cTag(s.peer);
    const theirs = await s.channel.recv(ctag);
    expectLength(s.party, "matrix triple", ctag, theirs, perEntry * E);
    const t = tBufs[ch % 4]!;
    for (let f = 0; f < E; f += et) {
      const Et = Math.min(et, E - f);
      w.hash(t, f, Et);
      w.incoming(Et).set(theirs.subarray(perEntry * f, perEntry * (f + Et)));
      for (let e = 0; e < Et; e++) w.receiveEntry(e, e0 + f + e, b32[2 * (e0 + f + e)]!, b32[2 * (e0 + f + e) + 1]!);
      if ((f / et) % pauseTiles === pauseTiles - 1) await pause();
    }
  };

  // Software pipeline: each party sends u(0), u(1), c(0), u(2), c(1), ... and uses the peer's
  // corrections for chunk c only after computing its own for c+1, so they travel while both parties
  // compute (the pauses in send and receive let the transport move them).
  const chunks = Math.ceil(entries / per);
  for (let ch = 0; ch < Math.min(2, chunks); ch++) extend(ch);
  for (let ch = 0; ch < chunks; ch++) {
    await send(ch);
    if (ch + 2 < chunks) extend(ch + 2);
    if (ch > 0) await receive(ch - 1);
  }
  await receive(chunks - 1);
  return w.shares();
}

/** The start of a workspace: the byte offsets of the 64 keys in a key set, then their AES block counts (i32s). */
const KEY_OFFSETS_AT = 0;
const KEY_BLOCKS_AT = 256;
const OFFSETS = 512;

/**
 * One triple's wasm memory: σ and hash output of a tile, A's columns (x[l·m + r] = A[r][l]), the
 * shares (acc[col·m + r], u64), the peer's corrections for a tile, four outgoing correction
 * messages, and the per-entry kernel calls. Shared with owned-matrix.ts (one cross term only).
 * @internal
 */
export class Workspace {
  readonly #w: MatrixWasm;
  readonly #m: number;
  readonly #n: number;
  readonly #area: HashArea;
  readonly #out: number;
  readonly #x: number;
  readonly #acc: number;
  readonly #corr: number;
  /** Outgoing correction messages: four of `#message` bytes. */
  readonly #sent: number;
  readonly #message: number;
  /** Bytes of one key set of an entry. */
  readonly #entryBytes: number;
  /** Bytes from an entry's K0 key set to its K1 set in the hashed tile (sender). */
  #set = 0;

  constructor(a: BigUint64Array, m: number, k: number, n: number, tileEntries: number, chunkEntries: number) {
    const tile = 2 * 16 * blocksPerEntry(m) * tileEntries;
    const keys = OFFSETS + keyAreaBytes(tileEntries);
    this.#out = keys + tile;
    this.#area = { table: KEY_BLOCKS_AT, keys: OFFSETS, sigma: keys, out: this.#out };
    this.#x = keys + 2 * tile + HASH_SLACK;
    this.#acc = this.#x + 8 * m * k;
    this.#corr = this.#acc + 8 * m * n;
    this.#sent = this.#corr + CORRECTION_BYTES * m * tileEntries;
    this.#message = CORRECTION_BYTES * m * chunkEntries;
    const bytes = this.#sent + 4 * this.#message;
    if (bytes > MAX_MATRIX_BYTES)
      throw new RangeError(
        `matrixTripleFromOt: needs ${bytes} bytes of scratch (A's columns, the m×n shares, messages), more than wasm's 4 GiB; split the product`,
      );
    this.#w = matrixKernels(bytes);
    this.#m = m;
    this.#n = n;
    this.#entryBytes = 16 * blocksPerEntry(m);
    new Int32Array(this.#w.m.buffer, KEY_OFFSETS_AT, 64).set(Array.from({ length: 64 }, (_, j) => keyOffset(j, m)));
    new Int32Array(this.#w.m.buffer, KEY_BLOCKS_AT, 64).set(Array.from({ length: 64 }, (_, j) => keyBlocks(j, m)));
    const x = new BigUint64Array(this.#w.m.buffer, this.#x, m * k);
    for (let r = 0; r < m; r++) for (let l = 0; l < k; l++) x[l * m + r] = a[r * k + l]!;
  }

  /** Hashes a tile of entries (sender with delta); the per-entry calls below then read it. */
  hash(keys: Uint8Array, e0: number, E: number, delta?: Uint8Array): void {
    this.#set = hashKeys(this.#w, this.#area, keys, e0, E, this.#m, delta);
  }

  /** The tile's correction area (E entries), a view valid for this triple. */
  incoming(E: number): Uint8Array {
    return new Uint8Array(this.#w.m.buffer, this.#corr, CORRECTION_BYTES * this.#m * E);
  }

  /**
   * The correction message of chunk `ch` (E entries), sent as a view of wasm memory. Four rotate:
   * when this party computes chunk ch, it has the peer's corrections for ch−2, which the peer sends
   * only after it has used ours for ch−4, the last message in the same place.
   */
  outgoing(ch: number, E: number): Uint8Array {
    return new Uint8Array(this.#w.m.buffer, this.#sent + (ch % 4) * this.#message, CORRECTION_BYTES * this.#m * E);
  }

  /** Sender step for entry `ent` of B, the e-th of the hashed tile and the i-th of chunk ch: its corrections and shares. */
  sendEntry(e: number, ent: number, ch: number, i: number): void {
    const m = this.#m;
    const l = (ent / this.#n) | 0;
    const c = this.#sent + (ch % 4) * this.#message + CORRECTION_BYTES * m * i;
    const acc = this.#acc + 8 * (ent - l * this.#n) * m;
    this.#w.sendEntry(this.#out + e * this.#entryBytes, this.#set, this.#x + 8 * l * m, c, acc, 8 * m, KEY_OFFSETS_AT);
  }

  /** Receiver step for entry `ent` (the e-th of the hashed tile), y = B_self[ent] as two words, with the peer's corrections in place. */
  receiveEntry(e: number, ent: number, ylo: number, yhi: number): void {
    const m = this.#m;
    const c = this.#corr + CORRECTION_BYTES * m * e;
    const acc = this.#acc + 8 * (ent % this.#n) * m;
    this.#w.recvEntry(this.#out + e * this.#entryBytes, c, acc, 8 * m, KEY_OFFSETS_AT, ylo, yhi);
  }

  /** The accumulated shares as an m×n row-major matrix. */
  shares(): BigUint64Array {
    const m = this.#m,
      n = this.#n;
    const acc = new BigUint64Array(this.#w.m.buffer, this.#acc, m * n);
    const out = new BigUint64Array(m * n);
    for (let col = 0; col < n; col++) for (let r = 0; r < m; r++) out[r * n + col] = acc[col * m + r]!;
    return out;
  }
}
