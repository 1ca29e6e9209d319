import { SeededRandom } from "@petace/primitives";
import { describe, expect, it } from "vitest";
import { candidateBins, cuckooBins, cuckooInsert } from "./cuckoo-layout.js";

const SEED = Number(process.env.PETACE_TEST_SEED ?? Date.now() % 1e9);

describe(`cuckoo layout (seed ${SEED})`, () => {
  it("places every row in one of its candidate bins, one row per bin, at every size tried", () => {
    const rng = new SeededRandom(SEED);
    for (const n of [1, 2, 5, 17, 100, 1000, 4095, 4096, 30000]) {
      const trials = n > 4096 ? 2 : n >= 1000 ? 5 : 40;
      for (let t = 0; t < trials; t++) {
        const bins = cuckooBins(n);
        const keys = rng.bytes(16 * n);
        const pos = candidateBins(keys, n, bins, rng.bytes(16));
        const table = cuckooInsert(pos, n, bins, () => rng.u32());
        expect(table, `n ${n}, trial ${t}, seed ${SEED}`).not.toBeNull();
        let bad = 0;
        for (let i = 0; i < n; i++) {
          const b = table!.rowBin[i]!;
          // its bin holds it, and was one of its candidates (so no two rows share a bin)
          if (table!.binRow[b] !== i || pos[3 * i + table!.binHash[b]!] !== b) bad++;
        }
        expect(bad, `n ${n}, trial ${t}, seed ${SEED}`).toBe(0);
        expect(table!.binRow.filter((r) => r >= 0).length).toBe(n);
      }
    }
  });

  it("gives both parties the same candidate bins for the same key and seed", () => {
    const rng = new SeededRandom(SEED + 1);
    const keys = rng.bytes(16 * 100);
    const seed = rng.bytes(16);
    expect(candidateBins(keys, 100, 127, seed)).toEqual(candidateBins(keys.slice(), 100, 127, seed.slice()));
    for (const p of candidateBins(keys, 100, 127, seed)) expect(p).toBeLessThan(127);
  });
});
