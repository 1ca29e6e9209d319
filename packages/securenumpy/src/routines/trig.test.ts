/**
 * sin and cos against NumPy (test/fixtures/trig-bins-golden.json, scripts/trig-bins-golden.py):
 * zero, ±π/2, ±π, ±2π, large angles up to the range's edge 2^30, seeded uniform ones. Bound: the
 * kernel's, 0.52 ulp + π·|x|·2^(f−64) against sin of the fixed-point input, plus the NumPy value's
 * own distance from it (none: the inputs are on the grid); 1.6 ulp at the 2^30 edge. Also the
 * declared cost (7 rounds) against the channel's counters.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { both } from "../../test/util.js";

const golden = JSON.parse(readFileSync(new URL("../../test/fixtures/trig-bins-golden.json", import.meta.url), "utf8")) as {
  trig: { x: number[]; sin: number[]; cos: number[] };
};
const ULP = 2 ** -16;
const bound = (x: number): number => 0.52 * ULP + Math.PI * Math.abs(x) * 2 ** (16 - 64) + 1e-12;

describe("sin and cos against NumPy", () => {
  it("within 0.52 ulp + π|x|2^(f−64) over the whole range, in 7 rounds", { timeout: 60_000 }, async () => {
    const { x, sin, cos } = golden.trig;
    const [r] = await both(async (np, party, vm) => {
      const a = await np.array(party === 0 ? x : null, 0);
      await vm.evaluate();
      const before = vm.stats.rounds;
      const bytes = vm.stats.bytesSent;
      const s = np.sin(a);
      await vm.evaluate();
      const rounds = vm.stats.rounds - before;
      const perElement = (vm.stats.bytesSent - bytes) / x.length;
      const c = np.cos(a);
      return { s: await s.revealTo(0), c: await c.revealTo(0), rounds, perElement };
    });
    // One Beaver round + an exact truncation by 32 bits (millionaires' carry: 5 rounds, + 1 opening).
    expect(r.rounds).toBe(7);
    console.log(`sin: ${r.rounds} rounds, ${r.perElement.toFixed(1)} B per element sent by party 0`);
    const worst = { sin: 0, cos: 0 };
    x.forEach((v, i) => {
      const es = Math.abs(r.s!.toNumbers()[i]! - sin[i]!);
      const ec = Math.abs(r.c!.toNumbers()[i]! - cos[i]!);
      worst.sin = Math.max(worst.sin, es / ULP);
      worst.cos = Math.max(worst.cos, ec / ULP);
      if (!(es <= bound(v))) expect.fail(`sin(${v}) = ${r.s!.toNumbers()[i]}, NumPy ${sin[i]} (bound ${bound(v)})`);
      if (!(ec <= bound(v))) expect.fail(`cos(${v}) = ${r.c!.toNumbers()[i]}, NumPy ${cos[i]} (bound ${bound(v)})`);
    });
    expect(r.s!.dtype).toBe("float64");
    // Reported so the README's accuracy line can be checked against a run.
    console.log(`sin/cos worst errors: ${worst.sin.toFixed(3)} / ${worst.cos.toFixed(3)} ulp over ${x.length} NumPy values`);
  });

  it("int64 and bool inputs are converted (as NumPy), empty arrays stay empty", async () => {
    const [r] = await both(async (np, party) => {
      const i = await np.array(party === 0 ? [0, 3] : null, 0, { dtype: "int64" });
      const e = await np.array(party === 0 ? { data: new Float64Array(0), shape: [2, 0] } : null, 0);
      return { i: await np.cos(i).revealTo(0), e: await np.sin(e).revealTo(0) };
    });
    expect(r.i!.dtype).toBe("float64");
    expect(Math.abs(r.i!.toNumbers()[1]! - Math.cos(3))).toBeLessThan(ULP);
    expect(r.e!.shape).toEqual([2, 0]);
  });
});
