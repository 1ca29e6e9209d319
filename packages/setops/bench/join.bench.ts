/**
 * The private join: n × n rows at 50% overlap, two columns per table, both parties in one process
 * over in-memory channels, dealer-free (correlations from OT on a channel of their own, counted
 * too), the KKRT OPRF. Prints wall time, CPU time (both parties together) and bytes each party sends,
 * split between the join's own channel and the correlations'.
 * Run alone: `npx tsx --conditions=source packages/setops/bench/join.bench.ts [n ...]` (default 10^5 and 10^6).
 */
import { quick, record } from "@petace/bench";
import { OtCorrelationProvider } from "@petace/correlations";
import { memoryPair } from "@petace/network";
import { SeededRandom, tuneGcForMpc } from "@petace/primitives";
import { ProtocolContext } from "@petace/protocols";
import { privateJoin } from "../src/join/private-join.js";
import { checkJoin, randomTables, side } from "../test/tables.js";

tuneGcForMpc();
const argSizes = process.argv
  .slice(2)
  .map(Number)
  .filter((v) => Number.isSafeInteger(v) && v > 0);
const sizes = argSizes.length ? argSizes : quick ? [10_000] : [100_000, 1_000_000];
const seed = 20261202;

for (const n of sizes) {
  const tables = randomTables(new SeededRandom(seed), n, n, 0.5, 2, 2);
  const sides = [side(tables[0]), side(tables[1])] as const;

  const [c0, c1] = memoryPair({ timeoutMs: 3_600_000 });
  const [o0, o1] = memoryPair({ timeoutMs: 3_600_000 });
  const providers = await Promise.all([OtCorrelationProvider.create(o0, 0), OtCorrelationProvider.create(o1, 1)]);
  const ctxs = await Promise.all([ProtocolContext.create(c0, providers[0]), ProtocolContext.create(c1, providers[1])]);
  const before = [{ ...c0.stats }, { ...c1.stats }, { ...o0.stats }, { ...o1.stats }];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const results = await Promise.all([privateJoin(ctxs[0], sides[0]), privateJoin(ctxs[1], sides[1])]);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1e3;
  const sent = (i: number, ch: typeof c0) => ch.stats.bytesSent - before[i]!.bytesSent;
  const online = [sent(0, c0), sent(1, c1)];
  const offline = [sent(2, o0), sent(3, o1)];
  const problem = checkJoin(results, tables, 0);
  if (problem !== null) throw new Error(`join bench: wrong result (${problem}), seed ${seed}`);
  await c0.close();
  await o0.close();

  const slots = results[0].slots;
  console.log(
    `private join ${n} × ${n} (50% overlap, 2 + 2 columns, ${slots} slots): ${(ms / 1e3).toFixed(1)} s wall, ` +
      `${(cpuMs / 1e3).toFixed(1)} s CPU (both parties); rounds ${c0.stats.rounds}`,
  );
  for (const p of [0, 1]) {
    const tot = online[p]! + offline[p]!;
    console.log(
      `  party ${p} sends ${(online[p]! / 1e6).toFixed(1)} MB online + ${(offline[p]! / 1e6).toFixed(1)} MB correlations = ` +
        `${(tot / n).toFixed(0)} B per row (${(online[p]! / n).toFixed(0)} + ${(offline[p]! / n).toFixed(0)})`,
    );
  }
  record({
    metric: "setops.private_join_s",
    value: ms / 1e3,
    unit: "s",
    size: n,
    note: `n × n rows, 50% overlap, 2 + 2 columns, one process, dealer-free; CPU ${(cpuMs / 1e3).toFixed(1)} s`,
  });
  for (const p of [0, 1]) {
    record({
      metric: `setops.private_join_bytes_per_row_p${p}`,
      value: (online[p]! + offline[p]!) / n,
      unit: "B/row",
      size: n,
      note: `party ${p} sends ${online[p]} B online + ${offline[p]} B for correlations`,
    });
  }
}
