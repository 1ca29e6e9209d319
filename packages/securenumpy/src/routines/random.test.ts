/**
 * random.uniform and random.normal: the distributions, statistically, and the secrecy of the values.
 *
 * Seeded: both parties' private PRGs come from SEED (DuetOptions.privateSeed, hashed with the party
 * id), so the draws, and so the statistics below, are the same on every run; the bounds are wide
 * enough (≈ 4.5 standard errors, KS at α ≈ 0.001) that another seed fails them rarely. Each failure
 * message names the seed.
 * - uniform on [0, 1), n = 2^14: every value on the 2^−16 grid in [0, 1); |mean − 1/2| < 4.5·√(1/12n);
 *   |var − 1/12| < 4.5·√((1/80 − 1/144)/n); Kolmogorov–Smirnov distance to U(0, 1) below 1.95/√n.
 * - normal, n = 2^14: |mean| < 4.5/√n, |var − 1| < 4.5·√(2/n), KS distance to N(0, 1) below 1.95/√n,
 *   and |z| ≤ √(2·16·ln 2) = 4.71 (the documented tail cut).
 * - Box–Muller itself on chosen uniforms (the whole grid range of u1): within 5·10^−4 of the transform
 *   in float64 where the radius is ≥ 0.1, within 0.01 below.
 * - secrecy: each party's share alone is uncorrelated with the values (|ρ| < 4.5/√n between the
 *   share's low 16 bits read as a fraction and the revealed value) and spreads over the whole ring
 *   (its top bit is set about half the time), and two unseeded runs give different values.
 */
import { insecureDealer } from "@petace/duet";
import { describe, expect, it } from "vitest";
import { both, rng } from "../../test/util.js";
import { boxMuller } from "./random.js";

const SEED = Uint8Array.from([0x5e, 0xed, 0x20, 0x26, 0x12, 0x02, 0x16, 0x04, 0, 1, 2, 3, 4, 5, 6, 7]);
const SEEDED = { correlations: insecureDealer, privateSeed: SEED };
const note = `(privateSeed ${Buffer.from(SEED).toString("hex")})`;
const N = 1 << 14;

const mean = (v: Float64Array): number => v.reduce((s, x) => s + x, 0) / v.length;
const variance = (v: Float64Array): number => {
  const m = mean(v);
  return v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1);
};
/** sup |F_n − F| of the sample against a continuous cdf. */
function ks(v: Float64Array, cdf: (x: number) => number): number {
  const s = Float64Array.from(v).sort();
  let d = 0;
  s.forEach((x, i) => {
    const F = cdf(x);
    d = Math.max(d, Math.abs((i + 1) / s.length - F), Math.abs(F - i / s.length));
  });
  return d;
}
/** Φ by the complementary error function (Abramowitz–Stegun 7.1.26 is too coarse; this is W. J. Cody's rational form via erf series). */
function phi(x: number): number {
  // erf by its Taylor series for |x| < 3, the continued fraction beyond: |error| < 1e-12 on the sample's range.
  const z = Math.abs(x) / Math.SQRT2;
  let erf: number;
  if (z < 3) {
    let term = z,
      sum = z;
    for (let k = 1; k < 200; k++) {
      term *= (-z * z) / k;
      sum += term / (2 * k + 1);
      if (Math.abs(term) < 1e-17) break;
    }
    erf = (2 / Math.sqrt(Math.PI)) * sum;
  } else {
    let f = 0;
    for (let k = 60; k >= 1; k--) f = k / 2 / (z + f);
    erf = 1 - Math.exp(-z * z) / Math.sqrt(Math.PI) / (z + f);
  }
  return x < 0 ? (1 - erf) / 2 : (1 + erf) / 2;
}

describe("random.uniform", () => {
  it("is uniform on the fixed-point grid of [0, 1) (moments, KS), bounds and shapes as NumPy", { timeout: 120_000 }, async () => {
    const [r] = await both(async (np, _party, vm) => {
      await vm.evaluate();
      const before = { rounds: vm.stats.rounds, bytes: vm.stats.bytesSent };
      const u = np.random.uniform(0, 1, N);
      await vm.evaluate();
      const cost = { rounds: vm.stats.rounds - before.rounds, bytes: (vm.stats.bytesSent - before.bytes) / N };
      const shifted = np.random.uniform(-3, 5, [4, 256]);
      const scalar = np.random.uniform();
      const perRow = np.random.uniform([0, 10], [1, 20], [512, 2]);
      return {
        u: await u.revealTo(0),
        shifted: await shifted.revealTo(0),
        scalar: await scalar.revealTo(0),
        perRow: await perRow.revealTo(0),
        cost,
      };
    }, SEEDED);
    const u = r.u!.toNumbers() as Float64Array;
    expect(r.u!.dtype).toBe("float64");
    for (const x of u)
      if (!(x >= 0 && x < 1 && Number.isInteger(x * 2 ** 16))) expect.fail(`uniform value ${x} is not on the grid of [0, 1) ${note}`);
    expect(Math.abs(mean(u) - 0.5), `mean ${note}`).toBeLessThan(4.5 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(variance(u) - 1 / 12), `variance ${note}`).toBeLessThan(4.5 * Math.sqrt((1 / 80 - 1 / 144) / N));
    expect(
      ks(u, (x) => Math.min(1, Math.max(0, x))),
      `KS distance ${note}`,
    ).toBeLessThan(1.95 / Math.sqrt(N));
    const s = r.shifted!.toNumbers() as Float64Array;
    expect(r.shifted!.shape).toEqual([4, 256]);
    expect(Math.min(...s)).toBeGreaterThanOrEqual(-3);
    expect(Math.max(...s)).toBeLessThanOrEqual(5);
    expect(Math.abs(mean(s) - 1), `shifted mean ${note}`).toBeLessThan(4.5 * Math.sqrt(64 / 12 / s.length));
    expect(r.scalar!.shape).toEqual([]);
    const p = r.perRow!.toNumbers() as Float64Array;
    for (let i = 0; i < p.length; i += 2) {
      expect(p[i]! >= 0 && p[i]! <= 1 && p[i + 1]! >= 10 && p[i + 1]! <= 20, `per-column bounds ${note}`).toBe(true);
    }
    // One exact floor: 5 rounds, ≈ 10 B per value (reported for the README's cost line).
    expect(r.cost.rounds).toBe(5);
    console.log(`uniform [0, 1): ${r.cost.rounds} rounds, ${r.cost.bytes.toFixed(1)} B per value (party 0 sends)`);
  });
});

describe("random.normal", () => {
  it("is N(0, 1) by Box–Muller (moments, KS, the documented tail cut); loc and scale as NumPy", { timeout: 180_000 }, async () => {
    const [r] = await both(async (np, _party, vm) => {
      await vm.evaluate();
      const before = { rounds: vm.stats.rounds, bytes: vm.stats.bytesSent };
      const z = np.random.normal(0, 1, N);
      await vm.evaluate();
      const cost = { rounds: vm.stats.rounds - before.rounds, bytes: (vm.stats.bytesSent - before.bytes) / N };
      const odd = np.random.normal(10, 0.5, [3, 5]);
      return { z: await z.revealTo(0), odd: await odd.revealTo(0), cost };
    }, SEEDED);
    const z = r.z!.toNumbers() as Float64Array;
    expect(Math.abs(mean(z)), `mean ${note}`).toBeLessThan(4.5 / Math.sqrt(N));
    expect(Math.abs(variance(z) - 1), `variance ${note}`).toBeLessThan(4.5 * Math.sqrt(2 / N));
    expect(ks(z, phi), `KS distance to N(0, 1) ${note}`).toBeLessThan(1.95 / Math.sqrt(N));
    expect(Math.max(...z.map(Math.abs)), "the tail cut").toBeLessThanOrEqual(Math.sqrt(2 * 16 * Math.LN2) + 1e-3);
    expect(r.odd!.shape).toEqual([3, 5]);
    const o = r.odd!.toNumbers() as Float64Array;
    expect(Math.abs(mean(o) - 10), `loc ${note}`).toBeLessThan((4.5 * 0.5) / Math.sqrt(o.length));
    console.log(`normal: ${r.cost.rounds} rounds, ${r.cost.bytes.toFixed(1)} B per value (party 0 sends)`);
  });
});

describe("secret parameters", () => {
  it("uniform between secret bounds and normal with a secret scale, broadcast to size", { timeout: 60_000 }, async () => {
    const [r] = await both(async (np, party) => {
      const lo = await np.array(party === 0 ? [-1, 100] : null, 0);
      const hi = await np.array(party === 1 ? [1, 101] : null, 1);
      const sd = await np.array(party === 1 ? [0.001] : null, 1);
      const u = np.random.uniform(lo, hi, [256, 2]);
      const z = np.random.normal(5, sd, [64]);
      return { u: await u.revealTo(0), z: await z.revealTo(0) };
    }, SEEDED);
    expect(r.u!.shape).toEqual([256, 2]);
    const u = r.u!.toNumbers();
    for (let i = 0; i < u.length; i += 2) {
      if (!(u[i]! >= -1 && u[i]! <= 1 && u[i + 1]! >= 100 && u[i + 1]! <= 101)) expect.fail(`row ${i / 2}: ${u[i]}, ${u[i + 1]} ${note}`);
    }
    for (const v of r.z!.toNumbers()) expect(Math.abs(v - 5), note).toBeLessThan(0.001 * 4.72 + 1e-4);
  });
});

describe("secrecy of the random values", () => {
  it("neither party's share alone determines the values; fresh values on every unseeded run", { timeout: 120_000 }, async () => {
    const run = (opts: Parameters<typeof both>[1]) =>
      both(async (np) => {
        const u = np.random.uniform(0, 1, N);
        return { share: (await u.toShare()).data as BigUint64Array, value: (await u.reveal()).toNumbers() as Float64Array };
      }, opts);
    const [p0, p1] = await run(SEEDED);
    const n = p0.value.length;
    for (const [party, share] of [
      [0, p0.share],
      [1, p1.share],
    ] as const) {
      const low = Float64Array.from(share, (s) => Number(s & 0xffffn) / 2 ** 16);
      const ml = mean(low),
        mv = mean(p0.value);
      let cov = 0;
      for (let i = 0; i < n; i++) cov += (low[i]! - ml) * (p0.value[i]! - mv);
      const rho = cov / (n - 1) / Math.sqrt(variance(low) * variance(p0.value));
      expect(Math.abs(rho), `party ${party}'s share against the values ${note}`).toBeLessThan(4.5 / Math.sqrt(n));
      const top = share.reduce((c, s) => c + Number(s >> 63n), 0) / n;
      expect(Math.abs(top - 0.5), `party ${party}'s shares spread over the ring ${note}`).toBeLessThan((4.5 * 0.5) / Math.sqrt(n));
    }
    const [a] = await run({ correlations: insecureDealer });
    const [b] = await run({ correlations: insecureDealer });
    let same = 0;
    for (let i = 0; i < n; i++) if (a.value[i] === b.value[i]) same++;
    expect(same / n, "two unseeded runs agree only by chance (1 in 2^16 per value)").toBeLessThan(0.01);
  });
});

describe("Box–Muller on chosen uniforms", () => {
  it("each value is within 5·10^−4 of the transform in float64 (radii ≥ 0.1), 0.01 below", { timeout: 60_000 }, async () => {
    // u1 over the grid's whole range (2^−16 ... 1 − 2^−16, so u1 = u + 2^−16 reaches 1), u2 over a turn.
    const m = 512;
    const r = rng(7);
    const u = Array.from({ length: 2 * m }, (_, i) => {
      if (i === 0) return 0; // u1 = 2^−16: the largest radius, √(2·16·ln 2)
      if (i === 1) return 1 - 2 ** -16; // u1 = 1: radius √(2^−14)
      return Math.floor(r() * 2 ** 16) / 2 ** 16;
    });
    const [got] = await both(async (np, party) => {
      const x = await np.array(party === 0 ? u : null, 0);
      return (await boxMuller(x, "test").reveal()).toNumbers();
    });
    let worst = 0,
      worstSmall = 0;
    for (let i = 0; i < m; i++) {
      const u1 = u[i]! + 2 ** -16,
        t = 2 * Math.PI * u[m + i]!;
      const rad = Math.sqrt(-2 * Math.log(u1));
      for (const [k, want] of [
        [i, rad * Math.cos(t)],
        [m + i, rad * Math.sin(t)],
      ] as const) {
        const e = Math.abs(got[k]! - want);
        if (rad >= 0.1) worst = Math.max(worst, e);
        else worstSmall = Math.max(worstSmall, e);
      }
    }
    console.log(`Box–Muller: worst error ${worst.toExponential(2)} (radius ≥ 0.1), ${worstSmall.toExponential(2)} below`);
    expect(worst).toBeLessThan(5e-4);
    expect(worstSmall).toBeLessThan(0.01);
  });
});
