/**
 * The contract every CorrelationProvider must meet, run for each source: every kind of
 * correlation is correct when the two parties' shares are combined, at sizes around refill and word
 * boundaries, and none is handed out twice (random 64-bit or 128-bit shares repeat only if reused).
 * Kind-specific behaviour (pools, batch sizes, bytes) is tested beside each provider.
 */
import { memoryPair, type Channel, type PartyId } from "@petace/network";
import type { FerretParamSets } from "@petace/ot";
import { ringMatmul } from "@petace/primitives";
import { describe, expect, it } from "vitest";
import { insecureDealer, otCorrelations, type CorrelationProvider, type CorrelationSource } from "../src/index.js";

const M64 = (1n << 64n) - 1n;
const bit = (a: Uint8Array, i: number): number => (a[i >>> 3]! >>> (i & 7)) & 1;
const SIZES = [1, 7, 33, 255, 256, 257, 600, 0];
/** Small Ferret sets (several iterations per test, NO security: tests only). */
const TEST_FERRET: FerretParamSets = {
  main: { n: 1 << 15, k: 2048, t: 64, h: 9 },
  pre: { n: 4096, k: 512, t: 16, h: 8 },
};

const SOURCES: { name: string; source: CorrelationSource }[] = [
  // Small batches, so the sizes above cross several refills.
  {
    name: "OT-made (otCorrelations)",
    source: otCorrelations({ batch: { arith: 256, bool: 512, daBits: 256, randomOts: 512, squares: 256 } }),
  },
  {
    name: "silent-OT-made (otCorrelations, ot: silent, small insecure Ferret sets)",
    source: otCorrelations({
      ot: "silent",
      silentParams: TEST_FERRET,
      batch: { arith: 256, bool: 512, daBits: 256, randomOts: 512, squares: 256 },
    }),
  },
  { name: "the insecure dealer", source: insecureDealer },
];

async function pair(source: CorrelationSource): Promise<[CorrelationProvider, CorrelationProvider]> {
  const [c0, c1] = memoryPair();
  const make = (ch: Channel, party: PartyId) => source.create(ch, party);
  return Promise.all([make(c0, 0), make(c1, 1)]);
}

describe.each(SOURCES)("provider compliance: $name", async ({ source }) => {
  const [p0, p1] = await pair(source);

  it("has the source's kind", () => {
    expect(p0.kind).toBe(source.kind);
    expect(p1.kind).toBe(source.kind);
  });

  it("arithmetic triples: c = a·b mod 2^64, none twice", async () => {
    const seen = new Set<bigint>();
    for (const n of SIZES) {
      const [t0, t1] = await Promise.all([p0.arithTriples(n), p1.arithTriples(n)]);
      expect([t0.a.length, t0.b.length, t0.c.length]).toEqual([n, n, n]);
      for (let i = 0; i < n; i++) {
        const a = (t0.a[i]! + t1.a[i]!) & M64,
          b = (t0.b[i]! + t1.b[i]!) & M64;
        expect((t0.c[i]! + t1.c[i]!) & M64).toBe((a * b) & M64);
        expect(seen.has(t0.a[i]!)).toBe(false);
        seen.add(t0.a[i]!);
      }
    }
  });

  it("square pairs: c = a² mod 2^64, none twice", async () => {
    if (!p0.squarePairs || !p1.squarePairs) return; // optional member: squares are Beaver products without it
    const seen = new Set<bigint>();
    for (const n of SIZES) {
      const [s0, s1] = await Promise.all([p0.squarePairs(n), p1.squarePairs(n)]);
      expect([s0.a.length, s0.c.length]).toEqual([n, n]);
      for (let i = 0; i < n; i++) {
        const a = (s0.a[i]! + s1.a[i]!) & M64;
        expect((s0.c[i]! + s1.c[i]!) & M64).toBe((a * a) & M64);
        expect(seen.has(s0.a[i]!)).toBe(false);
        seen.add(s0.a[i]!);
      }
    }
  });

  it("AND triples: c = a ∧ b on packed bits", async () => {
    for (const n of SIZES) {
      const [t0, t1] = await Promise.all([p0.boolTriples(n), p1.boolTriples(n)]);
      expect(t0.a.length).toBeGreaterThanOrEqual((n + 7) >>> 3);
      for (let i = 0; i < n; i++) {
        const a = bit(t0.a, i) ^ bit(t1.a, i),
          b = bit(t0.b, i) ^ bit(t1.b, i);
        expect(bit(t0.c, i) ^ bit(t1.c, i)).toBe(a & b);
      }
    }
  });

  it("matrix triples: C = A·B for odd and degenerate shapes", async () => {
    for (const [m, k, n] of [
      [3, 5, 2],
      [1, 1, 1],
      [4, 1, 7],
    ] as const) {
      const [t0, t1] = await Promise.all([p0.matrixTriple(m, k, n), p1.matrixTriple(m, k, n)]);
      const add = (x: BigUint64Array, y: BigUint64Array) => x.map((v, i) => (v + y[i]!) & M64);
      const a = add(t0.a, t1.a),
        b = add(t0.b, t1.b),
        c = add(t0.c, t1.c);
      expect([a.length, b.length, c.length]).toEqual([m * k, k * n, m * n]);
      expect(c).toEqual(ringMatmul(a, b, m, k, n));
    }
  });

  it("matrix masks: every triple of a mask has its A, C = A·B, and a fresh B", async () => {
    if (!p0.matrixMask || !p1.matrixMask || !p0.matrixTripleFor || !p1.matrixTripleFor) return; // optional members
    const [m, k] = [3, 5];
    const [k0, k1] = await Promise.all([p0.matrixMask(m, k), p1.matrixMask(m, k)]);
    const add = (x: BigUint64Array, y: BigUint64Array) => x.map((v, i) => (v + y[i]!) & M64);
    const a = add(k0.a, k1.a);
    const bs: BigUint64Array[] = [];
    for (const n of [2, 1, 4]) {
      const [t0, t1] = await Promise.all([p0.matrixTripleFor(k0, n), p1.matrixTripleFor(k1, n)]);
      expect(add(t0.a, t1.a)).toEqual(a);
      const b = add(t0.b, t1.b);
      expect(add(t0.c, t1.c)).toEqual(ringMatmul(a, b, m, k, n));
      expect(bs.some((prev) => prev[0] === b[0])).toBe(false);
      bs.push(b);
    }
    const [other] = await pair(source);
    await expect(other.matrixTripleFor!(k0, 1)).rejects.toThrow(TypeError);
  });

  it("daBits: the XOR bit equals the arithmetic value, none twice", async () => {
    if (!p0.daBits || !p1.daBits) return; // optional member: kernels derive daBits from triples without it
    const seen = new Set<bigint>();
    for (const n of SIZES) {
      const [d0, d1] = await Promise.all([p0.daBits(n), p1.daBits(n)]);
      for (let i = 0; i < n; i++) {
        expect((d0.arith[i]! + d1.arith[i]!) & M64).toBe(BigInt(bit(d0.bits, i) ^ bit(d1.bits, i)));
        expect(seen.has(d0.arith[i]!)).toBe(false);
        seen.add(d0.arith[i]!);
      }
    }
  });

  it("random OTs: each party's receiver side gets the peer's chosen message", async () => {
    if (!p0.randomOts || !p1.randomOts) return; // optional member: comparisons use the carry tree without it
    const seen = new Set<string>();
    for (const n of SIZES) {
      const [r0, r1] = await Promise.all([p0.randomOts(n), p1.randomOts(n)]);
      for (const [s, r] of [
        [r0, r1],
        [r1, r0],
      ] as const) {
        for (let j = 0; j < n; j++) {
          const chosen = bit(r.choices, j) ? s.m1 : s.m0;
          expect(r.received.subarray(16 * j, 16 * j + 16)).toEqual(chosen.subarray(16 * j, 16 * j + 16));
          const key = Buffer.from(s.m0.subarray(16 * j, 16 * j + 16)).toString("hex");
          expect(seen.has(key)).toBe(false);
          seen.add(key);
        }
      }
    }
  });
});
