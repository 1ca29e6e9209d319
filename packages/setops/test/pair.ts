/**
 * Test helpers (private): both parties of a setops protocol in one process over a memory channel,
 * each with its own ProtocolContext, and a log of every message each party received (tag and bytes)
 * for the secrecy tests. The OPRF takes its 512 seed OTs from the context's provider when it has
 * random OTs, so the provider is a choice: "dealer" (insecure, seeded, instant: the default),
 * "base-ots" (the dealer without random OTs, so the OPRF runs base OTs), or "ot" (dealer-free, on a
 * channel of its own, so the body's counters stay exact).
 * @internal
 */
import { type CorrelationProvider, InsecureDealerProvider, OtCorrelationProvider } from "@petace/correlations";
import { type Channel, type ChannelStats, memoryPair, type PartyId } from "@petace/network";
import { ProtocolContext } from "@petace/protocols";

export interface Received {
  readonly tag: string;
  readonly bytes: Uint8Array;
}

export interface PartyRun<T> {
  readonly result: T;
  /** Counters of the body (context set-up excluded). */
  readonly stats: ChannelStats;
  /** Every message this party received in the body, in order (copies). */
  readonly received: Received[];
  /** CPU time of the whole process while the body ran (both parties share it), ms. */
  readonly cpuMs: number;
}

export type ProviderKind = "dealer" | "base-ots" | "ot";

export interface PairOptions {
  /** See the file comment; default "dealer". */
  readonly provider?: ProviderKind;
  readonly dealerSeed?: Uint8Array;
  /** Private PRG seeds of the two contexts (fixed randomness for the secrecy tests). */
  readonly privateSeeds?: readonly [Uint8Array, Uint8Array];
}

/** Records what `recv` returns. */
function recording(ch: Channel, log: Received[]): Channel {
  return new Proxy(ch, {
    get(target, key) {
      if (key === "recv") {
        return async (tag: string, opts?: never) => {
          const b = await target.recv(tag, opts);
          log.push({ tag, bytes: b.slice() });
          return b;
        };
      }
      const v: unknown = Reflect.get(target, key, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

export async function runPair<T>(
  body: (ctx: ProtocolContext, party: PartyId) => Promise<T>,
  opts: PairOptions = {},
): Promise<[PartyRun<T>, PartyRun<T>]> {
  const [c0, c1] = memoryPair({ timeoutMs: 600_000 });
  const [o0, o1] = opts.provider === "ot" ? memoryPair({ timeoutMs: 600_000 }) : [null, null];
  const dealerSeed = opts.dealerSeed ?? new Uint8Array(16).fill(7);
  const provider = async (p: PartyId): Promise<CorrelationProvider> => {
    // 1024 random OTs per refill: the OPRF takes 512 (the default refill would dominate small runs)
    if (opts.provider === "ot") return OtCorrelationProvider.create((p === 0 ? o0 : o1)!, p, { batch: { randomOts: 1024 } });
    const d = new InsecureDealerProvider(p, dealerSeed);
    if (opts.provider !== "base-ots") return d;
    return {
      kind: d.kind,
      arithTriples: (n) => d.arithTriples(n),
      boolTriples: (n) => d.boolTriples(n),
      matrixTriple: (m, k, n) => d.matrixTriple(m, k, n),
    };
  };
  const providers = await Promise.all(([0, 1] as const).map(provider));
  const logs: [Received[], Received[]] = [[], []];
  const contexts = await Promise.all(
    ([c0, c1] as const).map((ch, p) =>
      ProtocolContext.create(recording(ch, logs[p]!), providers[p]!, opts.privateSeeds ? { privateSeed: opts.privateSeeds[p]! } : {}),
    ),
  );
  for (const log of logs) log.length = 0;
  const cpu0 = process.cpuUsage();
  const one = async (p: PartyId): Promise<PartyRun<T>> => {
    const ctx = contexts[p]!;
    const log = logs[p]!;
    const before = { ...ctx.channel.stats };
    const result = await body(ctx, p);
    const s = ctx.channel.stats;
    const cpu = process.cpuUsage(cpu0);
    return {
      result,
      received: log,
      cpuMs: (cpu.user + cpu.system) / 1e3,
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
    if (o0) await o0.close();
  }
}
