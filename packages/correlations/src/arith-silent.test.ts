import { describe, expect, it } from "vitest";
import { memoryPair } from "@petace/network";
import { type FerretParamSets, OtSession, SilentOtSession } from "@petace/ot";
import { SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { arithTriplesFromCot } from "./arith.js";
import { gilboaCrossCot } from "./gilboa-cot.js";
import { OtCorrelationProvider } from "./ot-provider.js";
import type { ArithTriples } from "./provider.js";

/** Small Ferret sets: fast, and NO security (tests only). */
const P: FerretParamSets = {
  main: { n: 1 << 15, k: 2048, t: 64, h: 9 },
  pre: { n: 4096, k: 512, t: 16, h: 8 },
};

const M = (1n << 64n) - 1n;

/** Index of the first i where c0 + c1 ≠ (a0 + a1)(b0 + b1) mod 2^64, or -1. */
function firstBadTriple(t0: ArithTriples, t1: ArithTriples, n: number): number {
  for (let i = 0; i < n; i++) {
    const a = t0.a[i]! + t1.a[i]!;
    const b = t0.b[i]! + t1.b[i]!;
    if (((t0.c[i]! + t1.c[i]!) & M) !== ((a * b) & M)) return i;
  }
  return -1;
}

describe("arithmetic triples on silent OT (Ferret, small insecure test parameters)", () => {
  it("Gilboa on any COT session: cross terms sum to x0·y1 + x1·y0, on IKNP and on silent OT", async () => {
    const rng = new SeededRandom(testSeed());
    const n = 2000;
    const [x0, y0, x1, y1] = [rng.ring(n), rng.ring(n), rng.ring(n), rng.ring(n)];
    x0[0] = M;
    y1[0] = M;
    for (const make of [
      (c: Parameters<typeof OtSession.create>[0]) => OtSession.create(c),
      (c: Parameters<typeof OtSession.create>[0]) => SilentOtSession.create(c, { params: P }),
    ]) {
      const [c0, c1] = memoryPair();
      const [s0, s1] = await Promise.all([make(c0), make(c1)]);
      const [z0, z1] = await Promise.all([gilboaCrossCot(s0, x0, y0), gilboaCrossCot(s1, x1, y1)]);
      for (let i = 0; i < n; i++) {
        if (((z0[i]! + z1[i]!) & M) !== ((x0[i]! * y1[i]! + x1[i]! * y0[i]!) & M)) throw new Error(`cross term ${i} is wrong`);
      }
    }
  });

  it("triples from SilentOtSession satisfy c0 + c1 = (a0 + a1)(b0 + b1), across many Ferret iterations", async () => {
    const [c0, c1] = memoryPair();
    const [s0, s1] = await Promise.all([SilentOtSession.create(c0, { params: P }), SilentOtSession.create(c1, { params: P })]);
    const n = 4000;
    const [t0, t1] = await Promise.all([arithTriplesFromCot(s0, n), arithTriplesFromCot(s1, n)]);
    expect(firstBadTriple(t0, t1, n)).toBe(-1);
    expect(s0.counts.sendIterations).toBeGreaterThan(5);
    // Per party: 260 bytes of corrections and 64 bits of derandomization per triple, plus the Ferret messages.
    expect(c0.stats.bytesSent).toBeLessThan(n * (260 + 8) + s0.counts.sendIterations * 64 * (32 * 9 + 16) + 200_000);
  });

  it('OtCorrelationProvider with ot: "silent" serves valid triples (and boolean triples, on the same silent session)', async () => {
    const [c0, c1] = memoryPair();
    const [p0, p1] = await Promise.all([
      OtCorrelationProvider.create(c0, 0, { ot: "silent", silentParams: P, batch: { arith: 1000 } }),
      OtCorrelationProvider.create(c1, 1, { ot: "silent", silentParams: P, batch: { arith: 1000 } }),
    ]);
    const n = 2500;
    const [t0, t1] = await Promise.all([p0.arithTriples(n), p1.arithTriples(n)]);
    expect(firstBadTriple(t0, t1, n)).toBe(-1);
    const [b0, b1] = await Promise.all([p0.boolTriples(64), p1.boolTriples(64)]);
    for (let i = 0; i < 8; i++) expect((b0.a[i]! ^ b1.a[i]!) & (b0.b[i]! ^ b1.b[i]!)).toBe(b0.c[i]! ^ b1.c[i]!);
  });

  it("a provider asking for silent OT against a default one fails with a clear error", async () => {
    const [c0, c1] = memoryPair();
    const [r0] = await Promise.allSettled([
      OtCorrelationProvider.create(c0, 0, { ot: "silent", silentParams: P }),
      OtCorrelationProvider.create(c1, 1),
    ]);
    expect(r0.status).toBe("rejected");
    expect(String((r0 as PromiseRejectedResult).reason)).toMatch(/"silent" OT extension/);
  });
});
