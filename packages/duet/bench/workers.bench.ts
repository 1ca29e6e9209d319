/**
 * The offline phase in worker threads (`otCorrelations({ workers: 1 })`) against the in-thread
 * default (`otCorrelations()`): Z_2^64 Beaver triples per second through the provider, and a
 * fixed-point multiplication program (inputs, `rounds` products in sequence, a reveal) through the
 * VM, set-up apart. Both parties in one process over a memory channel, then one process per party
 * over TCP on 127.0.0.1. Configurations alternate and each figure is the median of `REPEAT` runs,
 * so a change of load on the machine colours both alike.
 * Run alone: `npx tsx --conditions=source packages/duet/bench/workers.bench.ts`.
 */
import { join } from "node:path";
import { quick, record } from "@petace/bench";
import { runTwoParties } from "@petace/testkit/spawn";
import { measureLocal, type Config, type Figures } from "./workers-suite.js";

const REPEAT = quick ? 1 : 3;
const base = { triples: quick ? 1 << 14 : 1 << 16, length: quick ? 1 << 12 : 1 << 14, rounds: 4 };
const configs: Config[] = Array.from({ length: REPEAT }, () => [0, 1].map((workers) => ({ ...base, workers }))).flat();

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function report(figs: Figures[], where: string): void {
  for (const workers of [0, 1]) {
    const f = figs.filter((x) => x.workers === workers);
    const how = workers === 0 ? "in-thread provider" : `${workers} worker per party`;
    const note = `${how}, ${where}`;
    record({ metric: "duet.arith_triples_per_s", value: median(f.map((x) => x.triplesPerS)), unit: "triples/s", size: base.triples, note });
    record({
      metric: "duet.arith_triple_cpu_ns",
      value: median(f.map((x) => x.tripleCpuNs)),
      unit: "ns CPU/triple",
      size: base.triples,
      note,
    });
    record({ metric: "duet.provider_setup_ms", value: median(f.map((x) => x.providerSetupMs)), unit: "ms", note });
    record({
      metric: "duet.fixed_mul_program_ms",
      value: median(f.map((x) => x.mulMs)),
      unit: "ms",
      size: base.length,
      note: `${base.rounds} products in sequence + reveal, offline included, ${note}`,
    });
    record({ metric: "duet.fixed_mul_program_cpu_ms", value: median(f.map((x) => x.mulCpuMs)), unit: "ms CPU", size: base.length, note });
    record({ metric: "duet.vm_setup_ms", value: median(f.map((x) => x.vmSetupMs)), unit: "ms", note });
  }
}

report(await measureLocal(configs), "both parties in one process (memory channel)");

const script = join(import.meta.dirname, "workers-party.ts");
const [p0] = await runTwoParties(script, {
  args0: [JSON.stringify({ party: 0, listen: "127.0.0.1:0", configs })],
  args1: (ev) => [JSON.stringify({ party: 1, peer: `127.0.0.1:${String(ev.port)}`, configs })],
  passthrough: true,
  timeoutMs: 20 * 60_000,
});
const done = p0.events().find((e) => e.event === "done");
if (!done) throw new Error("party 0 exited without its figures");
report(done.figures as Figures[], "one process per party (TCP, 127.0.0.1)");
