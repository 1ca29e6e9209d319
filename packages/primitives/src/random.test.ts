import { describe, expect, it } from "vitest";
import { randomBytes, randomSeed } from "./random.js";

describe("randomBytes", () => {
  it("returns n bytes, also above the 65536-byte getRandomValues limit", () => {
    const a = randomBytes(200_000);
    expect(a).toHaveLength(200_000);
    // every 64 KiB chunk was filled: no chunk is all zeros, and byte frequencies are flat
    for (let off = 0; off < a.length; off += 65536) expect(a.subarray(off, off + 65536).some((b) => b !== 0)).toBe(true);
    const counts = new Array<number>(256).fill(0);
    for (const b of a) counts[b]!++;
    const e = a.length / 256;
    const chi2 = counts.reduce((s, c) => s + (c - e) ** 2 / e, 0);
    expect(chi2).toBeLessThan(400); // 255 dof: mean 255, sd ~22.6
  });
  it("validates n", () => {
    expect(randomBytes(0)).toHaveLength(0);
    expect(() => randomBytes(-1)).toThrow(RangeError);
    expect(() => randomBytes(1.5)).toThrow(/^randomBytes/);
    expect(() => randomBytes("3" as unknown as number)).toThrow(TypeError);
  });
});

describe("randomSeed", () => {
  it("gives 16 fresh bytes", () => {
    const a = randomSeed();
    const b = randomSeed();
    expect(a).toHaveLength(16);
    expect(Buffer.compare(a, b)).not.toBe(0);
  });
});
