/**
 * The analysis on unaligned tables (partly shared customers, different orders), both parties in one
 * process (dealer correlations, for speed): checks the app's side (loading keyed tables, joining
 * with @petace/setops' private join or revealing PSI, statistics over matched customers only)
 * against the plaintext join's statistics, within the bounds of `disagreements` (query.ts). The
 * two-process run over libp2p is in analytics.test.ts.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ScriptContext } from "@petace/cli";
import { insecureDealer, runLocal } from "@petace/duet";
import { parseTable, use } from "@petace/securenumpy";
import { makeTempDir } from "@petace/testkit/spawn";
import { afterAll, describe, expect, it } from "vitest";
import analysis from "./analysis.js";
import { generateTables } from "./generate.js";
import { disagreements, plainReport, type Report } from "./query.js";

const tmp = makeTempDir("petace-analytics-unaligned-");
afterAll(() => tmp.remove());

async function run(extra: string[], overlap: number) {
  // The data of analytics.test.ts's two-process run (400 rows, seed 7), so its exact equalities are checked here too.
  const t = generateTables(400, 7, overlap);
  const a = join(tmp.path, `a-${overlap}.csv`);
  const b = join(tmp.path, `b-${overlap}.csv`);
  writeFileSync(a, t.a);
  writeFileSync(b, t.b);
  const printed: string[] = [];
  const out = await runLocal(
    (vm, party) => {
      const ctx: ScriptContext = {
        vm,
        party,
        args: ["--a", a, "--b", b, "--check", ...extra],
        snp: use(vm),
        print: (line) => void printed.push(line),
        progress: () => {},
      };
      return analysis(ctx);
    },
    { correlations: insecureDealer },
  );
  return { out, printed };
}

describe("apps/analytics on unaligned tables", () => {
  for (const [mode, extra] of [
    ["private join (default)", []],
    ["revealing PSI (--psi reveal)", ["--psi", "reveal"]],
  ] as const) {
    it(`${mode}: B's statistics over the shared customers agree with a plaintext join's; A gets nothing`, async () => {
      const { out, printed } = await run([...extra], 0.7);
      expect(out[0]).toBeNull();
      const r = out[1]! as Report & { check: Report };
      expect(r.tables).toEqual({ a: 400, b: 400 });
      expect(r.check.tables).toEqual({ a: 400, b: 400 });
      expect(disagreements(r, r.check)).toEqual([]);
      expect(r.hnwc.count).toBeGreaterThan(0);
      expect(r.hnwc.count).toBe(r.check.hnwc.count);
      expect(r.wealthHistogram).toEqual(r.check.wealthHistogram);
      expect(r.spendersByBalance).toEqual(r.check.spendersByBalance);
      expect(printed.join("\n")).toMatch(/check: the secure result matches the plaintext computation/);
    });
  }

  it("the join matters: taking the tables as row-aligned would give other statistics", async () => {
    const { out } = await run([], 0.5);
    const r = out[1]! as Report & { check: Report };
    expect(disagreements(r, r.check)).toEqual([]);
    const t = generateTables(400, 7, 0.5);
    const [a, b] = [parseTable(t.a, { keys: ["customer_id"] }), parseTable(t.b, { keys: ["customer_id"] })];
    const col = (x: typeof a, name: string) => x.columns[name] as Float64Array;
    const aligned = plainReport(
      {
        frequency: col(a, "purchase_frequency"),
        amount: col(a, "purchase_amount"),
        balance: col(b, "account_balance"),
        wealth: col(b, "wealth_management"),
      },
      r.tables,
    );
    expect(disagreements(r, aligned)).not.toEqual([]);
    // At most the 200 shared customers count.
    expect(Object.values(r.spendersByBalance).reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(200);
  });
});
