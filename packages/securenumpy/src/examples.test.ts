/**
 * Worked examples, written the way a newcomer coming from NumPy would: basic operations on two
 * parties' arrays, the high-net-worth-customer query of scenario 1 (apps/analytics) in miniature,
 * and the ReLU and PReLU activations. The query makes its 0/1 column with `astype("float64")`
 * (PETAce's Python API needs where(cond, ones, zeros) there, as it cannot mix bool and float) and its
 * sums as a product with a vector of ones; `np.sum` and `np.where` are in the README example
 * (readme.test.ts).
 */
import { describe, expect, it } from "vitest";
import { both } from "../test/util.js";

describe("worked examples", () => {
  it("basic operations: add, multiply by 2, divide by a secret element, compare (bool)", async () => {
    const [r0, r1] = await both(async (np, party) => {
      const plain0 = party === 0 ? [1, 2, 3] : null;
      const plain1 = party === 1 ? [4, 5, 6] : null;
      const cipher0 = await np.array(plain0, 0);
      const cipher1 = await np.array(plain1, 1);
      const res1 = cipher0.add(cipher1);
      const res2 = cipher0.mul(2);
      const res3 = cipher0.div(cipher1.get(0));
      const res4 = cipher0.gt(cipher1);
      const meta = { shape: res1.shape, dtype: res1.dtype, boolDtype: res4.dtype };
      return {
        meta,
        res1: (await res1.revealTo(0))?.tolist() ?? null,
        res2: (await res2.revealTo(0))?.tolist() ?? null,
        res3: (await res3.revealTo(0))?.tolist() ?? null,
        res4: (await res4.revealTo(0))?.tolist() ?? null,
      };
    });
    expect(r0.meta).toEqual({ shape: [3], dtype: "float64", boolDtype: "bool" });
    expect(r0.res1).toEqual([5, 7, 9]);
    expect(r0.res2).toEqual([2, 4, 6]);
    (r0.res3 as number[]).forEach((v, i) => expect(v).toBeCloseTo([0.25, 0.5, 0.75][i]!, 4));
    expect(r0.res4).toEqual([false, false, false]);
    expect(r1).toMatchObject({ res1: null, res2: null, res3: null, res4: null });
  });

  it("high-net-worth customers: a joint query over two companies' columns", async () => {
    // Company A (party 0): purchase frequency, purchase amount. Company B (party 1): account
    // balance, wealth-management amount (thousands). Same customers, same row order.
    const data0 = [
      [3, 6000],
      [1, 9000],
      [5, 5500],
      [4, 12000],
      [2, 7000],
      [6, 4000],
      [3, 8000],
      [7, 20000],
    ];
    const data1 = [
      [6e6, 300],
      [8e6, 500],
      [5.5e6, 120],
      [4e6, 900],
      [9e6, 250],
      [7e6, 400],
      [5.1e6, 80],
      [1.2e7, 700],
    ];
    const [r0, r1] = await both(async (np, party) => {
      const d0 = await np.array(party === 0 ? data0 : null, 0);
      const d1 = await np.array(party === 1 ? data1 : null, 1);
      const cond = d0.get(":, 0").gt(2).and(d0.get(":, 1").gt(5000)).and(d1.get(":, 0").gt(5000000));
      const condFloat = cond.astype("float64");
      const ones = new Array(cond.shape[0]).fill(1);
      const hnwcNumber = condFloat.matmul(ones);
      const hnwcCost = condFloat.mul(d1.get(":, 1")).matmul(ones);
      const averageCost = hnwcCost.div(hnwcNumber);
      return {
        number: (await hnwcNumber.revealTo(1))?.tolist() ?? null,
        average: (await averageCost.revealTo(1))?.tolist() ?? null,
      };
    });
    const picked = data0.map((r, i) => r[0]! > 2 && r[1]! > 5000 && data1[i]![0]! > 5e6);
    const n = picked.filter(Boolean).length;
    const avg = data1.reduce((s, r, i) => s + (picked[i] ? r[1]! : 0), 0) / n;
    expect(r1.number).toBe(n);
    expect(r1.average as number).toBeCloseTo(avg, 2);
    expect(r0).toEqual({ number: null, average: null });
  });

  it("ReLU (maximum with 0) and PReLU (where x < 0, a·x, x)", async () => {
    const xs = [
      [-2, -0.5, 0],
      [0.25, 3, -7.5],
    ];
    const a = 0.125;
    const [r] = await both(async (np, party) => {
      const ReLU = (x: ReturnType<typeof np.maximum>) => np.maximum(0, x);
      const PReLU = (x: ReturnType<typeof np.maximum>, k: unknown) => np.where(x.lt(0), x.mul(k), x);
      const x = await np.array(party === 0 ? xs : null, 0);
      const secretA = await np.array(party === 1 ? a : null, 1);
      return {
        relu: (await ReLU(x).reveal()).tolist(),
        prelu: (await PReLU(x, a).reveal()).tolist(),
        preluSecret: (await PReLU(x, secretA).reveal()).tolist(),
      };
    });
    expect(r.relu).toEqual(xs.map((row) => row.map((v) => Math.max(0, v))));
    // a·x is a fixed-point product, rounded to nearest: exact here, as fixed point represents every a·x.
    const expected = xs.map((row) => row.map((u) => (u < 0 ? a * u : u)));
    expect(r.prelu).toEqual(expected);
    expect(r.preluSecret).toEqual(expected);
  });
});
