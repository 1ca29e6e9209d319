import { describe, expect, it } from "vitest";
import { SeededRandom } from "./seeded.js";

describe("SeededRandom", () => {
  it("is mulberry32: known outputs, which the apps' shipped data sets were generated from", () => {
    const r = new SeededRandom(2024);
    expect([r.u32(), r.u32(), r.u32(), r.u32()]).toEqual([3486492848, 3052955074, 2793987405, 2943453892]);
    const z = new SeededRandom(0);
    expect([z.u32(), z.u32()]).toEqual([1144304738, 1416247]);
  });

  it("the same seed gives the same stream; only the low 32 bits of the seed count", () => {
    const a = new SeededRandom(7);
    const b = new SeededRandom(7 + 2 ** 32);
    expect(Array.from({ length: 50 }, () => a.float())).toEqual(Array.from({ length: 50 }, () => b.float()));
    expect(new SeededRandom(-1).u32()).toBe(new SeededRandom(0xffffffff).u32());
    expect(new SeededRandom(8).u32()).not.toBe(new SeededRandom(7).u32());
  });

  it("float and uniform are u32 / 2^32 scaled into the range", () => {
    const a = new SeededRandom(3);
    const b = new SeededRandom(3);
    for (let i = 0; i < 100; i++) {
      const w = b.u32();
      expect(a.uniform(-5, 3)).toBe(-5 + 8 * (w / 2 ** 32));
    }
    const f = new SeededRandom(4).floats(10_000, 2, 3);
    expect(Math.min(...f)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...f)).toBeLessThan(3);
  });

  it("int(lo, hi) covers [lo, hi) and nothing else", () => {
    const r = new SeededRandom(5);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(r.int(-3, 4));
    expect([...seen].sort((x, y) => x - y)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(() => r.int(2, 2)).toThrow(/^SeededRandom.int: need lo < hi/);
    expect(() => r.int(0, 1.5)).toThrow(RangeError);
  });

  it("normal() takes exactly two draws (Box-Muller, cosine branch) and has mean 0, variance 1", () => {
    const a = new SeededRandom(6);
    const b = new SeededRandom(6);
    const u = b.float();
    const v = b.float();
    expect(a.normal()).toBe(Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v));
    expect(a.u32()).toBe(b.u32());
    const n = 20_000;
    const xs = Array.from({ length: n }, () => a.normal());
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
    // Standard errors are about 0.007 (mean) and 0.01 (variance); these bounds are 5σ and more.
    expect(Math.abs(mean)).toBeLessThan(0.04);
    expect(Math.abs(variance - 1)).toBeLessThan(0.06);
  });

  it("bytes are the outputs least significant byte first, for any length", () => {
    const words = new SeededRandom(9);
    const w = [words.u32(), words.u32()];
    const want = w.flatMap((x) => [x & 0xff, (x >>> 8) & 0xff, (x >>> 16) & 0xff, x >>> 24]);
    expect(Array.from(new SeededRandom(9).bytes(8))).toEqual(want);
    expect(Array.from(new SeededRandom(9).bytes(5))).toEqual(want.slice(0, 5));
    expect(new SeededRandom(9).bytes(0)).toHaveLength(0);
    expect(new SeededRandom(9).prgSeed()).toEqual(new SeededRandom(9).bytes(16));
  });

  it("ring elements are (second output << 32) | first output", () => {
    const words = new SeededRandom(10);
    const want = Array.from({ length: 3 }, () => {
      const lo = BigInt(words.u32());
      return (BigInt(words.u32()) << 32n) | lo;
    });
    expect(Array.from(new SeededRandom(10).ring(3))).toEqual(want);
  });

  it("rejects bad seeds and counts", () => {
    expect(() => new SeededRandom(1.5)).toThrow(/^SeededRandom: seed must be a safe integer/);
    expect(() => new SeededRandom("1" as unknown as number)).toThrow(TypeError);
    expect(() => new SeededRandom(1).bytes(-1)).toThrow(/^SeededRandom.bytes: n must be a non-negative integer/);
    expect(() => new SeededRandom(1).ring(0.5)).toThrow(RangeError);
  });
});
