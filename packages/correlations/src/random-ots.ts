/**
 * Random 1-out-of-2 OTs in both directions from random COTs (cot-pair.ts), by the fixed-key
 * correlation-robust hash as in @petace/ot's rot.ts (IKNP 2003 §3; GKWY 2020 §7): the sender's
 * messages are H(q_j) and H(q_j ⊕ Δ), the receiver's H(K_{x_j}) for its random choice x_j. On silent
 * OT (Ferret) the choices are the COTs' own, so nothing is sent beyond the session's messages (under
 * 1 bit per COT); on IKNP this costs what randomOtsBothWays does. Semi-honest security.
 */
import { type CotSession, hashBlocks, hashPair } from "@petace/ot";
import { inParts, MAX_COTS_PER_CALL, randomCotsBothWays, recycleCots } from "./cot-pair.js";
import type { RandomOts } from "./provider.js";

/** n random OTs each way (both parties call with the same n); layout as RandomOts. */
export async function randomOtsFromCot(s: CotSession, n: number): Promise<RandomOts> {
  return inParts(n, MAX_COTS_PER_CALL, { m0: 16, m1: 16, choices: "bits", received: 16 }, (k) => randomOtsPart(s, k));
}

async function randomOtsPart(s: CotSession, n: number): Promise<RandomOts> {
  const { q, t, x } = await randomCotsBothWays(s, n);
  // Fresh buffers: the keys may be views of the session's buffer, hashed here in place of a copy.
  const keys = q.slice(0, 16 * n);
  const { m0, m1 } = hashPair(keys, s.delta);
  const received = hashBlocks(t.subarray(0, 16 * n), new Uint8Array(16 * n));
  recycleCots(s, q, t);
  return { m0, m1, choices: x.slice(0, (n + 7) >>> 3), received };
}
