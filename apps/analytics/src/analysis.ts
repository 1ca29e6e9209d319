/**
 * Scenario 1 as a petace script: company A (party 0) holds each of its customers' purchase
 * frequency and amount, bank B (party 1) each of its customers' balance and wealth-management
 * amount; the two tables hold partly the same customers, keyed by a customer id, in different
 * orders. The parties first join the tables by id on shares (`snp.join`), then B learns the
 * statistics in query.ts over the customers both have; A learns nothing; neither sees the other's
 * rows nor, with the default private join, which or how many customers they share. Run with the
 * petace CLI:
 *   petace local src/analysis.ts [--a data/company_a.csv] [--b data/company_b.csv] [--psi private|reveal] [--check]
 * Each party reads only its own file (--a by party 0, --b by party 1). `--psi reveal` uses the
 * faster PSI that reveals to both parties which customers they share (the join is then aligned in
 * the clear). --check (demo only) lets B read A's file too and print the plaintext answer beside
 * the secure one.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ScriptContext } from "@petace/cli";
import type { Profile } from "@petace/duet";
import { type JoinMode, loadTable, type SecureArray } from "@petace/securenumpy";
import {
  BALANCE_BANDS,
  BALANCE_EDGES,
  bands,
  disagreements,
  formatReport,
  HNWC,
  plainJoin,
  plainReport,
  WEALTH_BINS,
  WEALTH_EDGES,
  type Report,
} from "./query.js";

const DATA = fileURLToPath(new URL("../data/", import.meta.url));

/** The id column of both tables. */
const KEY = "customer_id";

export interface Options {
  a: string;
  b: string;
  psi: JoinMode;
  check: boolean;
}

export function parseOptions(args: readonly string[]): Options {
  const opts: Options = { a: resolve(DATA, "company_a.csv"), b: resolve(DATA, "company_b.csv"), psi: "private", check: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--check") opts.check = true;
    else if ((a === "--a" || a === "--b") && args[i + 1]) opts[a.slice(2) as "a" | "b"] = resolve(args[++i]!);
    else if (a === "--psi" && (args[i + 1] === "private" || args[i + 1] === "reveal")) opts.psi = args[++i] as JoinMode;
    else throw new RangeError(`analytics: unknown argument "${a}" (expected --a <csv>, --b <csv>, --psi private|reveal, --check)`);
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
  // Each party loads only its own table (ids kept as strings) and passes null for the other's.
  const mine = await loadTable(party === 0 ? opts.a : opts.b, { keys: [KEY] });
  const j = await snp.join(party === 0 ? mine : null, party === 1 ? mine : null, {
    on: KEY,
    mode: opts.psi,
  });
  progress(1, 4, "joined");
  const frequency = j.column("purchase_frequency");
  const amount = j.column("purchase_amount");
  const balance = j.column("account_balance");
  const wealth = j.column("wealth_management");

  const sum = (x: SecureArray) => snp.sum(x, 0); // over slots: local additions of shares
  const count = (mask: SecureArray) => sum(mask.astype("float64"));

  // Only customers both tables have count: `matched` is secret (private join) and costs nothing to use.
  // The ANDs are balanced (the VM runs each depth's ANDs as one call, one round): `matched`, known
  // before the comparisons, is ANDed with B's conditions while A's two are ANDed together, so
  // spender, hnwc and the balance-band flags are ready at the second AND depth, the wealth-bin flags
  // at the third (each one depth earlier than as a chain).
  const bigSpender = frequency.gt(HNWC.frequency).and(amount.gt(HNWC.amount));
  const matchedRich = j.matched.and(balance.gt(HNWC.balance));
  const spender = bigSpender.and(j.matched);
  const hnwc = bigSpender.and(matchedRich);
  const hnwcCount = count(hnwc);
  const total = sum(snp.where(hnwc, wealth, 0));
  const millions = snp.where(hnwc, balance.div(1e6), 0); // scaled so that squares stay in fixed-point range
  // The three quotients by the secret count in one division call (its ~56 rounds once, not twice:
  // the sum of squares is ready later than the total, so separate calls would run one after the
  // other). Its range is |quotient| < 2^25, whatever the size of the numerators.
  const [average, mean, meanOfSquares] = snp.split(snp.stack([total, sum(millions), sum(millions.mul(millions))]).div(hnwcCount), 3) as [
    SecureArray,
    SecureArray,
    SecureArray,
  ];
  const variance = meanOfSquares.sub(mean.mul(mean));
  // Per-segment counts and the histogram: one comparison per edge against a scalar. The VM merges
  // them (and the comparisons above) into one comparison call, as a broadcast against all edges
  // would be, without an n×edges copy of the column and of the edges.
  const spenders = count(spender);
  const spendersAbove = BALANCE_EDGES.map((e) => count(bigSpender.and(j.matched.and(balance.gt(e)))));
  const wealthAbove = WEALTH_EDGES.map((e) => count(bigSpender.and(matchedRich.and(wealth.gt(e)))));
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
  const tables = { a: j.tableRows[0], b: j.tableRows[1] }; // public: the join tells both parties
  const secure: Report = {
    tables,
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
    const a = await loadTable(opts.a, { keys: [KEY] });
    const col = (t: typeof a, name: string) => t.columns[name] as Float64Array;
    const joined = plainJoin({
      a: { ids: a.columns[KEY] as string[], frequency: col(a, "purchase_frequency"), amount: col(a, "purchase_amount") },
      b: { ids: mine.columns[KEY] as string[], balance: col(mine, "account_balance"), wealth: col(mine, "wealth_management") },
    });
    plain = plainReport(joined, tables);
  }
  print(
    `bank B's result over the customers of A's ${tables.a} and B's ${tables.b} that both have${plain ? " (the plaintext check reads both files: demo only)" : ""}:`,
  );
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
 * One line: time, traffic and rounds of this party, the correlation refills made ahead of the
 * online rounds (the profile's "prefetch" row, which has no elements of its own), and the costliest
 * operator.
 */
function shortProfile(p: Profile): string {
  const t = p.total;
  const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
  const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const prefetch = p.rows.find((r) => r.op === "prefetch");
  const top = [...p.rows].filter((r) => r.op !== "setup" && r.op !== "prefetch").sort((a, b) => b.ms - a.ms)[0];
  return (
    `profile: ${secs(t.ms)} (set-up included), ${mib(t.bytesSent)} sent, ${mib(t.bytesReceived)} received, ${t.rounds} rounds` +
    (prefetch ? `; correlations made ahead: ${secs(prefetch.ms)}, ${mib(prefetch.bytesSent)} sent` : "") +
    (top ? `; costliest operator: ${top.op} on ${top.elements} elements, ${secs(top.ms)}, ${mib(top.bytesSent)} sent` : "")
  );
}
