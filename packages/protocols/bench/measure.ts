/**
 * Measures one kernel at one size on one party (both parties call it with the same arguments):
 * records the correlation requests in a warm-up run on dealer correlations, optionally fetches the
 * same requests from the OT provider (offline phase, timed, bytes counted), then runs the kernel on
 * the prefetched correlations (online phase, timed, bytes and rounds counted). Offline and online
 * are strictly sequential, so the channel counters split cleanly between them.
 * @internal
 */
import type { Channel } from "@petace/network";
import { ProtocolContext, type ComparisonMethod, type TruncationMethod } from "../src/context.js";
import type { CorrelationProvider } from "@petace/correlations";
import type { InsecureDealerProvider } from "@petace/correlations";
import { secureBackend } from "../src/backend.js";
import { runner } from "../test/runner.js";
import type { BenchOp } from "./ops.js";
import { prefetch, RecordingProvider, ReplayProvider, totals } from "./replay.js";

export interface Measurement {
  op: string;
  size: number;
  elements: number;
  onlineMs: number;
  onlineBytes: number;
  onlineRounds: number;
  /** Measured offline phase on the OT provider, when run. */
  offlineMs?: number;
  offlineBytes?: number;
  counts: ReturnType<typeof totals>;
  /** True when the online phase ran on dealer correlations made inline (prefetch too large to hold). */
  inline?: boolean;
}

export interface MeasureOptions {
  /** The provider of the offline phase (dealer-free OT). Without it only the online phase is timed. */
  ot?: CorrelationProvider;
  runs?: number;
  fracBits?: number;
  comparison?: ComparisonMethod;
  truncation?: TruncationMethod;
  /** Skip the measured offline phase when this says it would take longer (seconds). */
  offlineSeconds?: (counts: ReturnType<typeof totals>) => number;
  offlineBudgetS?: number;
  /** Run the online phase with the dealer inline when prefetching would hold more bytes than this. */
  maxPrefetchBytes?: number;
}

/** Bytes one party holds to prefetch these counts. */
export function prefetchBytes(c: ReturnType<typeof totals>): number {
  return c.arith * 24 + (c.bool * 3) / 8 + c.daBits * 8.2 + c.rot * 48 + c.matrixProducts * 0;
}

/** Both parties exchange one byte: the timed sections start together. */
async function barrier(ch: Channel, tag: string): Promise<void> {
  ch.send(tag, new Uint8Array(1));
  await ch.recv(tag);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function measureOp(
  ch: Channel,
  dealer: InsecureDealerProvider,
  op: BenchOp,
  size: number,
  opts: MeasureOptions = {},
): Promise<Measurement> {
  const ctxOpts = {
    ...(opts.fracBits !== undefined ? { fracBits: opts.fracBits } : {}),
    comparison: opts.comparison ?? "auto",
    truncation: opts.truncation ?? "exact",
  };
  const runs = opts.runs ?? 1;
  // Warm-up and record (also lets V8 optimise the kernels at this size).
  const rec = new RecordingProvider(dealer);
  const kr = runner(secureBackend(await ProtocolContext.create(ch, rec, ctxOpts)));
  await op.run(kr, await op.inputs(kr, size), size);
  const reqs = rec.requests;
  const counts = totals(reqs);
  if (opts.maxPrefetchBytes !== undefined && prefetchBytes(counts) > opts.maxPrefetchBytes) {
    const k = runner(secureBackend(await ProtocolContext.create(ch, dealer, ctxOpts)));
    const args = await op.inputs(k, size);
    await barrier(ch, "bench/online-inline");
    const b0 = ch.stats.bytesSent,
      r0 = ch.stats.rounds,
      t0 = performance.now();
    await op.run(k, args, size);
    return {
      op: op.name,
      size,
      elements: op.elements(size),
      onlineMs: performance.now() - t0,
      onlineBytes: ch.stats.bytesSent - b0,
      onlineRounds: ch.stats.rounds - r0,
      counts,
      inline: true,
    };
  }
  const ot = opts.ot && (!opts.offlineSeconds || opts.offlineSeconds(counts) <= (opts.offlineBudgetS ?? Infinity)) ? opts.ot : undefined;

  const online: number[] = [],
    offline: number[] = [];
  let onlineBytes = 0,
    onlineRounds = 0,
    offlineBytes = 0;
  for (let r = 0; r < runs; r++) {
    let items: Awaited<ReturnType<typeof prefetch>>;
    if (ot) {
      await barrier(ch, "bench/offline");
      const b0 = ch.stats.bytesSent,
        t0 = performance.now();
      items = await prefetch(ot, reqs);
      offline.push(performance.now() - t0);
      offlineBytes = ch.stats.bytesSent - b0;
    } else {
      items = await prefetch(dealer, reqs);
    }
    const k = runner(secureBackend(await ProtocolContext.create(ch, new ReplayProvider(reqs, items), ctxOpts)));
    const args = await op.inputs(k, size);
    await barrier(ch, "bench/online");
    const b0 = ch.stats.bytesSent,
      r0 = ch.stats.rounds,
      t0 = performance.now();
    await op.run(k, args, size);
    online.push(performance.now() - t0);
    onlineBytes = ch.stats.bytesSent - b0;
    onlineRounds = ch.stats.rounds - r0;
  }
  return {
    op: op.name,
    size,
    elements: op.elements(size),
    onlineMs: median(online),
    onlineBytes,
    onlineRounds,
    ...(ot ? { offlineMs: median(offline), offlineBytes } : {}),
    counts,
  };
}
