/**
 * Division and reciprocal against the exact quotient of their fixed-point inputs (issue 16, item 2):
 * within max(4 ulp, 10^−7 relative) over the documented range, the same result on every run.
 */
import { encodeFixed, Prg, SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { describe, expect, it } from "vitest";
import { runPair } from "../../test/pair.js";

const F = 16;
const ULP_BOUND = 4;
const REL_BOUND = 1e-7;
const prg = new Prg(new SeededRandom(testSeed()).prgSeed());

function rand(n: number): number[] {
  const r = prg.ring(n);
  return Array.from(r, (v) => Number(v >> 11n) / 2 ** 53);
}

/** Log-uniform magnitude in [lo, hi] for u ∈ [0, 1). */
const logUniform = (u: number, lo: number, hi: number): number => Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * u);

const signed = (v: bigint): bigint => BigInt.asIntN(64, v);

/**
 * Error in ulp of a raw result against the exact rational num/den (raw integers), and the bound
 * max(4 ulp, 10^−7·|num/den|) it must stay within.
 */
function excess(got: bigint, num: bigint, den: bigint): { err: number; bound: number } {
  // got − num/den = (got·den − num)/den, exactly in bigint, then one division in floating point.
  const err = Math.abs(Number(got * den - num) / Number(den));
  return { err, bound: Math.max(ULP_BOUND, REL_BOUND * Math.abs(Number(num) / Number(den))) };
}

async function secureDiv(xs: readonly number[], ds: readonly number[]): Promise<{ q: BigUint64Array }> {
  const x = encodeFixed(xs, F),
    d = encodeFixed(ds, F);
  // The declared rounds and bytes are checked by test/compliance.test.ts.
  const [p0] = await runPair(async (k) => {
    const a = await k.input(0, k.party === 0 ? x : null, x.length);
    const b = await k.input(1, k.party === 1 ? d : null, d.length);
    return { q: await k.reveal(await k.run("div_aa", [a, b])) };
  });
  return p0.result;
}

async function secureReciprocal(ds: readonly number[]): Promise<BigUint64Array> {
  const d = encodeFixed(ds, F);
  const [p0] = await runPair(async (k) => k.reveal(await k.run("reciprocal_a", [await k.input(1, k.party === 1 ? d : null, d.length)])));
  return p0.result;
}

/**
 * Checks every quotient; returns the worst error in ulp where 4 ulp is the larger bound (exact quotients
 * below 4·10^7 ulp), the worst relative error above, and the worst ratio error / bound.
 */
function check(name: string, xs: readonly number[], ds: readonly number[], q: BigUint64Array): { ulp: number; rel: number; ratio: number } {
  const x = encodeFixed(xs, F),
    d = encodeFixed(ds, F);
  let ulp = 0,
    rel = 0,
    ratio = 0;
  for (let i = 0; i < ds.length; i++) {
    const num = signed(x[i]!) << BigInt(F),
      den = signed(d[i]!);
    const { err, bound } = excess(signed(q[i]!), num, den);
    expect(err, `${name}: ${xs[i]} / ${ds[i]} (raw ${signed(x[i]!)} / ${den}) = ${signed(q[i]!)} raw`).toBeLessThanOrEqual(bound);
    const exact = Math.abs(Number(num) / Number(den));
    if (bound === ULP_BOUND) ulp = Math.max(ulp, err);
    else rel = Math.max(rel, err / exact);
    ratio = Math.max(ratio, err / bound);
  }
  return { ulp, rel, ratio };
}

describe("div: within max(4 ulp, 1e-7 relative) of the exact quotient of the fixed-point inputs (f = 16)", () => {
  it("the issue's cases: 0.001 / 0.01, 0.5 / 0.004, 3 / 0.0045 (and their negations) within 4 ulp", async () => {
    const xs = [0.001, 0.5, 3, -0.001, 0.5, -3, 1, 1, -1];
    const ds = [0.01, 0.004, 0.0045, 0.01, -0.004, -0.0045, 2 ** -8, -(2 ** -8), 3];
    const { q } = await secureDiv(xs, ds);
    const x = encodeFixed(xs, F),
      d = encodeFixed(ds, F);
    for (let i = 0; i < xs.length; i++) {
      const exact = Number(signed(x[i]!) << BigInt(F)) / Number(signed(d[i]!));
      expect(Math.abs(Number(signed(q[i]!)) - exact), `${xs[i]} / ${ds[i]}`).toBeLessThanOrEqual(ULP_BOUND);
    }
  });

  it("seeded divisors across ±[2^−8, 2^20], numerators across the range, exact edges", async () => {
    const n = 2000;
    const u = rand(3 * n);
    const ds: number[] = [],
      xs: number[] = [];
    for (let i = 0; i < n; i++) {
      const dv = logUniform(u[i]!, 2 ** -8, 2 ** 20) * (i % 2 ? -1 : 1);
      // |x| log-uniform up to the range's limit |x/y| < 2^25 (and 2^30), signs independent of y's.
      const hi = Math.min(2 ** 30, 0.99 * 2 ** 25 * Math.abs(dv));
      const xv = logUniform(u[n + i]!, 2 ** -16, hi) * (u[2 * n + i]! < 0.5 ? -1 : 1);
      ds.push(dv);
      xs.push(xv);
    }
    // Edges: the range's ends, powers of two (exact quotients), equal operands, a zero numerator.
    const ex = [1, 1, -1, 2 ** 16, 2 ** 16, 0, 5, 5, 1e-3, 2 ** 24, -(2 ** 24), 7, 2 ** -16];
    const ed = [2 ** -8, -(2 ** -8), 2 ** 20, 2 ** -8 * 3, 2 ** 20 - 1, 3, 5, -5, 2 ** 20, 1, 1.5, 2 ** -16, 2 ** -16];
    const { q } = await secureDiv([...ex, ...xs], [...ed, ...ds]);
    const worst = check("div", [...ex, ...xs], [...ed, ...ds], q);
    // Exact quotients come back exact.
    expect(signed(q[0]!)).toBe(1n << 24n); // 1 / 2^-8 = 256
    expect(signed(q[5]!)).toBe(0n);
    expect(signed(q[6]!)).toBe(1n << 16n);
    expect(signed(q[7]!)).toBe(-(1n << 16n));
    console.log(
      `div: worst ${worst.ulp.toFixed(3)} ulp (small), ${worst.rel.toExponential(2)} relative (large), ${worst.ratio.toFixed(3)} of the bound`,
    );
  });

  it("the same inputs twice give identical results (different shares and correlations)", async () => {
    const u = rand(200);
    const ds = u.slice(0, 100).map((v, i) => logUniform(v, 2 ** -8, 2 ** 20) * (i % 3 ? 1 : -1));
    const xs = u.slice(100).map((v, i) => (v - 0.5) * 2000 * (i % 5 ? 1 : 1e-3));
    const a = await secureDiv([0.5, 3, 0.001, ...xs], [0.004, 0.0045, 0.01, ...ds]);
    const b = await secureDiv([0.5, 3, 0.001, ...xs], [0.004, 0.0045, 0.01, ...ds]);
    expect(Array.from(b.q)).toEqual(Array.from(a.q));
  });
});

describe("reciprocal: within max(4 ulp, 1e-7 relative) of 1/x for the fixed-point x (f = 16)", () => {
  it("seeded x across ±[2^−16, 2^21), edges; the same on every run", async () => {
    const n = 2000;
    const u = rand(n);
    const ds = u.map((v, i) => logUniform(v, 2 ** -16, 2 ** 21 - 1) * (i % 2 ? -1 : 1));
    const edges = [
      1,
      -1,
      2,
      0.5,
      2 ** -16,
      -(2 ** -16),
      2 ** -8,
      0.01,
      0.004,
      0.0045,
      3,
      2 ** 20,
      2 ** 21 - 2 ** -16,
      -(2 ** 21 - 2 ** -16),
    ];
    const all = [...edges, ...ds];
    const r = await secureReciprocal(all);
    const worst = check(
      "reciprocal",
      all.map(() => 1),
      all,
      r,
    );
    expect(signed(r[0]!)).toBe(1n << 16n);
    expect(signed(r[4]!)).toBe(1n << 32n); // 1 / 2^-16 = 2^16
    console.log(
      `reciprocal: worst ${worst.ulp.toFixed(3)} ulp (small), ${worst.rel.toExponential(2)} relative (large), ${worst.ratio.toFixed(3)} of the bound`,
    );
    const again = await secureReciprocal(all);
    expect(Array.from(again)).toEqual(Array.from(r));
  });
});
