/**
 * PSI that reveals the intersection: the OPRF-based protocol of Kolesnikov, Kumaresan, Rosulek and
 * Trieu, "Efficient Batched Oblivious PRF with Applications to Private Set Intersection" (CCS 2016,
 * §5), on the KKRT OPRF of oprf.ts and the cuckoo tables of cuckoo.ts. Semi-honest security.
 *
 * Roles: the OPRF receiver R is party 0 when the intersection is revealed to both (the default), and
 * the party it is revealed to otherwise; the other party is the OPRF sender S.
 *   1. Both send their row counts n_R, n_S (public) and draw the cuckoo seed from the joint seed.
 *   2. R cuckoo-hashes its keys into B = cuckooBins(n_R) bins; the OPRF input of a bin holding key x
 *      placed by hash function h is x ⊕ h (h in the last byte), of an empty bin a random value.
 *      One OPRF instance per bin: R learns F(b, input_b).
 *   3. S computes, for each of its keys y and each h, F(h_h(y), y ⊕ h) truncated to
 *      ℓ = 40 + ⌈log2(n_R·n_S)⌉ bits (rounded up to whole bytes), and sends the three lists, each in
 *      one random order π of its rows (the same π for the three lists).
 *   4. R looks each of its bins' values up in the list of the bin's hash function: x is in the
 *      intersection iff it is found (a false match has probability ≤ n_R·n_S·2^-ℓ ≤ 2^-40; a key not
 *      in the intersection has value F(b, x ⊕ h) at no point S evaluated, which looks random to R).
 *   5. Revealed to both: R sends the positions (in π's order) of the matched values, ascending. The
 *      shared order of the result is that order: row i at R and row i at S carry the same key. S
 *      learns which of its rows matched, and nothing of R's rows' positions (the order is π's, which
 *      S chose); R learns its matched rows and random positions. Revealed to one party: step 5 is
 *      skipped, R returns its matched rows in ascending order and S returns null, having learnt only
 *      n_R.
 * Public: both row counts (and so the number of bins), and the intersection's size when revealed
 * to both. What each party learns beyond that is exactly the intersection (as its own row indices),
 * and only the party or parties in `revealTo`.
 *
 * Costs (m = ⌈B/128⌉·128 OPRF instances, B ≈ 1.27·n_R): R sends 64·m bytes (≈ 81 bytes per row of
 * R) plus 32 (base OTs) plus 4 per match when revealed to both; S sends 3·n_S·⌈ℓ/8⌉ bytes plus
 * 512·32 (base OTs). Rounds: the size exchange, the base OTs (one and a half round trips), u,
 * the lists, and the positions.
 */
import type { PartyId } from "@petace/network";
import type { ProtocolContext } from "@petace/protocols";
import type { HashedKeys, PsiReveal, PsiRevealOptions, PsiRevealResult } from "./api.js";
import { CUCKOO_HASHES, cuckooBins, cuckooHash, simpleHash } from "./cuckoo.js";
import { findDuplicate, KEY_BYTES } from "./keys.js";
import { oprfReceive, oprfSend } from "./oprf.js";

/** Statistical security parameter of the truncated OPRF values (bits). */
export const PSI_STAT_BITS = 40;
/** OPRF points the sender evaluates per call. */
const EVAL_PART = 1 << 16;
/** Most rows per party (OPRF instances and 3·n list entries stay well inside 32-bit offsets). */
export const MAX_PSI_ROWS = 1 << 25;

/** Bytes of each truncated OPRF value for row counts nR, nS: ⌈(40 + ⌈log2(nR·nS)⌉) / 8⌉. */
export function psiValueBytes(nR: number, nS: number): number {
  const pairs = Math.max(1, nR * nS);
  return Math.ceil((PSI_STAT_BITS + Math.ceil(Math.log2(pairs))) / 8);
}

/** A peer's message in the PSI is malformed (names the party and the message, never its contents). */
export class PsiProtocolError extends Error {
  override name = "PsiProtocolError";
}

function checkInputs(keys: unknown, options: PsiRevealOptions | undefined): { n: number; revealTo: "both" | PartyId } {
  if (!(keys instanceof Uint8Array)) throw new TypeError("psiReveal: keys must be a Uint8Array of 16-byte hashed keys (use hashKeys)");
  if (keys.length % KEY_BYTES !== 0)
    throw new RangeError(`psiReveal: keys must hold 16 bytes per row (hashKeys), got ${keys.length} bytes`);
  const n = keys.length / KEY_BYTES;
  if (n > MAX_PSI_ROWS) throw new RangeError(`psiReveal: at most 2^25 rows per party, got ${n}`);
  const revealTo = options?.revealTo ?? "both";
  if (revealTo !== "both" && revealTo !== 0 && revealTo !== 1)
    throw new RangeError(`psiReveal: options.revealTo must be "both", 0 or 1, got ${String(revealTo)}`);
  const dup = findDuplicate(keys);
  if (dup) throw new RangeError(`psiReveal: rows ${dup[0]} and ${dup[1]} have the same key; a key may appear once per table`);
  return { n, revealTo };
}

/**
 * Both parties call it with their own hashed keys and the same options; see the module doc for what
 * each learns. Returns this party's matched row indices in the shared order, or null at a party the
 * intersection is not revealed to.
 */
export const psiReveal: PsiReveal = async (
  ctx: ProtocolContext,
  keys: HashedKeys,
  options?: PsiRevealOptions,
): Promise<PsiRevealResult> => {
  const { n, revealTo } = checkInputs(keys, options);
  const tag = ctx.op("psiReveal");
  const ch = ctx.channel;
  const receiver: PartyId = revealTo === "both" ? 0 : revealTo;

  const mine = new Uint32Array([n]);
  ch.send(tag("size"), mine);
  const theirsMsg = await ch.recv(tag("size"));
  if (theirsMsg.byteLength !== 4)
    throw new PsiProtocolError(`party ${ctx.party}: message "${tag("size")}" has ${theirsMsg.byteLength} bytes, expected 4`);
  const theirs = new DataView(theirsMsg.buffer, theirsMsg.byteOffset, 4).getUint32(0, true);
  if (theirs > MAX_PSI_ROWS) throw new PsiProtocolError(`party ${ctx.party}: the peer announced ${theirs} rows, more than 2^25`);
  const seed = ctx.sharedPrg.bytes(16);
  const [nR, nS] = ctx.party === receiver ? [n, theirs] : [theirs, n];
  const bins = cuckooBins(nR);
  const L = psiValueBytes(nR, nS);

  const both = revealTo === "both";
  if (ctx.party === receiver) return { rows: await receiverSide(ctx, tag, keys, seed, bins, nS, L, both) };
  return { rows: await senderSide(ctx, tag, keys, seed, bins, L, both) };
};

type Tagger = (message: string) => string;

/** The OPRF input of key row r placed by hash function h: the key with h XORed into its last byte. */
function placeInput(keys: HashedKeys, r: number, h: number, out: Uint8Array, o: number): void {
  const from = r * KEY_BYTES;
  for (let i = 0; i < KEY_BYTES; i++) out[o + i] = keys[from + i]!;
  out[o + KEY_BYTES - 1]! ^= h;
}

async function receiverSide(
  ctx: ProtocolContext,
  tag: Tagger,
  keys: HashedKeys,
  seed: Uint8Array,
  bins: number,
  nS: number,
  L: number,
  both: boolean,
): Promise<Int32Array> {
  const table = cuckooHash(keys, seed, bins);
  // Empty bins get random inputs: their values are never looked up.
  const inputs = ctx.prg.bytes(bins * KEY_BYTES);
  for (let b = 0; b < bins; b++) {
    const r = table.binRow[b]!;
    if (r >= 0) placeInput(keys, r, table.binHash[b]!, inputs, b * KEY_BYTES);
  }
  const values = await oprfReceive(ctx, inputs, { tag: tag("oprf") });
  inputs.fill(0);

  const listTag = tag("lists");
  const lists = await ctx.channel.recv(listTag);
  if (lists.byteLength !== CUCKOO_HASHES * nS * L)
    throw new PsiProtocolError(
      `party ${ctx.party}: message "${listTag}" has ${lists.byteLength} bytes, expected ${CUCKOO_HASHES * nS * L}`,
    );
  const index = [0, 1, 2].map((h) => new ValueIndex(lists.subarray(h * nS * L, (h + 1) * nS * L), nS, L));
  // byPos[p] = the row whose value S put at position p, or -1
  const byPos = new Int32Array(nS).fill(-1);
  let k = 0;
  for (let b = 0; b < bins; b++) {
    const r = table.binRow[b]!;
    if (r < 0) continue;
    const p = index[table.binHash[b]!]!.find(values, b * KEY_BYTES);
    if (p >= 0 && byPos[p]! < 0) {
      byPos[p] = r;
      k++;
    }
  }
  const rows = new Int32Array(k);
  const positions = new Uint32Array(k);
  for (let p = 0, i = 0; p < nS; p++) {
    if (byPos[p]! < 0) continue;
    rows[i] = byPos[p]!;
    positions[i++] = p;
  }
  if (!both) return rows.sort();
  ctx.channel.send(tag("positions"), positions);
  return rows;
}

async function senderSide(
  ctx: ProtocolContext,
  tag: Tagger,
  keys: HashedKeys,
  seed: Uint8Array,
  bins: number,
  L: number,
  both: boolean,
): Promise<Int32Array | null> {
  const nS = keys.length / KEY_BYTES;
  const key = await oprfSend(ctx, bins, { tag: tag("oprf") });
  // Every (row, hash function) in bin order, so the evaluation reads the key's per-instance rows in
  // order rather than at random.
  const simple = simpleHash(keys, seed, bins);
  const perm = randomPermutation(ctx, nS);
  const total = CUCKOO_HASHES * nS;
  const lists = new Uint8Array(total * L);
  // In parts of EVAL_PART points, into buffers reused across parts (fewer large allocations).
  const instances = new Uint32Array(Math.min(EVAL_PART, total));
  const inputs = new Uint8Array(instances.length * KEY_BYTES);
  for (let off = 0; off < total; off += EVAL_PART) {
    const k = Math.min(EVAL_PART, total - off);
    for (let i = 0; i < k; i++) {
      const e = simple.entries[off + i]!;
      const h = e % CUCKOO_HASHES;
      instances[i] = simple.candidates[e]!;
      placeInput(keys, (e - h) / CUCKOO_HASHES, h, inputs, i * KEY_BYTES);
    }
    const f = key.evaluate(instances.subarray(0, k), inputs.subarray(0, k * KEY_BYTES));
    for (let i = 0; i < k; i++) {
      const e = simple.entries[off + i]!;
      const h = e % CUCKOO_HASHES;
      const o = h * nS * L + perm[(e - h) / CUCKOO_HASHES]! * L;
      for (let j = 0, q = i * KEY_BYTES; j < L; j++) lists[o + j] = f[q + j]!;
    }
    f.fill(0);
  }
  inputs.fill(0);
  ctx.channel.send(tag("lists"), lists);
  if (!both) return null;

  const posTag = tag("positions");
  const msg = await ctx.channel.recv(posTag);
  if (msg.byteLength % 4 !== 0)
    throw new PsiProtocolError(`party ${ctx.party}: message "${posTag}" has ${msg.byteLength} bytes, not a multiple of 4`);
  const positions = new Uint32Array(msg.buffer, msg.byteOffset, msg.byteLength / 4);
  const inv = new Int32Array(nS);
  for (let i = 0; i < nS; i++) inv[perm[i]!] = i;
  const rows = new Int32Array(positions.length);
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i]!;
    if (p >= nS || (i > 0 && p <= positions[i - 1]!))
      throw new PsiProtocolError(`party ${ctx.party}: message "${posTag}" is not a strictly increasing list of positions below ${nS}`);
    rows[i] = inv[p]!;
  }
  return rows;
}

/** A uniform permutation of 0..n-1 (Fisher–Yates on 53-bit draws from this party's private PRG). */
function randomPermutation(ctx: ProtocolContext, n: number): Int32Array {
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  if (n < 2) return perm;
  const rnd = new Uint32Array(ctx.prg.bytes(8 * (n - 1)).buffer);
  for (let i = n - 1, k = 0; i > 0; i--, k += 2) {
    const u = (rnd[k]! * 2 ** 21 + (rnd[k + 1]! >>> 11)) * 2 ** -53;
    const j = Math.floor(u * (i + 1));
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  return perm;
}

/**
 * The positions of n values of L bytes (L ≥ 5), looked up by value: open addressing on the first
 * four bytes (uniform, as truncated PRF outputs), then a comparison of all L bytes.
 */
class ValueIndex {
  readonly #slots: Int32Array;
  readonly #mask: number;

  constructor(
    readonly data: Uint8Array,
    readonly n: number,
    readonly L: number,
  ) {
    let size = 1;
    while (size < 2 * n) size <<= 1;
    this.#mask = size - 1;
    this.#slots = new Int32Array(size).fill(-1);
    for (let p = 0; p < n; p++) {
      let s = word(data, p * L) & this.#mask;
      while (this.#slots[s]! >= 0) s = (s + 1) & this.#mask;
      this.#slots[s] = p;
    }
  }

  /** The position of the value equal to v[o .. o+L), or -1. */
  find(v: Uint8Array, o: number): number {
    const d = this.data;
    const L = this.L;
    let s = word(v, o) & this.#mask;
    for (;;) {
      const p = this.#slots[s]!;
      if (p < 0) return -1;
      let eq = true;
      for (let i = 0, q = p * L; i < L; i++) {
        if (d[q + i] !== v[o + i]) {
          eq = false;
          break;
        }
      }
      if (eq) return p;
      s = (s + 1) & this.#mask;
    }
  }
}

function word(a: Uint8Array, o: number): number {
  return a[o]! | (a[o + 1]! << 8) | (a[o + 2]! << 16) | (a[o + 3]! << 24);
}
