import { ARITH_TRIPLE_BYTES, OtCorrelationProvider, SQUARE_PAIR_BYTES } from "@petace/correlations";
import { memoryPair, type Channel } from "@petace/network";
import { SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { describe, expect, it } from "vitest";
import { runPair, type ProviderFactory } from "../../test/pair.js";
import { mulRaw } from "./mul.js";
import { mulSquareRaw, squareRaw } from "./square.js";

const M64 = (1n << 64n) - 1n;
const N = 1024;

/** The OT provider on channels of its own, whose counters the test reads. */
function countedOt(): { factory: ProviderFactory; channels: [Channel, Channel] } {
  const [a, b] = memoryPair();
  const factory: ProviderFactory = (ch) =>
    OtCorrelationProvider.create(ch.party === 0 ? a : b, ch.party, { batch: { arith: N, squares: N } });
  return { factory, channels: [a, b] };
}

describe("squares with square pairs", () => {
  const rng = new SeededRandom(testSeed());
  const x = rng.ring(N);
  x[0] = 0n;
  x[1] = M64;

  it("x² and a batched x·y with s² match the plaintext, with the dealer", async () => {
    const y = rng.ring(N);
    const [p0, p1] = await runPair(async (k, ctx) => {
      const xs = await k.input(0, k.party === 0 ? x : null, N);
      const ys = await k.input(1, k.party === 1 ? y : null, N);
      return [await k.reveal(await squareRaw(ctx, xs)), await k.reveal(await mulSquareRaw(ctx, xs, ys, ys))];
    });
    const [sq, both] = p0.result;
    expect(p1.result[0]).toEqual(sq);
    for (let i = 0; i < N; i++) {
      expect(sq![i]).toBe((x[i]! * x[i]!) & M64);
      expect(both![i]).toBe((x[i]! * y[i]!) & M64);
      expect(both![N + i]).toBe((y[i]! * y[i]!) & M64);
    }
  });

  it("cost half a Beaver square per party, offline and online (OT-made correlations)", async () => {
    const ot = countedOt();
    const [p0, p1] = await runPair(
      async (k, ctx) => {
        const xs = await k.input(0, k.party === 0 ? x : null, N);
        const own = ot.channels[ctx.party];
        const measure = async (how: "pair" | "beaver") => {
          const online = ctx.channel.stats.bytesSent,
            offline = own.stats.bytesSent;
          const t0 = performance.now(); // the correlations are made on demand, inside the call
          const z = how === "pair" ? await squareRaw(ctx, xs) : await mulRaw(ctx, xs, xs);
          const ms = performance.now() - t0;
          const sent = { online: ctx.channel.stats.bytesSent - online, offline: own.stats.bytesSent - offline, ms };
          const open = await k.reveal(z);
          for (let i = 0; i < N; i++) expect(open[i]).toBe((x[i]! * x[i]!) & M64);
          return sent;
        };
        // Each twice, the second measured (the first warms the JIT).
        await measure("pair");
        await measure("beaver");
        return { pair: await measure("pair"), beaver: await measure("beaver") };
      },
      { provider: ot.factory },
    );
    const both = (how: "pair" | "beaver") => ({
      online: [p0.result[how].online, p1.result[how].online],
      offline: [p0.result[how].offline, p1.result[how].offline],
      ms: Math.max(p0.result[how].ms, p1.result[how].ms),
    });
    const pair = both("pair"),
      beaver = both("beaver");
    expect(pair.online).toEqual([8 * N, 8 * N]);
    expect(beaver.online).toEqual([16 * N, 16 * N]);
    expect(pair.offline).toEqual([SQUARE_PAIR_BYTES * N, SQUARE_PAIR_BYTES * N]);
    expect(beaver.offline).toEqual([ARITH_TRIPLE_BYTES * N, ARITH_TRIPLE_BYTES * N]);
    const perSquare = (m: { online: number[]; offline: number[] }) => (m.online[0]! + m.offline[0]!) / N;
    console.log(
      `bytes per square per party: square pair ${perSquare(pair)} (${pair.ms.toFixed(0)} ms for ${N}), ` +
        `Beaver ${perSquare(beaver)} (${beaver.ms.toFixed(0)} ms)`,
    );
  });
});
