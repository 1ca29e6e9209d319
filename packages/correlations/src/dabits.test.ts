import { describe, expect, it } from "vitest";
import { memoryPair } from "@petace/network";
import { OtSession } from "@petace/ot";
import { daBitsFromOt } from "./dabits.js";

const M64 = (1n << 64n) - 1n;
const bit = (a: Uint8Array, i: number) => (a[i >>> 3]! >>> (i & 7)) & 1;

describe("daBits from correlated OT", async () => {
  const [c0, c1] = memoryPair();
  const [s0, s1] = await Promise.all([OtSession.create(c0), OtSession.create(c1)]);

  it("bits0 ⊕ bits1 = arith0 + arith1 ∈ {0,1}; balanced; 12 bytes per daBit per party", async () => {
    const n = 4096;
    const b0 = c0.stats.bytesSent;
    const b1 = c1.stats.bytesSent;
    const [d0, d1] = await Promise.all([daBitsFromOt(s0, n), daBitsFromOt(s1, n)]);
    let ones = 0;
    for (let i = 0; i < n; i++) {
      const r = bit(d0.bits, i) ^ bit(d1.bits, i);
      ones += r;
      expect((d0.arith[i]! + d1.arith[i]!) & M64).toBe(BigInt(r));
    }
    expect(Math.abs(ones / n - 0.5)).toBeLessThan(0.05);
    expect(c0.stats.bytesSent - b0).toBe(12 * n);
    expect(c1.stats.bytesSent - b1).toBe(12 * n);
    // a corrupted arithmetic share is caught
    d1.arith[0] = BigInt.asUintN(64, d1.arith[0]! + 2n);
    expect((d0.arith[0]! + d1.arith[0]!) & M64).not.toBe(BigInt(bit(d0.bits, 0) ^ bit(d1.bits, 0)));
  });

  it("past two extension steps' worth (2·maxBatch) daBits are made in several steps, and still right", async () => {
    const [d0, d1] = memoryPair();
    const [p0, p1] = await Promise.all([OtSession.create(d0, { maxBatch: 1024 }), OtSession.create(d1, { maxBatch: 1024 })]);
    const n = 2048 * 2 + 512;
    const [e0, e1] = await Promise.all([daBitsFromOt(p0, n), daBitsFromOt(p1, n)]);
    expect(e0.bits.length).toBe(n / 8);
    for (let i = 0; i < n; i++) expect((e0.arith[i]! + e1.arith[i]!) & M64).toBe(BigInt(bit(e0.bits, i) ^ bit(e1.bits, i)));
  });

  it("rejects n that is not a multiple of 256", async () => {
    await expect(daBitsFromOt(s0, 100)).rejects.toThrow(/daBitsFromOt/);
  });
});
