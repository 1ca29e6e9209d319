/**
 * A training-style loop of 1000 iterations on SecureArrays holds memory flat: each iteration's
 * graph is evaluated and released. Heap plus typed-array memory after forced collections
 * (--expose-gc, set in vitest.config.ts).
 */
import { describe, expect, it } from "vitest";
import { both } from "../test/util.js";

const gc = (globalThis as { gc?: () => void }).gc;
const used = (): number => {
  gc!();
  gc!();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

describe("memory", () => {
  it("1000 gradient steps of a linear model keep memory flat", { timeout: 20_000 }, async () => {
    expect(gc, "run with --expose-gc").toBeTypeOf("function");
    const m = 256;
    const X = Array.from({ length: m }, (_, i) => [1, ((i % 17) - 8) / 8]);
    const y = X.map(([a, b]) => 0.5 * a! + 2 * b!);
    const [r] = await both(async (np, party) => {
      const x = await np.array(party === 0 ? X : null, 0);
      const t = await np.array(party === 1 ? y : null, 1);
      let w = await np.array(party === 0 ? [0, 0] : null, 0);
      const step = () => {
        const grad = x.T.matmul(x.matmul(w).sub(t)).mul(1 / m);
        w = w.sub(grad.mul(0.5));
      };
      for (let i = 0; i < 100; i++) {
        step();
        await w.evaluate();
      }
      const before = party === 0 ? used() : 0;
      for (let i = 0; i < 1000; i++) {
        step();
        await w.evaluate();
      }
      const after = party === 0 ? used() : 0;
      return { grown: after - before, w: (await w.reveal()).tolist() as number[] };
    });
    // Keeping each iteration's ~10 nodes (m-element values, 2 KiB each) would add > 20 MB.
    expect(r.grown).toBeLessThan(4_000_000);
    expect(r.w[0]).toBeCloseTo(0.5, 2);
    expect(r.w[1]).toBeCloseTo(2, 2);
  });
});
