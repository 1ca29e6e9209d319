/**
 * Beaver triples over Z_2^64 from Gilboa product sharing: each party draws a_i, b_i, and
 * c_i = a_i·b_i + (its share of a_i·b_peer + a_peer·b_i), so c_0 + c_1 = (a_0 + a_1)(b_0 + b_1).
 * Per triple each party sends 64 COTs' worth of u (1024 bytes) and 2080 bits of corrections.
 */
import type { ArithTriples } from "./provider.js";
import type { CotSession, OtSession } from "@petace/ot";
import { Prg, ringAdd, ringMul } from "@petace/primitives";
import { gilboaCrossAdd } from "./gilboa.js";
import { gilboaRandomCot } from "./gilboa-cot.js";

/** Bytes one party sends per arithmetic triple: 64 × 16 (u) + 260 (corrections). */
export const ARITH_TRIPLE_BYTES = 64 * 16 + 260;

/** n fresh triples (both parties call with the same n). */
export async function arithTriplesFromOt(s: OtSession, n: number): Promise<ArithTriples> {
  const prg = Prg.fromRandom();
  const a = prg.ring(n);
  const b = prg.ring(n);
  // c starts as a·b and the Gilboa kernels add the two cross terms into it.
  const c = ringMul(a, b);
  await gilboaCrossAdd(s, a, b, c, "arith");
  return { a, b, c };
}

/**
 * n fresh triples on any COT session (e.g. @petace/ot's SilentOtSession): Gilboa on its COTs
 * (gilboa-cot.ts) instead of the IKNP-fused kernel path, with b drawn by the COTs' random choices,
 * so on silent OT a party sends only the 260 bytes of corrections per triple (and its share of the
 * Ferret messages, under 1 bit per COT).
 */
export async function arithTriplesFromCot(s: CotSession, n: number): Promise<ArithTriples> {
  const a = Prg.fromRandom().ring(n);
  const { y: b, sent, received } = await gilboaRandomCot(s, a, "arith-cot");
  const c = ringMul(a, b);
  ringAdd(c, sent, c);
  return { a, b, c: ringAdd(c, received, c) };
}
