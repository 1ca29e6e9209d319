/**
 * Squares of a secret take square pairs: x·x (the same array on both sides), square(x) and the
 * squarings of an integer power are square operators (one opened element each), not Beaver products.
 */
import { describe, expect, it } from "vitest";
import { both } from "../test/util.js";

describe("squares through SecureArray", () => {
  it("multiply(x, x), square(x) and power(x, 5) use the square operators and match the plaintext", async () => {
    const xf = [-3.25, 0, 1.5, 7.75, -0.5];
    const xi = [-4, 0, 3, 11, -7];
    const [r] = await both(async (np, party, vm) => {
      const f = await np.array(party === 0 ? xf : null, 0);
      const i = await np.array(party === 1 ? xi : null, 1, { dtype: "int64" });
      vm.resetProfile();
      const outs = [np.multiply(f, f), np.square(f), np.multiply(i, i), np.square(i), np.power(i, 5)];
      const values = [];
      for (const o of outs) values.push((await o.reveal()).tolist());
      const ops = new Set(vm.profile().rows.map((row) => row.op));
      return { values, ops: [...ops] };
    });
    const sq = (v: number[]) => v.map((x) => x * x);
    // Fixed-point squares truncate once, rounding to nearest: the squares of these grid values are
    // representable, so exact; integers are exact.
    expect(r.values).toEqual([sq(xf), sq(xf), sq(xi), sq(xi), xi.map((x) => x ** 5)]);
    expect(r.ops).toContain("square_a");
    expect(r.ops).toContain("squareInt_a");
    expect(r.ops).not.toContain("mul_aa");
  });
});
