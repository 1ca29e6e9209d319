/**
 * Test helpers (private): random keyed tables with a chosen overlap and the plaintext join the
 * private join is checked against.
 * @internal
 */
import type { PartyId } from "@petace/network";
import type { SeededRandom } from "@petace/primitives";
import type { JoinSide, Key, PrivateJoinResult } from "../src/api.js";
import { hashKeys } from "../src/keys.js";

export interface Table {
  readonly keys: Key[];
  readonly columns: BigUint64Array[];
}

export function side(t: Table): JoinSide {
  return { keys: hashKeys(t.keys), columns: t.columns };
}

function shuffle<T>(rng: SeededRandom, a: T[]): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(0, i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/**
 * Two tables of nA and nB rows sharing round(overlap · min(nA, nB)) keys, each in its own random
 * order, with colsA and colsB random ring columns. Keys are strings, or numbers when `numbers`.
 */
export function randomTables(
  rng: SeededRandom,
  nA: number,
  nB: number,
  overlap: number,
  colsA: number,
  colsB: number,
  numbers = false,
): [Table, Table] {
  const common = Math.round(overlap * Math.min(nA, nB));
  const ids = shuffle(
    rng,
    Array.from({ length: nA + nB - common }, (_, i) => i),
  ).map((i) => (numbers ? 1e9 + 7919 * i : `customer-${i}@example.org`));
  const a = shuffle(rng, ids.slice(0, nA));
  const b = shuffle(rng, [...ids.slice(0, common), ...ids.slice(nA, nA + nB - common)]);
  const cols = (n: number, k: number) => Array.from({ length: k }, () => rng.ring(n));
  return [
    { keys: a, columns: cols(nA, colsA) },
    { keys: b, columns: cols(nB, colsB) },
  ];
}

/**
 * Checks both parties' shares against the plaintext join; returns a description of the first
 * mismatch or null. The layout party's rowSlots give each of its rows' slot.
 */
export function checkJoin(
  results: readonly [PrivateJoinResult, PrivateJoinResult],
  tables: readonly [Table, Table],
  layout: PartyId,
): string | null {
  const [r0, r1] = results;
  const P = tables[layout]!;
  const Q = tables[1 - layout]!;
  const rp = results[layout]!;
  if (r0.slots !== r1.slots) return `slots differ: ${r0.slots} and ${r1.slots}`;
  if (results[1 - layout]!.rowSlots !== null) return "rowSlots at the other party";
  const slots = r0.slots;
  const add = (x: BigUint64Array, y: BigUint64Array, j: number) => BigInt.asUintN(64, x[j]! + y[j]!);
  const qRow = new Map<string, number>();
  Q.keys.forEach((k, i) => qRow.set(`${typeof k}:${String(k)}`, i));
  const expMatched = new BigUint64Array(slots);
  const expLayout = P.columns.map(() => new BigUint64Array(slots));
  const expOther = Q.columns.map(() => new BigUint64Array(slots));
  const rowSlots = rp.rowSlots!;
  if (rowSlots.length !== P.keys.length) return `rowSlots has ${rowSlots.length} entries for ${P.keys.length} rows`;
  const used = new Set<number>();
  for (let r = 0; r < P.keys.length; r++) {
    const s = rowSlots[r]!;
    if (s < 0 || s >= slots || used.has(s)) return `row ${r} has slot ${s}`;
    used.add(s);
    P.columns.forEach((c, ci) => (expLayout[ci]![s] = c[r]!));
    const q = qRow.get(`${typeof P.keys[r]}:${String(P.keys[r])}`);
    if (q !== undefined) {
      expMatched[s] = 1n;
      Q.columns.forEach((c, ci) => (expOther[ci]![s] = c[q]!));
    }
  }
  if (r0.layoutColumns.length !== P.columns.length || r0.otherColumns.length !== Q.columns.length) return "column counts";
  for (let j = 0; j < slots; j++) {
    if (add(r0.matched, r1.matched, j) !== expMatched[j]) return `matched at slot ${j}`;
    for (let c = 0; c < P.columns.length; c++)
      if (add(r0.layoutColumns[c]!, r1.layoutColumns[c]!, j) !== expLayout[c]![j]) return `layout column ${c} at slot ${j}`;
    for (let c = 0; c < Q.columns.length; c++)
      if (add(r0.otherColumns[c]!, r1.otherColumns[c]!, j) !== expOther[c]![j]) return `other column ${c} at slot ${j}`;
  }
  return null;
}
