/**
 * Random OTs for `OtTripleProvider`, which does not (yet) offer the optional `randomOts`
 * correlation: derived from its OT session (`withOt`) with the IKNP random OT of `ot/rot.ts`, both
 * directions at once. The wrapper delegates every other correlation to the provider.
 */
import { randomBytes } from "@petace/primitives";
import type { RandomOts, TripleProvider } from "../correlations.js";
import { rotReceive, rotSend } from "../ot/rot.js";
import type { OtTripleProvider } from "../triples/ot-provider.js";


export function withRandomOts(p: OtTripleProvider): TripleProvider {
  if ((p as TripleProvider).randomOts) return p;
  return {
    kind: p.kind,
    arithTriples: (n) => p.arithTriples(n),
    boolTriples: (n) => p.boolTriples(n),
    matrixTriple: (m, k, n) => p.matrixTriple(m, k, n),
    daBits: (n) => p.daBits(n),
    reserve: (c) => p.reserve(c),
    randomOts: (n) =>
      p.withOt(async (s): Promise<RandomOts> => {
        const choices = randomBytes((n + 7) >>> 3);
        const [sent, received] = await Promise.all([rotSend(s, n), rotReceive(s, choices, n)]);
        return { m0: sent.m0.subarray(0, 16 * n), m1: sent.m1.subarray(0, 16 * n), choices, received: received.subarray(0, 16 * n) };
      }),
  };
}
