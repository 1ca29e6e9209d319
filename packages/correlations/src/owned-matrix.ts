/**
 * Owned matrix triples: party `owner` alone holds a random R (m×k), the other party alone a random
 * S (k×n), and both hold additive shares of C = R·S over Z_2^64. They serve a product P·Y where one
 * party holds P in plaintext (its own feature columns in a vertical split) and Y is shared: only the
 * cross term P·Y_other needs the other party, and (P − R) and (Y_other − S) are each opened to one
 * party only (protocols' owned-product kernel).
 *
 * It is one of the two cross terms of an OT-made matrix triple (matrix.ts, SecureML's OT-based
 * generation, Mohassel–Zhang, S&P 2017, §4.2): the owner is the COT sender with the columns of R as
 * its correlations, the other party the receiver choosing on the bits of S, so a party sends half
 * the bytes of a full triple of the same shape (64·k·n COTs one way, 260 bytes of corrections per
 * virtual product from the owner), and no share of the whole matrix has to be masked or opened.
 * Semi-honest security, as matrix.ts: every COT is used once (fresh COTs per row block of R).
 */
import type { PartyId } from "@petace/network";
import { expectLength, type CotSession } from "@petace/ot";
import { checkDim, Prg } from "@petace/primitives";
import { recycleCots } from "./cot-pair.js";
import { blocksPerEntry } from "./matrix-expand.js";
import { CORRECTION_BYTES, entriesPerChunk, MAX_ROWS, TILE_BLOCKS, Workspace } from "./matrix.js";
import type { OwnedMatrixTriple } from "./provider.js";

const DIM = { min: 1, max: 1 << 20 } as const;

/**
 * Rows of R per pass (matrix.ts uses MAX_ROWS = 1024 for its two-way workspace): one cross term
 * needs half the scratch, and a data matrix of a few thousand rows then takes one pass, so one
 * request/response per chunk of S's entries instead of one per row block and chunk (rounds behind
 * a slow link). Wasm scratch at 8192 rows: about 24 MB (hash tile, corrections, four messages) plus 8·m·(k + n).
 */
const OWNED_MAX_ROWS = 8 * MAX_ROWS;

/** One fresh owned m×k×n triple on a COT session (IKNP or silent); both parties call with the same arguments. */
export async function ownedMatrixTripleFromCot(
  s: CotSession,
  owner: PartyId,
  m: number,
  k: number,
  n: number,
  label = "owned",
): Promise<OwnedMatrixTriple> {
  checkDim("ownedMatrixTriple", "m", m, DIM);
  checkDim("ownedMatrixTriple", "k", k, DIM);
  checkDim("ownedMatrixTriple", "n", n, DIM);
  if (owner !== 0 && owner !== 1) throw new RangeError(`ownedMatrixTriple: owner must be 0 or 1, got ${String(owner)}`);
  const owns = s.party === owner;
  const mine = Prg.fromRandom().ring(owns ? m * k : k * n);
  const c = new BigUint64Array(m * n);
  // Row blocks bound the hash scratch (as matrix.ts); each block uses fresh COTs on S.
  for (let r0 = 0; r0 < m; r0 += OWNED_MAX_ROWS) {
    const rows = Math.min(OWNED_MAX_ROWS, m - r0);
    const part = owns
      ? await senderSide(s, mine.subarray(r0 * k, (r0 + rows) * k), rows, k, n, label)
      : await receiverSide(s, mine, rows, k, n, label);
    c.set(part, r0 * n);
  }
  return { owner, mine, c };
}

/** Chunking shared by both sides: entries of S per COT request and per hashed tile. */
function plan(m: number, k: number, n: number): { entries: number; per: number; et: number } {
  const entries = k * n;
  const per = Math.min(entriesPerChunk(m), entries);
  const et = Math.min(per, Math.max(1, Math.floor(TILE_BLOCKS / (2 * blocksPerEntry(m)))));
  return { entries, per, et };
}

/** The owner: COT sender with R's columns as correlations; its share of R·S is what the corrections leave. */
async function senderSide(s: CotSession, r: BigUint64Array, m: number, k: number, n: number, label: string): Promise<BigUint64Array> {
  const { entries, per, et } = plan(m, k, n);
  const w = new Workspace(r, m, k, n, et, per);
  for (let ch = 0, e0 = 0; e0 < entries; ch++, e0 += per) {
    const E = Math.min(per, entries - e0);
    const q = await s.cotSend(64 * E, `${label}-u`);
    for (let f = 0; f < E; f += et) {
      const Et = Math.min(et, E - f);
      w.hash(q, f, Et, s.delta);
      for (let e = 0; e < Et; e++) w.sendEntry(e, e0 + f + e, ch, f + e);
    }
    // A copy: the workspace's message slots are reused chunk after chunk.
    s.channel.send(s.msgTag(`${label}-c`, s.party), w.outgoing(ch, E).slice());
    recycleCots(s, q);
  }
  return w.shares();
}

/** The other party: COT receiver choosing on S's bits; the next chunk's COTs are asked for before this one's corrections arrive. */
async function receiverSide(s: CotSession, b: BigUint64Array, m: number, k: number, n: number, label: string): Promise<BigUint64Array> {
  const { entries, per, et } = plan(m, k, n);
  const w = new Workspace(new BigUint64Array(m * k), m, k, n, et, per);
  const b32 = new Int32Array(b.buffer, b.byteOffset, 2 * entries);
  const ctag = s.msgTag(`${label}-c`, s.peer);
  const perEntry = CORRECTION_BYTES * m;
  const cots = (e0: number): Promise<Uint8Array> => {
    const E = Math.min(per, entries - e0);
    return s.cotReceive(new Uint8Array(b.buffer, b.byteOffset + 8 * e0, 8 * E), 64 * E, `${label}-u`);
  };
  let next = cots(0);
  for (let e0 = 0; e0 < entries; e0 += per) {
    const E = Math.min(per, entries - e0);
    const t = await next;
    if (e0 + per < entries) next = cots(e0 + per);
    const theirs = await s.channel.recv(ctag);
    expectLength(s.party, "owned matrix triple", ctag, theirs, perEntry * E);
    for (let f = 0; f < E; f += et) {
      const Et = Math.min(et, E - f);
      w.hash(t, f, Et);
      w.incoming(Et).set(theirs.subarray(perEntry * f, perEntry * (f + Et)));
      for (let e = 0; e < Et; e++) w.receiveEntry(e, e0 + f + e, b32[2 * (e0 + f + e)]!, b32[2 * (e0 + f + e) + 1]!);
    }
    recycleCots(s, t);
  }
  return w.shares();
}
