/**
 * Test helper (private): both parties of a setops protocol in one process, over the in-memory channel,
 * each with its own ProtocolContext. The OPRF and the PSI use no correlations, so the contexts get the
 * insecure dealer only because a context needs a provider; nothing here draws from it.
 * @internal
 */
import { InsecureDealerProvider } from "@petace/correlations";
import { type ChannelStats, memoryPair, type PartyId } from "@petace/network";
import { randomSeed } from "@petace/primitives";
import { ProtocolContext } from "@petace/protocols";

export interface PartyRun<T> {
  result: T;
  /** Channel counters for the body only (context set-up excluded). */
  stats: ChannelStats;
}

/** Runs `body` as both parties (SPMD) and returns each party's result and channel counters. */
export async function runParties<T>(body: (ctx: ProtocolContext, party: PartyId) => Promise<T>): Promise<[PartyRun<T>, PartyRun<T>]> {
  const [c0, c1] = memoryPair();
  const dealerSeed = randomSeed();
  const one = async (party: PartyId): Promise<PartyRun<T>> => {
    const ch = party === 0 ? c0 : c1;
    const ctx = await ProtocolContext.create(ch, new InsecureDealerProvider(party, dealerSeed));
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
  }
}
