/**
 * The analysis both ways: the definitions (thresholds), the plaintext reference used by `--check`
 * (a plaintext join of the two tables by customer id, then the same statistics over the customers
 * both tables have), and how a revealed result is laid out. The secure version is in analysis.ts.
 */

/** High-net-worth customer: purchase frequency > 2, purchase amount > 5000, balance > 5,000,000. */
export const HNWC = { frequency: 2, amount: 5000, balance: 5_000_000 } as const;
/** Balance bands for frequent big spenders (frequency > 2 and amount > 5000). */
export const BALANCE_EDGES = [1_000_000, 5_000_000, 10_000_000] as const;
export const BALANCE_BANDS = ["<=1M", "1M-5M", "5M-10M", ">10M"] as const;
/** Histogram of the wealth-management amounts of high-net-worth customers. */
export const WEALTH_EDGES = [25_000, 50_000, 100_000] as const;
export const WEALTH_BINS = ["<=25k", "25k-50k", "50k-100k", ">100k"] as const;

export interface Report {
  /** Rows of A's and B's tables (public). How many customers both have is not in the report. */
  tables: { a: number; b: number };
  hnwc: { count: number; totalWealth: number; averageWealth: number };
  /** Balances of high-net-worth customers, in millions. */
  balanceMillions: { mean: number; variance: number };
  /** Frequent big spenders by balance band (a per-segment count). */
  spendersByBalance: Record<string, number>;
  /** High-net-worth customers by wealth-management amount. */
  wealthHistogram: Record<string, number>;
}

/** Counts "above edge k" (k = 0..K-1) and a total → counts per band between the edges. */
export function bands(total: number, above: readonly number[], names: readonly string[]): Record<string, number> {
  const edges = [total, ...above, 0];
  return Object.fromEntries(names.map((name, k) => [name, Math.round(edges[k]! - edges[k + 1]!)]));
}

export interface Columns {
  frequency: ArrayLike<number>;
  amount: ArrayLike<number>;
  balance: ArrayLike<number>;
  wealth: ArrayLike<number>;
}

/** A's and B's tables as the check reads them: customer ids and the value columns. */
export interface PlainTables {
  a: { ids: readonly string[]; frequency: ArrayLike<number>; amount: ArrayLike<number> };
  b: { ids: readonly string[]; balance: ArrayLike<number>; wealth: ArrayLike<number> };
}

/** The plaintext inner join by customer id: the columns of the customers both tables have, in A's order. */
export function plainJoin(t: PlainTables): Columns {
  const rowB = new Map<string, number>();
  t.b.ids.forEach((id, i) => rowB.set(id, i));
  const c = { frequency: [] as number[], amount: [] as number[], balance: [] as number[], wealth: [] as number[] };
  t.a.ids.forEach((id, i) => {
    const j = rowB.get(id);
    if (j === undefined) return;
    c.frequency.push(t.a.frequency[i]!);
    c.amount.push(t.a.amount[i]!);
    c.balance.push(t.b.balance[j]!);
    c.wealth.push(t.b.wealth[j]!);
  });
  return c;
}

/** The same analysis on plaintext, over joined columns (only possible here because the demo has both files). */
export function plainReport(c: Columns, tables: Report["tables"]): Report {
  const n = c.frequency.length;
  let count = 0,
    total = 0,
    bal = 0,
    bal2 = 0,
    spenders = 0;
  const spenderAbove = BALANCE_EDGES.map(() => 0);
  const wealthAbove = WEALTH_EDGES.map(() => 0);
  for (let i = 0; i < n; i++) {
    const spender = c.frequency[i]! > HNWC.frequency && c.amount[i]! > HNWC.amount;
    if (!spender) continue;
    spenders++;
    BALANCE_EDGES.forEach((e, k) => void (c.balance[i]! > e && spenderAbove[k]!++));
    if (!(c.balance[i]! > HNWC.balance)) continue;
    count++;
    total += c.wealth[i]!;
    const m = c.balance[i]! * 1e-6;
    bal += m;
    bal2 += m * m;
    WEALTH_EDGES.forEach((e, k) => void (c.wealth[i]! > e && wealthAbove[k]!++));
  }
  const mean = bal / count;
  return {
    tables,
    hnwc: { count, totalWealth: total, averageWealth: total / count },
    balanceMillions: { mean, variance: bal2 / count - mean * mean },
    spendersByBalance: bands(spenders, spenderAbove, BALANCE_BANDS),
    wealthHistogram: bands(count, wealthAbove, WEALTH_BINS),
  };
}

/** Where the secure and plaintext reports differ beyond fixed-point error (empty: they agree). */
export function disagreements(secure: Report, plain: Report): string[] {
  const out: string[] = [];
  const near = (name: string, s: number, p: number, abs: number, rel = 0) => {
    if (!(Math.abs(s - p) <= abs + rel * Math.abs(p))) out.push(`${name}: secure ${s}, plaintext ${p}`);
  };
  near("count", secure.hnwc.count, plain.hnwc.count, 0);
  near("total wealth", secure.hnwc.totalWealth, plain.hnwc.totalWealth, 1, 1e-6);
  near("average wealth", secure.hnwc.averageWealth, plain.hnwc.averageWealth, 0.05);
  near("mean balance", secure.balanceMillions.mean, plain.balanceMillions.mean, 1e-3, 1e-3);
  near("balance variance", secure.balanceMillions.variance, plain.balanceMillions.variance, 2e-3, 1e-3);
  for (const k of BALANCE_BANDS) near(`spenders ${k}`, secure.spendersByBalance[k]!, plain.spendersByBalance[k]!, 0);
  for (const k of WEALTH_BINS) near(`wealth ${k}`, secure.wealthHistogram[k]!, plain.wealthHistogram[k]!, 0);
  return out;
}

/** The report as aligned text lines, with the plaintext value beside each when given. */
export function formatReport(r: Report, plain?: Report): string[] {
  const row = (label: string, v: number, p: number | undefined, digits: number) =>
    `  ${label.padEnd(34)}${v.toFixed(digits).padStart(16)}${p === undefined ? "" : p.toFixed(digits).padStart(18)}`;
  return [
    `  ${"".padEnd(34)}${"secure".padStart(16)}${plain ? "plaintext check".padStart(18) : ""}`,
    row("high-net-worth customers", r.hnwc.count, plain?.hnwc.count, 0),
    row("  total wealth-management amount", r.hnwc.totalWealth, plain?.hnwc.totalWealth, 0),
    row("  average wealth-management amount", r.hnwc.averageWealth, plain?.hnwc.averageWealth, 2),
    row("  mean balance (millions)", r.balanceMillions.mean, plain?.balanceMillions.mean, 3),
    row("  variance of balance (millions^2)", r.balanceMillions.variance, plain?.balanceMillions.variance, 3),
    "  frequent big spenders by balance:",
    ...BALANCE_BANDS.map((k) => row(`    ${k}`, r.spendersByBalance[k]!, plain?.spendersByBalance[k], 0)),
    "  high-net-worth customers by wealth-management amount:",
    ...WEALTH_BINS.map((k) => row(`    ${k}`, r.wealthHistogram[k]!, plain?.wealthHistogram[k], 0)),
  ];
}
