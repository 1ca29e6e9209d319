/** Linear algebra, sorting and searching against plaintext references. */
import { describe, expect, it } from "vitest";
import type { SecureArray } from "../core/secure-array.js";
import { both, expectClose, rand, rng, toPlainArray, type Ref } from "../../test/util.js";
import { alongRef, at, build, map, reduceRef } from "../../test/ref.js";

const ULP = 2 ** -16;

describe("linear algebra", () => {
  it("dot (0-D, 1-D, 2-D, N-D·1-D, N-D·M-D) inner outer trace diagonal diag", async () => {
    const R = rng(41);
    const v = rand(R, [4], "float64", 3),
      w = rand(R, [4], "float64", 3);
    const m = rand(R, [3, 4], "float64", 3),
      n = rand(R, [4, 2], "int64", 3);
    const t = rand(R, [2, 3, 4], "float64", 3),
      u = rand(R, [2, 4, 3], "float64", 3);
    const sq = rand(R, [4, 4], "int64", 9);
    const [r] = await both(async (np, party) => {
      const own = (a: Ref, p: 0 | 1) => np.array(party === p ? toPlainArray(a) : null, p);
      const [V, W, M, N, T, U, S] = await Promise.all([own(v, 0), own(w, 1), own(m, 0), own(n, 1), own(t, 0), own(u, 1), own(sq, 0)]);
      const list: SecureArray[] = [
        np.dot(V, W),
        np.dot(M, V),
        np.dot(M, N),
        np.dot(T, V),
        np.dot(T, U),
        np.dot(V, 2),
        np.dot(V, toPlainArray(w)),
        np.inner(V, W),
        np.inner(M, T),
        np.outer(V, M.get(0, ":3")),
        np.trace(S),
        np.trace(S, 1),
        np.trace(T, -1, 1, 2),
        np.diag(S),
        np.diag(S, -2),
        np.diag(V, 1),
        np.diag(V, -1),
        np.diagonal(T, 0, 2, 1),
      ];
      return Promise.all(list.map((q) => q.reveal()));
    });
    const F = "float64" as const;
    const dot1 = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
    const tol = { abs: 4 * ULP, rel: 1e-5 };
    const want: [Ref, string][] = [
      [{ shape: [], data: [dot1(v.data, w.data)], dtype: F }, "dot 1-D"],
      [build([3], F, ([i]) => dot1(m.data.slice(i! * 4, i! * 4 + 4), v.data)), "dot 2-D·1-D"],
      [build([3, 2], F, ([i, j]) => [0, 1, 2, 3].reduce((s, k) => s + at(m, [i!, k]) * at(n, [k, j!]), 0)), "dot 2-D·2-D (float·int)"],
      [build([2, 3], F, ([i, j]) => [0, 1, 2, 3].reduce((s, k) => s + at(t, [i!, j!, k]) * v.data[k]!, 0)), "dot N-D·1-D"],
      [
        build([2, 3, 2, 3], F, ([i, j, k, l]) => [0, 1, 2, 3].reduce((s, q) => s + at(t, [i!, j!, q]) * at(u, [k!, q, l!]), 0)),
        "dot N-D·M-D",
      ],
      [map(v, (x) => 2 * x), "dot with a scalar"],
      [{ shape: [], data: [dot1(v.data, w.data)], dtype: F }, "dot public"],
      [{ shape: [], data: [dot1(v.data, w.data)], dtype: F }, "inner 1-D"],
      [build([3, 2, 3], F, ([i, j, k]) => [0, 1, 2, 3].reduce((s, q) => s + at(m, [i!, q]) * at(t, [j!, k!, q]), 0)), "inner N-D"],
      [build([4, 3], F, ([i, j]) => v.data[i!]! * at(m, [0, j!])), "outer"],
      [{ shape: [], data: [[0, 1, 2, 3].reduce((s, i) => s + at(sq, [i, i]), 0)], dtype: "int64" }, "trace"],
      [{ shape: [], data: [[0, 1, 2].reduce((s, i) => s + at(sq, [i, i + 1]), 0)], dtype: "int64" }, "trace offset 1"],
      [build([2], F, ([i]) => at(t, [i!, 1, 0]) + at(t, [i!, 2, 1])), "trace offset -1, axes 1, 2"],
      [build([4], "int64", ([i]) => at(sq, [i!, i!])), "diag of 2-D"],
      [build([2], "int64", ([i]) => at(sq, [i! + 2, i!])), "diag k = -2"],
      [build([5, 5], F, ([i, j]) => (j === i! + 1 ? v.data[i!]! : 0)), "diag of 1-D, k = 1"],
      [build([5, 5], F, ([i, j]) => (i === j! + 1 ? v.data[j!]! : 0)), "diag of 1-D, k = -1"],
      [build([2, 3], F, ([i, k]) => at(t, [i!, k!, k!])), "diagonal axes (2, 1)"],
    ];
    want.forEach(([ref, what], i) => expectClose(r[i]!, ref, what.startsWith("trace") || what.startsWith("diag") ? {} : tol, what));
  });

  it("errors: misaligned shapes", async () => {
    await both(async (np, party) => {
      const x = await np.array(party === 0 ? [[1, 2, 3]] : null, 0);
      expect(() => np.dot(x, x)).toThrow(/matmul: shapes/);
      expect(() => np.inner(x, [1, 2])).toThrow(/inner: shapes/);
      expect(() => np.diag(np.zeros([2, 2, 2]))).toThrow(/diag: input must be 1-D or 2-D/);
      return null;
    });
  });
});

describe("sorting and searching", () => {
  it("sort argsort (any axis, null, bool, int64) countNonzero where", async () => {
    const R = rng(51);
    // Distinct values for argsort (its order among ties is unspecified); sort itself sees ties.
    const perm = (n: number): number[] => {
      const a = [...Array(n).keys()];
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(R() * (i + 1));
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
      }
      return a;
    };
    const d: Ref = { shape: [3, 5], data: perm(15).map((k) => k / 4 - 2), dtype: "float64" };
    const ties = rand(R, [2, 6], "float64", 1);
    const ints = rand(R, [4, 3], "int64", 50);
    const bits = rand(R, [2, 6], "bool");
    const [r] = await both(async (np, party) => {
      const D = await np.array(party === 0 ? toPlainArray(d) : null, 0);
      const T = await np.array(party === 1 ? toPlainArray(ties) : null, 1);
      const I = await np.array(party === 0 ? toPlainArray(ints) : null, 0);
      const B = await np.array(party === 1 ? toPlainArray(bits) : null, 1);
      const list: SecureArray[] = [
        np.sort(D),
        np.sort(D, 0),
        np.sort(D, null),
        np.sort(T, -1),
        np.sort(I, 0),
        np.sort(B),
        np.argsort(D),
        np.argsort(D, 0),
        np.argsort(D, null),
        np.countNonzero(T),
        np.countNonzero(T, 1, { keepdims: true }),
        np.countNonzero(B, 0),
        np.where(B, T, 0),
        np.where(toPlainArray(bits), T, I.get(0, 0)),
      ];
      return Promise.all(list.map((q) => q.reveal()));
    });
    const asc = (l: number[]) => [...l].sort((a, b) => a - b);
    const arg = (l: number[]) => l.map((_, i) => i).sort((a, b) => l[a]! - l[b]!);
    const F = "float64" as const;
    expectClose(r[0]!, alongRef(d, 1, F, asc), {}, "sort -1");
    expectClose(r[1]!, alongRef(d, 0, F, asc), {}, "sort 0");
    expectClose(r[2]!, { shape: [15], data: asc(d.data), dtype: F }, {}, "sort null");
    expectClose(r[3]!, alongRef(ties, 1, F, asc), {}, "sort with ties");
    expectClose(r[4]!, alongRef(ints, 0, "int64", asc), {}, "sort int64");
    expectClose(r[5]!, alongRef(bits, 1, "bool", asc), {}, "sort bool");
    expectClose(r[6]!, alongRef(d, 1, "int64", arg), {}, "argsort -1");
    expectClose(r[7]!, alongRef(d, 0, "int64", arg), {}, "argsort 0");
    expectClose(r[8]!, { shape: [15], data: arg(d.data), dtype: "int64" }, {}, "argsort null");
    const nz = (l: number[]) => l.filter((v) => v !== 0).length;
    expectClose(r[9]!, reduceRef(ties, [0, 1], false, "int64", nz), {}, "countNonzero");
    expectClose(r[10]!, reduceRef(ties, [1], true, "int64", nz), {}, "countNonzero axis keepdims");
    expectClose(r[11]!, reduceRef(bits, [0], false, "int64", nz), {}, "countNonzero bool");
    expectClose(r[12]!, { ...ties, data: ties.data.map((v, i) => (bits.data[i] ? v : 0)) }, {}, "where secret");
    expectClose(r[13]!, { ...ties, data: ties.data.map((v, i) => (bits.data[i] ? v : ints.data[0]!)) }, {}, "where public condition");
  });

  it("one-argument where is refused with the reason", async () => {
    await both(async (np, party) => {
      const x = await np.array(party === 0 ? [1, 0, 2] : null, 0);
      expect(() => (np.where as (c: unknown) => unknown)(x.gt(0))).toThrow(
        /where: the one-argument form .* would reveal the secret condition/,
      );
      expect(() => np.sort(np.zeros([]))).toThrow(/sort: cannot sort a 0-D array/);
      return null;
    });
  });
});
