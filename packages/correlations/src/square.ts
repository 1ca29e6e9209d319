/**
 * Square pairs over Z_2^64: a random a shared as a = a_0 + a_1 and c = a² shared. Since
 * a² = a_0² + a_1² + 2·a_0·a_1, only the one cross term a_0·a_1 needs an OT product, where a Beaver
 * triple needs two (a_0·b_1 and a_1·b_0): each party draws a_i and sets c_i = a_i² + 2·[a_0·a_1]_i.
 * The cross term is one Gilboa direction (Gilboa, CRYPTO 1999; see gilboa.ts); party 0 is the COT
 * sender for the first half of a batch and party 1 for the second, so both send the same bytes:
 * half of a triple's, 32 COTs (512 bytes) and 130 bytes of corrections per pair. Semi-honest.
 *
 * Used online to square x with one opening instead of two (kernels/square.ts in protocols): open
 * e = x − a, then x² = e² + 2·e·a + c.
 */
import type { CotSession, OtSession } from "@petace/ot";
import { Prg, ringAdd, ringMul } from "@petace/primitives";
import { gilboaOneWay } from "./gilboa.js";
import { gilboaRandomCot } from "./gilboa-cot.js";
import type { SquarePairs } from "./provider.js";

/** Bytes one party sends per square pair (n even): half a Gilboa product, 32 × 16 + 130. */
export const SQUARE_PAIR_BYTES = 32 * 16 + 130;

/** n fresh square pairs (both parties call with the same n; an odd n costs one pair more). */
export async function squarePairsFromOt(s: OtSession, n: number): Promise<SquarePairs> {
  const half = Math.ceil(n / 2);
  const a = Prg.fromRandom().ring(2 * half);
  // Party 0 sends for pairs [0, half) and receives for [half, 2·half); party 1 the other way round.
  const first = a.subarray(0, half),
    second = a.subarray(half);
  const p0 = s.party === 0;
  const { sent, received } = await gilboaOneWay(s, p0 ? first : second, p0 ? second : first, "square");
  const crossFirst = p0 ? sent : received,
    crossSecond = p0 ? received : sent;
  return { a: a.subarray(0, n), c: squareShares(first, crossFirst, second, crossSecond).subarray(0, n) };
}

/**
 * n fresh square pairs on any COT session (gilboa-cot.ts): the same split, with the receiver's half
 * of its share drawn by its COTs' random choices, so on silent OT a party sends only the 130 bytes
 * of corrections per pair (and its share of the session's messages, under 1 bit per COT).
 */
export async function squarePairsFromCot(s: CotSession, n: number): Promise<SquarePairs> {
  const half = Math.ceil(n / 2);
  // Party 0 sends for pairs [0, half) on its drawn half and receives for [half, 2·half) on its
  // COT-drawn half; party 1 the other way round.
  const mine = Prg.fromRandom().ring(half);
  const { y, sent, received } = await gilboaRandomCot(s, mine, "square-cot");
  const p0 = s.party === 0;
  const first = p0 ? mine : y,
    second = p0 ? y : mine;
  const crossFirst = p0 ? sent : received,
    crossSecond = p0 ? received : sent;
  const a = new BigUint64Array(2 * half);
  a.set(first, 0);
  a.set(second, half);
  return { a: a.subarray(0, n), c: squareShares(first, crossFirst, second, crossSecond).subarray(0, n) };
}

/** This party's c of both halves: its own a² plus twice the cross term a_0·a_1, on the ring kernels. */
function squareShares(
  first: BigUint64Array,
  crossFirst: BigUint64Array,
  second: BigUint64Array,
  crossSecond: BigUint64Array,
): BigUint64Array {
  const half = first.length;
  const c = new BigUint64Array(2 * half);
  for (const [off, own, cross] of [
    [0, first, crossFirst],
    [half, second, crossSecond],
  ] as const) {
    const part = c.subarray(off, off + half);
    ringMul(own, own, part);
    ringAdd(part, cross, part);
    ringAdd(part, cross, part);
  }
  return c;
}
