import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeTempDir, runScript } from "@petace/testkit/spawn";
import { afterAll, describe, expect, it } from "vitest";
import { generateTables } from "./generate.js";
import type { Report } from "./query.js";

const cli = fileURLToPath(new URL("../../../packages/cli/src/main.ts", import.meta.url));
const script = fileURLToPath(new URL("./analysis.ts", import.meta.url));
const tmp = makeTempDir("petace-analytics-");
const dir = tmp.path;
afterAll(() => tmp.remove());

describe("apps/analytics", () => {
  it("two processes over libp2p, unaligned tables joined privately: B's secure statistics agree with the plaintext check; A gets nothing", async () => {
    // A fixed data set, not testSeed(): the exact equalities below hold for it, while on other data a
    // value landing on a band edge could round to the other side in fixed point.
    const t = generateTables(400, 7);
    writeFileSync(join(dir, "a.csv"), t.a);
    writeFileSync(join(dir, "b.csv"), t.b);
    const run = await runScript(cli, {
      args: ["local", "--json", "--timeout", "100", script, "--a", join(dir, "a.csv"), "--b", join(dir, "b.csv"), "--check"],
      timeoutMs: 110_000,
    });
    expect(run.stderr).not.toMatch(/differs|Error/);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { ok: boolean; parties: { result: (Report & { check: Report }) | null }[] };
    expect(out.ok).toBe(true);
    expect(out.parties[0]!.result).toBeNull();
    const r = out.parties[1]!.result!;
    expect(r.tables).toEqual({ a: 400, b: 400 });
    expect(r.hnwc.count).toBe(r.check.hnwc.count);
    expect(r.hnwc.count).toBeGreaterThan(0);
    expect(r.wealthHistogram).toEqual(r.check.wealthHistogram);
    expect(r.spendersByBalance).toEqual(r.check.spendersByBalance);
    expect(r.hnwc.totalWealth).toBeCloseTo(r.check.hnwc.totalWealth, 0);
    // A secret division within max(4 ulp, 1e-7 relative) of the exact quotient (issue 16): 0.05 absolute.
    expect(Math.abs(r.hnwc.averageWealth - r.check.hnwc.averageWealth)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(r.balanceMillions.variance - r.check.balanceMillions.variance)).toBeLessThan(1e-2);
  }, 120_000); // the join adds work to the old run (~11 s), and the machine is shared

  it("the generator writes partly the same customers, in different orders, with an id column", () => {
    const ids = (csv: string) =>
      csv
        .trim()
        .split("\n")
        .slice(1)
        .map((line) => line.split(",")[0]!);
    const t = generateTables(200, 5, 0.7);
    expect(t.a.split("\n")[0]).toBe("customer_id,purchase_frequency,purchase_amount");
    expect(t.b.split("\n")[0]).toBe("customer_id,account_balance,wealth_management");
    const [a, b] = [ids(t.a), ids(t.b)];
    expect(new Set(a).size).toBe(200);
    expect(new Set(b).size).toBe(200);
    const inA = new Set(a);
    const shared = b.filter((id) => inA.has(id));
    expect(shared.length).toBe(140);
    expect(a.filter((id) => shared.includes(id))).not.toEqual(shared); // not in the same order
  });

  it("the generator is deterministic for a seed", () => {
    expect(generateTables(50, 3)).toEqual(generateTables(50, 3));
    expect(generateTables(50, 3).a).not.toEqual(generateTables(50, 4).a);
  });
});
