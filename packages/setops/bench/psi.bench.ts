/**
 * The revealing PSI (KKRT): time, CPU and bytes per row for n × n keys with 50% overlap, both
 * parties in one process over the in-memory channel, seed OTs from the dealer-free OT provider.
 * One process runs both parties on one thread, so its wall time is the sum of both parties' work
 * (two processes on two cores overlap them). Also hashKeys and cuckoo hashing alone.
 * Run alone: `npx tsx --conditions=source packages/setops/bench/psi.bench.ts [n ...]`.
 */
import { quick, record } from "@petace/bench";
import type { Key } from "../src/api.js";
import { cuckooBins, cuckooHash } from "../src/cuckoo.js";
import { hashKeys } from "../src/keys.js";
import { psiReveal, psiValueBytes } from "../src/psi-reveal.js";
import { runPair } from "../test/pair.js";

const argSizes = process.argv
  .slice(2)
  .map(Number)
  .filter((v) => v > 0);
const sizes = argSizes.length ? argSizes : quick ? [10_000] : [100_000, 1_000_000];

function cpuMs(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
}

for (const n of sizes) {
  // party 0 holds ids 0 .. n-1, party 1 ids n/2 .. 3n/2 - 1, as e-mail-like strings
  const half = Math.floor(n / 2);
  const a: Key[] = Array.from({ length: n }, (_, i) => `customer-${i}@example.org`);
  const b: Key[] = Array.from({ length: n }, (_, i) => `customer-${i + half}@example.org`);

  let c = process.cpuUsage();
  const ha = hashKeys(a);
  const hb = hashKeys(b);
  record({
    metric: "setops.hash_keys_ns",
    value: (cpuMs(c) * 1e6) / (2 * n),
    unit: "ns CPU/key",
    size: n,
    note: "30-byte strings, SHA-256 per key, duplicate check included",
  });

  c = process.cpuUsage();
  cuckooHash(ha, new Uint8Array(16).fill(7));
  record({
    metric: "setops.cuckoo_ms",
    value: cpuMs(c),
    unit: "ms CPU",
    size: n,
    note: `3 hash functions, ${cuckooBins(n)} bins, no stash`,
  });

  // The protocol alone: from the moment both parties have their contexts (the OT provider's set-up,
  // 128 base OTs each way, is excluded) to the moment both have their rows.
  const marks: { t: number; cpu: NodeJS.CpuUsage }[] = [];
  let started = 0;
  let ready: () => void = () => {};
  const both = new Promise<void>((r) => (ready = r));
  const [p0, p1] = await runPair(
    async (ctx, party) => {
      if (++started === 2) {
        marks.push({ t: performance.now(), cpu: process.cpuUsage() });
        ready();
      }
      await both;
      const rows = await psiReveal(ctx, party === 0 ? ha : hb);
      marks.push({ t: performance.now(), cpu: process.cpuUsage() });
      return rows;
    },
    { provider: "ot" },
  );
  const wall = marks[2]!.t - marks[0]!.t;
  const [from, to] = [marks[0]!.cpu, marks[2]!.cpu];
  const cpu = (to.user + to.system - from.user - from.system) / 1000;
  if (p0.result.rows!.length !== n - half || p1.result.rows!.length !== n - half)
    throw new Error(`psi bench: expected ${n - half} matches`);
  const where = "both parties in one process on one thread (their work adds up), in-memory channel, seed OTs from the OT provider";
  record({
    metric: "setops.psi_reveal_ms",
    value: wall,
    unit: "ms",
    size: n,
    note: `${n} × ${n} keys, 50% overlap, revealed to both; ${where}; target ≤ 20 s at 10^6`,
  });
  record({
    metric: "setops.psi_reveal_cpu_ms",
    value: cpu,
    unit: "ms CPU",
    size: n,
    note: `both parties together, context set-up excluded, GC included; ${where}`,
  });
  record({
    metric: "setops.psi_bytes_per_row_receiver",
    value: p0.stats.bytesSent / n,
    unit: "bytes/row",
    size: n,
    note: `sent by party 0 (OPRF receiver): 64 per bin × ${cuckooBins(n)} bins + 4 per match`,
  });
  record({
    metric: "setops.psi_bytes_per_row_sender",
    value: p1.stats.bytesSent / n,
    unit: "bytes/row",
    size: n,
    note: `sent by party 1 (OPRF sender): 3 lists × ${psiValueBytes(n, n)}-byte values`,
  });
  record({
    metric: "setops.psi_rounds",
    value: Math.max(p0.stats.rounds, p1.stats.rounds),
    unit: "rounds",
    size: n,
    note: "as counted by the channel",
  });
}
