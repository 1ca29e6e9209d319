import { describe, expect, it } from "vitest";
import { memoryPair } from "@petace/network";
import { OtCorrelationProvider } from "./ot-provider.js";
import { ARITH_TRIPLE_BYTES } from "./arith.js";
import { BOOL_TRIPLE_BYTES } from "./bool.js";

const M64 = (1n << 64n) - 1n;
const bit = (a: Uint8Array, i: number) => (a[i >>> 3]! >>> (i & 7)) & 1;

describe("OtCorrelationProvider", async () => {
  const [c0, c1] = memoryPair();
  const batch = { arith: 256, bool: 512, daBits: 256, randomOts: 4096 };
  const [p0, p1] = await Promise.all([OtCorrelationProvider.create(c0, 0, { batch }), OtCorrelationProvider.create(c1, 1, { batch })]);
  const sizes = [1, 100, 255, 256, 257, 7, 600, 0, 33];

  it("arith: valid, and no triple handed out twice across many refills", async () => {
    const seen = new Set<bigint>();
    for (let r = 0; r < 3; r++)
      for (const n of sizes) {
        const [t0, t1] = await Promise.all([p0.arithTriples(n), p1.arithTriples(n)]);
        expect(t0.a.length).toBe(n);
        for (let i = 0; i < n; i++) {
          const a = (t0.a[i]! + t1.a[i]!) & M64,
            b = (t0.b[i]! + t1.b[i]!) & M64;
          expect((t0.c[i]! + t1.c[i]!) & M64).toBe((a * b) & M64);
          expect(seen.has(t0.a[i]!)).toBe(false); // 64-bit random shares: a repeat means reuse
          seen.add(t0.a[i]!);
        }
      }
    const s = p0.stats.arith;
    expect(s.consumed).toBe(3 * sizes.reduce((x, y) => x + y, 0));
    expect(s.produced - s.consumed).toBe(s.available);
  });

  it("bool: valid across refills; each take consumes whole bytes and never more than produced", async () => {
    for (let r = 0; r < 3; r++)
      for (const n of sizes) {
        const before = p0.stats.bool.consumed;
        const [t0, t1] = await Promise.all([p0.boolTriples(n), p1.boolTriples(n)]);
        expect(t0.a.length).toBe((n + 7) >>> 3);
        for (let i = 0; i < n; i++) {
          const a = bit(t0.a, i) ^ bit(t1.a, i),
            b = bit(t0.b, i) ^ bit(t1.b, i);
          expect(bit(t0.c, i) ^ bit(t1.c, i)).toBe(a & b);
        }
        expect(p0.stats.bool.consumed - before).toBe((n + 7) & ~7);
      }
    expect(p0.stats.bool.consumed).toBeLessThanOrEqual(p0.stats.bool.produced);
  });

  it("daBits: bits and arithmetic shares agree, none repeated", async () => {
    const seen = new Set<bigint>();
    for (const n of sizes) {
      const [d0, d1] = await Promise.all([p0.daBits(n), p1.daBits(n)]);
      for (let i = 0; i < n; i++) {
        const r = bit(d0.bits, i) ^ bit(d1.bits, i);
        expect((d0.arith[i]! + d1.arith[i]!) & M64).toBe(BigInt(r));
        expect(seen.has(d0.arith[i]!)).toBe(false);
        seen.add(d0.arith[i]!);
      }
    }
  });

  it("random OTs both ways: the peer receives m_c for its choice c, across refills, none repeated", async () => {
    const seen = new Set<string>();
    for (const n of [1, 100, 5000, 7, 300_000]) {
      const [r0, r1] = await Promise.all([p0.randomOts(n), p1.randomOts(n)]);
      for (const [s, r] of [
        [r0, r1],
        [r1, r0],
      ] as const) {
        for (let j = 0; j < n; j++) {
          const want = (bit(r.choices, j) ? s.m1 : s.m0).subarray(16 * j, 16 * j + 16);
          const got = r.received.subarray(16 * j, 16 * j + 16);
          if (Buffer.compare(want, got) !== 0) throw new Error(`OT ${j} of ${n} is wrong`);
        }
      }
      for (let j = 0; j < Math.min(n, 2000); j++) {
        const k = Buffer.from(r0.m0.subarray(16 * j, 16 * j + 16)).toString("hex");
        expect(seen.has(k)).toBe(false);
        seen.add(k);
      }
    }
  });

  it("matrix triples through the provider; concurrent calls stay in call order", async () => {
    const [[m0, a0], [m1, a1]] = await Promise.all([
      Promise.all([p0.matrixTriple(2, 3, 4), p0.arithTriples(10)]),
      Promise.all([p1.matrixTriple(2, 3, 4), p1.arithTriples(10)]),
    ]);
    for (let r = 0; r < 2; r++)
      for (let c = 0; c < 4; c++) {
        let want = 0n;
        for (let l = 0; l < 3; l++) want += (m0.a[r * 3 + l]! + m1.a[r * 3 + l]!) * (m0.b[l * 4 + c]! + m1.b[l * 4 + c]!);
        expect((m0.c[r * 4 + c]! + m1.c[r * 4 + c]!) & M64).toBe(want & M64);
      }
    expect((a0.c[0]! + a1.c[0]!) & M64).toBe(((a0.a[0]! + a1.a[0]!) * (a0.b[0]! + a1.b[0]!)) & M64);
  });

  it("reserve pre-generates in one batch; the bytes match the per-triple cost", async () => {
    const b0 = c0.stats.bytesSent;
    const m0 = c0.stats.messagesSent;
    await Promise.all([p0.reserve({ arith: 4096, bool: 1 << 16 }), p1.reserve({ arith: 4096, bool: 1 << 16 })]);
    const arithMade = p0.stats.arith.available;
    expect(arithMade).toBeGreaterThanOrEqual(4096);
    expect(c0.stats.messagesSent - m0).toBe(2 * 4 + 1); // arith: u + corrections per chunk of 1024 triples; bool: u
    const boolMade = p0.stats.bool.available;
    expect(boolMade).toBeGreaterThanOrEqual(1 << 16);
    const bytes = c0.stats.bytesSent - b0;
    const m1 = c0.stats.messagesSent;
    await Promise.all([p0.arithTriples(4096), p1.arithTriples(4096), p0.boolTriples(1 << 16), p1.boolTriples(1 << 16)]);
    expect(c0.stats.messagesSent).toBe(m1); // served from the pools
    // bytes of what was made (padding to 128 OTs aside)
    expect(bytes).toBeGreaterThanOrEqual(ARITH_TRIPLE_BYTES * 4096 + BOOL_TRIPLE_BYTES * (1 << 16));
    expect(bytes).toBeLessThan(ARITH_TRIPLE_BYTES * (arithMade + 256) + BOOL_TRIPLE_BYTES * (boolMade + 256));
  });

  it("validates its arguments", async () => {
    await expect(p0.arithTriples(-1)).rejects.toThrow(RangeError);
    await expect(p0.boolTriples(1.5)).rejects.toThrow(/OtCorrelationProvider.boolTriples/);
    await expect(OtCorrelationProvider.create(c0, 1)).rejects.toThrow(/does not match/);
    await expect(OtCorrelationProvider.create(c0, 0, { batch: { arith: 0 } })).rejects.toThrow(/batch.arith/);
  });
});
