/**
 * digitize, searchsorted and bincount against NumPy (test/fixtures/trig-bins-golden.json, from
 * scripts/trig-bins-golden.py): increasing and decreasing bins, right = false/true, values on the
 * edges and one ulp either side, repeated entries of a sorted array, bincount with and without
 * weights. All exact (counts of exact comparisons; weighted sums of values on the grid).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { SecureArray } from "../core/secure-array.js";
import { both } from "../../test/util.js";

const golden = JSON.parse(readFileSync(new URL("../../test/fixtures/trig-bins-golden.json", import.meta.url), "utf8")) as {
  digitize: { x: number[]; bins: number[]; right: boolean; expected: number[] }[];
  searchsorted: { a: number[]; v: number[]; side: "left" | "right"; expected: number[] }[];
  bincount: { x: number[]; minlength: number; weights?: number[]; expected: number[] }[];
};

describe("digitize, searchsorted, bincount against NumPy", () => {
  it("exact, with the secret values of either party and public bins", { timeout: 60_000 }, async () => {
    const [r] = await both(async (np, party, vm) => {
      const out: SecureArray[] = [];
      for (const c of golden.digitize) out.push(np.digitize(await np.array(party === 0 ? c.x : null, 0), c.bins, { right: c.right }));
      for (const c of golden.searchsorted) out.push(np.searchsorted(c.a, await np.array(party === 1 ? c.v : null, 1), { side: c.side }));
      for (const c of golden.bincount) {
        const x = await np.array(party === 0 ? c.x : null, 0, { dtype: "int64" });
        out.push(np.bincount(x, c.weights === undefined ? { minlength: c.minlength } : { minlength: c.minlength, weights: c.weights }));
      }
      // secret weights (party 1's) give the same sums
      const c = golden.bincount[2]!;
      const x = await np.array(party === 0 ? c.x : null, 0, { dtype: "int64" });
      out.push(np.bincount(x, { minlength: c.minlength, weights: await np.array(party === 1 ? c.weights! : null, 1) }));
      // the cost of one digitize: n·m comparisons in one msb call + one bit conversion
      await vm.evaluate();
      const before = vm.stats.rounds;
      const d = np.digitize(await np.array(party === 0 ? golden.digitize[0]!.x : null, 0), golden.digitize[0]!.bins);
      await vm.evaluate();
      const rounds = vm.stats.rounds - before;
      return { values: await Promise.all([...out, d].map((o) => o.revealTo(0))), rounds };
    });
    const all = [...golden.digitize, ...golden.searchsorted, ...golden.bincount, golden.bincount[2]!, golden.digitize[0]!];
    all.forEach((c, i) => {
      const got = r.values[i]!;
      expect(got.dtype, `case ${i}`).toBe("weights" in c && c.weights !== undefined ? "float64" : "int64");
      expect(Array.from(got.toNumbers()), `case ${i}`).toEqual(c.expected);
    });
    expect(r.rounds).toBe(7);
  });

  it("shapes follow x; bad bins, a missing minlength and float x are clear errors", async () => {
    await both(async (np, party) => {
      const x = await np.array(
        party === 0
          ? [
              [0.5, 3],
              [11, -1],
            ]
          : null,
        0,
      );
      expect(np.digitize(x, [0, 1, 10]).shape).toEqual([2, 2]);
      expect(np.searchsorted([0, 1], x).dtype).toBe("int64");
      expect(() => np.digitize(x, [0, 2, 1])).toThrow(/^digitize: bins must be monotonically increasing or decreasing/);
      expect(() => np.digitize(x, x)).toThrow(/^digitize: bins must be public/);
      expect(() => np.searchsorted([2, 1], x)).toThrow(/^searchsorted: a must be sorted/);
      expect(() => np.searchsorted([1, 2], x, { side: "middle" as never })).toThrow(/^searchsorted: option side must be "left" or "right"/);
      const i = await np.array(party === 0 ? [0, 2] : null, 0, { dtype: "int64" });
      // values outside [0, minlength) are not counted (NumPy would grow the output or raise)
      const out = await np.array(party === 0 ? [-1, 5, 2, 2] : null, 0, { dtype: "int64" });
      expect(Array.from((await np.bincount(out, { minlength: 3 }).reveal()).toNumbers())).toEqual([0, 0, 2]);
      expect(() => np.bincount(i)).toThrow(
        /^bincount: options.minlength is required: NumPy's output length is max\(x\) \+ 1, which is secret here/,
      );
      expect(() => np.bincount(x.reshape(4), { minlength: 3 })).toThrow(/^bincount: x must hold integers/);
      expect(() => np.bincount(i, { minlength: 3, weights: [1] })).toThrow(/^bincount: weights must have x's shape/);
      return null;
    });
  });
});
