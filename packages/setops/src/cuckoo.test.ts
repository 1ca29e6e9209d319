import { describe, expect, it } from "vitest";
import { SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { candidateBins, CuckooFailedError, cuckooBins, cuckooHash, simpleHash } from "./cuckoo.js";

function setup(n: number): { rng: SeededRandom; keys: Uint8Array; seed: Uint8Array } {
  const rng = new SeededRandom(testSeed());
  return { rng, keys: rng.bytes(16 * n), seed: rng.bytes(16) };
}

describe("cuckoo hashing (3 functions, no stash) and simple hashing", () => {
  it("sizes tables as PSWW: ⌈1.27 n⌉ from 1024 keys, 2n + 8 below", () => {
    expect(cuckooBins(0)).toBe(8);
    expect(cuckooBins(1000)).toBe(2008);
    expect(cuckooBins(1024)).toBe(1301);
    expect(cuckooBins(1_000_000)).toBe(1_270_000);
    expect(() => cuckooBins(-1)).toThrow(RangeError);
  });

  it("candidate bins are in range, depend only on key and seed, and spread evenly", () => {
    const { keys, seed, rng } = setup(50_000);
    const bins = 1000;
    const c = candidateBins(keys, seed, bins);
    expect(c.length).toBe(150_000);
    expect(c.reduce((m, v) => Math.max(m, v), 0)).toBeLessThan(bins);
    // the same key gives the same bins, wherever it sits in the table
    const again = candidateBins(keys.slice(16 * 7, 16 * 8), seed, bins);
    expect([...again]).toEqual([...c.subarray(21, 24)]);
    // another seed, other bins
    const other = candidateBins(keys, rng.bytes(16), bins);
    let same = 0;
    for (let i = 0; i < c.length; i++) if (c[i] === other[i]) same++;
    expect(same).toBeLessThan(c.length / 100);
    // chi-square over the bins: 999 degrees of freedom, mean 999, sd ≈ 45; 6 sd bound
    const counts = new Float64Array(bins);
    for (const b of c) counts[b]!++;
    const e = c.length / bins;
    let chi = 0;
    for (const k of counts) chi += ((k - e) * (k - e)) / e;
    expect(chi).toBeLessThan(999 + 6 * 45);
  });

  for (const n of [0, 1, 5, 1000, 1024, 100_000]) {
    it(`places every one of ${n} keys once, in one of its candidate bins, with the hash index recorded`, () => {
      const { keys, seed } = setup(n);
      const t = cuckooHash(keys, seed);
      expect(t.bins).toBe(cuckooBins(n));
      const cand = candidateBins(keys, seed, t.bins);
      let occupied = 0;
      let wrong = 0;
      for (let b = 0; b < t.bins; b++) {
        const r = t.binRow[b]!;
        if (r < 0) continue;
        occupied++;
        if (t.rowBin[r] !== b || cand[3 * r + t.binHash[b]!] !== b) wrong++;
      }
      for (let r = 0; r < n; r++) if (t.binRow[t.rowBin[r]!] !== r) wrong++;
      expect(occupied).toBe(n);
      expect(wrong).toBe(0);
    });
  }

  it("simple hashing puts every (row, hash function) in its candidate bin, grouped by bin", () => {
    const { keys, seed } = setup(20_000);
    const bins = cuckooBins(20_000);
    const s = simpleHash(keys, seed, bins);
    expect(s.binStart[0]).toBe(0);
    expect(s.binStart[bins]).toBe(60_000);
    const seen = new Uint8Array(60_000);
    let wrong = 0;
    for (let b = 0; b < bins; b++) {
      for (let i = s.binStart[b]!; i < s.binStart[b + 1]!; i++) {
        const e = s.entries[i]!;
        if (s.candidates[e] !== b) wrong++;
        if (i > s.binStart[b]! && e <= s.entries[i - 1]!) wrong++;
        seen[e]!++;
      }
    }
    expect(wrong).toBe(0);
    expect(seen.every((v) => v === 1)).toBe(true);
  });

  it("a key both parties hold meets in the cuckoo party's bin, under the same hash function", () => {
    const { keys, seed, rng } = setup(5000);
    const other = rng.bytes(16 * 3000);
    // rows 0..999 of `other` are keys 1000..1999 of `keys`
    other.set(keys.subarray(16 * 1000, 16 * 2000));
    const t = cuckooHash(keys, seed);
    const s = simpleHash(other, seed, t.bins);
    let met = 0;
    for (let r = 0; r < 1000; r++) {
      const b = t.rowBin[1000 + r]!;
      if (s.candidates[3 * r + t.binHash[b]!] === b) met++;
    }
    expect(met).toBe(1000);
  });

  it("refuses too few bins, and reports a failed insertion with CuckooFailedError", () => {
    const { keys, seed } = setup(3000);
    expect(() => cuckooHash(keys, seed, 2999)).toThrow(/2999 bins cannot hold 3000 keys/);
    // load 1.0 is above the 3-function threshold (about 0.92): no placement exists
    expect(() => cuckooHash(keys, seed, 3000)).toThrow(CuckooFailedError);
    expect(() => cuckooHash(keys.subarray(1), seed)).toThrow(/16 bytes per row/);
    expect(() => cuckooHash(keys, new Uint8Array(8))).toThrow(/seed must be a 16-byte/);
  });
});
