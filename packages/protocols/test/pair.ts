/**
 * Test helpers (private): run both parties of a kernel program in one process over a memory channel.
 * `PETACE_TEST_TRIPLES=ot` switches the provider from the insecure dealer to the dealer-free OT
 * provider (on a channel of its own); the dealer is the default so kernel tests stay fast.
 * @internal
 */
import { memoryPair, type Channel, type ChannelStats } from "@petace/network";
import type { PartyId } from "@petace/network";
import { ProtocolContext, type ComparisonMethod, type TruncationMethod } from "../src/context.js";
import type { CorrelationProvider } from "@petace/correlations";
import { InsecureDealerProvider } from "@petace/correlations";
import { OtCorrelationProvider } from "@petace/correlations";
import { secureBackend } from "../src/backend.js";
import { runner, type OpRunner } from "./runner.js";
import { randomSeed } from "@petace/primitives";
import type { FerretParamSets } from "@petace/ot";

export interface PartyRun<T> {
  result: T;
  /** Channel counters for the body only (context set-up excluded). */
  stats: ChannelStats;
}

export type ProviderFactory = (channel: Channel) => Promise<CorrelationProvider>;

export const dealerFactory =
  (seed: Uint8Array): ProviderFactory =>
  async (ch) =>
    new InsecureDealerProvider(ch.party, seed);

/** The insecure dealer without its optional random OTs (kernels then take their fallbacks). */
export const dealerWithoutRandomOts =
  (seed: Uint8Array): ProviderFactory =>
  async (ch) => {
    const d = new InsecureDealerProvider(ch.party, seed);
    return {
      kind: d.kind,
      arithTriples: (n) => d.arithTriples(n),
      boolTriples: (n) => d.boolTriples(n),
      matrixTriple: (m, k, n) => d.matrixTriple(m, k, n),
      daBits: (n) => d.daBits(n),
    };
  };

/** A provider without square pairs (squares then take the Beaver fallback); the rest delegated. */
export const withoutSquarePairs =
  (factory: ProviderFactory): ProviderFactory =>
  async (ch) => {
    const p = await factory(ch);
    return new Proxy(p, {
      get(target, key) {
        if (key === "squarePairs") return undefined;
        const v: unknown = Reflect.get(target, key, target);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
  };

/** Correlation kinds the OT provider pools, with their counts. */
export type DemandCounts = Record<"arith" | "bool" | "daBits" | "randomOts" | "squares", number>;

/**
 * The dealer, with every pooled request of party 0 counted into `into` as the OT provider's pools
 * count it (bit kinds are taken in whole bytes).
 */
export const countingDealer =
  (into: DemandCounts): ProviderFactory =>
  async (ch) => {
    const d = new InsecureDealerProvider(ch.party, new Uint8Array(16));
    /** Counts a request of n items of kind k, then makes it. */
    const count = <T>(k: keyof DemandCounts, n: number, bits: boolean, make: () => Promise<T>): Promise<T> => {
      if (ch.party === 0) into[k] += bits ? Math.ceil(n / 8) * 8 : n;
      return make();
    };
    return {
      kind: d.kind,
      arithTriples: (n) => count("arith", n, false, () => d.arithTriples(n)),
      boolTriples: (n) => count("bool", n, true, () => d.boolTriples(n)),
      squarePairs: (n) => count("squares", n, false, () => d.squarePairs(n)),
      daBits: (n) => count("daBits", n, true, () => d.daBits(n)),
      randomOts: (n) => count("randomOts", n, true, () => d.randomOts(n)),
      matrixTriple: (m, k, n) => d.matrixTriple(m, k, n),
    };
  };

/**
 * The dealer-free OT provider on a channel of its own (so kernel counters stay exact). Both parties'
 * factories must come from one call: they share the provider channel pair.
 */
export function otFactory(): ProviderFactory {
  const [a, b] = memoryPair();
  return async (ch) =>
    await OtCorrelationProvider.create(ch.party === 0 ? a : b, ch.party, { batch: { arith: 1 << 12, bool: 1 << 16, daBits: 1 << 12 } });
}

/** Small Ferret parameter sets: fast, and NO security (tests only). */
export const TEST_FERRET: FerretParamSets = {
  main: { n: 1 << 15, k: 2048, t: 64, h: 9 },
  pre: { n: 4096, k: 512, t: 16, h: 8 },
};

/** As otFactory, with every correlation on silent OT (Ferret, the small insecure test sets). */
export function silentOtFactory(): ProviderFactory {
  const [a, b] = memoryPair();
  return async (ch) =>
    await OtCorrelationProvider.create(ch.party === 0 ? a : b, ch.party, {
      ot: "silent",
      silentParams: TEST_FERRET,
      batch: { arith: 1 << 12, bool: 1 << 16, daBits: 1 << 12 },
    });
}

/** The provider kernel tests use: the dealer, or the OT provider when PETACE_TEST_TRIPLES=ot. */
export function defaultFactory(): ProviderFactory {
  return process.env.PETACE_TEST_TRIPLES === "ot" ? otFactory() : dealerFactory(randomSeed());
}

/** Runs `body` as both parties (the SPMD way) and returns each party's result and counters. */
export async function runPair<T>(
  body: (k: OpRunner, ctx: ProtocolContext, party: PartyId) => Promise<T>,
  opts: { fracBits?: number; provider?: ProviderFactory; comparison?: ComparisonMethod; truncation?: TruncationMethod } = {},
): Promise<[PartyRun<T>, PartyRun<T>]> {
  const [c0, c1] = memoryPair();
  const factory = opts.provider ?? defaultFactory();
  const one = async (ch: Channel): Promise<PartyRun<T>> => {
    const correlations = await factory(ch);
    const ctx = await ProtocolContext.create(ch, correlations, {
      ...(opts.fracBits !== undefined ? { fracBits: opts.fracBits } : {}),
      ...(opts.comparison !== undefined ? { comparison: opts.comparison } : {}),
      ...(opts.truncation !== undefined ? { truncation: opts.truncation } : {}),
    });
    const before = { ...ch.stats };
    const result = await body(runner(secureBackend(ctx)), ctx, ch.party);
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
    return await Promise.all([one(c0), one(c1)]);
  } finally {
    await c0.close();
  }
}
