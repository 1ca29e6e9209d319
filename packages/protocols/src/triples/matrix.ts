/**
 * Matrix triples (A m×k, B k×n, C = A·B, all additively shared over Z_2^64) from Gilboa product
 * sharing with vector messages, the OT-based method of SecureML (Mohassel and Zhang, IEEE S&P 2017,
 * §4.2 "OT-based generation"). Semi-honest security.
 *
 * Cross term A_self·B_peer: one COT per bit of each entry B_peer[l][c] (64·k·n COTs), whose key is
 * expanded by the CR hash into an m-vector, so the sender's correlation is the whole column
 * A_self[:, l]. Seen per element r of that vector this is scalar Gilboa on the "virtual product"
 * A_self[r][l]·B_peer[l][c], and the code reuses the scalar packing (2080 bits per virtual product).
 *
 * Cost per party, both cross terms: 64·k·n COTs (16 bytes each: 1 KiB per entry of B) and m·k·n
 * corrections of 260 bytes; AES work ~96·m·k·n blocks. For 64³ that is 68 MiB sent per party, for 256³
 * 4.4 GiB. The m·n·k·ℓ²/2 term is inherent to OT-based matrix triples. Homomorphic encryption
 * (e.g. BFV/RLWE matrix products as in Cheetah or PETAce's default) sends O((m·k + k·n + m·n)·log q)
 * bits instead, so it is far cheaper on the wire as soon as all three dimensions are more than a few
 * dozen; OT wins on computation for small or thin products, where the online saving of the matrix
 * triple (one round, O(mk + kn) elements) matters more than the offline bytes.
 */
import type { MatrixTriple } from "../correlations.js";
import { hashExpand } from "../ot/blocks.js";
import { expectLength } from "../ot/errors.js";
import { Prg } from "../ot/prims.js";
import { paddedCount, type OtSession } from "../ot/session.js";
import { gilboaCorrectionBytes, gilboaReceiveAt, gilboaSendAt } from "./gilboa.js";

/** Virtual products per message pair (16 MiB of hash output per scratch array). */
const VIRTUAL_PER_CHUNK = 1 << 15;

/** Bytes one party sends for an m×k×n matrix triple. */
export function matrixTripleBytes(m: number, k: number, n: number): number {
  if (m > MAX_ROWS) return Math.floor(m / MAX_ROWS) * matrixTripleBytes(MAX_ROWS, k, n) + (m % MAX_ROWS ? matrixTripleBytes(m % MAX_ROWS, k, n) : 0);
  const entries = k * n;
  const per = entriesPerChunk(m);
  let bytes = 0;
  for (let e = 0; e < entries; e += per) {
    const E = Math.min(per, entries - e);
    bytes += 16 * paddedCount(64 * E) + gilboaCorrectionBytes(E * m);
  }
  return bytes;
}

/** Entries of B per message pair: even, so 64 COTs per entry fill whole 128-OT IKNP blocks. */
function entriesPerChunk(m: number): number {
  return Math.max(2, 2 * Math.floor(VIRTUAL_PER_CHUNK / (2 * m)));
}

function checkDim(fn: string, name: string, v: unknown): asserts v is number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 1 || v > 1 << 20) throw new RangeError(`${fn}: ${name} must be an integer in [1, 2^20], got ${String(v)}`);
}

/** One fresh m×k×n matrix triple (both parties call with the same dimensions). */
export async function matrixTripleFromOt(s: OtSession, m: number, k: number, n: number, label = "mat"): Promise<MatrixTriple> {
  checkDim("matrixTripleFromOt", "m", m);
  checkDim("matrixTripleFromOt", "k", k);
  checkDim("matrixTripleFromOt", "n", n);
  const prg = Prg.fromRandom();
  const a = prg.ring(m * k);
  const b = prg.ring(k * n);
  const c = new BigUint64Array(m * n);
  // Row blocks bound the hash scratch (64 u64 per virtual product); each block uses fresh COTs on B.
  for (let r0 = 0; r0 < m; r0 += MAX_ROWS) {
    const rows = Math.min(MAX_ROWS, m - r0);
    const ab = a.subarray(r0 * k, (r0 + rows) * k);
    c.set(localProduct(ab, b, rows, k, n), r0 * n);
    await addCrossTerms(s, ab, b, rows, k, n, c.subarray(r0 * n, (r0 + rows) * n), label);
  }
  return { a, b, c };
}

/** Rows of A per pass. */
const MAX_ROWS = 2048;

/** Virtual products per tile: the hash arrays of a tile (64 u64 per product) stay in L2. */
const TILE = 2048;

/** c += this party's shares of A_self·B_peer + A_peer·B_self. */
async function addCrossTerms(s: OtSession, a: BigUint64Array, b: BigUint64Array, m: number, k: number, n: number, c: BigUint64Array, label: string): Promise<void> {
  const entries = k * n; // entry e = l·n + col of B, row-major
  const per = entriesPerChunk(m);
  // entries per tile: even (so tiles start at even products), at least 2
  const et = Math.max(2, 2 * Math.floor(TILE / (2 * m)));
  const cap = Math.min(et, per, entries) * m;
  const h = new BigUint64Array(64 * cap);
  const h0 = new BigUint64Array(64 * cap);
  const h1 = new BigUint64Array(64 * cap);
  const xv = new BigUint64Array(cap);
  const yv = new BigUint64Array(cap);
  const share = new BigUint64Array(cap);
  for (let e0 = 0; e0 < entries; e0 += per) {
    const E = Math.min(per, entries - e0);
    const V = E * m;
    // Receiver of A_peer·B_self: choices are the bits of B_self's entries e0..e0+E.
    const yc = b.slice(e0, e0 + E);
    const { u, t } = s.receiverExtend(new Uint8Array(yc.buffer), 64 * E);
    s.channel.send(s.msgTag(`${label}-u`, s.peer), u);
    // Sender of A_self·B_peer: the correlation of virtual product (e, r) is A_self[r][l_e].
    const q = s.senderExpand(await s.channel.recv(s.msgTag(`${label}-u`, s.party)), 64 * E, `${label}-u`);
    const corr = new Uint8Array(gilboaCorrectionBytes(V));
    for (let f = 0; f < E; f += et) {
      const Et = Math.min(et, E - f);
      const Vt = Et * m;
      hashExpand(q.subarray(64 * 16 * f, 64 * 16 * (f + Et)), 64 * Et, m, h0, s.delta, h1);
      for (let e = 0; e < Et; e++) {
        const l = ((e0 + f + e) / n) | 0;
        for (let r = 0; r < m; r++) xv[e * m + r] = a[r * k + l]!;
      }
      gilboaSendAt(h0, h1, xv, Vt, corr, V, f * m, share);
      accumulate(c, share, e0 + f, Et, m, n);
    }
    s.channel.send(s.msgTag(`${label}-c`, s.party), corr);
    const ctag = s.msgTag(`${label}-c`, s.peer);
    const theirs = await s.channel.recv(ctag);
    expectLength(s.party, "matrix triple", ctag, theirs, gilboaCorrectionBytes(V));
    for (let f = 0; f < E; f += et) {
      const Et = Math.min(et, E - f);
      hashExpand(t.subarray(64 * 16 * f, 64 * 16 * (f + Et)), 64 * Et, m, h);
      for (let e = 0; e < Et; e++) yv.fill(yc[f + e]!, e * m, (e + 1) * m);
      gilboaReceiveAt(h, yv, Et * m, theirs, V, f * m, share);
      accumulate(c, share, e0 + f, Et, m, n);
    }
  }
}

/** c[r][col_e] += share[e·m + r] for entries e0 .. e0+E of B (entry = l·n + col). */
function accumulate(c: BigUint64Array, share: BigUint64Array, e0: number, E: number, m: number, n: number): void {
  for (let e = 0; e < E; e++) {
    const col = (e0 + e) % n;
    for (let r = 0, v = e * m; r < m; r++, v++) c[r * n + col] = BigInt.asUintN(64, c[r * n + col]! + share[v]!);
  }
}

/** a (m×k) · b (k×n) mod 2^64, row-major. */
function localProduct(a: BigUint64Array, b: BigUint64Array, m: number, k: number, n: number): BigUint64Array {
  const c = new BigUint64Array(m * n);
  for (let r = 0; r < m; r++) {
    for (let l = 0; l < k; l++) {
      const x = a[r * k + l]!;
      const bo = l * n;
      const co = r * n;
      for (let col = 0; col < n; col++) c[co + col] = BigInt.asUintN(64, c[co + col]! + x * b[bo + col]!);
    }
  }
  return c;
}
