/**
 * `var`/`std` with ddof and `average` with weights (issue 16), against values printed by NumPy:
 *   a = [[1, 2, 4], [3, 5, 9]];  b = [[1, 2, 3], [4, 5, 6]]
 *   np.var([1, 2], ddof=1) = 0.5;  np.std([1, 2], ddof=1) = 0.7071067811865476
 *   np.var(a, axis=1, ddof=1) = [2.333.., 9.333..];  np.std(a, axis=0, ddof=1) = [1.41421.., 2.12132.., 3.53553..]
 *   np.var(a, ddof=1) = 8.0;  np.std(a, axis=-1, ddof=1, keepdims=True) = [[1.52752..], [3.05505..]]
 *   np.average(b, 1, [1, 2, 3]) = [2.333.., 5.333..];  np.average(b, 0, [1, 3]) = [3.25, 4.25, 5.25]
 *   np.average(b, weights=[[1, 0, 2], [0.5, 1, 1]]) = 3.6363636363636362
 *   np.cov(a, ddof=0) = [[1.5555.., 3.1111..], [3.1111.., 6.2222..]];  np.cov(a.T, rowvar=False) = [[2.3333.., 4.6666..], [4.6666.., 9.3333..]]
 *   np.average(b, 1, [1, 2, 3], keepdims=True) = [[2.333..], [5.333..]];  np.average(b, -1, [0.25, 0.5, 2]) = [2.63636.., 5.63636..]
 */
import { describe, expect, it } from "vitest";
import { both, expectClose, type Ref } from "../../test/util.js";

const f64 = (shape: number[], data: number[]): Ref => ({ shape, data, dtype: "float64" });
// Fixed point (f = 16): a public division is exact to 1/2 ulp, sqrt a few ulps; 1e-4 covers both.
const TOL = { abs: 1e-4, rel: 1e-4 };

describe("var and std with ddof (NumPy's values)", () => {
  it("ddof = 1, including n = 2, along axes and with keepdims", async () => {
    const [r] = await both(async (np, party) => {
      const v = await np.array(party === 0 ? [1, 2] : null, 0);
      const a = await np.array(
        party === 1
          ? [
              [1, 2, 4],
              [3, 5, 9],
            ]
          : null,
        1,
      );
      const list = [
        np.var(v, null, { ddof: 1 }),
        np.std(v, null, { ddof: 1 }),
        np.var(a, 1, { ddof: 1 }),
        np.std(a, 0, { ddof: 1 }),
        np.var(a, null, { ddof: 1 }),
        np.std(a, -1, { ddof: 1, keepdims: true }),
      ];
      return Promise.all(list.map((x) => x.reveal()));
    });
    expectClose(r[0]!, f64([], [0.5]), TOL, "var(v, ddof=1)");
    expectClose(r[1]!, f64([], [Math.SQRT1_2]), TOL, "std(v, ddof=1)");
    expectClose(r[2]!, f64([2], [2.333333333333333, 9.333333333333332]), TOL, "var(a, 1, ddof=1)");
    expectClose(r[3]!, f64([3], [Math.SQRT2, 2.1213203435596424, 3.5355339059327378]), TOL, "std(a, 0, ddof=1)");
    expectClose(r[4]!, f64([], [8]), TOL, "var(a, ddof=1)");
    expectClose(r[5]!, f64([2, 1], [1.5275252316519465, 3.055050463303893]), TOL, "std(a, -1, ddof=1, keepdims)");
  });

  it("ddof ≥ n is an error naming ddof; a non-number ddof is a TypeError", async () => {
    await both(async (np, party) => {
      const v = await np.array(party === 0 ? [1, 2] : null, 0);
      expect(() => np.std(v, null, { ddof: 2 })).toThrow(
        /^std: ddof = 2 leaves no degrees of freedom: 2 elements per result.*use ddof < 2/,
      );
      expect(() => np.var(v, 0, { ddof: 5 })).toThrow(/^var: ddof = 5 leaves no degrees of freedom/);
      expect(() => np.std(v, null, { ddof: "1" as never })).toThrow(
        /^std: option ddof must be a finite number, got a string; std accepts \{ ddof, keepdims \}/,
      );
      return null;
    });
  });
});

describe("cov with ddof and rowvar (NumPy's values)", () => {
  it("ddof = 0, rowvar = false, and ddof ≥ n named", async () => {
    const [r] = await both(async (np, party) => {
      const a = await np.array(
        party === 1
          ? [
              [1, 2, 4],
              [3, 5, 9],
            ]
          : null,
        1,
      );
      expect(() => np.cov(a, { ddof: 3 })).toThrow(
        /^cov: ddof = 3 leaves no degrees of freedom: 3 observations per variable.*use ddof < 3/,
      );
      return Promise.all([np.cov(a, { ddof: 0 }).reveal(), np.cov(a.T, { rowvar: false }).reveal()]);
    });
    expectClose(r[0]!, f64([2, 2], [1.5555555555555556, 3.111111111111111, 3.111111111111111, 6.222222222222222]), TOL, "cov(a, ddof=0)");
    expectClose(
      r[1]!,
      f64([2, 2], [2.3333333333333335, 4.666666666666667, 4.666666666666667, 9.333333333333334]),
      TOL,
      "cov(a.T, rowvar=False)",
    );
  });
});

describe("average with weights (NumPy's values)", () => {
  it("1-D weights along an axis, full-shape weights, keepdims, secret weights", async () => {
    const [r] = await both(async (np, party) => {
      const b = await np.array(
        party === 0
          ? [
              [1, 2, 3],
              [4, 5, 6],
            ]
          : null,
        0,
      );
      const ws = await np.array(party === 1 ? [1, 2, 3] : null, 1);
      const list = [
        np.average(b, 1, { weights: [1, 2, 3] }),
        np.average(b, 0, { weights: [1, 3] }),
        np.average(b, null, {
          weights: [
            [1, 0, 2],
            [0.5, 1, 1],
          ],
        }),
        np.average(b, 1, { weights: [1, 2, 3], keepdims: true }),
        np.average(b, -1, { weights: [0.25, 0.5, 2] }),
        np.average(b, 1, { weights: ws }),
        np.average(b, 1, { weights: null }), // NumPy's weights=None: the mean
      ];
      return Promise.all(list.map((x) => x.reveal()));
    });
    expectClose(r[0]!, f64([2], [2.3333333333333335, 5.333333333333333]), TOL, "average(b, 1, [1, 2, 3])");
    expectClose(r[1]!, f64([3], [3.25, 4.25, 5.25]), TOL, "average(b, 0, [1, 3])");
    expectClose(r[2]!, f64([], [3.6363636363636362]), TOL, "average(b, weights=full shape)");
    expectClose(r[3]!, f64([2, 1], [2.3333333333333335, 5.333333333333333]), TOL, "average(b, 1, keepdims)");
    expectClose(r[4]!, f64([2], [2.6363636363636362, 5.636363636363637]), TOL, "average(b, -1, [0.25, 0.5, 2])");
    // A secret divisor goes through the division kernel (see its accuracy in the README).
    expectClose(r[5]!, f64([2], [2.3333333333333335, 5.333333333333333]), { abs: 1e-3, rel: 1e-3 }, "average(b, 1, secret weights)");
    expectClose(r[6]!, f64([2], [2, 5]), TOL, "average(b, 1, weights=null)");
  });

  it("NumPy's positional weights, and weights of the wrong shape, are errors that say what to do", async () => {
    await both(async (np, party) => {
      const b = await np.array(
        party === 0
          ? [
              [1, 2, 3],
              [4, 5, 6],
            ]
          : null,
        0,
      );
      expect(() => np.average(b, 1, [1, 2, 3] as never)).toThrow(
        /^average: argument 3 is the options object, got an array; average accepts \{ weights, keepdims \} \(NumPy's keyword arguments go there by name: average\(a, axis, options\)\)/,
      );
      expect(() => np.average(b, null, { weights: [1, 2, 3] })).toThrow(
        /^average: axis must be specified when shapes of a and weights differ/,
      );
      expect(() => np.average(b, 1, { weights: [1, 2] })).toThrow(/^average: weights must be 1-D with length 3 along axis 1/);
      expect(() => np.average(b, 1, { weights: "1,2,3" as never })).toThrow(/^average: option weights must be an array of weights/);
      return null;
    });
  });
});
