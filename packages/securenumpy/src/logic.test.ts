/** Boolean operators, bool arithmetic (NumPy: + is or, * is and), where, and matmul. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { both, expectClose, rand, refBinary, rng, toPlainArray, type Ref } from "../test/util.js";

const SHAPES: [number[], number[]][] = [
  [[], []],
  [[6], [6]],
  [[2, 3], [3]],
  [
    [2, 1, 4],
    [3, 1],
  ],
];

describe("boolean operators", () => {
  it("and/or/xor/not and the logical* routines, secret and public operands, broadcasting", async () => {
    const r = rng(21);
    const pairs = SHAPES.map(([a, c]) => [rand(r, a, "bool"), rand(r, c, "bool")] as const);
    const nums = rand(r, [2, 3], "float64", 2);
    const [res] = await both(async (np, party) => {
      const out = [];
      for (const [a, c] of pairs) {
        const x = await np.array(party === 0 ? toPlainArray(a) : null, 0);
        const y = await np.array(party === 1 ? toPlainArray(c) : null, 1);
        const pc = toPlainArray(c);
        out.push(
          await Promise.all(
            [
              x.and(y),
              x.or(y),
              x.xor(y),
              x.not(),
              x.and(pc),
              np.or(pc, x),
              x.xor(pc),
              np.logicalAnd(x, y),
              np.logicalOr(x, pc),
              np.logicalXor(y, x),
              np.logicalNot(y),
              x.add(y),
              x.mul(y),
              x.mul(pc),
              x.add(pc),
            ].map((z) => z.reveal()),
          ),
        );
      }
      const z = await np.array(party === 0 ? toPlainArray(nums) : null, 0);
      const logicalOnNumbers = await np.logicalAnd(z, np.logicalNot(z.gt(1))).reveal();
      return { out, logicalOnNumbers };
    });
    pairs.forEach(([a, c], i) => {
      const o = res.out[i]!;
      const ref = (f: (x: number, y: number) => number) => refBinary(a, c, "bool", f);
      const and = ref((x, y) => x & y),
        or = ref((x, y) => x | y),
        xor = ref((x, y) => x ^ y);
      const s = `[${a.shape}] [${c.shape}]`;
      expectClose(o[0]!, and, {}, `and ${s}`);
      expectClose(o[1]!, or, {}, `or ${s}`);
      expectClose(o[2]!, xor, {}, `xor ${s}`);
      expectClose(o[3]!, { ...a, data: a.data.map((v) => 1 - v) }, {}, `not ${s}`);
      expectClose(o[4]!, and, {}, `and public ${s}`);
      expectClose(o[5]!, or, {}, `or public-left ${s}`);
      expectClose(o[6]!, xor, {}, `xor public ${s}`);
      expectClose(o[7]!, and, {}, `logicalAnd ${s}`);
      expectClose(o[8]!, or, {}, `logicalOr ${s}`);
      expectClose(
        o[9]!,
        refBinary(c, a, "bool", (x, y) => x ^ y),
        {},
        `logicalXor ${s}`,
      );
      expectClose(o[10]!, { ...c, data: c.data.map((v) => 1 - v) }, {}, `logicalNot ${s}`);
      expectClose(o[11]!, or, {}, `bool + bool ${s}`);
      expectClose(o[12]!, and, {}, `bool * bool ${s}`);
      expectClose(o[13]!, and, {}, `bool * public bool ${s}`);
      expectClose(o[14]!, or, {}, `bool + public bool ${s}`);
    });
    expectClose(
      res.logicalOnNumbers,
      { ...nums, dtype: "bool", data: nums.data.map((v) => (v !== 0 && !(v > 1) ? 1 : 0)) },
      {},
      "logicalAnd on float64",
    );
  });

  it("bitwise operators need bool operands; boolean subtract and negative are refused", async () => {
    await both(async (np, party) => {
      const x = await np.array(party === 0 ? [1, 2] : null, 0);
      const b = await np.array(party === 0 ? [true, false] : null, 0);
      expect(() => x.and(b)).toThrow(/and: x1 is float64, expected bool .*x.gt\(0\).*logicalAnd/);
      expect(() => x.not()).toThrow(/not: x1 is float64, expected bool/);
      expect(() => b.sub(b)).toThrow(/subtract: boolean subtract is not supported/);
      expect(() => b.neg()).toThrow(/negative: the boolean negative is not supported/);
    });
  });
});

describe("where and maximum/minimum", () => {
  it("secret and public conditions, mixed operand kinds and dtypes, broadcasting", async () => {
    const r = rng(22);
    const c = rand(r, [2, 3], "bool");
    const a = rand(r, [2, 3], "float64");
    const b = rand(r, [3], "int64");
    const bb = rand(r, [2, 3], "bool");
    const [res] = await both(async (np, party) => {
      const sc = await np.array(party === 0 ? toPlainArray(c) : null, 0);
      const sa = await np.array(party === 1 ? toPlainArray(a) : null, 1);
      const sb = await np.array(party === 0 ? toPlainArray(b) : null, 0, { dtype: "int64" });
      const sbb = await np.array(party === 0 ? toPlainArray(bb) : null, 0);
      return Promise.all(
        [
          np.where(sc, sa, sb),
          np.where(toPlainArray(c), sa, sb),
          np.where(sc, 1, 0),
          np.where(sc, sa, 0),
          np.where(sc, sbb, sc.not()),
          np.where(toPlainArray(c), sbb, false),
          np.where(sa.gt(0), sa, 0.5),
        ].map((z) => z.reveal()),
      );
    });
    const sel = (t: Ref, f: Ref, dtype: "float64" | "int64" | "bool"): Ref => ({
      shape: [2, 3],
      dtype,
      data: c.data.map((ci, i) => (ci ? t.data[i % t.data.length]! : f.data[i % f.data.length]!)),
    });
    const full = (v: number): Ref => ({ shape: [1], dtype: "float64", data: [v] });
    expectClose(res[0]!, sel(a, b, "float64"), {}, "where secret");
    expectClose(res[1]!, sel(a, b, "float64"), {}, "where public condition");
    expectClose(res[2]!, sel(full(1), full(0), "int64"), {}, "where(c, 1, 0) is int64");
    expectClose(res[3]!, sel(a, full(0), "float64"), {}, "where(c, x, 0)");
    expectClose(res[4]!, { shape: [2, 3], dtype: "bool", data: c.data.map((ci, i) => (ci ? bb.data[i]! : 1 - ci)) }, {}, "where on bools");
    expectClose(
      res[5]!,
      { shape: [2, 3], dtype: "bool", data: c.data.map((ci, i) => (ci ? bb.data[i]! : 0)) },
      {},
      "where public on bools",
    );
    expectClose(res[6]!, { ...a, data: a.data.map((v) => (v > 0 ? v : 0.5)) }, {}, "where(x > 0, x, 0.5)");
  });

  it("maximum and minimum on any dtype, with public operands (ReLU)", async () => {
    const r = rng(23);
    const x = rand(r, [3, 4], "float64");
    const n = rand(r, [4], "int64");
    const [res] = await both(async (np, party) => {
      const sx = await np.array(party === 0 ? toPlainArray(x) : null, 0);
      const sn = await np.array(party === 1 ? toPlainArray(n) : null, 1, { dtype: "int64" });
      return Promise.all(
        [np.maximum(sx, 0), np.minimum(0, sx), np.maximum(sx, sn), np.minimum(sn, 3), np.maximum(sx.gt(0), sx.lt(-5))].map((z) =>
          z.reveal(),
        ),
      );
    });
    const m = (d: number[], f: (v: number, i: number) => number) => d.map(f);
    expectClose(res[0]!, { ...x, data: m(x.data, (v) => Math.max(v, 0)) }, {}, "relu");
    expectClose(res[1]!, { ...x, data: m(x.data, (v) => Math.min(v, 0)) }, {}, "min 0");
    expectClose(res[2]!, { ...x, data: m(x.data, (v, i) => Math.max(v, n.data[i % 4]!)) }, {}, "max with int64");
    expectClose(res[3]!, { ...n, data: m(n.data, (v) => Math.min(v, 3)) }, {}, "min int64");
    expectClose(res[4]!, { ...x, dtype: "bool", data: m(x.data, (v) => (v > 0 || v < -5 ? 1 : 0)) }, {}, "max of bools is or");
  });
});

describe("matmul", () => {
  const refMatmul = (a: Ref, b: Ref): number[] => {
    const [m, k] = a.shape.length === 1 ? [1, a.shape[0]!] : [a.shape[0]!, a.shape[1]!];
    const n = b.shape.length === 1 ? 1 : b.shape[1]!;
    const out: number[] = [];
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let t = 0; t < k; t++) s += a.data[i * k + t]! * b.data[t * n + j]!;
        out.push(s);
      }
    return out;
  };

  it("2-D, 1-D on either side, N-D batches with broadcasting, int64 and public operands", { timeout: 20_000 }, async () => {
    const r = rng(24);
    const A = rand(r, [3, 4], "float64", 4),
      B = rand(r, [4, 2], "float64", 4),
      v = rand(r, [4], "float64", 4);
    const I = rand(r, [2, 3], "int64", 9),
      J = rand(r, [3, 2], "int64", 9);
    const S = rand(r, [2, 3, 4], "float64", 3),
      T = rand(r, [4, 5], "float64", 3);
    const [res] = await both(async (np, party) => {
      const [a, b, vv, i, j, s, t] = await Promise.all([
        np.array(party === 0 ? toPlainArray(A) : null, 0),
        np.array(party === 1 ? toPlainArray(B) : null, 1),
        np.array(party === 1 ? toPlainArray(v) : null, 1),
        np.array(party === 0 ? toPlainArray(I) : null, 0, { dtype: "int64" }),
        np.array(party === 1 ? toPlainArray(J) : null, 1, { dtype: "int64" }),
        np.array(party === 0 ? toPlainArray(S) : null, 0),
        np.array(party === 1 ? toPlainArray(T) : null, 1),
      ]);
      const outs = [
        a.matmul(b),
        a.matmul(vv),
        vv.matmul(b),
        vv.matmul(vv),
        i.matmul(j),
        np.matmul(a, toPlainArray(B)),
        np.matmul(toPlainArray(A), b),
        s.matmul(t),
        i.matmul(b.get(":3")),
        a.T.matmul(a),
      ];
      expect(outs.map((o) => o.shape)).toEqual([[3, 2], [3], [2], [], [2, 2], [3, 2], [3, 2], [2, 3, 5], [2, 2], [4, 4]]);
      expect(outs[4]!.dtype).toBe("int64");
      return Promise.all(outs.map((o) => o.reveal()));
    });
    const tol = { abs: 1e-3 };
    expectClose(res[0]!, { shape: [3, 2], dtype: "float64", data: refMatmul(A, B) }, tol, "A·B");
    expectClose(res[1]!, { shape: [3], dtype: "float64", data: refMatmul(A, { ...v, shape: [4, 1] }) }, tol, "A·v");
    expectClose(res[2]!, { shape: [2], dtype: "float64", data: refMatmul(v, B) }, tol, "v·B");
    expectClose(res[3]!, { shape: [], dtype: "float64", data: refMatmul(v, { ...v, shape: [4, 1] }) }, tol, "v·v");
    expectClose(res[4]!, { shape: [2, 2], dtype: "int64", data: refMatmul(I, J) }, {}, "int64");
    expectClose(res[5]!, { shape: [3, 2], dtype: "float64", data: refMatmul(A, B) }, tol, "A·public B");
    expectClose(res[6]!, { shape: [3, 2], dtype: "float64", data: refMatmul(A, B) }, tol, "public A·B");
    const batch = [0, 1].flatMap((k) => refMatmul({ ...S, shape: [3, 4], data: S.data.slice(k * 12, k * 12 + 12) }, T));
    expectClose(res[7]!, { shape: [2, 3, 5], dtype: "float64", data: batch }, tol, "batched");
    expectClose(
      res[8]!,
      { shape: [2, 2], dtype: "float64", data: refMatmul(I, { ...B, shape: [3, 2], data: B.data.slice(0, 6) }) },
      tol,
      "int64 · float64",
    );
    const At = { shape: [4, 3], dtype: "float64" as const, data: [0, 1, 2, 3].flatMap((c) => [0, 1, 2].map((rr) => A.data[rr * 4 + c]!)) };
    expectClose(res[9]!, { shape: [4, 4], dtype: "float64", data: refMatmul(At, A) }, tol, "A.T·A");
  });

  it("shape errors name the routine and both shapes", async () => {
    await both(async (np, party) => {
      const a = await np.array(party === 0 ? [[1, 2, 3]] : null, 0);
      expect(() => a.matmul(a)).toThrow(/matmul: shapes \(1,3\) and \(1,3\) not aligned: 3 \(dim 1\) != 1 \(dim 0\)/);
      expect(() => a.get(0, 0).matmul(a)).toThrow(/matmul: operands must not be 0-D/);
    });
  });

  it("property: random small 2-D products match the reference", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer(),
        async (m, k, n, seed) => {
          const r = rng(seed);
          const A = rand(r, [m, k], "float64", 5),
            B = rand(r, [k, n], "float64", 5);
          const [res] = await both(async (np, party) => {
            const a = await np.array(party === 0 ? toPlainArray(A) : null, 0);
            const b = await np.array(party === 1 ? toPlainArray(B) : null, 1);
            return a.matmul(b).reveal();
          });
          expectClose(res, { shape: [m, n], dtype: "float64", data: refMatmul(A, B) }, { abs: 1e-3 }, "fc matmul");
        },
      ),
      { numRuns: 15 },
    );
  });
});
