/**
 * INSECURE TEST-ONLY STAND-IN for @petace/setops' `hashKeys`, `privateJoin` and `psiReveal`, with
 * the shapes fixed in packages/setops/src/api.ts. It SENDS EVERY KEY AND EVERY VALUE IN THE CLEAR
 * over the channel and computes the join in plaintext at both parties, then hands each party an
 * additive share of the result. It exists only so that securenumpy's `join` and the analytics app
 * can be tested before (and independently of) the real protocols; nothing outside tests may
 * import it, and no option turns it on. @internal
 *
 * What it does model faithfully: the layout (a public number of slots, more than the layout
 * party's rows, each row in a random slot that only the layout party is told about, empty slots
 * holding zeros), the result's shares (random-looking, summing to the plaintext in Z_2^64), the
 * intersection order shared by both parties in the PSI, and duplicate keys refused by hashKeys
 * with both rows named.
 */
import { createHash } from "node:crypto";
import type {
  HashedKeys,
  JoinSide,
  Key,
  PrivateJoin,
  PrivateJoinOptions,
  PrivateJoinResult,
  PsiReveal,
  PsiRevealOptions,
} from "@petace/setops";
import type { SetOps } from "../src/join/setops.js";

type Ctx = Parameters<PrivateJoin>[0];

/** 16 bytes per key: SHA-256 of the key's type and text, cut (a stand-in for setops' hashing). */
export function standInHashKeys(keys: readonly Key[], options: { table?: string } = {}): HashedKeys {
  const out = new Uint8Array(16 * keys.length);
  const seen = new Map<string, number>();
  keys.forEach((k, i) => {
    const h = createHash("sha256")
      .update(`${typeof k === "string" ? "s" : "n"}:${String(k)}`)
      .digest();
    out.set(h.subarray(0, 16), 16 * i);
    const hex = h.subarray(0, 16).toString("hex");
    const first = seen.get(hex);
    if (first !== undefined)
      throw new RangeError(
        `hashKeys${options.table === undefined ? "" : ` (table "${options.table}")`}: rows ${first} and ${i} have the same key; a key may appear once per table`,
      );
    seen.set(hex, i);
  });
  return out;
}

const hexAt = (keys: HashedKeys, i: number) => Buffer.from(keys.subarray(16 * i, 16 * i + 16)).toString("hex");

/** Sends this party's keys and columns in the clear and receives the peer's (THE INSECURE PART). */
async function exchange(ctx: Ctx, name: string, mine: JoinSide): Promise<JoinSide> {
  const tag = ctx.op(name);
  const ncols = mine.columns.length;
  ctx.channel.send(tag("sizes"), new Uint8Array(new Uint32Array([mine.keys.length / 16, ncols]).buffer));
  const sizes = new Uint32Array((await ctx.channel.recv(tag("sizes"))).slice().buffer);
  ctx.channel.send(tag("keys"), mine.keys.slice());
  mine.columns.forEach((c, j) => void ctx.channel.send(tag(`column${j}`), new Uint8Array(c.slice().buffer)));
  const keys = (await ctx.channel.recv(tag("keys"))).slice();
  const columns: BigUint64Array[] = [];
  for (let j = 0; j < sizes[1]!; j++) columns.push(new BigUint64Array((await ctx.channel.recv(tag(`column${j}`))).slice().buffer));
  if (keys.length !== 16 * sizes[0]!) throw new Error("stand-in: the peer's keys do not match its size message");
  return { keys, columns };
}

/** INSECURE: a private join's output, computed in the clear and then shared. */
export const standInPrivateJoin: PrivateJoin = async (ctx, mine, options: PrivateJoinOptions = {}): Promise<PrivateJoinResult> => {
  const layoutParty = options.layoutParty ?? 0;
  const peer = await exchange(ctx, "stand-in-private-join", mine);
  const [layout, other] = ctx.party === layoutParty ? [mine, peer] : [peer, mine];
  const rowsL = layout.keys.length / 16;
  const slots = Math.ceil(1.25 * rowsL) + 2;
  // The layout party places its rows at random slots and (insecurely) tells the other party.
  const tag = ctx.op("stand-in-layout");
  let rowSlots: Int32Array;
  if (ctx.party === layoutParty) {
    const order = Int32Array.from({ length: slots }, (_, i) => i);
    const r = ctx.prg.ring(slots);
    for (let i = slots - 1; i > 0; i--) {
      const j = Number(r[i]! % BigInt(i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    rowSlots = order.slice(0, rowsL);
    ctx.channel.send(tag("slots"), new Uint8Array(rowSlots.slice().buffer));
  } else rowSlots = new Int32Array((await ctx.channel.recv(tag("slots"))).slice().buffer);
  const otherRow = new Map<string, number>();
  for (let i = 0; i < other.keys.length / 16; i++) otherRow.set(hexAt(other.keys, i), i);
  const matched = new BigUint64Array(slots);
  const layoutColumns = layout.columns.map(() => new BigUint64Array(slots));
  const otherColumns = other.columns.map(() => new BigUint64Array(slots));
  for (let i = 0; i < rowsL; i++) {
    const s = rowSlots[i]!;
    layout.columns.forEach((c, j) => void (layoutColumns[j]![s] = c[i]!));
    const o = otherRow.get(hexAt(layout.keys, i));
    if (o === undefined) continue;
    matched[s] = 1n;
    other.columns.forEach((c, j) => void (otherColumns[j]![s] = c[o]!));
  }
  // Additive shares without a message: party 0 adds the joint mask r, party 1 holds −r.
  const share = (v: BigUint64Array) => {
    const z = ctx.zeroShares(v.length);
    if (ctx.party === 0) for (let i = 0; i < v.length; i++) z[i] = BigInt.asUintN(64, z[i]! + v[i]!);
    return z;
  };
  return {
    slots,
    matched: share(matched),
    layoutColumns: layoutColumns.map(share),
    otherColumns: otherColumns.map(share),
    rowSlots: ctx.party === layoutParty ? rowSlots : null,
  };
};

/** INSECURE: the intersection, from both parties' hashed keys sent in the clear, ordered by hashed key. */
export const standInPsiReveal: PsiReveal = async (ctx, keys, options: PsiRevealOptions = {}) => {
  const revealTo = options.revealTo ?? "both";
  const peer = await exchange(ctx, "stand-in-psi", { keys, columns: [] });
  const theirs = new Set<string>();
  for (let i = 0; i < peer.keys.length / 16; i++) theirs.add(hexAt(peer.keys, i));
  const common: [string, number][] = [];
  for (let i = 0; i < keys.length / 16; i++) {
    const h = hexAt(keys, i);
    if (theirs.has(h)) common.push([h, i]);
  }
  common.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const rows = Int32Array.from(common, ([, i]) => i);
  return { rows: revealTo === "both" || revealTo === ctx.party ? rows : null };
};

/** INSECURE, tests only: the three functions as `join`'s `setops` option takes them. */
export const insecureStandInSetOps: SetOps = {
  hashKeys: standInHashKeys,
  privateJoin: standInPrivateJoin,
  psiReveal: standInPsiReveal,
};
