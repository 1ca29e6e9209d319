/**
 * Operators as a user's program sees them: through the public API (`snp.use(vm)` in `runLocal`,
 * both parties in one process on one thread, dealer-free correlations made by OT), timed from the
 * call to the evaluated result, offline and online together. The first call of each operator in
 * this fresh process (JIT, correlation pools starting empty) is recorded apart from the median of
 * the two calls after it.
 * Run alone: `npx tsx --conditions=source packages/securenumpy/bench/api.bench.ts`.
 */
import { quick, record } from "@petace/bench";
import { runLocal } from "@petace/duet";
import { SeededRandom, tuneGcForMpc } from "@petace/primitives";
import * as snp from "../src/index.js";
import type { SecureArray } from "../src/index.js";

tuneGcForMpc();

interface Case {
  name: string;
  n: number;
  run: (np: snp.Namespace, x: SecureArray, y: SecureArray) => SecureArray;
  /** Input range (the nonlinear routines' documented range). */
  scale: number;
}

const big = quick ? 1 << 12 : 1 << 16;
const small = quick ? 1 << 10 : 1 << 14;
const cases: Case[] = [
  { name: "mul", n: big, run: (_np, x, y) => x.mul(y), scale: 100 },
  { name: "less", n: big, run: (_np, x, y) => x.lt(y), scale: 100 },
  { name: "exp", n: small, run: (np, x) => np.exp(x), scale: 8 },
  { name: "sigmoid", n: small, run: (np, x) => np.sigmoid(x), scale: 8 },
  { name: "divide", n: small, run: (_np, x, y) => x.div(y.add(200)), scale: 100 },
];

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

await runLocal(
  async (vm, party) => {
    const np = snp.use(vm);
    for (const c of cases) {
      const rng = new SeededRandom(c.n);
      const data = (owner: number) => (party === owner ? Array.from({ length: c.n }, () => (rng.float() * 2 - 1) * c.scale) : null);
      const x = await np.array(data(0), 0);
      const y = await np.array(data(1), 1);
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        await c.run(np, x, y).evaluate();
        times.push(performance.now() - t0);
      }
      if (party !== 0) continue;
      const where = "public API, runLocal: both parties in one process on one thread, dealer-free (OT), offline + online";
      record({
        metric: `securenumpy.${c.name}_first_call_per_s`,
        value: c.n / (times[0]! / 1e3),
        unit: "elem/s",
        size: c.n,
        note: `first call in a fresh process; ${where}`,
      });
      record({
        metric: `securenumpy.${c.name}_per_s`,
        value: c.n / (median(times.slice(1)) / 1e3),
        unit: "elem/s",
        size: c.n,
        note: `median of calls 2–3; ${where}`,
      });
    }
  },
  { timeoutMs: 600_000 },
);
