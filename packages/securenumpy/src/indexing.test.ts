/**
 * Indexing: the planner against an independent reference (recursive Python-style indexing of nested
 * arrays) on random shapes and indices; advanced indexing cases checked against NumPy's documented
 * results; get/set end to end on secret arrays.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { slice, Slice, type IndexArg } from "./core/index-arg.js";
import { planIndex } from "./core/index-plan.js";
import { both, toPlainArray } from "../test/util.js";

type Nested = number | Nested[];

function arange(shape: number[]): Nested {
  let k = 0;
  const build = (axis: number): Nested => (axis === shape.length ? k++ : Array.from({ length: shape[axis]! }, () => build(axis + 1)));
  return build(0);
}

/** Python's range for a slice over a length, by stepping (not by formula). */
function pyIndices(s: Slice, len: number): number[] {
  const step = s.step ?? 1;
  const clampPos = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
  const norm = (v: number) => (v < 0 ? v + len : v);
  let start: number, stop: number;
  if (step > 0) {
    start = s.start === null ? 0 : clampPos(norm(s.start), 0, len);
    stop = s.stop === null ? len : clampPos(norm(s.stop), 0, len);
  } else {
    start = s.start === null ? len - 1 : clampPos(norm(s.start), -1, len - 1);
    stop = s.stop === null ? -1 : clampPos(norm(s.stop), -1, len - 1);
  }
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
  return out;
}

type Basic = number | Slice | null | "...";

function refIndex(x: Nested, ndim: number, idx: Basic[]): Nested {
  const consumed = idx.filter((c) => c !== null && c !== "...").length;
  const e = idx.indexOf("...");
  const fill = Array.from({ length: ndim - consumed }, () => new Slice());
  const full = e < 0 ? [...idx, ...fill] : [...idx.slice(0, e), ...fill, ...idx.slice(e + 1)];
  const apply = (v: Nested, rest: Basic[]): Nested => {
    if (rest.length === 0) return v;
    const [c, ...more] = rest;
    if (c === null) return [apply(v, more)];
    const arr = v as Nested[];
    if (typeof c === "number") return apply(arr[c < 0 ? c + arr.length : c]!, more);
    return pyIndices(c as Slice, arr.length).map((i) => apply(arr[i]!, more));
  };
  return apply(x, full);
}

/** The result shape, from the same component walk (nested arrays lose the axes of empty results). */
function refShape(shape: number[], idx: Basic[]): number[] {
  const consumed = idx.filter((c) => c !== null && c !== "...").length;
  const e = idx.indexOf("...");
  const fill = Array.from({ length: shape.length - consumed }, () => new Slice());
  const full = e < 0 ? [...idx, ...fill] : [...idx.slice(0, e), ...fill, ...idx.slice(e + 1)];
  const out: number[] = [];
  let axis = 0;
  for (const c of full) {
    if (c === null) out.push(1);
    else if (typeof c === "number") axis++;
    else out.push(pyIndices(c as Slice, shape[axis++]!).length);
  }
  return out;
}

function flat(v: Nested): number[] {
  return Array.isArray(v) ? v.flatMap(flat) : [v];
}

/** Applies a plan to 0..n-1 (what the gather would read). */
function viaPlan(shape: number[], idx: IndexArg[]): { shape: number[]; data: number[] } {
  const n = shape.reduce((a, b) => a * b, 1);
  const p = planIndex(shape, idx, "get");
  return { shape: [...p.shape], data: p.map === null ? Array.from({ length: n }, (_, i) => i) : Array.from(p.map) };
}

/** Random valid basic indices: per axis an int, a slice or a full slice; then "..." over a run of full slices, and newaxes. */
const basicArb = (shape: number[]) => {
  const sliceArb = fc
    .record({
      start: fc.option(fc.integer({ min: -7, max: 7 }), { nil: null }),
      stop: fc.option(fc.integer({ min: -7, max: 7 }), { nil: null }),
      step: fc.option(
        fc.integer({ min: -3, max: 3 }).filter((s) => s !== 0),
        { nil: null },
      ),
    })
    .map((s): Basic | "full" => new Slice(s.start, s.stop, s.step));
  const perAxis = shape.map((d) =>
    fc.oneof(
      fc.integer({ min: -d, max: d - 1 }).map((i): Basic | "full" => i),
      sliceArb,
      fc.constant<"full">("full"),
    ),
  );
  return fc
    .tuple(fc.tuple(...perAxis), fc.boolean(), fc.nat(), fc.nat(), fc.boolean(), fc.array(fc.nat(), { maxLength: 2 }))
    .map(([comps, useE, at0, len, dropTail, news]) => {
      const idx: Basic[] = comps.map((c) => (c === "full" ? new Slice() : c));
      if (useE) {
        const at = at0 % (idx.length + 1);
        let end = at;
        while (end < idx.length && comps[end] === "full" && end - at < len % 3) end++;
        idx.splice(at, end - at, "...");
      } else if (dropTail) {
        while (idx.length > 0 && comps[idx.length - 1] === "full") idx.pop();
      }
      for (const n of news) idx.splice(n % (idx.length + 1), 0, null);
      return idx;
    });
};

describe("index planning", () => {
  it("basic indexing (ints, negative, slices with any step, newaxis, ...) matches Python semantics", () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 1, max: 5 }), { minLength: 0, maxLength: 3 })
          .chain((shape) => fc.tuple(fc.constant(shape), basicArb(shape))),
        ([shape, idx]) => {
          const ref = refIndex(arange(shape), shape.length, idx);
          const got = viaPlan(shape, idx);
          expect(got.shape).toEqual(refShape(shape, idx));
          expect(got.data).toEqual(flat(ref));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("slice strings are NumPy's syntax", () => {
    const s = [3, 4, 5];
    expect(viaPlan(s, [":2, 1:"])).toEqual(viaPlan(s, [slice(2), slice(1, null)]));
    expect(viaPlan(s, ["::-1, 0"])).toEqual(viaPlan(s, [slice(null, null, -1), 0]));
    expect(viaPlan(s, ["..., None, -1"])).toEqual(viaPlan(s, ["...", null, -1]));
    expect(viaPlan(s, ["1", "2"])).toEqual(viaPlan(s, [1, 2]));
    expect(viaPlan(s, ["0,"])).toEqual(viaPlan(s, [0]));
    expect(viaPlan(s, [" -2 : : -1 "]).shape).toEqual([2, 4, 5]);
  });

  it("advanced indexing follows NumPy (integer arrays, masks, placement of the broadcast axes)", () => {
    const x = [3, 4]; // arange(12).reshape(3, 4)
    expect(viaPlan(x, [[0, 2]])).toEqual({ shape: [2, 4], data: [0, 1, 2, 3, 8, 9, 10, 11] });
    expect(
      viaPlan(x, [
        [0, 2],
        [1, 3],
      ]),
    ).toEqual({ shape: [2], data: [1, 11] });
    expect(viaPlan(x, [":", [1, 3]])).toEqual({ shape: [3, 2], data: [1, 3, 5, 7, 9, 11] });
    expect(
      viaPlan(x, [
        [[0], [2]],
        [1, 3],
      ]),
    ).toEqual({ shape: [2, 2], data: [1, 3, 9, 11] });
    expect(viaPlan(x, [[-1]])).toEqual({ shape: [1, 4], data: [8, 9, 10, 11] });
    expect(viaPlan(x, [1, [0, 2]])).toEqual({ shape: [2], data: [4, 6] });
    const mask = Array.from({ length: 3 }, (_, i) => Array.from({ length: 4 }, (_, j) => i * 4 + j > 5));
    expect(viaPlan(x, [mask])).toEqual({ shape: [6], data: [6, 7, 8, 9, 10, 11] });
    expect(viaPlan(x, [[true, false, true]])).toEqual({ shape: [2, 4], data: [0, 1, 2, 3, 8, 9, 10, 11] });
    expect(viaPlan(x, [":", [false, true, true, false]])).toEqual({ shape: [3, 2], data: [1, 2, 5, 6, 9, 10] });
    const y = [2, 3, 4]; // arange(24).reshape(2, 3, 4)
    expect(viaPlan(y, [[0, 1], ":", [0, 1]])).toEqual({ shape: [2, 3], data: [0, 4, 8, 13, 17, 21] });
    expect(viaPlan(y, [":", [0, 2], 1])).toEqual({ shape: [2, 2], data: [1, 9, 13, 21] });
    expect(viaPlan(y, ["...", [0]]).shape).toEqual([2, 3, 1]);
    expect(viaPlan(y, [0, "...", null]).shape).toEqual([3, 4, 1]);
    expect(viaPlan(x, [[]])).toEqual({ shape: [0, 4], data: [] });
    // Empty axes (the random test above uses sizes ≥ 1: nested arrays lose empty axes).
    expect(viaPlan([0, 3], [":", 1])).toEqual({ shape: [0], data: [] });
    expect(viaPlan([2, 0], ["::-1"])).toEqual({ shape: [2, 0], data: [] });
    expect(viaPlan([4], ["3:1"])).toEqual({ shape: [0], data: [] });
  });

  it("errors name the routine, the index and the axis", () => {
    expect(() => planIndex([3, 4], [3], "get")).toThrow(/get: index 3 is out of bounds for axis 0 with size 3/);
    expect(() => planIndex([3, 4], [0, -5], "get")).toThrow(/get: index -5 is out of bounds for axis 1 with size 4/);
    expect(() => planIndex([3, 4], [[0, 7]], "get")).toThrow(/index 7 is out of bounds for axis 0/);
    expect(() => planIndex([3], [0, 0], "get")).toThrow(/too many indices for array: array is 1-dimensional, but 2 were indexed/);
    expect(() => planIndex([3], ["...", "..."], "get")).toThrow(/single ellipsis/);
    expect(() => planIndex([3], [slice(null, null, 0)], "get")).toThrow(/slice step must be a non-zero integer/);
    expect(() => planIndex([3], ["1:a"], "get")).toThrow(/cannot parse index "1:a"/);
    expect(() => planIndex([3], [1.5], "get")).toThrow(/index 1.5 is not an integer/);
    expect(() => planIndex([3], [[0.5]], "get")).toThrow(/integer or boolean/);
    expect(() => planIndex([3, 4], [[true, false]], "get")).toThrow(
      /boolean index did not match indexed array along axis 0; size of axis is 3 but size of corresponding boolean axis is 2/,
    );
  });
});

describe("get and set on secret arrays", () => {
  it("reads and assigns locally (no message), with broadcasting and dtype casts", async () => {
    const data = Array.from({ length: 3 }, (_, i) => Array.from({ length: 4 }, (_, j) => i * 4 + j));
    const [res] = await both(async (np, party, vm) => {
      const x = await np.array(party === 0 ? data : null, 0);
      const y = await np.array(party === 0 ? data : null, 0);
      const n = await np.array(party === 1 ? [1n, 2n, 3n] : null, 1);
      await vm.evaluate();
      const rounds = vm.stats.rounds;
      const picks = [
        x.get(0),
        x.get(-1, -2),
        x.get(":2, 1:"),
        x.get(np.slice(null, null, -1)),
        x.get("::2, ::-3"),
        x.get([2, 0]),
        x.get(toPlainArray({ shape: [3], dtype: "bool", data: [1, 0, 1] })),
        x.get(np.newaxis, "...", 1),
        x.T.get(1),
      ];
      const shapes = picks.map((p) => p.shape);
      y.set(0, 100); // a row from a scalar
      y.set(":, 3", [7, 8, 9]); // a column from a vector
      y.set(-1, -1, x.get(0, 0).mul(-1)); // an element from a secret 0-D array
      y.set(toPlainArray({ shape: [3, 4], dtype: "bool", data: data.flat().map((v) => (v === 5 ? 1 : 0)) }), 55);
      await vm.evaluate();
      const interactive = vm.stats.rounds - rounds;
      n.set(1, 2.75); // float into int64: truncated as NumPy
      n.set([0, 2], x.get(1, ":2")); // secret float values cast to int64 (this cast is interactive)
      const out = [];
      for (const p of picks) out.push((await p.reveal()).tolist());
      return { shapes, out, y: (await y.reveal()).tolist(), n: (await n.reveal()).tolist(), interactive };
    });
    expect(res.shapes).toEqual([[4], [], [2, 3], [3, 4], [2, 2], [2, 4], [2, 4], [1, 3], [3]]);
    expect(res.out).toEqual([
      [0, 1, 2, 3],
      10,
      [
        [1, 2, 3],
        [5, 6, 7],
      ],
      [
        [8, 9, 10, 11],
        [4, 5, 6, 7],
        [0, 1, 2, 3],
      ],
      [
        [3, 0],
        [11, 8],
      ],
      [
        [8, 9, 10, 11],
        [0, 1, 2, 3],
      ],
      [
        [0, 1, 2, 3],
        [8, 9, 10, 11],
      ],
      [[1, 5, 9]],
      [1, 5, 9],
    ]);
    expect(res.y).toEqual([
      [100, 100, 100, 7],
      [4, 55, 6, 8],
      [8, 9, 10, 0],
    ]);
    expect(res.n).toEqual([4, 2, 5]);
    expect(res.interactive).toBe(0);
  });

  it("set checks the value's shape, and secret indices are refused", async () => {
    await both(async (np, party) => {
      const x = await np.array(
        party === 0
          ? [
              [1, 2],
              [3, 4],
            ]
          : null,
        0,
      );
      expect(() => x.set(0, [1, 2, 3])).toThrow(/set: operands could not be broadcast together with shapes \(3,\) \(2,\)/);
      expect(() => x.set(0)).toThrow(/set: expected an index and a value/);
      expect(() => x.get(x.gt(1) as never)).toThrow(/get: secret indices are not supported/);
      expect(() => x.get(2)).toThrow(/get: index 2 is out of bounds for axis 0 with size 2/);
    });
  });
});
