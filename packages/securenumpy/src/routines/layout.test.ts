/** Creation, manipulation and joining routines against plaintext references (exact: no arithmetic). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SecureArray } from "../core/secure-array.js";
import { both, expectClose, rand, rng, toPlainArray, type Ref } from "../../test/util.js";
import { at, build, size } from "../../test/ref.js";

const _range = (n: number): number[] => [...Array(n).keys()];

describe("creation (public constants, no messages)", () => {
  it("zeros ones full empty identity eye arange linspace logspace *Like copy", async () => {
    const [r] = await both(async (np, party, vm) => {
      const x = await np.array(party === 0 ? [[1.5, -2, 3]] : null, 0);
      await vm.evaluate();
      const before = vm.stats.rounds;
      const out = [
        np.zeros([2, 3]),
        np.ones(4, { dtype: "int64" }),
        np.full([2], 7),
        np.full([1, 2], 0.5),
        np.full([3], true),
        np.empty([0, 2]),
        np.identity(3),
        np.eye(2, 4, 1),
        np.eye(3, null, -1, { dtype: "bool" }),
        np.arange(5),
        np.arange(1, 2, 0.25),
        np.arange(5, 0, -2),
        np.linspace(0, 1, 5),
        np.linspace(0, 1, 4, { endpoint: false }),
        np.logspace(0, 3, 4),
        np.logspace(0, 3, 3, { base: 2 }),
        np.zerosLike(x),
        np.onesLike(x, { dtype: "int64" }),
        np.fullLike(x, 2.75),
        np.copy(x),
        np.zeros([]),
      ];
      await vm.evaluate();
      const rounds = vm.stats.rounds - before;
      const shown = await Promise.all(out.map((z) => z.reveal()));
      return { shown, rounds };
    });
    const R = (shape: number[], data: number[], dtype: Ref["dtype"] = "float64"): Ref => ({ shape, data, dtype });
    const want: Ref[] = [
      R([2, 3], [0, 0, 0, 0, 0, 0]),
      R([4], [1, 1, 1, 1], "int64"),
      R([2], [7, 7], "int64"),
      R([1, 2], [0.5, 0.5]),
      R([3], [1, 1, 1], "bool"),
      R([0, 2], []),
      R([3, 3], [1, 0, 0, 0, 1, 0, 0, 0, 1]),
      R([2, 4], [0, 1, 0, 0, 0, 0, 1, 0]),
      R([3, 3], [0, 0, 0, 1, 0, 0, 0, 1, 0], "bool"),
      R([5], [0, 1, 2, 3, 4], "int64"),
      R([4], [1, 1.25, 1.5, 1.75]),
      R([3], [5, 3, 1], "int64"),
      R([5], [0, 0.25, 0.5, 0.75, 1]),
      R([4], [0, 0.25, 0.5, 0.75]),
      R([4], [1, 10, 100, 1000]),
      R([3], [1, 2.82842712, 8]),
      R([1, 3], [0, 0, 0]),
      R([1, 3], [1, 1, 1], "int64"),
      R([1, 3], [2.75, 2.75, 2.75]),
      R([1, 3], [1.5, -2, 3]),
      R([], [0]),
    ];
    want.forEach((w, i) => expectClose(r.shown[i]!, w, { abs: 2e-5 }, `creation #${i}`));
    expect(r.rounds).toBe(0);
  });

  it("errors name the routine and the argument", async () => {
    await both(async (np) => {
      expect(() => np.zeros([-1])).toThrow(/zeros: shape/);
      expect(() => np.arange(0, 1, 0)).toThrow(RangeError);
      expect(() => np.linspace(0, 1, -1)).toThrow(/linspace: num/);
      expect(() => np.zerosLike([1, 2] as unknown as SecureArray)).toThrow(/zerosLike: a must be a SecureArray/);
      expect(() => np.full([2], "x" as unknown as number)).toThrow(TypeError);
      return null;
    });
  });
});

describe("manipulation (local gathers)", () => {
  it("flatten ravel squeeze expandDims swapaxes moveaxis flip repeat tile split arraySplit", async () => {
    const a = rand(rng(5), [2, 3, 4], "float64");
    const b = rand(rng(6), [3, 1, 2], "int64");
    const [r] = await both(async (np, party) => {
      const x = await np.array(party === 0 ? toPlainArray(a) : null, 0);
      const y = await np.array(party === 1 ? toPlainArray(b) : null, 1);
      const list: SecureArray[] = [
        np.flatten(x),
        np.ravel(y),
        np.squeeze(y),
        np.squeeze(y, -2),
        np.expandDims(x, [0, -1]),
        np.swapaxes(x, 0, -1),
        np.moveaxis(x, 0, -1),
        np.moveaxis(x, [0, 1], [-1, -2]),
        np.flip(x),
        np.flip(x, [0, 2]),
        np.flip(x, -2),
        np.repeat(x, 2, 1),
        np.repeat(y, [1, 0, 2], 0),
        np.repeat(y, 2),
        np.tile(y, [2, 1, 3]),
        np.tile(x, 2),
        ...np.split(x, 2, 0),
        ...np.split(x, [1, 3], -1),
        ...np.arraySplit(x, 3, 2),
        x.T,
      ];
      return Promise.all(list.map((z) => z.reveal()));
    });
    const A = (f: (i: number[]) => number, shape: number[], src: Ref = a): Ref => build(shape, src.dtype, f);
    const want: Ref[] = [
      { ...a, shape: [24] },
      { ...b, shape: [6] },
      { ...b, shape: [3, 2] },
      { ...b, shape: [3, 2] },
      { ...a, shape: [1, 2, 3, 4, 1] },
      A(([i, j, k]) => at(a, [k!, j!, i!]), [4, 3, 2]),
      A(([i, j, k]) => at(a, [k!, i!, j!]), [3, 4, 2]),
      A(([i, j, k]) => at(a, [k!, j!, i!]), [4, 3, 2]),
      A(([i, j, k]) => at(a, [1 - i!, 2 - j!, 3 - k!]), [2, 3, 4]),
      A(([i, j, k]) => at(a, [1 - i!, j!, 3 - k!]), [2, 3, 4]),
      A(([i, j, k]) => at(a, [i!, 2 - j!, k!]), [2, 3, 4]),
      A(([i, j, k]) => at(a, [i!, Math.floor(j! / 2), k!]), [2, 6, 4]),
      A(([i, j, k]) => at(b, [[0, 2, 2][i!]!, j!, k!]), [3, 1, 2], b),
      { ...b, shape: [12], data: b.data.flatMap((v) => [v, v]) },
      A(([i, j, k]) => at(b, [i! % 3, j!, k! % 2]), [6, 1, 6], b),
      A(([i, j, k]) => at(a, [i!, j!, k! % 4]), [2, 3, 8]),
      A(([, j, k]) => at(a, [0, j!, k!]), [1, 3, 4]),
      A(([, j, k]) => at(a, [1, j!, k!]), [1, 3, 4]),
      A(([i, j]) => at(a, [i!, j!, 0]), [2, 3, 1]),
      A(([i, j, k]) => at(a, [i!, j!, k! + 1]), [2, 3, 2]),
      A(([i, j]) => at(a, [i!, j!, 3]), [2, 3, 1]),
      A(([i, j, k]) => at(a, [i!, j!, k!]), [2, 3, 2]),
      A(([i, j]) => at(a, [i!, j!, 2]), [2, 3, 1]),
      A(([i, j]) => at(a, [i!, j!, 3]), [2, 3, 1]),
      A(([i, j, k]) => at(a, [k!, j!, i!]), [4, 3, 2]),
    ];
    expect(r.length).toBe(want.length);
    want.forEach((w, i) => expectClose(r[i]!, w, {}, `manipulation #${i}`));
  });

  it("errors: squeeze of a long axis, bad split, axis out of range", async () => {
    await both(async (np, party) => {
      const x = await np.array(party === 0 ? [[1, 2, 3]] : null, 0);
      expect(() => np.squeeze(x, 1)).toThrow(/squeeze: cannot select an axis/);
      expect(() => np.split(x, 2, 1)).toThrow(/split: array split does not result in an equal division/);
      expect(() => np.flip(x, 2)).toThrow(/flip: axis 2 is out of bounds/);
      expect(() => np.moveaxis(x, [0], [0, 1])).toThrow(RangeError);
      expect(() => np.repeat(x, [1, 2], 1)).toThrow(/repeat: repeats has 2 counts/);
      expect(() => np.repeat(x, x as never, 1)).toThrow(/^repeat: repeats must be public .*reveal them first/);
      expect(() => np.repeat(x, "2" as never, 1)).toThrow(/^repeat: repeats must be a non-negative integer or a 1-D array/);
      expect(() => np.repeat(x, [[1, 2, 3]] as never, 1)).toThrow(/^repeat: repeats must be 0-D or 1-D, got 2 dimensions/);
      return null;
    });
  });
});

describe("joining", () => {
  it("concatenate (any axis, null, mixed public/secret and dtypes) stack vstack hstack columnStack", async () => {
    const a = rand(rng(7), [2, 3], "float64");
    const b = rand(rng(8), [2, 2], "int64");
    const v = rand(rng(9), [3], "float64");
    const [r] = await both(async (np, party) => {
      const x = await np.array(party === 0 ? toPlainArray(a) : null, 0);
      const y = await np.array(party === 1 ? toPlainArray(b) : null, 1);
      const z = await np.array(party === 0 ? toPlainArray(v) : null, 0);
      const list: SecureArray[] = [
        np.concatenate([x, y], 1),
        np.concatenate([x, y], -1),
        np.concatenate([x, [[9, 9, 9]]], 0),
        np.concatenate([x, y], null),
        np.stack([z, z.mul(2)]),
        np.stack([z, z.mul(2)], -1),
        np.stack([x, x], 1),
        np.vstack([z, z]),
        np.vstack([x, z]),
        np.hstack([z, z]),
        np.hstack([x, y]),
        np.columnStack([z, z]),
      ];
      return Promise.all(list.map((q) => q.reveal()));
    });
    const F = "float64" as const;
    const cat1 = build([2, 5], F, ([i, j]) => (j! < 3 ? at(a, [i!, j!]) : at(b, [i!, j! - 3])));
    const want: Ref[] = [
      cat1,
      cat1,
      { shape: [3, 3], data: [...a.data, 9, 9, 9], dtype: F },
      { shape: [10], data: [...a.data, ...b.data], dtype: F },
      { shape: [2, 3], data: [...v.data, ...v.data.map((q) => 2 * q)], dtype: F },
      build([3, 2], F, ([i, j]) => v.data[i!]! * (j! + 1)),
      build([2, 2, 3], F, ([i, , k]) => at(a, [i!, k!])),
      { shape: [2, 3], data: [...v.data, ...v.data], dtype: F },
      { shape: [3, 3], data: [...a.data, ...v.data], dtype: F },
      { shape: [6], data: [...v.data, ...v.data], dtype: F },
      cat1,
      build([3, 2], F, ([i]) => v.data[i!]!),
    ];
    want.forEach((w, i) => expectClose(r[i]!, w, {}, `join #${i}`));
    expect(size([2, 5])).toBe(10);
  });

  it("errors: mismatched shapes, 0-D, empty list", async () => {
    await both(async (np, party) => {
      const x = await np.array(party === 0 ? [[1, 2, 3]] : null, 0);
      expect(() => np.concatenate([x, [[1, 2]]], 0)).toThrow(/concatenate: all the input array dimensions/);
      expect(() => np.concatenate([], 0)).toThrow(RangeError);
      expect(() => np.stack([x, np.ravel(x)])).toThrow(/stack: all input arrays must have the same shape/);
      return null;
    });
  });
});

describe("layout, property-based", () => {
  it("split then concatenate is the identity; flip twice is the identity; moveaxis there and back (fast-check)", async () => {
    const arb = fc.record({
      shape: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }),
      axis: fc.integer({ min: -3, max: 2 }),
      cut: fc.integer({ min: 0, max: 5 }),
      seed: fc.integer({ min: 1, max: 1e6 }),
    });
    await fc.assert(
      fc.asyncProperty(arb, async ({ shape, axis, cut, seed }) => {
        const nd = shape.length;
        const ax = (((axis % nd) + nd) % nd) - (axis < 0 ? nd : 0); // a valid axis, sometimes negative
        const a = rand(rng(seed), shape, "int64", 50);
        const [r] = await both(async (np, party) => {
          const x = await np.array(party === 0 ? toPlainArray(a) : null, 0);
          const parts = np.split(x, [cut], ax);
          const back = np.concatenate(parts, ax);
          const twice = np.flip(np.flip(x, ax), ax);
          const moved = np.moveaxis(np.moveaxis(x, ax, 0), 0, ax);
          return { shapes: parts.map((q) => [...q.shape]), out: await Promise.all([back, twice, moved].map((q) => q.reveal())) };
        });
        const k = (ax + nd) % nd;
        const c = Math.min(cut, shape[k]!);
        expect(r.shapes).toEqual([shape.map((d, i) => (i === k ? c : d)), shape.map((d, i) => (i === k ? d - c : d))]);
        r.out.forEach((o, i) => expectClose(o, a, {}, `roundtrip #${i}`));
      }),
      { numRuns: 25, seed: 11 },
    );
  });
});
