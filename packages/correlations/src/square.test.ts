import { memoryPair } from "@petace/network";
import { OtSession } from "@petace/ot";
import { SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { describe, expect, it } from "vitest";
import { ARITH_TRIPLE_BYTES } from "./arith.js";
import { gilboaOneWay } from "./gilboa.js";
import { SQUARE_PAIR_BYTES, squarePairsFromOt } from "./square.js";

const M64 = (1n << 64n) - 1n;

describe("square pairs from one Gilboa direction", async () => {
  const [c0, c1] = memoryPair();
  const [s0, s1] = await Promise.all([OtSession.create(c0), OtSession.create(c1)]);

  it("one-way products: each party's sent and received shares pair with the peer's opposite ones", async () => {
    const rng = new SeededRandom(testSeed());
    const n = 1500; // two chunks
    const [x0, y0, x1, y1] = [rng.ring(n), rng.ring(n), rng.ring(n), rng.ring(n)];
    x0[0] = M64;
    y1[0] = M64;
    const [r0, r1] = await Promise.all([gilboaOneWay(s0, x0, y0), gilboaOneWay(s1, x1, y1)]);
    for (let i = 0; i < n; i++) {
      expect((r0.sent[i]! + r1.received[i]!) & M64).toBe((x0[i]! * y1[i]!) & M64);
      expect((r1.sent[i]! + r0.received[i]!) & M64).toBe((x1[i]! * y0[i]!) & M64);
    }
  });

  it("c = a² for every pair, odd counts and across chunks", async () => {
    for (const n of [1, 3, 2051]) {
      const [p0, p1] = await Promise.all([squarePairsFromOt(s0, n), squarePairsFromOt(s1, n)]);
      expect([p0.a.length, p0.c.length, p1.a.length]).toEqual([n, n, n]);
      for (let i = 0; i < n; i++) {
        const a = (p0.a[i]! + p1.a[i]!) & M64;
        expect((p0.c[i]! + p1.c[i]!) & M64).toBe((a * a) & M64);
      }
    }
  });

  it("sends half a triple's bytes per pair, the same for both parties", async () => {
    const n = 2048;
    const before = [c0.stats.bytesSent, c1.stats.bytesSent];
    await Promise.all([squarePairsFromOt(s0, n), squarePairsFromOt(s1, n)]);
    expect(c0.stats.bytesSent - before[0]!).toBe(SQUARE_PAIR_BYTES * n);
    expect(c1.stats.bytesSent - before[1]!).toBe(SQUARE_PAIR_BYTES * n);
    expect(2 * SQUARE_PAIR_BYTES).toBe(ARITH_TRIPLE_BYTES);
  });
});
