/**
 * Measures the approximated routines against plaintext (Math.*) on their documented ranges and writes
 * the table into packages/securenumpy/README.md between `<!-- routines-accuracy:start -->` and
 * `<!-- routines-accuracy:end -->`. Run (about a minute):
 *   pnpm exec tsx --conditions=source packages/securenumpy/scripts/accuracy-report.ts [--print]
 * Dealer triples (fast; accuracy does not depend on where triples come from).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { runLocal } from "@petace/duet";
import { PlainArray } from "../src/core/plain.js";
import type { SecureArray } from "../src/core/secure-array.js";
import { rng } from "../test/util.js";
import { use, type Namespace } from "../src/use.js";
import { insecureDealer } from "@petace/duet";

const F = 16;
const N = 4096;

interface Case {
  name: string;
  range: string;
  /** Input shape (the last axis is what row-wise routines reduce). */
  shape: number[];
  gen: (r: () => number) => number;
  run: (np: Namespace, x: SecureArray) => SecureArray;
  /** The reference from the (fixed-point) inputs, row by row of `shape`'s last axis. */
  ref: (x: Float64Array, shape: number[]) => number[];
}

const uniform =
  (lo: number, hi: number) =>
  (r: () => number): number =>
    lo + (hi - lo) * r();
const logUniform =
  (lo: number, hi: number, signed = false) =>
  (r: () => number): number => {
    const v = 2 ** (Math.log2(lo) + (Math.log2(hi) - Math.log2(lo)) * r());
    return signed && r() < 0.5 ? -v : v;
  };
const each =
  (f: (v: number) => number) =>
  (x: Float64Array): number[] =>
    Array.from(x, f);
const rows =
  (f: (row: number[]) => number[]) =>
  (x: Float64Array, shape: number[]): number[] => {
    const c = shape[shape.length - 1]!;
    const out: number[] = [];
    for (let i = 0; i < x.length; i += c) out.push(...f(Array.from(x.subarray(i, i + c))));
    return out;
  };
const meanOf = (v: number[]): number => v.reduce((s, q) => s + q, 0) / v.length;
const varOf = (v: number[]): number => meanOf(v.map((q) => (q - meanOf(v)) ** 2));

// mean, var and std reduce rows of 60, not 64: dividing by a power of two is a shift, which would
// hide the error of the public division (a reciprocal with a few extra bits).
const CASES: Case[] = [
  { name: "exp", range: "[−16, 10]", shape: [N], gen: uniform(-16, 10), run: (np, x) => np.exp(x), ref: each(Math.exp) },
  { name: "log", range: "[2^−8, 2^20]", shape: [N], gen: logUniform(2 ** -8, 2 ** 20), run: (np, x) => np.log(x), ref: each(Math.log) },
  { name: "log2", range: "[2^−8, 2^20]", shape: [N], gen: logUniform(2 ** -8, 2 ** 20), run: (np, x) => np.log2(x), ref: each(Math.log2) },
  {
    name: "log10",
    range: "[2^−8, 2^20]",
    shape: [N],
    gen: logUniform(2 ** -8, 2 ** 20),
    run: (np, x) => np.log10(x),
    ref: each(Math.log10),
  },
  { name: "sqrt", range: "[2^−8, 2^30]", shape: [N], gen: logUniform(2 ** -8, 2 ** 30), run: (np, x) => np.sqrt(x), ref: each(Math.sqrt) },
  {
    name: "reciprocal",
    range: "±[2^−8, 2^20]",
    shape: [N],
    gen: logUniform(2 ** -8, 2 ** 20, true),
    run: (np, x) => np.reciprocal(x),
    ref: each((v) => 1 / v),
  },
  {
    name: "divide(3, y) (secret y)",
    range: "±[2^−8, 2^20]",
    shape: [N],
    gen: logUniform(2 ** -8, 2 ** 20, true),
    run: (np, y) => np.divide(3, y),
    ref: each((v) => 3 / v),
  },
  {
    name: "sigmoid",
    range: "[−20, 20]",
    shape: [N],
    gen: uniform(-20, 20),
    run: (np, x) => np.sigmoid(x),
    ref: each((v) => 1 / (1 + Math.exp(-v))),
  },
  { name: "tanh", range: "[−10, 10]", shape: [N], gen: uniform(-10, 10), run: (np, x) => np.tanh(x), ref: each(Math.tanh) },
  {
    name: "logSigmoid",
    range: "[−40, 40]",
    shape: [N],
    gen: uniform(-40, 40),
    run: (np, x) => np.logSigmoid(x),
    ref: each((v) => Math.min(v, 0) - Math.log1p(Math.exp(-Math.abs(v)))),
  },
  { name: "power(x, 3)", range: "[−10, 10]", shape: [N], gen: uniform(-10, 10), run: (np, x) => np.power(x, 3), ref: each((v) => v ** 3) },
  {
    name: "power(x, 2.5) (exp(y·log x))",
    range: "[2^−4, 2^10]",
    shape: [N],
    gen: logUniform(2 ** -4, 2 ** 10),
    run: (np, x) => np.power(x, 2.5),
    ref: each((v) => v ** 2.5),
  },
  {
    name: "sin",
    range: "±[2^−8, 2^30]",
    shape: [N],
    gen: logUniform(2 ** -8, 2 ** 30, true),
    run: (np, x) => np.sin(x),
    ref: each(Math.sin),
  },
  {
    name: "cos",
    range: "±[2^−8, 2^30]",
    shape: [N],
    gen: logUniform(2 ** -8, 2 ** 30, true),
    run: (np, x) => np.cos(x),
    ref: each(Math.cos),
  },
  {
    name: "multiply(x, 0.001) (public, off the grid)",
    range: "±[2^−8, 2^30]",
    shape: [N],
    gen: logUniform(2 ** -8, 2 ** 30, true),
    run: (np, x) => np.multiply(x, 0.001),
    ref: each((v) => v * 0.001),
  },
  {
    name: "divide(x, 7.3) (public)",
    range: "±[2^−8, 2^30]",
    shape: [N],
    gen: logUniform(2 ** -8, 2 ** 30, true),
    run: (np, x) => np.divide(x, 7.3),
    ref: each((v) => v / 7.3),
  },
  {
    name: "mean (rows of 60)",
    range: "[−1000, 1000]",
    shape: [64, 60],
    gen: uniform(-1000, 1000),
    run: (np, x) => np.mean(x, -1),
    ref: rows((v) => [meanOf(v)]),
  },
  {
    name: "var (rows of 60)",
    range: "[−100, 100]",
    shape: [64, 60],
    gen: uniform(-100, 100),
    run: (np, x) => np.var(x, -1),
    ref: rows((v) => [varOf(v)]),
  },
  {
    name: "std (rows of 60)",
    range: "[−100, 100]",
    shape: [64, 60],
    gen: uniform(-100, 100),
    run: (np, x) => np.std(x, -1),
    ref: rows((v) => [Math.sqrt(varOf(v))]),
  },
  {
    name: "prod (rows of 8)",
    range: "[0.5, 1.5]",
    shape: [N / 8, 8],
    gen: uniform(0.5, 1.5),
    run: (np, x) => np.prod(x, -1),
    ref: rows((v) => [v.reduce((s, q) => s * q, 1)]),
  },
  {
    name: "cumprod (rows of 8)",
    range: "[0.5, 1.5]",
    shape: [N / 8, 8],
    gen: uniform(0.5, 1.5),
    run: (np, x) => np.cumprod(x, -1),
    ref: rows((v) => v.map((_, k) => v.slice(0, k + 1).reduce((s, q) => s * q, 1))),
  },
  {
    name: "softmax (rows of 16)",
    range: "[−10, 10]",
    shape: [N / 16, 16],
    gen: uniform(-10, 10),
    run: (np, x) => np.softmax(x, -1),
    ref: rows((v) => {
      const m = Math.max(...v);
      const s = v.reduce((a, q) => a + Math.exp(q - m), 0);
      return v.map((q) => Math.exp(q - m) / s);
    }),
  },
  {
    name: "quantile 0.3 (rows of 16)",
    range: "[−100, 100]",
    shape: [N / 16, 16],
    gen: uniform(-100, 100),
    run: (np, x) => np.quantile(x, 0.3, -1),
    ref: rows((v) => {
      const s = [...v].sort((a, b) => a - b);
      const p = 0.3 * 15,
        lo = Math.floor(p);
      return [s[lo]! + (s[lo + 1]! - s[lo]!) * (p - lo)];
    }),
  },
];

interface Row {
  name: string;
  range: string;
  rounds: number;
  maxAbs: number;
  meanAbs: number;
  maxRel: number;
  meanRel: number;
}

async function measure(c: Case): Promise<Row> {
  const r = rng(0x5eed);
  const n = c.shape.reduce((a, b) => a * b, 1);
  // Inputs on the fixed-point grid, so the reference sees exactly what the parties hold.
  const x = Float64Array.from({ length: n }, () => Math.round(c.gen(r) * 2 ** F) / 2 ** F);
  const [res] = await runLocal(
    async (vm, party) => {
      const np = use(vm);
      const s = await np.array(party === 0 ? new PlainArray(x, c.shape, "float64") : null, 0);
      const before = vm.stats.rounds;
      const y = c.run(np, s);
      await vm.evaluate();
      const rounds = vm.stats.rounds - before;
      return { rounds, out: (await y.reveal()).toNumbers() };
    },
    { correlations: insecureDealer, fracBits: F },
  );
  const want = c.ref(x, c.shape);
  let maxAbs = 0,
    sumAbs = 0,
    nAbs = 0,
    maxRel = 0,
    sumRel = 0,
    nRel = 0;
  want.forEach((w, i) => {
    const err = Math.abs(res.out[i]! - w);
    if (Math.abs(w) < 1) {
      maxAbs = Math.max(maxAbs, err);
      sumAbs += err;
      nAbs++;
    } else {
      maxRel = Math.max(maxRel, err / Math.abs(w));
      sumRel += err / Math.abs(w);
      nRel++;
    }
  });
  return {
    name: c.name,
    range: c.range,
    rounds: res.rounds,
    maxAbs: nAbs ? maxAbs : NaN,
    meanAbs: nAbs ? sumAbs / nAbs : NaN,
    maxRel: nRel ? maxRel : NaN,
    meanRel: nRel ? sumRel / nRel : NaN,
  };
}

const e = (v: number): string => (Number.isNaN(v) ? "–" : v === 0 ? "0" : v.toExponential(1));
const ulps = (v: number): string => (Number.isNaN(v) ? "–" : `${e(v)} (${(v * 2 ** F).toFixed(1)} ulp)`);

const lines = [
  `Measured with f = ${F} fractional bits (1 ulp = 2^−${F} ≈ ${e(2 ** -F)}), ${N} random inputs per routine (64 rows of 60`,
  "for mean, var and std; uniform, or log-uniform for ranges written with powers of two), through `runLocal` against",
  "plaintext `Math.*` on the same",
  "fixed-point inputs. Absolute error over outputs with \\|f\\| < 1, relative error over those with \\|f\\| ≥ 1.",
  "Rounds: the round trips of the whole call (reductions: all rows at once).",
  `Generated by \`scripts/accuracy-report.ts\` on ${new Date().toISOString().slice(0, 10)}.`,
  "",
  "| routine | input range | rounds | max abs err (\\|f\\| < 1) | mean abs err | max rel err (\\|f\\| ≥ 1) | mean rel err |",
  "|---|---|---:|---:|---:|---:|---:|",
];
for (const c of CASES) {
  const r = await measure(c);
  lines.push(`| ${r.name} | ${r.range} | ${r.rounds} | ${ulps(r.maxAbs)} | ${e(r.meanAbs)} | ${e(r.maxRel)} | ${e(r.meanRel)} |`);
  console.log(lines[lines.length - 1]);
}
if (!process.argv.includes("--print")) {
  const readme = new URL("../README.md", import.meta.url);
  const text = readFileSync(readme, "utf8");
  const start = "<!-- routines-accuracy:start -->",
    end = "<!-- routines-accuracy:end -->";
  const a = text.indexOf(start),
    b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error("accuracy-report: README markers not found");
  writeFileSync(readme, `${text.slice(0, a + start.length)}\n${lines.join("\n")}\n${text.slice(b)}`);
}
