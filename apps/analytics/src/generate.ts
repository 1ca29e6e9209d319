/**
 * Writes the example tables: company A's (purchase frequency, purchase amount) and bank B's
 * (account balance, wealth-management amount), row-aligned by customer. Synthetic, from a seed:
 *   tsx src/generate.ts [--rows 10000] [--seed 2024] [--out data]
 * Not cryptographic randomness: example data only.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** mulberry32: a small deterministic generator, so the shipped files can be regenerated exactly. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export interface Tables {
  a: string;
  b: string;
}

/** Both CSV texts. A latent "wealth" per customer makes the two tables correlated, as real ones are. */
export function generateTables(rows: number, seed: number): Tables {
  const r = rng(seed);
  const a = ["purchase_frequency,purchase_amount"];
  const b = ["account_balance,wealth_management"];
  for (let i = 0; i < rows; i++) {
    const wealth = r();
    const frequency = Math.floor(r() * (2 + 6 * wealth));
    const amount = frequency === 0 ? 0 : Math.round(r() * 4000 * (0.5 + 2.5 * wealth) * 100) / 100;
    const balance = Math.round(20_000 + r() * 12_000_000 * wealth * wealth);
    const managed = Math.round(balance * r() * 0.04);
    a.push(`${frequency},${amount}`);
    b.push(`${balance},${managed}`);
  }
  return { a: `${a.join("\n")}\n`, b: `${b.join("\n")}\n` };
}

function flag(argv: string[], name: string, fallback: string): string {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const rows = Number(flag(argv, "rows", "10000"));
  const seed = Number(flag(argv, "seed", "2024"));
  const out = flag(argv, "out", fileURLToPath(new URL("../data", import.meta.url)));
  if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`generate: --rows must be a positive integer, got ${rows}`);
  mkdirSync(out, { recursive: true });
  const t = generateTables(rows, seed);
  writeFileSync(join(out, "company_a.csv"), t.a);
  writeFileSync(join(out, "company_b.csv"), t.b);
  console.log(`wrote ${rows} rows (seed ${seed}) to ${join(out, "company_a.csv")} and ${join(out, "company_b.csv")}`);
}
