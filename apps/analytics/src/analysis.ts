/**
 * Scenario 1 as a petace script: company A (party 0) holds purchase frequency and amount, bank B
 * (party 1) balance and wealth-management amount, row-aligned by customer. B learns the statistics
 * in query.ts; A learns nothing; neither sees the other's rows. Run with the petace CLI:
 *   petace local src/analysis.ts [--a data/company_a.csv] [--b data/company_b.csv] [--check]
 * Each party reads only its own file (--a by party 0, --b by party 1). --check (demo only) lets B
 * read A's file too and print the plaintext answer beside the secure one.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ScriptContext } from "@petace/cli";
import type { PartyId, Profile } from "@petace/duet";
import { loadCsv, type SecureArray } from "@petace/securenumpy";
import {
  BALANCE_BANDS,
  BALANCE_EDGES,
  bands,
  disagreements,
  formatReport,
  HNWC,
  plainReport,
  WEALTH_BINS,
  WEALTH_EDGES,
  type Report,
} from "./query.js";

const DATA = fileURLToPath(new URL("../data/", import.meta.url));

export interface Options {
  a: string;
  b: string;
  check: boolean;
}

export function parseOptions(args: readonly string[]): Options {
  const opts: Options = { a: resolve(DATA, "company_a.csv"), b: resolve(DATA, "company_b.csv"), check: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--check") opts.check = true;
    else if ((a === "--a" || a === "--b") && args[i + 1]) opts[a.slice(2) as "a" | "b"] = resolve(args[++i]!);
    else throw new RangeError(`analytics: unknown argument "${a}" (expected --a <csv>, --b <csv>, --check)`);
  }
  return opts;
}

export default async function analysis({
  vm,
  snp,
  party,
  args,
  print,
  progress,
}: ScriptContext): Promise<(Report & { check?: Report }) | null> {
  const opts = parseOptions(args);
  // Each party shares its own table; the other passes null and learns only its shape.
  const [frequency, amount] = await shareColumns(snp, party === 0 ? opts.a : null, 0);
  const [balance, wealth] = await shareColumns(snp, party === 1 ? opts.b : null, 1);
  const n = frequency.shape[0]!;
  if (balance.shape[0] !== n) throw new RangeError(`analytics: the tables are not row-aligned (${n} rows at A, ${balance.shape[0]} at B)`);
  progress(1, 4, "shared");

  const sum = (x: SecureArray) => snp.sum(x, 0); // over customers: local additions of shares
  const count = (mask: SecureArray) => sum(mask.astype("float64"));

  const spender = frequency.gt(HNWC.frequency).and(amount.gt(HNWC.amount));
  const hnwc = spender.and(balance.gt(HNWC.balance));
  const hnwcCount = count(hnwc);
  const total = sum(snp.where(hnwc, wealth, 0));
  // One secret division: its range is |quotient| < 2^25, whatever the size of the total.
  const average = total.div(hnwcCount);
  const millions = snp.where(hnwc, balance.div(1e6), 0); // scaled so that squares stay in fixed-point range
  const mean = sum(millions).div(hnwcCount);
  const variance = sum(millions.mul(millions)).div(hnwcCount).sub(mean.mul(mean));
  // Per-segment counts and the histogram: one comparison per edge against a scalar. The VM merges
  // them (and the comparisons above) into one comparison call, as a broadcast against all edges
  // would be, without an n×edges copy of the column and of the edges.
  const spenders = count(spender);
  const spendersAbove = BALANCE_EDGES.map((e) => count(spender.and(balance.gt(e))));
  const wealthAbove = WEALTH_EDGES.map((e) => count(hnwc.and(wealth.gt(e))));
  progress(2, 4, "computing");

  const opened = await Promise.all(
    [hnwcCount, total, average, mean, variance, spenders, ...spendersAbove, ...wealthAbove].map((x) => x.revealTo(1)),
  );
  progress(3, 4, "revealed");
  const profile = shortProfile(vm.profile());
  if (party !== 1) {
    print(`done: the result was revealed to bank B (party 1) only; ${profile}`);
    return null;
  }
  const v = opened.map((x) => x!.data as ArrayLike<number>);
  const scalar = (k: number) => v[k]![0]!;
  const secure: Report = {
    rows: n,
    hnwc: { count: Math.round(scalar(0)), totalWealth: scalar(1), averageWealth: scalar(2) },
    balanceMillions: { mean: scalar(3), variance: scalar(4) },
    spendersByBalance: bands(
      scalar(5),
      BALANCE_EDGES.map((_, k) => scalar(6 + k)),
      BALANCE_BANDS,
    ),
    wealthHistogram: bands(
      scalar(0),
      WEALTH_EDGES.map((_, k) => scalar(6 + BALANCE_EDGES.length + k)),
      WEALTH_BINS,
    ),
  };
  let plain: Report | undefined;
  if (opts.check) {
    const [a, b] = [await loadCsv(opts.a), await loadCsv(opts.b)];
    const col = (t: typeof a, j: number) => Float64Array.from({ length: n }, (_, i) => Number(t.data[i * 2 + j]));
    plain = plainReport({ frequency: col(a, 0), amount: col(a, 1), balance: col(b, 0), wealth: col(b, 1) });
  }
  print(`bank B's result over ${n} customers${plain ? " (the plaintext check reads both files: demo only)" : ""}:`);
  for (const line of formatReport(secure, plain)) print(line);
  if (plain) {
    const bad = disagreements(secure, plain);
    if (bad.length > 0) throw new Error(`analytics --check: the secure result differs from the plaintext one: ${bad.join("; ")}`);
    print("check: the secure result matches the plaintext computation (counts exact, amounts within fixed-point error)");
  }
  print(profile);
  return plain ? { ...secure, check: plain } : secure;
}

/**
 * A two-column table of `owner` (read from `path` there; null at the other party) as two shared
 * columns. Sharing the columns one by one, rather than the table and then slicing it, keeps one
 * copy of each column's shares; the table's text and values are dropped once shared.
 */
async function shareColumns(snp: ScriptContext["snp"], path: string | null, owner: PartyId): Promise<[SecureArray, SecureArray]> {
  const table = path === null ? null : await loadCsv(path);
  if (table !== null && table.shape[1] !== 2) throw new RangeError(`analytics: ${path} has ${table.shape[1]} columns, expected 2`);
  const column = (j: number) => {
    if (table === null) return null;
    const rows = table.shape[0]!;
    const data = new Float64Array(rows);
    for (let i = 0; i < rows; i++) data[i] = table.data[2 * i + j] as number;
    return { data, shape: [rows] };
  };
  return [await snp.array(column(0), owner), await snp.array(column(1), owner)];
}

/** One line: time, traffic and rounds of this party, and the costliest operator. */
function shortProfile(p: Profile): string {
  const t = p.total;
  const top = [...p.rows].filter((r) => r.op !== "setup").sort((a, b) => b.ms - a.ms)[0];
  const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
  return (
    `profile: ${(t.ms / 1000).toFixed(1)} s (set-up included), ${mib(t.bytesSent)} sent, ${mib(t.bytesReceived)} received, ${t.rounds} rounds` +
    (top ? `; costliest: ${top.op} on ${top.elements} elements, ${(top.ms / 1000).toFixed(1)} s, ${mib(top.bytesSent)} sent` : "")
  );
}
