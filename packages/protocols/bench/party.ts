/**
 * One party of the two-process kernel benchmarks (one OS process per party, TCP on 127.0.0.1):
 *   node --import tsx --conditions=source packages/protocols/bench/party.ts '<json>'
 * with {"party":0|1,"listen"?,"peer"?,"jobs":[{"op","size","offline":bool,"runs"?}]}.
 * Prints JSON lines: {"event":"listening","port"} (party 0), then {"event":"done","measurements"}.
 * Under `pnpm bench --link <spec>` (PETACE_BENCH_LINK) the TCP channel is wrapped with emulateLink.
 * Offline correlations come from the dealer-free OtCorrelationProvider on the same connection (offline
 * and online phases never overlap, so the counters split cleanly).
 * @internal
 */
import { benchLink } from "@petace/bench";
import { connectTcp, emulateLink, parseLinkSpec, type PartyId } from "@petace/network";
import { tuneGcForMpc } from "@petace/primitives";
import type { ComparisonMethod } from "../src/context.js";
import { InsecureDealerProvider } from "@petace/correlations";
import { OtCorrelationProvider } from "@petace/correlations";
import { measureOp, type Measurement } from "./measure.js";
import { BENCH_OPS } from "./ops.js";

interface Job {
  op: string;
  size: number;
  offline: boolean;
  runs?: number;
  comparison?: ComparisonMethod;
  truncation?: "exact" | "stochastic";
}

interface Config {
  party: PartyId;
  listen?: string;
  peer?: string;
  jobs: Job[];
}

const say = (event: string, fields: Record<string, unknown> = {}) => process.stdout.write(`${JSON.stringify({ event, ...fields })}\n`);

// Both parties share this machine, so tune the GC as the petace CLI does for parties on loopback.
tuneGcForMpc();

try {
  const cfg = JSON.parse(process.argv[2] ?? "{}") as Config;
  const tcp = await connectTcp({
    party: cfg.party,
    connectTimeoutMs: 30_000,
    timeoutMs: 900_000,
    ...(cfg.listen !== undefined ? { listen: cfg.listen, onListening: (a: { port: number }) => say("listening", { port: a.port }) } : {}),
    ...(cfg.peer !== undefined ? { peer: cfg.peer } : {}),
  });
  // Both parties wrap their channel, so both directions go over the emulated link.
  const ch = benchLink ? emulateLink(tcp, parseLinkSpec(benchLink, "pnpm bench --link")) : tcp;
  const dealer = await InsecureDealerProvider.overChannel(ch);
  const needOt = cfg.jobs.some((j) => j.offline);
  // Smallest refill batches: the offline phase then makes exactly what a kernel asks for.
  const exact = {
    batch: { arith: 256, bool: 256, daBits: 256, randomOts: 256 },
    // PETACE_BENCH_OT=silent (kernels.bench.ts): every correlation on Ferret's silent OT.
    ...(process.env.PETACE_BENCH_OT === "silent" ? { ot: "silent" as const } : {}),
  };
  const ot = needOt ? await OtCorrelationProvider.create(ch, cfg.party, exact) : undefined;
  const measurements: Measurement[] = [];
  for (const job of cfg.jobs) {
    const op = BENCH_OPS[job.op];
    if (!op) throw new Error(`unknown op ${job.op}`);
    measurements.push(
      await measureOp(ch, dealer, op, job.size, {
        ...(job.offline && ot ? { ot } : {}),
        runs: job.runs ?? 1,
        ...(job.comparison ? { comparison: job.comparison } : {}),
        ...(job.truncation ? { truncation: job.truncation } : {}),
      }),
    );
  }
  say("done", { measurements });
  await ch.flush();
  await ch.close();
  process.exit(0);
} catch (e) {
  say("error", { message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  process.exit(1);
}
