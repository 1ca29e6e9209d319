import { describe, expect, it } from "vitest";
import { memoryPair, ProtocolMismatchError } from "@petace/network";
import { OtSession } from "@petace/ot";
import { SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { gilboaCross } from "./gilboa.js";
import { arithTriplesFromOt, ARITH_TRIPLE_BYTES } from "./arith.js";

const M64 = (1n << 64n) - 1n;

describe("Gilboa products and arithmetic triples over Z_2^64", async () => {
  const [c0, c1] = memoryPair();
  const [s0, s1] = await Promise.all([OtSession.create(c0), OtSession.create(c1)]);

  it("cross terms sum to x0·y1 + x1·y0 for edge operands (0, 1, 2^63, 2^64−1, …)", async () => {
    const edge = [
      0n,
      1n,
      2n,
      (1n << 63n) - 1n,
      1n << 63n,
      (1n << 63n) + 1n,
      M64 - 1n,
      M64,
      0x8000000000000001n,
      0x5555555555555555n,
      0xaaaaaaaaaaaaaaaan,
    ];
    const rng = new SeededRandom(testSeed());
    const n = edge.length * edge.length + 5;
    const [x0, y0, x1, y1] = [rng.ring(n), rng.ring(n), rng.ring(n), rng.ring(n)];
    for (let i = 0; i < edge.length; i++)
      for (let j = 0; j < edge.length; j++) {
        const k = i * edge.length + j;
        x0[k] = edge[i]!;
        y1[k] = edge[j]!;
        x1[k] = edge[j]!;
        y0[k] = edge[i]!;
      }
    const [z0, z1] = await Promise.all([gilboaCross(s0, x0, y0), gilboaCross(s1, x1, y1)]);
    for (let k = 0; k < n; k++) {
      expect((z0[k]! + z1[k]!) & M64).toBe((x0[k]! * y1[k]! + x1[k]! * y0[k]!) & M64);
    }
  });

  it("c = a·b for every triple across chunk boundaries; shares look uniform", async () => {
    const n = 9001; // nine chunks of 1024 (deeper than the pipeline's lookahead), the last one partial
    const [t0, t1] = await Promise.all([arithTriplesFromOt(s0, n), arithTriplesFromOt(s1, n)]);
    const ones = new Float64Array(64 * 3);
    for (let i = 0; i < n; i++) {
      const a = (t0.a[i]! + t1.a[i]!) & M64;
      const b = (t0.b[i]! + t1.b[i]!) & M64;
      if (((t0.c[i]! + t1.c[i]!) & M64) !== ((a * b) & M64)) throw new Error(`triple ${i} is wrong`);
      [t0.a[i]!, t0.b[i]!, t0.c[i]!].forEach((v, w) => {
        for (let k = 0; k < 64; k++) ones[64 * w + k]! += Number((v >> BigInt(k)) & 1n);
      });
    }
    // Every bit of every share is 1 about half the time (σ ≈ 0.005; 0.03 is 6σ).
    for (const o of ones) expect(Math.abs(o / n - 0.5)).toBeLessThan(0.03);
  });

  it("c = a·b at every pipeline depth: fewer chunks than the lookahead, exactly as many, one more", async () => {
    for (const n of [1, 2048, 4096, 5121]) {
      const [t0, t1] = await Promise.all([arithTriplesFromOt(s0, n), arithTriplesFromOt(s1, n)]);
      for (let i = 0; i < n; i++) {
        const a = (t0.a[i]! + t1.a[i]!) & M64;
        const b = (t0.b[i]! + t1.b[i]!) & M64;
        if (((t0.c[i]! + t1.c[i]!) & M64) !== ((a * b) & M64)) throw new Error(`n = ${n}: triple ${i} is wrong`);
      }
    }
  });

  it("a peer on the lockstep message order of before (unversioned tags) fails on its first message", async () => {
    const [d0, d1] = memoryPair();
    const [e0] = await Promise.all([OtSession.create(d0), OtSession.create(d1)]);
    // What such a peer sends first: its u of chunk 0 under the old tag.
    d1.send(e0.msgTag("arith-u", 0), new Uint8Array(64 * 1024 * 16));
    const err = await arithTriplesFromOt(e0, 2048).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProtocolMismatchError);
    expect(String(err)).toContain("arith-u.v2");
  });

  it("a wrong share is caught (the check can fail)", async () => {
    const [t0, t1] = await Promise.all([arithTriplesFromOt(s0, 10), arithTriplesFromOt(s1, 10)]);
    t1.c[3] = BigInt.asUintN(64, t1.c[3]! + (1n << 40n));
    const ok = (i: number) => ((t0.c[i]! + t1.c[i]!) & M64) === (((t0.a[i]! + t1.a[i]!) * (t0.b[i]! + t1.b[i]!)) & M64);
    expect(ok(2)).toBe(true);
    expect(ok(3)).toBe(false);
  });

  it("sends 64 COTs (1024 bytes) + 2080 bits (260 bytes) per triple per party, in 2 messages per chunk of 1024", async () => {
    const n = 1024;
    const before = [c0.stats.bytesSent, c1.stats.bytesSent, c0.stats.messagesSent];
    await Promise.all([arithTriplesFromOt(s0, n), arithTriplesFromOt(s1, n)]);
    expect(c0.stats.bytesSent - before[0]!).toBe(ARITH_TRIPLE_BYTES * n);
    expect(c1.stats.bytesSent - before[1]!).toBe(ARITH_TRIPLE_BYTES * n);
    expect(c0.stats.messagesSent - before[2]!).toBe(2);
  });
});
