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
  stack: { a: Ref; inv: Ref; kappa: number; b: Ref; solve: Ref };
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

  it("a stack of matrices (…, n, n): inv, and solve with a public b (…, n, k), in one pass of batched products", async () => {
    const [r] = await both(async (np, party) => {
      const A = await np.array(party === 0 ? toPlainArray(fx.stack.a) : null, 0);
      const x = await np.linalg.inv(A).reveal();
      // b public here: (2, 3, 2), one right-hand side pair per matrix.
      const y = await np.linalg.solve(A, toPlainArray(fx.stack.b)).reveal();
      return { shape: [...x.shape], data: [...x.toNumbers()], yShape: [...y.shape], y: [...y.toNumbers()] };
    });
    expect(r.shape).toEqual(fx.stack.inv.shape);
    expect(r.yShape).toEqual(fx.stack.solve.shape);
    // Each matrix against its own largest entry.
    for (const q of [0, 1]) {
      const part = (d: number[], size: number) => d.slice(q * size, q * size + size);
      const want = { ...fx.stack.inv, shape: [3, 3], data: part(fx.stack.inv.data, 9) };
      expect(ratio(part(r.data, 9), want).ratio, `inv of matrix ${q}`).toBeLessThanOrEqual(1);
      const wantY = { ...fx.stack.solve, shape: [3, 2], data: part(fx.stack.solve.data, 6) };
      expect(ratio(part(r.y, 6), wantY).ratio, `solve with matrix ${q}`).toBeLessThanOrEqual(1);
    }
  });

  it(`ridge regression in closed form, w = solve(XᵀX + λI, Xᵀy), matches NumPy (κ = ${fx.ridge.cond.toFixed(0)})`, async () => {
    const { X, y, lambda, w } = fx.ridge;
    const d = X.shape[1]!;
    const [r] = await both(async (np, party, vm) => {
      // Party 0 holds the features, party 1 the labels.
      const Xs = await np.array(party === 0 ? toPlainArray(X) : null, 0);
      const ys = await np.array(party === 1 ? toPlainArray(y) : null, 1);
      const before = { rounds: vm.stats.rounds, sent: vm.stats.bytesSent };
      const Xt = np.transpose(Xs);
      const A = np.add(np.matmul(Xt, Xs), np.multiply(np.eye(d), lambda));
      const ws = np.linalg.solve(A, np.matmul(Xt, ys), { assumeA: "pos", cond: 1000 });
      const out = await ws.reveal();
      return { w: [...out.toNumbers()], rounds: vm.stats.rounds - before.rounds, sent: vm.stats.bytesSent - before.sent };
    });
    console.log(`ridge (${X.shape.join("×")}, λ = ${lambda}): ${r.rounds} rounds, ${r.sent} B sent by party 0 (dealer triples)`);
    // XᵀX is rounded once per entry on shares (≤ 1/2 ulp), which κ amplifies: 1e-4 absolute is the stated bound.
    r.w.forEach((v, i) => expect(Math.abs(v - w.data[i]!), `w[${i}] = ${v}, NumPy ${w.data[i]}`).toBeLessThanOrEqual(1e-4));
  });

  it('the ends of the stated range: ‖A‖_F (general) and trace(A) ("pos") from about 2^-4 to 2^14', async () => {
    // s·[[2, 1], [1, 3]] (κ = 2.6), whose inverse is [[3, −1], [−1, 2]] / (5s).
    const scales = [2 ** -6, 2 ** -3, 2 ** 10, 2 ** 12];
    const [r] = await both(async (np, party) => {
      const out: Promise<number[]>[] = [];
      for (const s of scales) {
        const A = await np.array(
          party === 0
            ? [
                [2 * s, s],
                [s, 3 * s],
              ]
            : null,
          0,
        );
        for (const assumeA of ["gen", "pos"] as const)
          out.push(
            np.linalg
              .inv(A, { assumeA })
              .reveal()
              .then((x) => [...x.toNumbers()]),
          );
      }
      return Promise.all(out);
    });
    scales.forEach((s, i) => {
      const want: Ref = { shape: [2, 2], dtype: "float64", data: [3, -1, -1, 2].map((v) => v / (5 * s)) };
      for (const j of [0, 1]) expect(ratio(r[2 * i + j]!, want).ratio, `scale ${s}, ${j ? "pos" : "gen"}`).toBeLessThanOrEqual(1);
    });
  });

  it("the step count follows the stated formula", () => {
    expect(stepsFor(4, 100, false, 16)).toBe(21);
    expect(stepsFor(4, 100, true, 16)).toBe(14);
    expect(stepsFor(5, 1000, true, 16)).toBe(18);
  });

  it("bad shapes and options are errors naming what is wrong", async () => {
    await both(async (np, party) => {
      const m = await np.array(
        party === 0
          ? [
              [1, 2, 3],
              [4, 5, 6],
            ]
          : null,
        0,
      );
      const s = await np.array(
        party === 0
          ? [
              [2, 0],
              [0, 2],
            ]
          : null,
        0,
      );
      expect(() => np.linalg.inv(m)).toThrow(/^linalg\.inv: the last two axes of a must be square, got shape \(2,3\)/);
      expect(() => np.linalg.inv(s.get(0))).toThrow(/^linalg\.inv: a must be at least 2-D/);
      expect(() => np.linalg.solve(s, [1, 2, 3])).toThrow(/^linalg\.solve: b must be \(2,\) for a 2-D a/);
      expect(() => np.linalg.inv(s, { cond: 0.5 })).toThrow(/^linalg\.inv: cond must be at least 1/);
      expect(() => np.linalg.inv(s, { cond: 1e6 })).toThrow(/^linalg\.inv: n·cond = 2·1000000 exceeds 2\^20/);
      expect(() => np.linalg.inv(s, { assumeA: "sym" } as never)).toThrow(/^linalg\.inv: option assumeA must be "gen" or "pos"/);
      expect(() =>
        np.linalg.inv([
          [1, 0],
          [0, 1],
        ] as never),
      ).toThrow(/^linalg\.inv: a must be a SecureArray/);
      return null;
    });
  });
});
