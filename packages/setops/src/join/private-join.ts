/**
 * The private join: circuit-PSI with payloads. Semi-honest two parties. The output stays
 * secret-shared, laid out in the layout party's cuckoo bins; neither party learns which keys matched,
 * nor how many.
 *
 * Structure after Pinkas, Schneider, Tkachenko, Yanai, "Efficient circuit-based PSI with linear
 * communication" (EUROCRYPT 2019, §5–6: cuckoo hashing on one side, simple hashing on the other,
 * an OPPRF per bin, then equality in a circuit), with the per-bin polynomials replaced by one
 * oblivious key-value store over all bins, as in Rindal and Schoppmann, "VOLE-PSI: fast OPRF and
 * circuit-PSI from vector-OLE" (EUROCRYPT 2021, §6), and payloads carried through the OPPRF as in
 * PSTY19 §6 ("PSI with associated payloads"). Write P for the layout party and Q for the other.
 *
 * 1. Header (1 round): table sizes and column counts (public), whether each table is valid, and the
 *    layout party each was called with.
 * 2. P cuckoo-hashes its n_P keys into B = ⌈1.27 n_P⌉ public bins (`cuckoo.ts`); bin j holds
 *    the item x_j = key ‖ hash index, or a random dummy. Q maps each key y to its three bins.
 * 3. Batched OPRF (KKRT): P, the receiver, learns F(j, x_j); Q gets the key.
 * 4. OPPRF via an OKVS (`okvs.ts`): Q draws per bin a target t_j and masks r_{j,c} (one per column c),
 *    and encodes, for each key y and hash index h with bin j = h_h(y), the value
 *    G(F(j, y‖h)) ⊕ (t_j ‖ col_c(y) − r_{j,c} for each c), G expanding 16 bytes to the value width
 *    (F itself, then fixed-key AES hashes of F ⊕ k). P decodes at x_j and removes G(F(j, x_j)):
 *    u_j = t_j and s_{j,c} = col_c(y) − r_{j,c} when x_j is Q's item, pseudorandom values otherwise.
 *    Everything Q sends is pseudorandom to P whatever matches (the values are, so the table is).
 * 5. Equality on shares: [u_j = t_j] as an XOR-shared bit (protocols' `eq_aa`: 64-bit equality by an
 *    AND tree); a non-member's u_j equals t_j with probability 2^-64 per bin.
 * 6. Bit injection (protocols' `mul_ba`): matched_j = b_j · 1 and other_{j,c} = b_j · (s_{j,c} + r_{j,c}),
 *    so unmatched slots hold exactly 0. P's own columns are shared as (value, 0) in its slots.
 *
 * Public: n_P, n_Q, the column counts, B. Nothing either party receives depends on which keys match
 * beyond these: P sees pseudorandom OPRF and OKVS messages and masked openings; Q sees the OPRF
 * receiver's and the openings' masked messages.
 */
import { CrHash } from "@petace/primitives";
import { operators, orBitsAt, type ProtocolContext, wordCount } from "@petace/protocols";
import type { JoinSide, PrivateJoin, PrivateJoinOptions, PrivateJoinResult } from "../api.js";
import { CUCKOO_HASHES, CuckooFailedError, type CuckooTable, candidateBins, cuckooBins, cuckooHash } from "../cuckoo.js";
import { findDuplicate } from "../keys.js";
import { oprfReceive, oprfSend } from "../oprf.js";
import { okvsDecode, okvsEncode, okvsShape } from "./okvs.js";
import type { Oprf } from "./oprf-port.js";

const FN = "privateJoin";
/** Largest number of columns per table (the OKVS value holds 1 + columns ring elements). */
export const MAX_JOIN_COLUMNS = 1024;
/** Largest number of rows per table: the other party evaluates the OPRF at 3 items per row, within its instance limit. */
export const MAX_JOIN_ROWS = 1 << 24;
/** OKVS seeds the other party tries before giving up (a failure is rare: see okvs.ts). */
const OKVS_TRIES = 4;

/** What a party's table looks like to the peer: public sizes, and whether it passed its checks. */
interface Header {
  readonly rows: number;
  readonly columns: number;
  readonly ok: boolean;
  /** The layout party it was called with (both must agree). */
  readonly layoutParty: number;
}

/** The join on setops' KKRT OPRF (`oprf.ts`). See the module comment. */
export const privateJoin: PrivateJoin = (ctx, mine, options) => privateJoinWith(KKRT, ctx, mine, options);

const KKRT: Oprf = { receive: oprfReceive, send: oprfSend };

/**
 * The join on a given OPRF (the real one in `privateJoin`, a stand-in in tests). `observe`, for the
 * secrecy tests only, is shown what the layout party decodes (u_j ‖ s_{j,c} per bin), a value it
 * computes from its view. @internal
 */
export async function privateJoinWith(
  oprf: Oprf,
  ctx: ProtocolContext,
  mine: JoinSide,
  options: PrivateJoinOptions = {},
  observe?: (decoded: BigUint64Array) => void,
): Promise<PrivateJoinResult> {
  const layoutParty = options.layoutParty ?? 0;
  if (layoutParty !== 0 && layoutParty !== 1) throw new RangeError(`${FN}: layoutParty must be 0 or 1, got ${String(layoutParty)}`);
  const n = checkSide(mine);
  const isLayout = ctx.party === layoutParty;
  const tag = ctx.op("join");

  // Local checks first, so that a refusal reaches the peer in the header instead of leaving it waiting.
  const dup = findDuplicate(mine.keys);
  let problem: string | null = dup === null ? null : `rows ${dup[0]} and ${dup[1]} have the same key (keys must be unique within a table)`;
  let cuckoo: CuckooTable | null = null;
  const cuckooSeed = ctx.sharedPrg.bytes(16);
  if (isLayout && problem === null) {
    try {
      cuckoo = cuckooHash(mine.keys, cuckooSeed);
    } catch (e) {
      if (!(e instanceof CuckooFailedError)) throw e;
      problem = `cuckoo hashing of its ${n} keys into ${cuckooBins(n)} bins failed (a rare event; call again)`;
    }
  }
  const header = new Uint32Array([n, mine.columns.length, problem === null ? 1 : 0, layoutParty]);
  ctx.channel.send(tag("header"), new Uint8Array(header.buffer));
  const peerWords = await ctx.recvWords(tag("header"), 4);
  const peer: Header = { rows: peerWords[0]!, columns: peerWords[1]!, ok: peerWords[2] === 1, layoutParty: peerWords[3]! };
  if (problem !== null) throw new RangeError(`${FN}: party ${ctx.party}'s table: ${problem}`);
  if (!peer.ok) throw new RangeError(`${FN}: party ${ctx.peer} refused its table (see the error at that party)`);
  if (peer.layoutParty !== layoutParty) {
    throw new RangeError(
      `${FN}: party ${ctx.party} passed layoutParty ${layoutParty}, party ${ctx.peer} ${peer.layoutParty}: both must pass the same`,
    );
  }
  if (peer.rows > MAX_JOIN_ROWS || peer.columns > MAX_JOIN_COLUMNS) {
    throw new RangeError(`${FN}: party ${ctx.peer} announced ${peer.rows} rows and ${peer.columns} columns, beyond the limits`);
  }

  const nP = isLayout ? n : peer.rows;
  const nQ = isLayout ? peer.rows : n;
  const colsP = isLayout ? mine.columns.length : peer.columns;
  const colsQ = isLayout ? peer.columns : mine.columns.length;
  const bins = cuckooBins(nP);
  // OKVS value: t_j then one masked element per column of Q, as 32-bit words.
  const valueWords = 2 * (1 + colsQ);
  const oprfTag = tag("oprf");

  let decoded: BigUint64Array; // P: u_j ‖ s_{j,c}, per bin
  let targets: BigUint64Array; // Q: t_j
  let masks: BigUint64Array; // Q: r_{j,c}, column-major
  if (isLayout) {
    const items = binItems(ctx, mine.keys, cuckoo!);
    const f = await oprf.receive(ctx, items, { tag: oprfTag });
    const msg = await ctx.channel.recv(tag("okvs"));
    const cells = okvsShape(CUCKOO_HASHES * nQ).cells;
    if (msg.byteLength !== 16 + 4 * cells * valueWords) {
      if (msg.byteLength === 0) throw new RangeError(`${FN}: party ${ctx.peer} could not encode its OKVS (a rare event; call again)`);
      throw new RangeError(
        `${FN}: party ${ctx.party}: the OKVS message has ${msg.byteLength} bytes, expected ${16 + 4 * cells * valueWords}`,
      );
    }
    const bytes = msg.byteOffset % 4 === 0 ? msg : msg.slice();
    const table = new Uint32Array(bytes.buffer, bytes.byteOffset + 16, cells * valueWords);
    const dec = okvsDecode(table, items, bins, CUCKOO_HASHES * nQ, valueWords, bytes.subarray(0, 16));
    xorInto(dec, expand(f, bins, valueWords));
    decoded = new BigUint64Array(dec.buffer, dec.byteOffset, bins * (1 + colsQ));
    observe?.(decoded);
    targets = new BigUint64Array(0);
    masks = new BigUint64Array(0);
  } else {
    const key = await oprf.send(ctx, bins, { tag: oprfTag });
    const m = CUCKOO_HASHES * n;
    const positions = candidateBins(mine.keys, cuckooSeed, bins);
    const items = new Uint8Array(16 * m);
    for (let i = 0; i < n; i++) for (let h = 0; h < CUCKOO_HASHES; h++) writeItem(items, 3 * i + h, mine.keys, i, h);
    const f = key.evaluate(positions, items);
    targets = ctx.prg.ring(bins);
    masks = ctx.prg.ring(bins * colsQ);
    const values = new BigUint64Array(m * (1 + colsQ));
    const w = 1 + colsQ;
    for (let i = 0; i < m; i++) {
      const j = positions[i]!;
      values[i * w] = targets[j]!;
    }
    for (let c = 0; c < colsQ; c++) {
      const col = mine.columns[c]!;
      const r = masks.subarray(c * bins, (c + 1) * bins);
      for (let i = 0; i < m; i++) values[i * w + 1 + c] = BigInt.asUintN(64, col[(i / 3) | 0]! - r[positions[i]!]!);
    }
    const valueU32 = new Uint32Array(values.buffer, 0, m * valueWords);
    xorInto(valueU32, expand(f, m, valueWords));
    let table: Uint32Array | null = null;
    let seed: Uint8Array = new Uint8Array(16);
    for (let t = 0; t < OKVS_TRIES && table === null; t++) {
      seed = ctx.prg.bytes(16);
      table = okvsEncode(items, valueU32, m, valueWords, seed, (words) => randomWords(ctx, words));
    }
    if (table === null) {
      ctx.channel.send(tag("okvs"), new Uint8Array(0));
      throw new RangeError(`${FN}: party ${ctx.party} could not encode its OKVS in ${OKVS_TRIES} tries (a rare event; call again)`);
    }
    const msg = new Uint8Array(16 + 4 * table.length);
    msg.set(seed, 0);
    msg.set(new Uint8Array(table.buffer, table.byteOffset, 4 * table.length), 16);
    ctx.channel.send(tag("okvs"), msg);
    decoded = new BigUint64Array(0);
  }

  // Equality: P holds u_j, Q holds t_j; the shared difference is u_j − t_j.
  const w = 1 + colsQ;
  const zeros = new BigUint64Array(bins);
  let lhs: BigUint64Array = zeros;
  let rhs: BigUint64Array = zeros;
  if (isLayout) {
    lhs = new BigUint64Array(bins);
    for (let j = 0; j < bins; j++) lhs[j] = decoded[j * w]!;
  } else rhs = targets;
  const equal = (await operators.eq_aa.run(ctx, [lhs, rhs], undefined, bins)) as Uint32Array;

  // Bit injection of the match bit into 1 (matched) and into Q's columns (P's share s, Q's share r).
  const total = bins * w;
  const bits = new Uint32Array(wordCount(total));
  for (let k = 0; k < w; k++) orBitsAt(bits, equal, bins, k * bins);
  const payload = new BigUint64Array(total);
  if (isLayout) {
    payload.fill(1n, 0, bins);
    for (let c = 0; c < colsQ; c++) for (let j = 0; j < bins; j++) payload[(1 + c) * bins + j] = decoded[j * w + 1 + c]!;
  } else payload.set(masks, bins);
  const injected = (await operators.mul_ba.run(ctx, [bits, payload], undefined, total)) as BigUint64Array;

  const matched = injected.slice(0, bins);
  const otherColumns: BigUint64Array[] = [];
  for (let c = 0; c < colsQ; c++) otherColumns.push(injected.slice((1 + c) * bins, (2 + c) * bins));
  const layoutColumns: BigUint64Array[] = [];
  for (let c = 0; c < colsP; c++) {
    const out = new BigUint64Array(bins);
    if (isLayout) {
      const col = mine.columns[c]!;
      const binRow = cuckoo!.binRow;
      for (let j = 0; j < bins; j++) if (binRow[j]! >= 0) out[j] = col[binRow[j]!]!;
    }
    layoutColumns.push(out);
  }
  return { slots: bins, matched, layoutColumns, otherColumns, rowSlots: isLayout ? cuckoo!.rowBin : null };
}

/** Row count of a valid side; TypeError/RangeError naming what is wrong otherwise. */
function checkSide(mine: JoinSide): number {
  if (mine === null || typeof mine !== "object") throw new TypeError(`${FN}: mine must be { keys, columns }`);
  const { keys, columns } = mine;
  if (!(keys instanceof Uint8Array)) throw new TypeError(`${FN}: keys must be a Uint8Array of 16-byte hashed keys (see hashKeys)`);
  if (keys.length % 16 !== 0)
    throw new RangeError(`${FN}: keys has ${keys.length} bytes, not a multiple of 16 (16 bytes per row; see hashKeys)`);
  const n = keys.length / 16;
  if (n > MAX_JOIN_ROWS) throw new RangeError(`${FN}: ${n} rows, more than the limit of 2^24`);
  if (!Array.isArray(columns)) throw new TypeError(`${FN}: columns must be an array of BigUint64Array`);
  if (columns.length > MAX_JOIN_COLUMNS)
    throw new RangeError(`${FN}: ${columns.length} columns, more than the limit of ${MAX_JOIN_COLUMNS}`);
  columns.forEach((c, i) => {
    if (!(c instanceof BigUint64Array)) throw new TypeError(`${FN}: column ${i} must be a BigUint64Array (ring elements)`);
    if (c.length !== n) throw new RangeError(`${FN}: column ${i} has ${c.length} elements, the table has ${n} rows`);
  });
  return n;
}

/** The OPRF input of key `row` placed by hash `h`: the key with its last two bits replaced by h. */
function writeItem(out: Uint8Array, at: number, keys: Uint8Array, row: number, h: number): void {
  out.set(keys.subarray(16 * row, 16 * row + 16), 16 * at);
  out[16 * at + 15] = (out[16 * at + 15]! & 0xfc) | h;
}

/** P's item per bin: its key ‖ hash index, or a random dummy for an empty bin (matches nothing). */
function binItems(ctx: ProtocolContext, keys: Uint8Array, cuckoo: CuckooTable): Uint8Array {
  const items = ctx.prg.bytes(16 * cuckoo.bins);
  for (let j = 0; j < cuckoo.bins; j++) {
    const r = cuckoo.binRow[j]!;
    if (r >= 0) writeItem(items, j, keys, r, cuckoo.binHash[j]!);
  }
  return items;
}

/**
 * G(F): `ww` words per OPRF output, F itself then CrHash(F ⊕ k) for k = 1, 2, ... (F is already
 * pseudorandom; the hash stretches it, each block under its own public offset).
 */
function expand(f: Uint8Array, m: number, ww: number): Uint32Array {
  const blocks = (ww + 3) >>> 2;
  const fw = new Uint32Array(f.buffer, f.byteOffset, 4 * m);
  const out = new Uint32Array(m * ww);
  const first = Math.min(4, ww);
  for (let i = 0; i < m; i++) for (let w = 0; w < first; w++) out[i * ww + w] = fw[4 * i + w]!;
  if (blocks === 1) return out;
  const more = new Uint32Array(4 * m * (blocks - 1));
  for (let i = 0; i < m; i++) {
    for (let k = 1; k < blocks; k++) {
      const o = 4 * (i * (blocks - 1) + k - 1);
      more[o] = fw[4 * i]! ^ k;
      more[o + 1] = fw[4 * i + 1]!;
      more[o + 2] = fw[4 * i + 2]!;
      more[o + 3] = fw[4 * i + 3]!;
    }
  }
  const bytes = new Uint8Array(more.buffer);
  new CrHash().hash(bytes, bytes);
  for (let i = 0; i < m; i++) {
    for (let w = 4; w < ww; w++) out[i * ww + w] = more[4 * i * (blocks - 1) + (w - 4)]!;
  }
  return out;
}

function xorInto(a: Uint32Array, b: Uint32Array): void {
  for (let i = 0; i < a.length; i++) a[i]! ^= b[i]!;
}

function randomWords(ctx: ProtocolContext, words: number): Uint32Array {
  const b = ctx.prg.bytes(4 * words);
  return new Uint32Array(b.buffer, b.byteOffset, words);
}
