/**
 * Z_2^64 Beaver triples (Gilboa) on silent OT (Ferret, @petace/ot's SilentOtSession) against the
 * default IKNP-fused path: bytes per triple per party from the channel counters, and CPU per triple
 * per party (process.cpuUsage around both parties in one process over the in-memory pair, divided
 * by two: the two parties run interleaved here, so the figure is their average). Setup (base OTs,
 * the IKNP bootstrap and Ferret's pre iteration, run by a first small batch) is excluded.
 * Run alone: `npx tsx --conditions=source packages/correlations/bench/silent-triples.bench.ts`.
 */
import { quick, record } from "@petace/bench";
import { memoryPair } from "@petace/network";
import { OtSession, SilentOtSession } from "@petace/ot";
import { arithTriplesFromCot, arithTriplesFromOt } from "../src/arith.js";

const N = Number(process.env.N ?? (quick ? 50_000 : 200_000));

for (const ext of (process.env.EXT ?? "silent,iknp").split(",") as ("silent" | "iknp")[]) {
  const [c0, c1] = memoryPair({ timeoutMs: Number.POSITIVE_INFINITY });
  const [s0, s1] =
    ext === "silent"
      ? await Promise.all([SilentOtSession.create(c0), SilentOtSession.create(c1)])
      : await Promise.all([OtSession.create(c0), OtSession.create(c1)]);
  const make = (s: OtSession | SilentOtSession, n: number) =>
    s instanceof SilentOtSession ? arithTriplesFromCot(s, n) : arithTriplesFromOt(s, n);
  await Promise.all([make(s0, 1000), make(s1, 1000)]);
  const b0 = c0.stats.bytesSent;
  const cpu0 = process.cpuUsage();
  await Promise.all([make(s0, N), make(s1, N)]);
  const cpu = process.cpuUsage(cpu0);
  const bytes = (c0.stats.bytesSent - b0) / N;
  record({
    metric: "correlations.arith_triple_bytes_per_party",
    value: bytes,
    unit: "bytes/triple",
    size: N,
    note: `${ext} OT, channel counters, party 0`,
  });
  record({
    metric: "correlations.arith_triple_cpu_us_per_party",
    value: (cpu.user + cpu.system) / 2 / N,
    unit: "µs/triple",
    size: N,
    note: `${ext} OT, CPU of both parties in one process / 2`,
  });
  await Promise.all([c0.close(), c1.close()]);
}
