import { describe, expect, it } from "vitest";
import { memoryPair } from "@petace/network";
import { OtSession } from "@petace/ot";
import { boolTriplesFromOt, BOOL_TRIPLE_BYTES } from "./bool.js";

const bit = (a: Uint8Array, i: number) => (a[i >>> 3]! >>> (i & 7)) & 1;

describe("boolean AND triples from random OT", async () => {
  const [c0, c1] = memoryPair();
  const [s0, s1] = await Promise.all([OtSession.create(c0), OtSession.create(c1)]);

  it("c = a AND b for every triple; shares look uniform", async () => {
    for (const n of [1, 9, 1000, 100_003]) {
      const [t0, t1] = await Promise.all([boolTriplesFromOt(s0, n), boolTriplesFromOt(s1, n)]);
      expect(t0.a.length).toBe((n + 7) >>> 3);
      const ones = [0, 0, 0, 0, 0, 0];
      const arrs = [t0.a, t0.b, t0.c, t1.a, t1.b, t1.c];
      for (let i = 0; i < n; i++) {
        const a = bit(t0.a, i) ^ bit(t1.a, i);
        const b = bit(t0.b, i) ^ bit(t1.b, i);
        if ((bit(t0.c, i) ^ bit(t1.c, i)) !== (a & b)) throw new Error(`triple ${i} of ${n} is wrong`);
        for (const [w, x] of arrs.entries()) ones[w]! += bit(x, i);
      }
      if (n > 10_000) for (const o of ones) expect(Math.abs(o / n - 0.5)).toBeLessThan(0.01);
      if (n & 7) for (const x of arrs) expect(x[x.length - 1]! >>> (n & 7)).toBe(0);
    }
  });

  it("past one extension step (a session's maxBatch) the triples are made in several steps, and still right", async () => {
    const [d0, d1] = memoryPair();
    const [p0, p1] = await Promise.all([OtSession.create(d0, { maxBatch: 1024 }), OtSession.create(d1, { maxBatch: 1024 })]);
    const n = 3000;
    const before = d0.stats.messagesSent;
    const [t0, t1] = await Promise.all([boolTriplesFromOt(p0, n), boolTriplesFromOt(p1, n)]);
    expect(d0.stats.messagesSent - before).toBe(3); // one u message per step: 1024 + 1024 + 952
    expect(t0.c.length).toBe(375);
    for (let i = 0; i < n; i++) {
      const a = bit(t0.a, i) ^ bit(t1.a, i);
      const b = bit(t0.b, i) ^ bit(t1.b, i);
      if ((bit(t0.c, i) ^ bit(t1.c, i)) !== (a & b)) throw new Error(`triple ${i} of ${n} is wrong`);
    }
  });

  it("a flipped share bit is caught (the check can fail)", async () => {
    const [t0, t1] = await Promise.all([boolTriplesFromOt(s0, 64), boolTriplesFromOt(s1, 64)]);
    const ok = (i: number) => (bit(t0.c, i) ^ bit(t1.c, i)) === ((bit(t0.a, i) ^ bit(t1.a, i)) & (bit(t0.b, i) ^ bit(t1.b, i)));
    expect(ok(5)).toBe(true);
    t0.c[0]! ^= 1 << 5;
    expect(ok(5)).toBe(false);
  });

  it("sends 16 bytes per triple per party in one message (one round)", async () => {
    const n = 1 << 16;
    const before = [c0.stats.bytesSent, c1.stats.bytesSent, c0.stats.messagesSent, c0.stats.rounds];
    await Promise.all([boolTriplesFromOt(s0, n), boolTriplesFromOt(s1, n)]);
    expect(c0.stats.bytesSent - before[0]!).toBe(BOOL_TRIPLE_BYTES * n);
    expect(c1.stats.bytesSent - before[1]!).toBe(BOOL_TRIPLE_BYTES * n);
    expect(c0.stats.messagesSent - before[2]!).toBe(1);
    expect(c0.stats.rounds - before[3]!).toBe(1);
  });
});
