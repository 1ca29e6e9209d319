/**
 * `pnpm --filter @petace/test-e2e load`: the load run as two processes over libp2p. Prints each
 * party's memory after every chunk and its peak RSS; exits non-zero if either party fails or memory
 * grows by more than 15% over the second half of a phase (a leak grows steadily; V8 growing its
 * heap once early is a step, not a trend).
 *   args: [mulChunks (10 × 10^6)] [cmpChunks (10 × 10^5)] [iterations (1000)]
 */
import { configs, freePort, makeKeys, script, startParty } from "./harness.js";

const args = process.argv.slice(2);
const keys = await makeKeys();
try {
  const port = await freePort();
  const [c0, c1] = configs(keys, port, { script: script("load.ts"), args, timeoutMs: 600_000 });
  const t0 = performance.now();
  const procs = [startParty(c0, 3_600_000), startParty(c1, 3_600_000)];
  const exits = await Promise.all(procs.map((p) => p.exit));
  const s = ((performance.now() - t0) / 1000).toFixed(0);
  let failed = false;
  exits.forEach((e, party) => {
    const lines = e.stderr.split("\n");
    const rss = lines.filter((l) => l.startsWith("rss ")).map((l) => l.split(" "));
    process.stdout.write(`party ${party}: exit ${e.code} after ${s} s; ${lines.find((l) => l.startsWith("@event maxrss")) ?? ""}\n`);
    for (const phase of ["mul", "cmp", "train"]) {
      const mib = rss.filter((r) => r[1] === phase).map((r) => Number(r[3]));
      if (mib.length === 0) continue;
      const [first, last] = [mib[Math.floor((mib.length - 1) / 2)]!, mib[mib.length - 1]!];
      process.stdout.write(`  ${phase}: rss MiB per chunk ${mib.join(" ")}\n`);
      if (last > first * 1.15) {
        process.stdout.write(`  ${phase}: memory grew from ${first} to ${last} MiB\n`);
        failed = true;
      }
    }
    if (e.code !== 0) {
      process.stdout.write(e.stderr);
      failed = true;
    } else if (party === 1) process.stdout.write(`  result: ${e.stdout}`);
  });
  process.exitCode = failed ? 1 : 0;
} finally {
  keys.cleanup();
}
