/**
 * Accuracy of the nonlinear kernels against Math.*, measured by running the secure kernels (both
 * parties, in one process, insecure dealer triples: the correlations do not change the arithmetic)
 * on random inputs over each function's documented range. Used by `accuracy-report.ts` to write the
 * README table, and kept next to the tests that assert the same ranges.
 */
import { decodeFixed, encodeFixed, Prg } from "@petace/primitives";
import type { OpRunner } from "../test/runner.js";
import { runPair } from "./pair.js";

export interface AccuracyCase {
  name: string;
  /** Human-readable input range. */
  range: string;
  method: string;
  /** Input sampler: n values from a uniform [0,1) source. */
  sample: (u: Float64Array) => number[];
  exact: (x: number) => number;
  run: (k: OpRunner, x: BigUint64Array) => Promise<BigUint64Array>;
}

const logU = (u: Float64Array, lo: number, hi: number, signed: boolean): number[] =>
  Array.from(u, (v, i) => Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * v) * (signed && i % 2 ? -1 : 1));
const linU = (u: Float64Array, lo: number, hi: number): number[] => Array.from(u, (v) => lo + (hi - lo) * v);

const SINCOS_METHOD = "mod 2π by the ring's wrap on the shares + angle addition (one Beaver product), one rounding";
const DIV_METHOD = "normalise divisor + Goldschmidt (30 bits inside) + one product, one rounding";
/** 3.7 as f = 16 fixed point (the accuracy report runs at f = 16). */
const FIXED_3_7 = Math.round(3.7 * 2 ** 16) / 2 ** 16;

export const ACCURACY_CASES: AccuracyCase[] = [
  {
    name: "reciprocal",
    range: "±[2^−10, 2^21)",
    method: "normalise + Goldschmidt (3 it., 30 bits inside), one rounding",
    sample: (u) => logU(u, 2 ** -10, 2 ** 21 - 1, true),
    exact: (x) => 1 / x,
    run: (k, x) => k.run("reciprocal_a", [x]),
  },
  {
    name: "sqrt",
    range: "[2^−16, 2^45)",
    method: "normalise + degree-8 Chebyshev rsqrt, ×xn",
    sample: (u) => logU(u, 2 ** -16, 2 ** 45 - 1, false),
    exact: Math.sqrt,
    run: (k, x) => k.run("sqrt_a", [x]),
  },
  {
    name: "rsqrt",
    range: "[2^−16, 2^45)",
    method: "normalise + degree-8 Chebyshev",
    sample: (u) => logU(u, 2 ** -16, 2 ** 45 - 1, false),
    exact: (x) => 1 / Math.sqrt(x),
    run: (k, x) => k.run("rsqrt_a", [x]),
  },
  {
    name: "log",
    range: "[2^−16, 2^45)",
    method: "normalise + degree-8 Chebyshev + p·ln2",
    sample: (u) => logU(u, 2 ** -16, 2 ** 45 - 1, false),
    exact: Math.log,
    run: (k, x) => k.run("log_a", [x]),
  },
  {
    name: "exp",
    range: "(−∞, 18.7]",
    method: "2^k one-hot (8-bit A2B) × degree-7 Chebyshev 2^r",
    sample: (u) => linU(u, -20, 18.7),
    exact: Math.exp,
    run: (k, x) => k.run("exp_a", [x]),
  },
  {
    name: "sigmoid",
    range: "whole line (sampled on [−40, 40])",
    method: "exp(−|x|) + Goldschmidt (2 it. from a per-k line), clamp at ±12.8",
    sample: (u) => linU(u, -40, 40),
    exact: (x) => 1 / (1 + Math.exp(-x)),
    run: (k, x) => k.run("sigmoid_a", [x]),
  },
  {
    name: "tanh",
    range: "whole line (sampled on [−20, 20])",
    method: "2·sigmoid(2x) − 1",
    sample: (u) => linU(u, -20, 20),
    exact: Math.tanh,
    run: (k, x) => k.run("tanh_a", [x]),
  },
  {
    name: "sin",
    range: "whole range (sampled on ±[2^−8, 2^30))",
    method: SINCOS_METHOD,
    sample: (u) => logU(u, 2 ** -8, 2 ** 30, true),
    exact: Math.sin,
    run: (k, x) => k.run("sin_a", [x]),
  },
  {
    name: "cos",
    range: "whole range (sampled on ±[2^−8, 2^30))",
    method: SINCOS_METHOD,
    sample: (u) => logU(u, 2 ** -8, 2 ** 30, true),
    exact: Math.cos,
    run: (k, x) => k.run("cos_a", [x]),
  },
  {
    name: "div (x / 3.7)",
    range: "x ∈ ±[2^−8, 2^20)",
    method: DIV_METHOD,
    sample: (u) => logU(u, 2 ** -8, 2 ** 20, true),
    // Against the exact quotient of the fixed-point inputs (3.7 is not representable).
    exact: (x) => x / FIXED_3_7,
    run: async (k, x) =>
      k.run("div_aa", [x, await k.input(0, k.party === 0 ? encodeFixed(new Array(x.length).fill(3.7), k.fracBits) : null, x.length)]),
  },
  {
    name: "div (3 / y)",
    range: "y ∈ ±[2^−8, 2^20)",
    method: DIV_METHOD,
    sample: (u) => logU(u, 2 ** -8, 2 ** 20, true),
    exact: (y) => 3 / y,
    run: async (k, y) =>
      k.run("div_aa", [await k.input(0, k.party === 0 ? encodeFixed(new Array(y.length).fill(3), k.fracBits) : null, y.length), y]),
  },
];

export interface AccuracyRow {
  name: string;
  range: string;
  method: string;
  rounds: number;
  samples: number;
  /** Absolute error over samples with |f(x)| < 1 (NaN if none). */
  maxAbs: number;
  meanAbs: number;
  /** Relative error over samples with |f(x)| ≥ 1 (NaN if none). */
  maxRel: number;
  meanRel: number;
}

export async function measure(c: AccuracyCase, n: number, fracBits: number): Promise<AccuracyRow> {
  // A fixed seed per function (its name's bytes), so that a rerun of the report rewrites the same table.
  const seed = new Uint8Array(16);
  new TextEncoder().encode(c.name).forEach((b, i) => {
    seed[i % 16]! ^= b;
  });
  const prg = new Prg(seed);
  const r = prg.ring(n);
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) u[i] = Number(r[i]! >> 11n) / 2 ** 53;
  const x = encodeFixed(c.sample(u), fracBits);
  const [p0] = await runPair(
    async (k, ctx) => {
      const a = await k.input(0, k.party === 0 ? x : null, n);
      const r0 = ctx.channel.stats.rounds;
      const y = await c.run(k, a);
      const rounds = ctx.channel.stats.rounds - r0;
      return { y: await k.reveal(y), rounds };
    },
    { fracBits },
  );
  const xs = decodeFixed(x, fracBits),
    ys = decodeFixed(p0.result.y, fracBits);
  let maxAbs = 0,
    sumAbs = 0,
    nAbs = 0,
    maxRel = 0,
    sumRel = 0,
    nRel = 0;
  for (let i = 0; i < n; i++) {
    const w = c.exact(xs[i]!);
    const e = Math.abs(ys[i]! - w);
    if (Math.abs(w) < 1) {
      maxAbs = Math.max(maxAbs, e);
      sumAbs += e;
      nAbs++;
    } else {
      const rel = e / Math.abs(w);
      maxRel = Math.max(maxRel, rel);
      sumRel += rel;
      nRel++;
    }
  }
  return {
    name: c.name,
    range: c.range,
    method: c.method,
    rounds: p0.result.rounds,
    samples: n,
    maxAbs: nAbs ? maxAbs : NaN,
    meanAbs: nAbs ? sumAbs / nAbs : NaN,
    maxRel: nRel ? maxRel : NaN,
    meanRel: nRel ? sumRel / nRel : NaN,
  };
}
