/** The default set-up: correlations from OT extension between the parties (no dealer). */
import { describe, expect, it } from "vitest";
import { both, expectClose, rand, refBinary, rng, toPlainArray } from "../test/util.js";

describe("with the default OT triples", () => {
  it("arithmetic, comparison, division, where, matmul and a cast agree with the reference", { timeout: 20_000 }, async () => {
    const r = rng(31);
    const a = rand(r, [3, 4], "float64", 10);
    const b = rand(r, [4], "float64", 10, true);
    const [r0, r1] = await both(async (np, party, vm) => {
      const x = await np.array(party === 0 ? toPlainArray(a) : null, 0);
      const y = await np.array(party === 1 ? toPlainArray(b) : null, 1);
      const outs = [x.mul(y), x.gt(y), x.div(y), np.where(x.lt(0), x.mul(0.5), x), x.matmul(y), x.astype("int64")];
      const revealed = [];
      for (const o of outs) revealed.push(await o.revealTo(0));
      return { correlations: vm.correlations, setupMs: vm.setupMs, revealed };
    }, {});
    expect(r0.correlations).toBe("ot");
    expect(r1.revealed.every((v) => v === null)).toBe(true);
    const [mul, gt, div, prelu, mv, cast] = r0.revealed;
    expectClose(
      mul!,
      refBinary(a, b, "float64", (p, q) => p * q),
      { abs: 2 ** -15 },
      "mul",
    );
    expectClose(
      gt!,
      refBinary(a, b, "bool", (p, q) => (p > q ? 1 : 0)),
      {},
      "gt",
    );
    expectClose(
      div!,
      refBinary(a, b, "float64", (p, q) => p / q),
      { abs: 1e-4, rel: 1e-4 },
      "div",
    );
    expectClose(prelu!, { ...a, data: a.data.map((v) => (v < 0 ? v * 0.5 : v)) }, { abs: 2 ** -15 }, "prelu");
    expectClose(
      mv!,
      { shape: [3], dtype: "float64", data: [0, 1, 2].map((i) => [0, 1, 2, 3].reduce((s, j) => s + a.data[i * 4 + j]! * b.data[j]!, 0)) },
      { abs: 1e-3 },
      "matmul",
    );
    expectClose(cast!, { ...a, dtype: "int64", data: a.data.map((v) => Math.trunc(v) + 0) }, {}, "astype");
    console.log(`securenumpy over OT triples: Duet.create took ${r0.setupMs.toFixed(0)} ms`);
  });
});
