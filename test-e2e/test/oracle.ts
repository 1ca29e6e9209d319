/** The plaintext answers of scripts/routines.ts, and a tolerance check with a useful message. */
import { expect } from "vitest";
import { xOf, yOf } from "../scripts/data.js";

export function routinesOracle(n: number) {
  const x = Array.from(xOf(n));
  const y = Array.from(yOf(n));
  const xs = x.slice(0, 1000);
  const ys = y.slice(0, 1000);
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  const A = x.slice(0, 20000);
  const B = y.slice(0, 10000);
  const sorted = [...ys.slice(0, 999)].sort((a, b) => a - b);
  return {
    add: x.map((v, i) => v + y[i]!),
    mul: x.map((v, i) => v * y[i]!),
    gt: x.map((v, i) => v > y[i]!),
    where: x.map((v, i) => (v > y[i]! ? v : -y[i]!)),
    sum: x.reduce((s, v, i) => s + v * y[i]!, 0),
    max: Math.max(...x.slice(0, 10000)),
    mean: mean(x),
    var: mean(y.map((v) => v * v)) - mean(y) ** 2,
    matmul: Array.from({ length: 20 }, (_, i) =>
      Array.from({ length: 10 }, (_, j) => A.slice(i * 1000, i * 1000 + 1000).reduce((s, v, k) => s + v * B[k * 10 + j]!, 0)),
    ),
    dot: xs.reduce((s, v, i) => s + v * ys[i]!, 0),
    div: xs.map((v, i) => v / ys[i]!),
    exp: xs.map((v) => Math.exp(v / 100)),
    sqrt: ys.map(Math.sqrt),
    sort: [...xs].sort((a, b) => a - b),
    argmax: ys.indexOf(Math.max(...ys)),
    median: sorted[499]!,
    stacked: xs.map((v, i) => v + ys[i]!),
    any: xs.some((v) => v > 99),
  };
}

/** Absolute tolerance per result (fixed point, 16 fraction bits; approximations for div/exp/sqrt). */
const TOL: Record<string, number> = { mul: 1e-3, sum: 5, mean: 1e-3, var: 0.05, matmul: 0.5, dot: 0.1, div: 1e-3, exp: 1e-2, sqrt: 1e-2 };

export function expectClose(got: Record<string, unknown>, want: Record<string, unknown>): void {
  expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
  for (const [k, w] of Object.entries(want)) {
    const tol = TOL[k] ?? 1e-9;
    const g = got[k];
    const flatG = [g].flat(2) as unknown[];
    const flatW = [w].flat(2) as unknown[];
    expect(flatG.length, k).toBe(flatW.length);
    let worst = 0;
    let at = -1;
    for (let i = 0; i < flatW.length; i++) {
      const a = flatG[i];
      const b = flatW[i];
      if (typeof b === "boolean") {
        if (a !== b) expect.fail(`${k}[${i}]: got ${String(a)}, want ${b}`);
        continue;
      }
      const d = Math.abs((a as number) - (b as number));
      if (!(d <= worst)) [worst, at] = [d, i];
    }
    if (worst > tol) expect.fail(`${k}[${at}]: got ${String(flatG[at])}, want ${String(flatW[at])} (|diff| ${worst} > ${tol})`);
  }
}
