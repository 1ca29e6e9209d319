/** Reductions, scans and element-wise math against plaintext references (fixed point: stated tolerances). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SecureArray } from "../core/secure-array.js";
import { both, expectClose, rand, rng, toPlainArray, type Ref } from "../../test/util.js";
import { alongRef, map, reduceRef } from "../../test/ref.js";

const sumOf = (v: number[]): number => v.reduce((s, q) => s + q, 0);
const prodOf = (v: number[]): number => v.reduce((s, q) => s * q, 1);
const ULP = 2 ** -16;

describe("reductions", () => {
  it("sum prod max min over None, one axis, negative axes, lists, [], keepdims; bool/int64/float64", async () => {
    const a = rand(rng(11), [2, 3, 4], "float64", 8);
    const b = rand(rng(12), [3, 4], "int64", 30);
    const c = rand(rng(13), [2, 5], "bool");
    const small = { ...rand(rng(14), [2, 3, 2], "float64", 2) };
    const cases: [string, number[] | number | undefined, boolean][] = [
      ["none", undefined, false],
      ["0", 0, false],
      ["-1", -1, true],
      ["[0,2]", [0, 2], false],
      ["[-1,0]", [-1, 0], true],
      ["[]", [], false],
    ];
    const [r] = await both(async (np, party) => {
      const x = await np.array(party === 0 ? toPlainArray(a) : null, 0);
      const y = await np.array(party === 1 ? toPlainArray(b) : null, 1);
      const z = await np.array(party === 0 ? toPlainArray(c) : null, 0);
      const s = await np.array(party === 1 ? toPlainArray(small) : null, 1);
      const list: SecureArray[] = [];
      for (const [, ax, kd] of cases)
        list.push(
          np.sum(x, ax, { keepdims: kd }),
          np.max(x, ax, { keepdims: kd }),
          np.min(x, ax, { keepdims: kd }),
          np.prod(s, ax, { keepdims: kd }),
        );
      list.push(
        np.sum(y, 1),
        np.prod(y.get(":, :2"), 1),
        np.max(y, 0),
        np.min(y),
        np.sum(z, 1),
        np.max(z, 1),
        np.min(z, 1),
        np.max(z),
        np.min(z, -1, { keepdims: true }),
        np.sum(np.zeros([0, 3]), 0),
        np.prod(np.zeros([2, 0]), 1),
      );
      list.push(
        np.argmax(x),
        np.argmax(x, 1),
        np.argmin(x, -1, { keepdims: true }),
        np.argmax(y, 0),
        np.argmin(z, 1),
        np.argmax(x, null, { keepdims: true }),
      );
      return Promise.all(list.map((q) => q.reveal()));
    });
    let i = 0;
    const axesFor = (ax: number[] | number | undefined, nd: number): number[] =>
      ax === undefined ? [...Array(nd).keys()] : (typeof ax === "number" ? [ax] : ax).map((q) => (q < 0 ? q + nd : q)).sort();
    for (const [name, ax, kd] of cases) {
      const A = axesFor(ax, 3);
      expectClose(r[i++]!, reduceRef(a, A, kd, "float64", sumOf), {}, `sum ${name}`);
      expectClose(
        r[i++]!,
        reduceRef(a, A, kd, "float64", (v) => Math.max(...v)),
        {},
        `max ${name}`,
      );
      expectClose(
        r[i++]!,
        reduceRef(a, A, kd, "float64", (v) => Math.min(...v)),
        {},
        `min ${name}`,
      );
      // product of up to 12 factors |v| ≤ 2 with a truncation per tree level: relative 1e-3 + a few ulps
      expectClose(r[i++]!, reduceRef(small, A, kd, "float64", prodOf), { abs: 8 * ULP, rel: 1e-3 }, `prod ${name}`);
    }
    const b2: Ref = { shape: [3, 2], data: [0, 1, 2].flatMap((row) => [b.data[row * 4]!, b.data[row * 4 + 1]!]), dtype: "int64" };
    expectClose(r[i++]!, reduceRef(b, [1], false, "int64", sumOf), {}, "sum int64");
    expectClose(r[i++]!, reduceRef(b2, [1], false, "int64", prodOf), {}, "prod int64 exact");
    expectClose(
      r[i++]!,
      reduceRef(b, [0], false, "int64", (v) => Math.max(...v)),
      {},
      "max int64",
    );
    expectClose(
      r[i++]!,
      reduceRef(b, [0, 1], false, "int64", (v) => Math.min(...v)),
      {},
      "min int64 0-D",
    );
    expectClose(r[i++]!, reduceRef(c, [1], false, "int64", sumOf), {}, "sum bool → int64");
    expectClose(
      r[i++]!,
      reduceRef(c, [1], false, "bool", (v) => Math.max(...v)),
      {},
      "max bool (any)",
    );
    expectClose(
      r[i++]!,
      reduceRef(c, [1], false, "bool", (v) => Math.min(...v)),
      {},
      "min bool (all)",
    );
    expectClose(
      r[i++]!,
      reduceRef(c, [0, 1], false, "bool", (v) => Math.max(...v)),
      {},
      "max bool 0-D",
    );
    expectClose(
      r[i++]!,
      reduceRef(c, [1], true, "bool", (v) => Math.min(...v)),
      {},
      "min bool keepdims",
    );
    expectClose(r[i++]!, { shape: [3], data: [0, 0, 0], dtype: "float64" }, {}, "sum over an empty axis");
    expectClose(r[i++]!, { shape: [2], data: [1, 1], dtype: "float64" }, {}, "prod over an empty axis");
    const first = (f: (v: number[]) => number) => (v: number[]) => v.indexOf(f(v));
    const amax = first((v) => Math.max(...v)),
      amin = first((v) => Math.min(...v));
    expectClose(r[i++]!, reduceRef({ ...a, shape: [24] }, [0], false, "int64", amax), {}, "argmax flat");
    expectClose(r[i++]!, reduceRef(a, [1], false, "int64", amax), {}, "argmax axis 1 (ties: first)");
    expectClose(r[i++]!, reduceRef(a, [2], true, "int64", amin), {}, "argmin -1 keepdims");
    expectClose(r[i++]!, reduceRef(b, [0], false, "int64", amax), {}, "argmax int64");
    expectClose(r[i++]!, reduceRef(c, [1], false, "int64", amin), {}, "argmin bool");
    expectClose(r[i++]!, { shape: [1, 1, 1], data: [amax(a.data)], dtype: "int64" }, {}, "argmax None keepdims");
  });

  it("errors: max of an empty axis, repeated axis, axis out of range", async () => {
    await both(async (np, party) => {
      const x = await np.array(party === 0 ? [[1, 2, 3]] : null, 0);
      expect(() => np.max(np.zeros([2, 0]), 1)).toThrow(/max: zero-size array/);
      expect(() => np.sum(x, [0, -2])).toThrow(/sum: repeated axis/);
      expect(() => np.prod(x, 2)).toThrow(/prod: axis 2 is out of bounds/);
      expect(() => np.argmax(np.zeros([0]))).toThrow(/argmax: attempt to get argmax of an empty sequence/);
      expect(() => np.sum([1, 2] as unknown as SecureArray)).toThrow(/sum: a must be a SecureArray/);
      return null;
    });
  });
});

describe("reductions, property-based", () => {
  it("sum/max/min over random axis subsets, argmax/cumsum/sort along a random axis, random shapes (fast-check)", async () => {
    const arb = fc.record({
      shape: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
      seed: fc.integer({ min: 1, max: 1e6 }),
      mask: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
      axis: fc.integer({ min: -3, max: 2 }),
      keepdims: fc.boolean(),
      neg: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(arb, async ({ shape, seed, mask, axis, keepdims, neg }) => {
        const nd = shape.length;
        const a = rand(rng(seed), shape, "float64", 6);
        const axes = shape.map((_, i) => i).filter((i) => mask[i]);
        const given = neg ? axes.map((i) => i - nd) : axes; // negative spellings of the same axes
        const ax = ((axis % nd) + nd) % nd;
        const [r] = await both(async (np, party) => {
          const x = await np.array(party === 0 ? toPlainArray(a) : null, 0);
          return Promise.all(
            [
              np.sum(x, given, { keepdims }),
              np.max(x, given.length ? given : undefined, { keepdims }),
              np.min(x, given, { keepdims }),
              np.argmax(x, ax - (neg ? nd : 0)),
              np.cumsum(x, ax),
              np.sort(x, ax),
            ].map((q) => q.reveal()),
          );
        });
        const F = "float64" as const;
        expectClose(r[0]!, reduceRef(a, axes, keepdims, F, sumOf), {}, "sum");
        expectClose(
          r[1]!,
          reduceRef(a, axes.length ? axes : shape.map((_, i) => i), keepdims, F, (v) => Math.max(...v)),
          {},
          "max",
        );
        expectClose(r[2]!, axes.length ? reduceRef(a, axes, keepdims, F, (v) => Math.min(...v)) : a, {}, "min over []");
        expectClose(
          r[3]!,
          reduceRef(a, [ax], false, "int64", (v) => v.indexOf(Math.max(...v))),
          {},
          "argmax",
        );
        expectClose(
          r[4]!,
          alongRef(a, ax, F, (l) => l.map((_, k) => sumOf(l.slice(0, k + 1)))),
          {},
          "cumsum",
        );
        expectClose(
          r[5]!,
          alongRef(a, ax, F, (l) => [...l].sort((p, q) => p - q)),
          {},
          "sort",
        );
      }),
      { numRuns: 25, seed: 7 },
    );
  });
});

describe("scans", () => {
  it("cumsum cumprod along any axis and flattened", async () => {
    const a = rand(rng(21), [3, 5], "float64", 10);
    const p = rand(rng(22), [2, 6], "float64", 1.5);
    const n = rand(rng(23), [2, 3], "int64", 5);
    const [r] = await both(async (np, party) => {
      const x = await np.array(party === 0 ? toPlainArray(a) : null, 0);
      const y = await np.array(party === 1 ? toPlainArray(p) : null, 1);
      const z = await np.array(party === 0 ? toPlainArray(n) : null, 0);
      return Promise.all(
        [np.cumsum(x), np.cumsum(x, 0), np.cumsum(x, -1), np.cumprod(y, 1), np.cumprod(z, 0), np.cumprod(z), np.cumsum(z.gt(0), 1)].map(
          (q) => q.reveal(),
        ),
      );
    });
    const scan = (f: (s: number, v: number) => number) => (lane: number[]) => {
      const out: number[] = [];
      lane.forEach((v, k) => out.push(k === 0 ? v : f(out[k - 1]!, v)));
      return out;
    };
    const add = scan((s, v) => s + v),
      mul = scan((s, v) => s * v);
    expectClose(r[0]!, alongRef({ ...a, shape: [15] }, 0, "float64", add), {}, "cumsum flat");
    expectClose(r[1]!, alongRef(a, 0, "float64", add), {}, "cumsum 0");
    expectClose(r[2]!, alongRef(a, 1, "float64", add), {}, "cumsum -1");
    expectClose(r[3]!, alongRef(p, 1, "float64", mul), { abs: 8 * ULP, rel: 1e-3 }, "cumprod float");
    expectClose(r[4]!, alongRef(n, 0, "int64", mul), {}, "cumprod int64 exact");
    expectClose(r[5]!, alongRef({ ...n, shape: [6] }, 0, "int64", mul), {}, "cumprod flat");
    expectClose(
      r[6]!,
      alongRef(
        map(n, (v) => (v > 0 ? 1 : 0), "bool"),
        1,
        "int64",
        add,
      ),
      {},
      "cumsum bool",
    );
  });
});

describe("element-wise math", () => {
  it("exp log log2 log10 sqrt reciprocal sigmoid tanh square sign clip (int64 inputs become float64)", async () => {
    const a = rand(rng(31), [4, 5], "float64", 6);
    const pos = map(rand(rng(32), [20], "float64", 50), (v) => Math.abs(v) + 0.25);
    const ints = rand(rng(33), [6], "int64", 9);
    const [r] = await both(async (np, party) => {
      const x = await np.array(party === 0 ? toPlainArray(a) : null, 0);
      const y = await np.array(party === 1 ? toPlainArray(pos) : null, 1);
      const z = await np.array(party === 0 ? toPlainArray(ints) : null, 0);
      const list = [
        np.exp(x),
        np.log(y),
        np.log2(y),
        np.log10(y),
        np.sqrt(y),
        np.reciprocal(y),
        np.sigmoid(x),
        np.tanh(x),
        np.square(x),
        np.square(z),
        np.sign(x),
        np.sign(z),
        np.clip(x, -1, 2.5),
        np.clip(x, null, y.get(":5")),
        np.exp(z.get(":3").astype("int64")),
        np.sqrt(z.abs()),
      ];
      return Promise.all(list.map((q) => q.reveal()));
    });
    const F = "float64" as const;
    expectClose(r[0]!, map(a, Math.exp, F), { abs: 2 * ULP, rel: 5e-5 }, "exp");
    expectClose(r[1]!, map(pos, Math.log, F), { abs: 2 * ULP, rel: 5e-5 }, "log");
    expectClose(r[2]!, map(pos, Math.log2, F), { abs: 3 * ULP, rel: 5e-5 }, "log2");
    expectClose(r[3]!, map(pos, Math.log10, F), { abs: 3 * ULP, rel: 5e-5 }, "log10");
    expectClose(r[4]!, map(pos, Math.sqrt, F), { abs: 2 * ULP, rel: 5e-5 }, "sqrt");
    expectClose(
      r[5]!,
      map(pos, (v) => 1 / v, F),
      // One rounding after a normalised reciprocal with 30 bits inside (protocols' reciprocal.ts).
      { abs: ULP, rel: 1e-7 },
      "reciprocal",
    );
    expectClose(
      r[6]!,
      map(a, (v) => 1 / (1 + Math.exp(-v)), F),
      { abs: 3 * ULP },
      "sigmoid",
    );
    expectClose(r[7]!, map(a, Math.tanh, F), { abs: 5 * ULP }, "tanh");
    expectClose(
      r[8]!,
      map(a, (v) => v * v, F),
      { abs: ULP },
      "square float",
    );
    expectClose(
      r[9]!,
      map(ints, (v) => v * v),
      {},
      "square int64 exact",
    );
    expectClose(r[10]!, map(a, Math.sign), {}, "sign float");
    expectClose(r[11]!, map(ints, Math.sign), {}, "sign int64");
    expectClose(
      r[12]!,
      map(a, (v) => Math.min(Math.max(v, -1), 2.5)),
      {},
      "clip public",
    );
    const y5 = pos.data.slice(0, 5);
    expectClose(r[13]!, { ...a, data: a.data.map((v, k) => Math.min(v, y5[k % 5]!)) }, {}, "clip secret upper, broadcast");
    expectClose(r[14]!, { shape: [3], data: ints.data.slice(0, 3).map(Math.exp), dtype: F }, { abs: 2 * ULP, rel: 5e-5 }, "exp int64");
    expectClose(
      r[15]!,
      { shape: [6], data: ints.data.map((v) => Math.sqrt(Math.abs(v))), dtype: F },
      { abs: 2 * ULP, rel: 5e-5 },
      "sqrt of int64 (0 included)",
    );
  });
});

describe("costs", () => {
  it("layout and sums cost no round; max and prod are log depth; independent reductions of the same width share rounds", async () => {
    const a = rand(rng(91), [4, 64], "float64", 4);
    const [r] = await both(async (np, party, vm) => {
      const x = await np.array(party === 0 ? toPlainArray(a) : null, 0);
      await vm.evaluate();
      const rounds = async (f: () => SecureArray[]): Promise<number> => {
        const before = vm.stats.rounds;
        f();
        await vm.evaluate();
        return vm.stats.rounds - before;
      };
      return {
        local: await rounds(() => [
          np.sum(x, [0, 1]),
          np.cumsum(x, 1),
          np.flip(np.tile(x, 2), 0),
          np.concatenate([x, x], 1),
          np.trace(x),
          np.mean(x, 0).get(0),
        ]),
        max64: await rounds(() => [np.max(x, 1)]),
        max256: await rounds(() => [np.max(x)]),
        both: await rounds(() => [np.max(x, 1), np.max(x.get(":2"), -1, { keepdims: true }), np.max(x.get("1:").mul(2), 1)]),
        ptp: await rounds(() => [np.ptp(x, 1)]),
        prod64: await rounds(() => [np.prod(x, 1)]),
      };
    });
    // mean's public division is two truncations (by 22 bits here: the millionaires' comparison on 6
    // leaves, 2 + 3 rounds, and the openings, 1), the second rounding the quotient to nearest;
    // everything else in that batch is local.
    expect(r.local).toBeLessThanOrEqual(12);
    expect(r.max64).toBeLessThanOrEqual(9 * 6);
    expect(r.max256).toBeLessThanOrEqual(9 * 8);
    expect(r.both).toBe(r.max64);
    expect(r.ptp).toBe(r.max64); // max and −min of [x; −x] in one tournament
    expect(r.prod64).toBeLessThanOrEqual(6 * 6); // 6 levels of a fixed-point product (1 + 5 rounds)
  });
});
