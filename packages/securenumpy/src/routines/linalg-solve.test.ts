/**
 * linalg.inv and linalg.solve against NumPy (test/fixtures/linalg.json, scripts/golden/linalg.py):
 * matrices of known condition number κ (general: 1.5, 10, 100; symmetric positive definite: 10,
 * 100, 1000), n = 2, 3, 5, 8, entries of two magnitudes, already on the fixed-point grid so that
 * NumPy inverts exactly what the parties share. The stated bound, relative to the largest entry of
 * the exact result: |x − x*| ≤ 2^−16·max|x*| + 2 ulp (2^−16 is one ulp), with cond = max(100, κ).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { SecureArray } from "../core/secure-array.js";
import { both, toPlainArray, type Ref } from "../../test/util.js";
import { stepsFor } from "./linalg-solve.js";

interface InvCase {
  assumeA: "gen" | "pos";
  kappa: number;
  cond: number;
  a: Ref;
  inv: Ref;
  b: Ref;
  solve: Ref;
  bk: Ref;
  solveK: Ref;
}
const fx = JSON.parse(readFileSync(new URL("../../test/fixtures/linalg.json", import.meta.url), "utf8")) as {
  seed: number;
  inv: InvCase[];
  stack: { a: Ref; inv: Ref; kappa: number };
  ridge: { X: Ref; y: Ref; lambda: number; w: Ref; cond: number };
};
const ULP = 2 ** -16;
const REL = 2 ** -16;

/** Largest |got − want| / (REL·max|want| + 2 ulp): ≤ 1 is within the bound. */
function ratio(got: ArrayLike<number>, want: Ref): { ratio: number; maxErr: number } {
  const scale = Math.max(...want.data.map(Math.abs));
  let worst = 0;
  let maxErr = 0;
  for (let i = 0; i < want.data.length; i++) {
    const e = Math.abs(got[i]! - want.data[i]!);
    maxErr = Math.max(maxErr, e / scale);
    worst = Math.max(worst, e / (REL * scale + 2 * ULP));
  }
  return { ratio: worst, maxErr };
}

describe("linalg.inv and linalg.solve (Newton–Schulz on shares, NumPy golden values)", () => {
  it(`inverts ${fx.inv.length} matrices with κ up to 1000 within 2^-16 of the largest entry + 2 ulp (fixture seed ${fx.seed})`, async () => {
    const [r] = await both(async (np, party) => {
      const out: Promise<[number[], number[], number[]]>[] = [];
      for (const c of fx.inv) {
        const A = await np.array(party === 0 ? toPlainArray(c.a) : null, 0);
        const b = await np.array(party === 1 ? toPlainArray(c.b) : null, 1);
        const bk = await np.array(party === 1 ? toPlainArray(c.bk) : null, 1);
        const opts = { assumeA: c.assumeA, cond: Math.max(100, c.kappa) };
        const list: SecureArray[] = [np.linalg.inv(A, opts), np.linalg.solve(A, b, opts), np.linalg.solve(A, bk, opts)];
        out.push(Promise.all(list.map(async (x) => [...(await x.reveal()).toNumbers()])) as Promise<[number[], number[], number[]]>);
      }
      return Promise.all(out);
    });
    const report: string[] = [];
    fx.inv.forEach((c, i) => {
      const [inv, x, xk] = r[i]!;
      const n = c.a.shape[0]!;
      const checks = [ratio(inv, c.inv), ratio(x, c.solve), ratio(xk, c.solveK)];
      report.push(
        `${c.assumeA} n=${n} κ=${c.cond.toFixed(1)} scale≈${Math.max(...c.a.data.map(Math.abs)).toFixed(1)}: ` +
          checks.map((q) => q.maxErr.toExponential(1)).join(" "),
      );
      checks.forEach((q, j) => expect(q.ratio, `${["inv", "solve (n,)", "solve (n, 2)"][j]} ${report.at(-1)}`).toBeLessThanOrEqual(1));
    });
    console.log(
      `worst ratio ${Math.max(...fx.inv.map((c, i) => Math.max(ratio(r[i]![0], c.inv).ratio, ratio(r[i]![1], c.solve).ratio, ratio(r[i]![2], c.solveK).ratio))).toFixed(3)}`,
    );
    console.log(`relative to max|x*| (inv, solve, solve k=2):\n${report.join("\n")}`);
  });
});
