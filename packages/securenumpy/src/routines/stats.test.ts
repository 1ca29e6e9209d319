/** Statistics, logic reductions and ML helpers against plaintext references (stated tolerances). */
import { describe, expect, it } from "vitest";
import type { SecureArray } from "../core/secure-array.js";
import { PlainArray } from "../core/plain.js";
import { both, expectClose, rand, rng, toPlainArray, type Ref } from "../../test/util.js";
import { at, build, map, reduceRef } from "../../test/ref.js";

const ULP = 2 ** -16;
const meanOf = (v: number[]): number => v.reduce((s, q) => s + q, 0) / v.length;
const varOf =
  (ddof: number) =>
  (v: number[]): number => {
    const m = meanOf(v);
    return v.reduce((s, q) => s + (q - m) ** 2, 0) / (v.length - ddof);
  };
/** NumPy's default (linear) quantile of a lane. */
const quant =
  (q: number) =>
  (v: number[]): number => {
    const s = [...v].sort((a, b) => a - b);
    const pos = q * (s.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(lo + 1, s.length - 1);
    return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
  };

describe("statistics", () => {
  it("mean average var std ptp median quantile percentile", async () => {
    const a = rand(rng(61), [3, 4], "float64", 10);
    const n = rand(rng(62), [5], "int64", 20);
    const w = [1, 2, 0.5, 3];
    const [r] = await both(async (np, party) => {
      const x = await np.array(party === 0 ? toPlainArray(a) : null, 0);
      const y = await np.array(party === 1 ? toPlainArray(n) : null, 1);
      const ws = await np.array(party === 1 ? w : null, 1);
      const list: SecureArray[] = [
        np.mean(x),
        np.mean(x, 0),
        np.mean(x, -1, { keepdims: true }),
        np.mean(y),
        np.average(x, 1, { weights: w }),
        np.average(x, null, { weights: toPlainArray(a) }),
        np.average(x, 1, { weights: ws }),
        np.variance(x),
        np.var(x, 1, { ddof: 1 }),
        np.std(x, 0),
        np.std(x, null, { ddof: 0, keepdims: true }),
        np.ptp(x, 1),
        np.median(x),
        np.median(x, 0),
        np.median(x, -1, { keepdims: true }),
        np.median(y),
        np.quantile(x, 0.3, 1),
        np.quantile(x, [0, 0.25, 1], 0),
        np.percentile(y, [10, 90]),
        np.average(x, 1, { weights: ws, keepdims: true }),
        np.average(x, -1, { weights: w, keepdims: true }),
      ];
      return Promise.all(list.map((q) => q.reveal()));
    });
    const F = "float64" as const;
    const all2 = [0, 1];
    const tol = { abs: 4 * ULP, rel: 1e-4 };
    // Secret weights: exact products and sums here, then a secret division (max(4 ulp, 1e-7 relative)).
    const divTol = { abs: 4 * ULP, rel: 1e-7 };
    let i = 0;
    expectClose(r[i++]!, reduceRef(a, all2, false, F, meanOf), tol, "mean");
    expectClose(r[i++]!, reduceRef(a, [0], false, F, meanOf), tol, "mean 0");
    expectClose(r[i++]!, reduceRef(a, [1], true, F, meanOf), tol, "mean -1 keepdims");
    expectClose(r[i++]!, reduceRef(n, [0], false, F, meanOf), tol, "mean int64 → float64");
    const wavg = build([3], F, ([row]) => w.reduce((s, q, k) => s + q * at(a, [row!, k]), 0) / w.reduce((s, q) => s + q, 0));
    expectClose(r[i++]!, wavg, tol, "average public 1-D weights");
    expectClose(
      r[i++]!,
      { shape: [], data: [a.data.reduce((s, q) => s + q * q, 0) / a.data.reduce((s, q) => s + q, 0)], dtype: F },
      { abs: 1e-3, rel: 1e-3 },
      "average full-shape weights",
    );
    expectClose(r[i++]!, wavg, divTol, "average secret weights");
    expectClose(r[i++]!, reduceRef(a, all2, false, F, varOf(0)), { abs: 1e-3, rel: 1e-4 }, "var");
    expectClose(r[i++]!, reduceRef(a, [1], false, F, varOf(1)), { abs: 1e-3, rel: 1e-4 }, "var ddof 1");
    expectClose(
      r[i++]!,
      reduceRef(a, [0], false, F, (v) => Math.sqrt(varOf(0)(v))),
      { abs: 1e-3, rel: 1e-4 },
      "std 0",
    );
    expectClose(
      r[i++]!,
      reduceRef(a, all2, true, F, (v) => Math.sqrt(varOf(0)(v))),
      { abs: 1e-3, rel: 1e-4 },
      "std keepdims",
    );
    expectClose(
      r[i++]!,
      reduceRef(a, [1], false, F, (v) => Math.max(...v) - Math.min(...v)),
      {},
      "ptp",
    );
    expectClose(r[i++]!, reduceRef(a, all2, false, F, quant(0.5)), tol, "median (even n)");
    expectClose(r[i++]!, reduceRef(a, [0], false, F, quant(0.5)), tol, "median 0 (odd n)");
    expectClose(r[i++]!, reduceRef(a, [1], true, F, quant(0.5)), tol, "median -1 keepdims");
    expectClose(r[i++]!, reduceRef(n, [0], false, F, quant(0.5)), tol, "median int64");
    expectClose(r[i++]!, reduceRef(a, [1], false, F, quant(0.3)), tol, "quantile 0.3");
    const qs = [0, 0.25, 1].map((q) => reduceRef(a, [0], false, F, quant(q)).data);
    expectClose(r[i++]!, { shape: [3, 4], data: qs.flat(), dtype: F }, tol, "quantile list");
    expectClose(r[i++]!, { shape: [2], data: [quant(0.1)(n.data), quant(0.9)(n.data)], dtype: F }, tol, "percentile");
    expectClose(r[i++]!, { ...wavg, shape: [3, 1] }, divTol, "average secret weights keepdims");
    expectClose(r[i++]!, { ...wavg, shape: [3, 1] }, tol, "average public weights keepdims");
  });

  // The exact truncation rounds to nearest, so results that fixed point represents come back exact,
  // as in NumPy (with the stochastic truncation mean([1, 2]) came out 1.5000152587890625).
  it("mean and division by a public number are exact where the result is representable", async () => {
    const [r0, r1] = await both(async (np, party) => {
      const ints = await np.array(party === 0 ? new PlainArray(BigInt64Array.from([1n, 2n]), [2], "int64") : null, 0);
      const more = await np.array(party === 1 ? new PlainArray(BigInt64Array.from([7n, 8n, 9n]), [3], "int64") : null, 1);
      const floats = await np.array(party === 0 ? [0.25, 0.5, -1.75] : null, 0);
      const out = [np.mean(ints), np.divide(more, 2), np.mean(floats), np.divide(floats, 4), np.mean(more)];
      return Promise.all(out.map(async (q) => (await q.reveal()).tolist()));
    });
    // −1/3 is not representable: it comes back as its nearest fixed-point value, −21845·2^−16.
    expect(r0).toEqual([1.5, [3.5, 4, 4.5], -21845 / 65536, [0.0625, 0.125, -0.4375], 8]);
    expect(r1).toEqual(r0);
  });

  // Issue 16: a secret division is within max(4 ulp, 1e-7 relative) of the exact quotient of the
  // fixed-point inputs, and the same on every run (0.001 / 0.01 came out 0.100586, 11.6 ulp off).
  it("division by a secret: within 4 ulp of the exact quotient of the fixed-point inputs, the same every run", async () => {
    const xs = [0.001, 0.5, 3, -3, 1, 148518];
    const ys = [0.01, 0.004, 0.0045, 0.0045, 2 ** -8, 7];
    const run = () =>
      both(async (np, party) => {
        const x = await np.array(party === 0 ? xs : null, 0);
        const y = await np.array(party === 1 ? ys : null, 1);
        return (await np.divide(x, y).reveal()).tolist() as number[];
      });
    const [[a], [b]] = [await run(), await run()];
    const fixed = (v: number) => Math.round(v * 2 ** 16) / 2 ** 16;
    xs.forEach((x, i) => {
      const exact = fixed(x) / fixed(ys[i]!);
      expect(Math.abs(a[i]! - exact), `${x} / ${ys[i]}`).toBeLessThanOrEqual(4 * 2 ** -16);
    });
    expect(b).toEqual(a);
  });

  it("cov corrcoef histogram", async () => {
    const m = rand(rng(63), [3, 6], "float64", 5);
    const v = rand(rng(64), [40], "float64", 10);
    const [r] = await both(async (np, party) => {
      const x = await np.array(party === 0 ? toPlainArray(m) : null, 0);
      const y = await np.array(party === 1 ? toPlainArray(v) : null, 1);
      const [counts, edges] = np.histogram(y, [-10, -2.5, 0, 4, 10]);
      const [c2] = np.histogram(y, 4, { range: [-5, 5] });
      const list = [np.cov(x), np.cov(x, { ddof: 0 }), np.cov(x.T, { rowvar: false }), np.cov(x.get(0)), np.corrcoef(x), counts, c2];
      return { shown: await Promise.all(list.map((q) => q.reveal())), edges: Array.from(edges.toNumbers()) };
    });
    const F = "float64" as const;
    const row = (i: number) => m.data.slice(i * 6, i * 6 + 6);
    const covOf = (ddof: number) =>
      build([3, 3], F, ([i, j]) => {
        const a = row(i!),
          b = row(j!),
          ma = meanOf(a),
          mb = meanOf(b);
        return a.reduce((s, q, k) => s + (q - ma) * (b[k]! - mb), 0) / (6 - ddof);
      });
    const c = covOf(1);
    expectClose(r.shown[0]!, c, { abs: 1e-3, rel: 1e-4 }, "cov");
    expectClose(r.shown[1]!, covOf(0), { abs: 1e-3, rel: 1e-4 }, "cov ddof 0");
    expectClose(r.shown[2]!, c, { abs: 1e-3, rel: 1e-4 }, "cov rowvar false");
    expectClose(r.shown[3]!, { shape: [], data: [c.data[0]!], dtype: F }, { abs: 1e-3, rel: 1e-4 }, "cov 1-D → 0-D");
    expectClose(
      r.shown[4]!,
      build([3, 3], F, ([i, j]) => at(c, [i!, j!]) / Math.sqrt(at(c, [i!, i!]) * at(c, [j!, j!]))),
      { abs: 2e-4 },
      "corrcoef",
    );
    const hist = (edges: number[]) =>
      edges
        .slice(0, -1)
        .map((e, k) => v.data.filter((q) => q >= e && (k === edges.length - 2 ? q <= edges[k + 1]! : q < edges[k + 1]!)).length);
    expectClose(r.shown[5]!, { shape: [4], data: hist([-10, -2.5, 0, 4, 10]), dtype: "int64" }, {}, "histogram edges (last bin closed)");
    expectClose(
      r.shown[6]!,
      { shape: [4], data: hist([-5, -2.5, 0, 2.5, 5]), dtype: "int64" },
      {},
      "histogram bins + range (outside not counted)",
    );
    expect(r.edges).toEqual([-10, -2.5, 0, 4, 10]);
  });

  it("errors: empty mean, ddof too large, histogram without a public range, bad q", async () => {
    await both(async (np, party) => {
      const x = await np.array(party === 0 ? [1, 2, 3] : null, 0);
      expect(() => np.mean(np.zeros([0]))).toThrow(/mean: mean of an empty slice/);
      expect(() => np.var(x, null, { ddof: 3 })).toThrow(/var: ddof = 3 leaves no degrees of freedom: 3 elements per result.*use ddof < 3/);
      expect(() => np.histogram(x, 4)).toThrow(/histogram: a number of bins needs options.range/);
      expect(() => np.histogram(x, x as never)).toThrow(/^histogram: bins must be public .*reveal them first/);
      expect(() => np.histogram(x, [[0, 1, 2]] as never)).toThrow(/^histogram: bins must be 1-D, got 2 dimensions/);
      expect(() => np.quantile(x, 1.5)).toThrow(/quantile: q must be in \[0, 1\]/);
      expect(() => np.average(x, null, { weights: [0, 0, 0] })).toThrow(/average: weights sum to zero/);
      return null;
    });
  });
});

describe("logic reductions and closeness", () => {
  it("all any (axes, keepdims, empty) isclose allclose", async () => {
    const b = rand(rng(71), [3, 4], "bool");
    const f = rand(rng(72), [3, 4], "float64", 3);
    const near = map(f, (q) => q);
    near.data = f.data.map((q, k) => q + (k % 3 === 0 ? 0.5 : k % 3 === 1 ? 2 ** -12 : 0));
    const [r] = await both(async (np, party) => {
      const x = await np.array(party === 0 ? toPlainArray(b) : null, 0);
      const y = await np.array(party === 1 ? toPlainArray(f) : null, 1);
      const z = await np.array(party === 0 ? toPlainArray(near) : null, 0);
      const list = [
        np.all(x),
        np.any(x),
        np.all(x, 1),
        np.any(x, 0, { keepdims: true }),
        np.all(y),
        np.any(y, -1),
        np.all(np.zeros([2, 0]), 1),
        np.any(np.zeros([0])),
        np.all(x, []),
        np.isclose(z, y, { rtol: 1e-3, atol: 1e-3 }),
        np.isclose(z, toPlainArray(f), { rtol: 0, atol: 0.01 }),
        np.allclose(z, y, { atol: 1 }),
        np.allclose(z, y),
      ];
      return Promise.all(list.map((q) => q.reveal()));
    });
    const B = "bool" as const;
    const every = (v: number[]) => (v.every((q) => q !== 0) ? 1 : 0),
      some = (v: number[]) => (v.some((q) => q !== 0) ? 1 : 0);
    const want: [Ref, string][] = [
      [reduceRef(b, [0, 1], false, B, every), "all"],
      [reduceRef(b, [0, 1], false, B, some), "any"],
      [reduceRef(b, [1], false, B, every), "all 1"],
      [reduceRef(b, [0], true, B, some), "any 0 keepdims"],
      [reduceRef(f, [0, 1], false, B, every), "all float"],
      [reduceRef(f, [1], false, B, some), "any float -1"],
      [{ shape: [2], data: [1, 1], dtype: B }, "all over an empty axis"],
      [{ shape: [], data: [0], dtype: B }, "any of nothing"],
      [{ ...b }, "all over []"],
      [
        { ...f, dtype: B, data: near.data.map((q, k) => (Math.abs(q - f.data[k]!) <= 1e-3 + 1e-3 * Math.abs(f.data[k]!) ? 1 : 0)) },
        "isclose secret",
      ],
      [{ ...f, dtype: B, data: near.data.map((q, k) => (Math.abs(q - f.data[k]!) <= 0.01 ? 1 : 0)) }, "isclose public"],
      [{ shape: [], data: [1], dtype: B }, "allclose atol 1"],
      [{ shape: [], data: [0], dtype: B }, "allclose default"],
    ];
    want.forEach(([ref, what], i) => expectClose(r[i]!, ref, {}, what));
  });
});

describe("ML helpers", () => {
  it("softmax (any axis) relu logSigmoid binaryCrossEntropyWithLogits", async () => {
    const a = rand(rng(81), [3, 5], "float64", 12);
    const wide = rand(rng(82), [12], "float64", 40);
    const labels = rand(rng(83), [3, 5], "bool");
    const [r] = await both(async (np, party) => {
      const x = await np.array(party === 0 ? toPlainArray(a) : null, 0);
      const w = await np.array(party === 1 ? toPlainArray(wide) : null, 1);
      const yl = await np.array(party === 1 ? toPlainArray(labels) : null, 1);
      const list = [
        np.softmax(x),
        np.softmax(x, 0),
        np.relu(x),
        np.logSigmoid(w),
        np.binaryCrossEntropyWithLogits(x, toPlainArray(labels)),
        np.binaryCrossEntropyWithLogits(x, yl, 1),
      ];
      return Promise.all(list.map((q) => q.reveal()));
    });
    const F = "float64" as const;
    const soft = (ax: number) =>
      build(a.shape, F, (idx) => {
        const lane = [...Array(a.shape[ax]!).keys()].map((k) =>
          at(
            a,
            idx.map((q, j) => (j === ax ? k : q)),
          ),
        );
        const m = Math.max(...lane);
        return Math.exp(at(a, idx) - m) / lane.reduce((s, q) => s + Math.exp(q - m), 0);
      });
    expectClose(r[0]!, soft(1), { abs: 1e-4 }, "softmax -1");
    expectClose(r[1]!, soft(0), { abs: 1e-4 }, "softmax 0");
    expectClose(
      r[2]!,
      map(a, (q) => Math.max(q, 0)),
      {},
      "relu",
    );
    const ls = (q: number) => Math.min(q, 0) - Math.log1p(Math.exp(-Math.abs(q)));
    expectClose(r[3]!, map(wide, ls, F), { abs: 1e-4, rel: 1e-5 }, "logSigmoid on [-40, 40]");
    const bce = (z: number, y: number) => Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
    const losses: Ref = { ...a, data: a.data.map((z, k) => bce(z, labels.data[k]!)) };
    expectClose(r[4]!, reduceRef(losses, [0, 1], false, F, meanOf), { abs: 2e-4 }, "BCE public labels");
    expectClose(r[5]!, reduceRef(losses, [1], false, F, meanOf), { abs: 2e-4 }, "BCE secret labels, axis 1");
  });
});
