/**
 * Products by public floats off the fixed-point grid (core/public-float.ts) against the exact
 * product of the fixed-point input with the float itself, over the documented range (float64 x:
 * |x| < 2^24, |x·p| < 2^30; int64 x: |x| < 2^32), and the exact cases a NumPy user expects.
 */
import { describe, expect, it } from "vitest";
import { both, rng } from "../../test/util.js";
import { PlainArray } from "./plain.js";
import { limbLayout } from "./public-float.js";

const F = 16;
const ULP = 2 ** -F;
const SEED = 0x9f10a7;

/** Random signed floats of magnitude 10^[lo, hi], off the fixed-point grid. */
function factors(r: () => number, n: number, lo: number, hi: number): Float64Array {
  return Float64Array.from({ length: n }, () => (r() < 0.5 ? -1 : 1) * 10 ** (lo + r() * (hi - lo)));
}

describe("products by public floats off the fixed-point grid", () => {
  // Factor ranges (powers of ten): two limbs for float64 x, one for |p| ≥ 2^7 (the second range's products).
  for (const [lo, hi] of [
    [-4, 3],
    [2.2, 3],
    [-1.5, 0],
  ] as const) {
    it(`x times public floats in ±10^[${lo}, ${hi}]: within 1/2 ulp + |x|·2^-(f+E+1) over the documented range (seed ${SEED})`, async () => {
      const r = rng(SEED);
      const n = 1000;
      const p = factors(r, n, lo, hi);
      const minAbs = (v: Float64Array) => v.reduce((m, q) => Math.min(m, Math.abs(q)), Number.POSITIVE_INFINITY);
      const mul = limbLayout(F, F, minAbs(p));
      const div = limbLayout(F, F, minAbs(p.map((q) => 1 / q)));
      // float64 x on the grid, log-uniform magnitudes up to both layouts' ranges, with |x·p|, |x/p| < 2^29.
      const xBits = 63 - F - Math.max(mul.b, div.b) - 1;
      const x = Float64Array.from(p, (v) => {
        const m = Math.min(2 ** (r() * xBits), 2 ** 29 / Math.abs(v), 2 ** 29 * Math.abs(v));
        return Math.round((r() < 0.5 ? -m : m) * 2 ** F) / 2 ** F;
      });
      const xi = Float64Array.from(p, (v) => {
        const m = Math.min(2 ** (r() * 32 - 1), 2 ** 45 / Math.abs(v));
        return Math.round(r() < 0.5 ? -m : m);
      });
      const [out] = await both(async (np, party) => {
        const sx = await np.array(party === 0 ? x : null, 0);
        const ints = new PlainArray(
          BigInt64Array.from(xi, (v) => BigInt(v)),
          [n],
          "int64",
        );
        const si = await np.array(party === 1 ? ints : null, 1, { dtype: "int64" });
        const pp = new PlainArray(p, [n], "float64");
        return Promise.all([np.multiply(sx, pp), np.multiply(pp, si), np.divide(sx, pp)].map((a) => a.reveal()));
      });
      const [prodF, prodI, quotF] = out.map((a) => a!.toNumbers());
      for (let i = 0; i < n; i++) {
        // The float64 reference rounds at 2^-52 relative: allowed on top.
        const want = x[i]! * p[i]!;
        const tolF = ULP / 2 + Math.abs(x[i]!) * 2 ** -(F + mul.b * mul.count + 1) + Math.abs(want) * 2 ** -52;
        expect(Math.abs(prodF![i]! - want), `x·p at ${i}: x = ${x[i]}, p = ${p[i]} (seed ${SEED})`).toBeLessThanOrEqual(tolF);
        const wantI = xi[i]! * p[i]!;
        const tolI = ULP / 2 + Math.abs(xi[i]!) * 2 ** -(F + 32) + Math.abs(wantI) * 2 ** -52;
        expect(Math.abs(prodI![i]! - wantI), `p·x (int64) at ${i}: x = ${xi[i]}, p = ${p[i]} (seed ${SEED})`).toBeLessThanOrEqual(tolI);
        const q = x[i]! / p[i]!;
        const tolQ = ULP / 2 + Math.abs(x[i]!) * 2 ** -(F + div.b * div.count + 1) + Math.abs(q) * 2 ** -51;
        expect(Math.abs(quotF![i]! - q), `x / p at ${i}: x = ${x[i]}, p = ${p[i]} (seed ${SEED})`).toBeLessThanOrEqual(tolQ);
      }
    });
  }

  it("results fixed point represents come back exact", async () => {
    const [out] = await both(async (np, party) => {
      const x = await np.array(party === 0 ? [1000, 2000, -3000, 123456] : null, 0);
      const t = await np.array(party === 0 ? [730, -14.6, 10, 123450] : null, 0);
      const i = await np.array(party === 1 ? new PlainArray(new BigInt64Array([1000n, -5000n, 10n]), [3], "int64") : null, 1, {
        dtype: "int64",
      });
      const w = await np.array(party === 0 ? [10, 20, 30] : null, 0);
      return Promise.all(
        [
          np.multiply(x, 0.001),
          np.divide(t, 7.3),
          np.multiply(t, 0.1),
          np.multiply(i, 0.001),
          np.average(w, null, { weights: [0.1, 0.2, 0.3] }),
        ].map((a) => a.reveal()),
      );
    });
    // The nearest grid point of the exact product (none of these is near a midpoint).
    const grid = (v: number) => Math.round(v * 2 ** F) / 2 ** F;
    const t = [730, grid(-14.6), 10, 123450];
    expect(Array.from(out[0]!.toNumbers())).toEqual([1, 2, -3, grid(123.456)]);
    expect(Array.from(out[1]!.toNumbers())).toEqual(t.map((v) => grid(v / 7.3)));
    expect(Array.from(out[2]!.toNumbers())).toEqual(t.map((v) => grid(v * 0.1)));
    expect(Array.from(out[2]!.toNumbers())[0]).toBe(73);
    expect(Array.from(out[3]!.toNumbers())).toEqual([1, -5, grid(0.01)]);
    // (1 + 4 + 9) / 0.6 = 23.33…: one rounding.
    expect(out[4]!.toNumbers()[0]).toBe(grid(140 / 6));
  });
});
