/**
 * negative, absolute, power, mod and astype against plaintext references, on 0-D to 3-D shapes.
 * Tolerances (f = 16): exact for neg/abs/casts on grid inputs; power ±(k ulp + relative 1e-4);
 * exp/log powers 1e-3 relative; mod exact in ring units.
 */
import { describe, expect, it } from "vitest";
import type { DType } from "./core/dtype.js";
import { both, expectClose, rand, rng, toPlainArray, type Ref } from "../test/util.js";

const SHAPES = [[], [7], [2, 3], [2, 2, 3]];
const map = (a: Ref, dtype: DType, f: (x: number) => number): Ref => ({ shape: a.shape, dtype, data: a.data.map(f) });
/** NumPy's mod: the sign of the divisor. */
const pyMod = (x: number, p: number) => x - p * Math.floor(x / p);

describe("unary operators and casts", () => {
  it("negative and absolute keep the dtype (bool: abs only)", async () => {
    const r = rng(11);
    const cases = SHAPES.flatMap((s) => (["float64", "int64"] as DType[]).map((d) => rand(r, s, d)));
    const bools = SHAPES.map((s) => rand(r, s, "bool"));
    const [res] = await both(async (np, party) => {
      const out = [];
      for (const c of cases) {
        const x = await np.array(party === 0 ? toPlainArray(c) : null, 0, { dtype: c.dtype });
        out.push([await x.neg().reveal(), await np.absolute(x).reveal(), await np.negative(x).reveal()]);
      }
      const babs = [];
      for (const c of bools) babs.push(await (await np.array(party === 1 ? toPlainArray(c) : null, 1, { dtype: "bool" })).abs().reveal());
      return { out, babs };
    });
    cases.forEach((c, i) => {
      const [neg, abs, neg2] = res.out[i]!;
      expectClose(
        neg!,
        map(c, c.dtype, (v) => -v),
        {},
        `neg ${c.dtype}[${c.shape}]`,
      );
      expectClose(
        neg2!,
        map(c, c.dtype, (v) => -v),
        {},
        `negative ${c.dtype}[${c.shape}]`,
      );
      expectClose(abs!, map(c, c.dtype, Math.abs), {}, `abs ${c.dtype}[${c.shape}]`);
    });
    bools.forEach((c, i) => expectClose(res.babs[i]!, c, {}, "abs bool"));
  });

  it("power: integer exponents (float64 and int64), fractional and secret exponents (float64, x > 0)", { timeout: 20_000 }, async () => {
    const r = rng(12);
    const f = rand(r, [2, 3], "float64", 3);
    const i = rand(r, [5], "int64", 6);
    const pos = map(rand(r, [4], "float64", 4), "float64", (v) => Math.abs(v) + 0.5);
    const ex = map(rand(r, [4], "float64", 2), "float64", (v) => v / 2);
    const [res] = await both(async (np, party) => {
      const x = await np.array(party === 0 ? toPlainArray(f) : null, 0);
      const n = await np.array(party === 0 ? toPlainArray(i) : null, 0, { dtype: "int64" });
      const p = await np.array(party === 1 ? toPlainArray(pos) : null, 1);
      const e = await np.array(party === 0 ? toPlainArray(ex) : null, 0);
      return {
        sq: await x.pow(2).reveal(),
        cube: await np.power(x, 3).reveal(),
        zero: await x.pow(0).reveal(),
        inv: await p.pow(-2).reveal(),
        i3: await n.pow(3).reveal(),
        i0: await n.pow(0).reveal(),
        half: await p.pow(0.5).reveal(),
        secretExp: await p.pow(e).reveal(),
        publicBase: await np.power(2, e).reveal(),
      };
    });
    expectClose(
      res.sq,
      map(f, "float64", (v) => v ** 2),
      { abs: 2 ** -14 },
      "x**2",
    );
    expectClose(
      res.cube,
      map(f, "float64", (v) => v ** 3),
      { abs: 1e-3 },
      "x**3",
    );
    expectClose(
      res.zero,
      map(f, "float64", () => 1),
      {},
      "x**0",
    );
    expectClose(
      res.inv,
      map(pos, "float64", (v) => v ** -2),
      { abs: 1e-4, rel: 1e-3 },
      "x**-2",
    );
    expectClose(
      res.i3,
      map(i, "int64", (v) => v ** 3),
      {},
      "int x**3",
    );
    expectClose(
      res.i0,
      map(i, "int64", () => 1),
      {},
      "int x**0",
    );
    expectClose(res.half, map(pos, "float64", Math.sqrt), { abs: 1e-3, rel: 1e-3 }, "x**0.5");
    expectClose(
      res.secretExp,
      { shape: [4], dtype: "float64", data: pos.data.map((v, k) => v ** ex.data[k]!) },
      { abs: 1e-3, rel: 1e-3 },
      "x**e",
    );
    expectClose(
      res.publicBase,
      map(ex, "float64", (v) => 2 ** v),
      { abs: 1e-3, rel: 1e-3 },
      "2**e",
    );
  });

  it("power refuses negative integer powers of int64 (as NumPy)", async () => {
    await both(async (np, party) => {
      const n = await np.array(party === 0 ? [1n, 2n] : null, 0);
      expect(() => n.pow(-1)).toThrow(/power: integers to negative integer powers are not allowed/);
    });
  });

  it("mod has the sign of the divisor (int64 and float64, public divisors)", { timeout: 20_000 }, async () => {
    const r = rng(13);
    const ints = rand(r, [3, 4], "int64", 1000);
    const floats = rand(r, [2, 5], "float64", 100);
    const divisors = [7, -7, 2, 1, 1000];
    const fdiv = [2.5, -0.75, 10];
    const [res] = await both(async (np, party) => {
      const n = await np.array(party === 0 ? toPlainArray(ints) : null, 0, { dtype: "int64" });
      const x = await np.array(party === 1 ? toPlainArray(floats) : null, 1);
      const out = { ints: [] as unknown[], floats: [] as unknown[], vec: null as unknown };
      const a = divisors.map((p) => n.mod(p));
      const b = fdiv.map((p) => np.mod(x, p));
      const v = n.mod([3, 5, 7, 11]);
      for (const y of a) out.ints.push(await y.reveal());
      for (const y of b) out.floats.push(await y.reveal());
      out.vec = await v.reveal();
      return out;
    });
    divisors.forEach((p, k) =>
      expectClose(
        res.ints[k] as never,
        map(ints, "int64", (v) => pyMod(v, p)),
        {},
        `int mod ${p}`,
      ),
    );
    fdiv.forEach((p, k) =>
      expectClose(
        res.floats[k] as never,
        map(floats, "float64", (v) => pyMod(v, p)),
        { abs: 1e-9 },
        `float mod ${p}`,
      ),
    );
    expectClose(
      res.vec as never,
      { shape: [3, 4], dtype: "int64", data: ints.data.map((v, k) => pyMod(v, [3, 5, 7, 11][k % 4]!)) },
      {},
      "mod by a vector",
    );
  });

  it("astype follows NumPy: float → int truncates toward zero, anything → bool is ≠ 0", async () => {
    const vals = [-2.75, -2.5, -2, -0.25, 0, 0.25, 1, 2.5, 3.75, -1e4 - 0.5, 1e4 + 0.5];
    const [res] = await both(async (np, party) => {
      const x = await np.array(party === 0 ? vals : null, 0);
      const i = x.astype("int64");
      const b = await np.array(party === 0 ? [true, false, true] : null, 0);
      return {
        int: await i.reveal(),
        back: await i.astype("float64").reveal(),
        bool: await x.astype("bool").reveal(),
        intBool: await i.astype("bool").reveal(),
        b2i: await b.astype("int64").reveal(),
        b2f: await b.astype("float64").reveal(),
        same: x.astype("float64").dtype,
      };
    });
    expect(Array.from(res.int.data as BigInt64Array, Number)).toEqual(vals.map((v) => Math.trunc(v) + 0));
    expect(res.back.tolist()).toEqual(vals.map((v) => Math.trunc(v) + 0));
    expect(res.bool.tolist()).toEqual(vals.map((v) => v !== 0));
    expect(res.intBool.tolist()).toEqual(vals.map((v) => Math.trunc(v) !== 0));
    expect(res.b2i.dtype).toBe("int64");
    expect(res.b2i.tolist()).toEqual([1, 0, 1]);
    expect(res.b2f.tolist()).toEqual([1, 0, 1]);
    expect(res.same).toBe("float64");
  });
});
