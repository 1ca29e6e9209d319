/**
 * Test helper (private): both parties of a setops protocol in one process, over the in-memory channel,
 * each with its own ProtocolContext. The OPRF takes its 512 seed OTs from the context's provider when
 * it has random OTs, so the provider is a choice: "dealer" (insecure, instant: the default for tests),
 * "base-ots" (a provider without random OTs, so the OPRF runs Chou–Orlandi base OTs), or "ot" (the
 * dealer-free OT provider on a channel of its own, so the body's counters stay exact).
 * @internal
 */
import { type CorrelationProvider, InsecureDealerProvider, OtCorrelationProvider } from "@petace/correlations";
import { type ChannelStats, memoryPair, type PartyId } from "@petace/network";
import { randomSeed } from "@petace/primitives";
import { ProtocolContext } from "@petace/protocols";

export interface PartyRun<T> {
  result: T;
  /** Channel counters for the body only (context set-up excluded). */
  stats: ChannelStats;
}

/** Runs `body` as both parties (SPMD) and returns each party's result and channel counters. */
export type ProviderKind = "dealer" | "base-ots" | "ot";

export async function runParties<T>(
  body: (ctx: ProtocolContext, party: PartyId) => Promise<T>,
  opts: { provider?: ProviderKind } = {},
): Promise<[PartyRun<T>, PartyRun<T>]> {
  const [c0, c1] = memoryPair();
  const [p0, p1] = memoryPair();
  const dealerSeed = randomSeed();
  const kind = opts.provider ?? "dealer";
  const provider = async (party: PartyId): Promise<CorrelationProvider> => {
    // 1024 random OTs per refill: the OPRF takes 512 (the default refill, 2^18, would dominate small runs)
    if (kind === "ot") return OtCorrelationProvider.create(party === 0 ? p0 : p1, party, { batch: { randomOts: 1024 } });
    const d = new InsecureDealerProvider(party, dealerSeed);
    if (kind === "dealer") return d;
    return {
      kind: d.kind,
      arithTriples: (n) => d.arithTriples(n),
      boolTriples: (n) => d.boolTriples(n),
      matrixTriple: (m, k, n) => d.matrixTriple(m, k, n),
    };
  };
  const one = async (party: PartyId): Promise<PartyRun<T>> => {
    const ch = party === 0 ? c0 : c1;
    const ctx = await ProtocolContext.create(ch, await provider(party));
    const before = { ...ch.stats };
    const result = await body(ctx, party);
    const s = ch.stats;
    return {
      result,
      stats: {
        bytesSent: s.bytesSent - before.bytesSent,
        bytesReceived: s.bytesReceived - before.bytesReceived,
        messagesSent: s.messagesSent - before.messagesSent,
        messagesReceived: s.messagesReceived - before.messagesReceived,
        rounds: s.rounds - before.rounds,
      },
    };
  };
  try {
    return await Promise.all([one(0), one(1)]);
  } finally {
    await c0.close();
    await p0.close();
  }
}
