/**
 * Edge audit of the nonlinear routines (issue 16, item 2): the error against the exact function of
 * the fixed-point input at the edges of each documented input range, and just outside them (where
 * a documented saturation, or garbage, is expected). Prints one markdown row per input; run:
 *   pnpm exec tsx --conditions=source packages/securenumpy/scripts/edge-audit.ts
 * Dealer correlations (the values do not depend on where correlations come from).
 */
import { insecureDealer, runLocal } from "@petace/duet";
import { PlainArray } from "../src/core/plain.js";
import type { SecureArray } from "../src/core/secure-array.js";
import { use, type Namespace } from "../src/use.js";

const F = 16;
const ULP = 2 ** -F;
const fx = (v: number): number => Math.round(v * 2 ** F) / 2 ** F;

interface Probe {
  name: string;
  /** The documented range, as the doc comment states it. */
  range: string;
  /** Inputs: [value, where it sits] (inside / edge / outside). */
  inputs: [number, string][];
  run: (np: Namespace, x: SecureArray) => SecureArray;
  exact: (x: number) => number;
  /** Row-wise routines: the row length (inputs fill rows in order). */
  row?: number;
  exactRows?: (row: number[]) => number[];
}

const e = (v: number, w: string): [number, string] => [fx(v), w];
const sym = (vs: number[], w: string): [number, string][] => vs.flatMap((v) => [e(v, w), e(-v, w)]);

const PROBES: Probe[] = [
  {
    name: "exp",
    range: "x ≤ 18.7",
    inputs: [
      e(-40, "in (underflow)"),
      e(-16, "in"),
      e(-11.09, "in (e^x ≈ 1 ulp)"),
      e(0, "in"),
      e(10, "in"),
      e(15, "in"),
      e(18, "in"),
      e(18.7, "edge"),
      e(18.75, "out"),
      e(19.5, "out"),
      e(20.5, "out"),
      e(21.5, "out"),
      e(22.5, "out"),
      e(25, "out"),
    ],
    run: (np, x) => np.exp(x),
    exact: Math.exp,
  },
  ...(["log", "log2", "log10"] as const).map(
    (name): Probe => ({
      name,
      range: "[2^−16, 2^45)",
      inputs: [
        e(2 ** -16, "edge"),
        e(2 ** -15 + 2 ** -16, "in"),
        e(2 ** -8, "in"),
        e(1, "in"),
        e(2 ** 20, "in"),
        e(2 ** 44, "in"),
        e(2 ** 45 - 2 ** -7, "edge"),
        e(0, "out"),
        e(-1, "out"),
        e(2 ** 45, "out"),
        e(2 ** 46, "out"),
      ],
      run: (np, x) => np[name](x),
      exact: name === "log" ? Math.log : name === "log2" ? Math.log2 : Math.log10,
    }),
  ),
  {
    name: "sqrt",
    range: "[2^−16, 2^45)",
    inputs: [
      e(2 ** -16, "edge"),
      e(3 * 2 ** -16, "in"),
      e(2 ** -8, "in"),
      e(2, "in"),
      e(2 ** 30, "in"),
      e(2 ** 44, "in"),
      e(2 ** 45 - 2 ** -7, "edge"),
      e(0, "out (documented: not exact 0)"),
      e(2 ** 45, "out"),
      e(2 ** 46, "out"),
    ],
    run: (np, x) => np.sqrt(x),
    exact: Math.sqrt,
  },
  {
    name: "reciprocal",
    range: "|x| ∈ [2^−10, 2^21)",
    inputs: [
      ...sym([2 ** -10], "edge"),
      ...sym([2 ** -10 + 2 ** -16, 2 ** -8, 0.3, 1, 1000, 2 ** 20], "in"),
      ...sym([2 ** 21 - 2 ** -16], "edge"),
      ...sym([2 ** -11, 2 ** -16, 2 ** 21, 2 ** 22], "out"),
    ],
    run: (np, x) => np.reciprocal(x),
    exact: (v) => 1 / v,
  },
  {
    name: "divide(3, y) (secret y)",
    range: "|y| ∈ [2^−8, 2^20)",
    inputs: [
      ...sym([2 ** -8], "edge"),
      ...sym([0.0045, 1.5, 2 ** 19], "in"),
      ...sym([2 ** 20 - 2 ** -16], "edge"),
      ...sym([2 ** -10, 1.5 * 2 ** 20, 2 ** 21], "out"),
    ],
    run: (np, x) => np.divide(3, x),
    exact: (v) => 3 / v,
  },
  {
    name: "sigmoid",
    range: "whole line",
    inputs: [...sym([0.5, 6, 12.7], "in"), ...sym([12.8, 12.9, 13, 20, 40, 1000, 2 ** 20, 2 ** 40], "in (saturated)")],
    run: (np, x) => np.sigmoid(x),
    exact: (v) => 1 / (1 + Math.exp(-v)),
  },
  {
    name: "tanh",
    range: "whole line",
    inputs: [...sym([0.5, 3, 6.3], "in"), ...sym([6.4, 6.5, 10, 20, 1000, 2 ** 40], "in (saturated)")],
    run: (np, x) => np.tanh(x),
    exact: Math.tanh,
  },
  {
    name: "logSigmoid",
    range: "whole line",
    inputs: [...sym([0.5, 10, 20, 40], "in"), ...sym([100, 1000, 2 ** 20, 2 ** 40], "in (far)")],
    run: (np, x) => np.logSigmoid(x),
    exact: (v) => Math.min(v, 0) - Math.log1p(Math.exp(-Math.abs(v))),
  },
  {
    name: "power(x, 2)",
    range: "|x²| < 2^30 (products)",
    inputs: [...sym([0.5, 100, 2 ** 14], "in"), ...sym([2 ** 15 - 1], "edge"), ...sym([2 ** 15.5, 2 ** 16], "out")],
    run: (np, x) => np.power(x, 2),
    exact: (v) => v * v,
  },
  {
    name: "power(x, 3)",
    range: "|x³| < 2^30 (products)",
    inputs: [...sym([0.5, 10, 2 ** 9], "in"), ...sym([2 ** 10 - 1], "edge"), ...sym([2 ** 10.5, 2 ** 11], "out")],
    run: (np, x) => np.power(x, 3),
    exact: (v) => v ** 3,
  },
  {
    name: "power(x, 0.5)",
    range: "x > 0: exp(0.5·log x) (log's and exp's ranges)",
    inputs: [e(2 ** -16, "edge"), e(2 ** -8, "in"), e(2, "in"), e(2 ** 30, "in"), e(2 ** 44, "in"), e(0, "out"), e(-4, "out")],
    run: (np, x) => np.power(x, 0.5),
    exact: (v) => v ** 0.5,
  },
  {
    name: "power(x, 2.5)",
    range: "x > 0, x^2.5 ≤ e^18.7",
    inputs: [e(2 ** -8, "in"), e(0.5, "in"), e(3, "in"), e(100, "in"), e(1800, "edge (x^2.5 ≈ e^18.7)"), e(2500, "out")],
    run: (np, x) => np.power(x, 2.5),
    exact: (v) => v ** 2.5,
  },
  {
    name: "multiply(x, 0.001) (public)",
    range: "|x·p| < 2^30 (products)",
    inputs: [e(1, "in"), e(1000, "in"), e(123456.75, "in"), e(2 ** 30, "in")],
    run: (np, x) => np.multiply(x, 0.001),
    exact: (v) => v * 0.001,
  },
  {
    name: "multiply(x, 0.1) (public)",
    range: "|x·p| < 2^30 (products)",
    inputs: [e(1, "in"), e(1000, "in"), e(123456.75, "in")],
    run: (np, x) => np.multiply(x, 0.1),
    exact: (v) => v * 0.1,
  },
  {
    name: "softmax (rows of 4)",
    range: "any row (max subtracted first)",
    row: 4,
    inputs: [
      // Each group of 4 is one row.
      ...[0, 0, 0, 0].map((v) => e(v, "equal row")),
      ...[0, -20, -20, -20].map((v) => e(v, "one dominant")),
      ...[1000, 1000, -1000, 0].map((v) => e(v, "spread 2000")),
      ...[2 ** 40, 2 ** 40, 0, -(2 ** 40)].map((v) => e(v, "±2^40")),
      ...[-11, 0, 5.5, 5.5].map((v) => e(v, "ties")),
    ],
    run: (np, x) => np.softmax(x, -1),
    exact: (v) => v,
    exactRows: (r) => {
      const m = Math.max(...r);
      const s = r.reduce((a, v) => a + Math.exp(v - m), 0);
      return r.map((v) => Math.exp(v - m) / s);
    },
  },
];

const lines = [
  "| routine | documented range | x | where | result | exact | error | ulp | relative |",
  "|---|---|---:|---|---:|---:|---:|---:|---:|",
];
for (const p of PROBES) {
  const xs = Float64Array.from(p.inputs, ([v]) => v);
  const shape = p.row ? [xs.length / p.row, p.row] : [xs.length];
  const [got] = await runLocal(
    async (vm, party) => {
      const np = use(vm);
      const x = await np.array(party === 0 ? new PlainArray(xs, shape, "float64") : null, 0);
      return (await p.run(np, x).reveal()).toNumbers();
    },
    { correlations: insecureDealer, fracBits: F },
  );
  const want: number[] = [];
  if (p.row) for (let i = 0; i < xs.length; i += p.row) want.push(...p.exactRows!(Array.from(xs.subarray(i, i + p.row))));
  else want.push(...Array.from(xs, p.exact));
  p.inputs.forEach(([v, where], i) => {
    const g = got[i]!;
    const w = want[i]!;
    const err = Math.abs(g - w);
    const rel = w === 0 ? (err === 0 ? 0 : Number.POSITIVE_INFINITY) : err / Math.abs(w);
    const n = (q: number): string =>
      Number.isFinite(q) ? (Math.abs(q) >= 1e6 || (q !== 0 && Math.abs(q) < 1e-3) ? q.toExponential(4) : q.toPrecision(8)) : String(q);
    lines.push(`| ${p.name} | ${p.range} | ${n(v)} | ${where} | ${n(g)} | ${n(w)} | ${n(err)} | ${(err / ULP).toFixed(2)} | ${n(rel)} |`);
  });
}
console.log(lines.join("\n"));
