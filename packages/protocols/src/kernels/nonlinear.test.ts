import { decodeFixed, encodeFixed, Prg, SeededRandom } from "@petace/primitives";
import { describe, expect, it } from "vitest";
import { refRunner, type OpRunner } from "../../test/runner.js";
import { runPair } from "../../test/pair.js";
import { testSeed } from "@petace/testkit";

const F = 16;
const ULP = 2 ** -F;
const ref = refRunner({ fracBits: F });
const prg = new Prg(new SeededRandom(testSeed()).prgSeed());

function rand(n: number): Float64Array {
  const r = prg.ring(n);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Number(r[i]! >> 11n) / 2 ** 53;
  return out;
}

/** Log-uniform magnitudes in [lo, hi], alternating signs when `signed`, then the edges. */
function logUniform(n: number, lo: number, hi: number, signed: boolean, edges: number[] = []): number[] {
  const u = rand(n);
  const out = Array.from(u, (v, i) => Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * v) * (signed && i % 2 ? -1 : 1));
  return [...edges, ...out];
}

function uniform(n: number, lo: number, hi: number, edges: number[] = []): number[] {
  return [...edges, ...Array.from(rand(n), (v) => lo + (hi - lo) * v)];
}

type Unary = "reciprocal_a" | "sqrt_a" | "rsqrt_a" | "exp_a" | "log_a" | "sigmoid_a" | "tanh_a" | "abs_a";

/** Runs a unary kernel securely on xs; returns the decoded outputs and the kernel's rounds. */
async function secure(op: Unary, xs: number[]): Promise<{ got: Float64Array; x: Float64Array; rounds: number }> {
  const x = encodeFixed(xs, F);
  const [p0] = await runPair(async (k: OpRunner, ctx) => {
    const a = await k.input(0, k.party === 0 ? x : null, x.length);
    const r0 = ctx.channel.stats.rounds;
    const y = await k.run(op, [a]);
    const rounds = ctx.channel.stats.rounds - r0;
    return { y: await k.reveal(y), rounds };
  });
  return { got: decodeFixed(p0.result.y, F), x: decodeFixed(x, F), rounds: p0.result.rounds };
}

/** Asserts |got − want| ≤ absTol + relTol·|want| for every element, with a message naming the input. */
function expectClose(name: string, x: Float64Array, got: Float64Array, want: (v: number) => number, absTol: number, relTol: number): void {
  let worst = 0,
    at = 0;
  for (let i = 0; i < x.length; i++) {
    const w = want(x[i]!);
    const excess = Math.abs(got[i]! - w) - (absTol + relTol * Math.abs(w));
    if (excess > worst) {
      worst = excess;
      at = i;
    }
  }
  expect(worst, `${name}(${x[at]}) = ${got[at]}, want ${want(x[at]!)}`).toBe(0);
}

describe("nonlinear kernels against Math.* (f = 16)", () => {
  it("reciprocal on ±[2^−10, 2^21): rel 1e-7 or 4 ulp; 51 rounds", async () => {
    const xs = logUniform(1500, 2 ** -10, 2 ** 21 - 1, true, [
      1,
      -1,
      2,
      -2,
      0.5,
      -0.5,
      2 ** -16,
      -(2 ** -16),
      2 ** 20,
      -(2 ** 20),
      2 ** 21 - 1,
      -(2 ** 21 - 1),
      3,
      1000,
    ]);
    const { got, x, rounds } = await secure("reciprocal_a", xs);
    // max(4 ulp, 1e-7 relative) ≤ 4 ulp + 1e-7 relative; div.test.ts checks the max itself, exactly.
    expectClose("reciprocal", x, got, (v) => 1 / v, 4 * ULP, 1e-7);
    expect(rounds).toBe(51);
  });

  it("sqrt on [0, 2^45): rel 2^−16 or 2 ulp, sqrt(0) = 0", async () => {
    const xs = logUniform(1500, 2 ** -16, 2 ** 45 - 1, false, [0, 2 ** -16, 1, 2, 4, 0.25, 2 ** 44, 2 ** 45 - 1]);
    const { got, x } = await secure("sqrt_a", xs);
    expectClose("sqrt", x, got, Math.sqrt, 2 * ULP, 2 ** -16);
    expect(got[0]).toBe(0);
  });

  it("rsqrt on [2^−16, 2^45): rel 2^−15 or 2 ulp", async () => {
    const xs = logUniform(1500, 2 ** -16, 2 ** 45 - 1, false, [2 ** -16, 1, 2, 4, 0.25, 2 ** 44]);
    const { got, x } = await secure("rsqrt_a", xs);
    expectClose("rsqrt", x, got, (v) => 1 / Math.sqrt(v), 2 * ULP, 2 ** -15);
  });

  it("log on [2^−16, 2^45): 4 ulp absolute, log(1) within 1 ulp", async () => {
    const xs = logUniform(1500, 2 ** -16, 2 ** 45 - 1, false, [1, 2 ** -16, 2, 0.5, Math.E, 2 ** 44]);
    const { got, x } = await secure("log_a", xs);
    expectClose("log", x, got, Math.log, 4 * ULP, 0);
    expect(Math.abs(got[0]!)).toBeLessThanOrEqual(ULP);
  });

  it("exp on [−10^6, 18.7]: rel 2^−14 or 4 ulp; everything below −13 is 0 within 2 ulp", async () => {
    const xs = uniform(1500, -30, 18.7, [0, 1, -1, 18.7, -12.8, -13, -20, -100, -1e6, 2 ** -16, -(2 ** -16)]);
    const { got, x } = await secure("exp_a", xs);
    expectClose("exp", x, got, Math.exp, 4 * ULP, 2 ** -14);
  });

  it("sigmoid over the whole line: 4 ulp absolute (no cubic), exact symmetry points", async () => {
    const xs = uniform(1500, -40, 40, [0, 1e6, -1e6, 2 ** 30, -(2 ** 30), 12.8, -12.8, 2, -2, 5, -5, 2 ** -16]);
    const { got, x } = await secure("sigmoid_a", xs);
    expectClose("sigmoid", x, got, (v) => 1 / (1 + Math.exp(-v)), 4 * ULP, 0);
    expect(Math.abs(got[0]! - 0.5)).toBeLessThanOrEqual(2 * ULP);
  });

  it("tanh over the whole line: 8 ulp absolute", async () => {
    const xs = uniform(1000, -20, 20, [0, 1e6, -1e6, 0.001, -0.001]);
    const { got, x } = await secure("tanh_a", xs);
    expectClose("tanh", x, got, Math.tanh, 8 * ULP, 0);
  });

  it("abs is exact, including 0 and range limits", async () => {
    const xs = uniform(500, -1e6, 1e6, [0, 2 ** -16, -(2 ** -16), 2 ** 46, -(2 ** 46)]);
    const { got, x } = await secure("abs_a", xs);
    const want = decodeFixed(await ref.run("abs_a", [encodeFixed(x, F)]), F);
    expect(Array.from(got)).toEqual(Array.from(want));
  });

  it("maximum, minimum (ties included) and div", async () => {
    const xs = uniform(800, -1000, 1000, [0, 5, -5, 3e5]); // 3e5 / 0.01 is near the 2^25 limit of div
    const ys = uniform(800, -1000, 1000, [0, 5, -7, 0.001]);
    for (let i = 10; i < 60; i++) ys[i] = xs[i]!; // ties
    const ds = ys.map((v) => (Math.abs(v) < 0.01 ? 0.01 : v));
    const x = encodeFixed(xs, F),
      y = encodeFixed(ys, F),
      d = encodeFixed(ds, F);
    const [p0] = await runPair(async (k) => {
      const a = await k.input(0, k.party === 0 ? x : null, x.length);
      const b = await k.input(1, k.party === 1 ? y : null, y.length);
      const c = await k.input(1, k.party === 1 ? d : null, d.length);
      return [
        await k.reveal(await k.run("maximum_aa", [a, b])),
        await k.reveal(await k.run("minimum_aa", [a, b])),
        await k.reveal(await k.run("div_aa", [a, c])),
      ];
    });
    expect(p0.result[0]).toEqual(await ref.run("maximum_aa", [x, y]));
    expect(p0.result[1]).toEqual(await ref.run("minimum_aa", [x, y]));
    const xd = decodeFixed(x, F),
      dd = decodeFixed(d, F),
      q = decodeFixed(p0.result[2]!, F);
    for (let i = 0; i < xs.length; i++) {
      const w = xd[i]! / dd[i]!;
      // max(4 ulp, 1e-7 relative) of the exact quotient of the fixed-point inputs (div.ts).
      expect(Math.abs(q[i]! - w), `div ${xd[i]} / ${dd[i]}`).toBeLessThanOrEqual(Math.max(4 * ULP, 1e-7 * Math.abs(w)));
    }
  });

  it("pow by public integers (0, 1, 2, 3, 5, −1, −2)", async () => {
    const xs = uniform(300, 0.5, 6, [1, 2, 0.5]);
    const x = encodeFixed(xs, F);
    const ks = [0, 1, 2, 3, 5, -1, -2];
    const [p0] = await runPair(async (k) => {
      const a = await k.input(0, k.party === 0 ? x : null, x.length);
      const out = [];
      for (const e of ks) out.push(decodeFixed(await k.reveal(await k.run("pow_a", [a], { k: e })), F));
      return out;
    });
    const xd = decodeFixed(x, F);
    ks.forEach((e, j) => {
      for (let i = 0; i < xs.length; i++) {
        const w = xd[i]! ** e;
        expect(Math.abs(p0.result[j]![i]! - w), `${xd[i]}^${e}`).toBeLessThanOrEqual(8 * ULP + 2 ** -13 * Math.abs(w));
      }
    });
  });
});
