/**
 * `join` against a plaintext join of the same tables: random keyed tables (seeded) with 0%, 50% and
 * 100% overlap, in both modes, columns from both sides, reductions that count matched rows only;
 * then bad input, each with its message. The set operations are the INSECURE test stand-in
 * (test/stand-in-setops.ts), passed with `{ setops }`: these tests check securenumpy's side (tables,
 * layout, naming, shares → SecureArrays, reductions), not the cryptography, which setops tests.
 *
 * Error bounds: values are multiples of 1/4 (exact in fixed point), so revealed columns, counts and
 * sums are exact; a mean is one secret division, within 1e-4 of the plaintext quotient here
 * (`divide`'s bound is 4 ulp or 1e-7 relative).
 */
import type { PartyId } from "@petace/duet";
import { SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { describe, expect, it } from "vitest";
import { PlainArray } from "../core/plain.js";
import { both } from "../../test/util.js";
import { insecureStandInSetOps as setops } from "../../test/stand-in-setops.js";
import type { SetOps } from "./setops.js";
import type { Namespace } from "../use.js";
import type { JoinResult } from "./result.js";
import { defaultSetOps } from "./setops.js";
import type { Table } from "./table.js";

interface Pair {
  a: { columns: { id: string[]; spend: Float64Array; visits: BigInt64Array } };
  b: { columns: { id: string[]; balance: Float64Array } };
}

/** Two tables over `n` rows each, `overlap` of A's keys also in B, both in random orders. */
function tables(seed: number, nA: number, nB: number, overlap: number): Pair {
  const r = new SeededRandom(seed);
  const shuffle = <T>(xs: T[]) => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(r.float() * (i + 1));
      [xs[i], xs[j]] = [xs[j]!, xs[i]!];
    }
    return xs;
  };
  const common = Math.round(overlap * Math.min(nA, nB));
  const idsA = Array.from({ length: nA }, (_, i) => `cust-${1000 + i}`);
  const idsB = [...idsA.slice(0, common), ...Array.from({ length: nB - common }, (_, i) => `other-${i}`)];
  const quarter = (lim: number) => Math.round((r.float() * 2 - 1) * lim * 4) / 4;
  const a = shuffle(idsA.slice());
  const b = shuffle(idsB);
  return {
    a: {
      columns: {
        id: a,
        spend: Float64Array.from(a, () => quarter(500)),
        visits: BigInt64Array.from(a, () => BigInt(Math.floor(r.float() * 20))),
      },
    },
    b: { columns: { id: b, balance: Float64Array.from(b, () => quarter(10_000)) } },
  };
}

/** The plaintext inner join, one row per common key. */
function plainJoin(t: Pair): { id: string; spend: number; visits: number; balance: number }[] {
  const rowB = new Map(t.b.columns.id.map((k, i) => [k, i]));
  return t.a.columns.id.flatMap((k, i) => {
    const j = rowB.get(k);
    return j === undefined
      ? []
      : [{ id: k, spend: t.a.columns.spend[i]!, visits: Number(t.a.columns.visits[i]!), balance: t.b.columns.balance[j]! }];
  });
}

const nums = (p: PlainArray | null) => Array.from(p!.toNumbers());

/** The implementations to run the plaintext-join tests on: the stand-in always, setops' own when built in. */
const IMPLEMENTATIONS: [string, SetOps][] = [["insecure stand-in", setops], ["@petace/setops", defaultSetOps] as [string, SetOps]];

/** Joins, reveals everything to both parties (a test only), and returns it with the party's public extras. */
async function runJoin(t: Pair, options: { mode?: "private" | "reveal"; layoutParty?: PartyId; setops: SetOps }) {
  return both(async (np, party) => {
    const j = await np.join(party === 0 ? t.a : null, party === 1 ? t.b : null, { on: "id", ...options });
    const names = Object.keys(j.columns);
    const opened = await Promise.all([j.matched, ...names.map((n) => j.column(n))].map((x) => x.reveal()));
    const stats = await Promise.all(
      [
        j.count(),
        j.sum("spend"),
        j.sum("visits"),
        j.sum("balance"),
        j.mean("spend"),
        j.mean("balance"),
        // NumPy's spelling of the same masked sum, with the bool `matched`.
        np.sum(np.where(j.matched, j.column("spend"), 0)),
        np.sum(j.matched),
      ].map((x) => x.reveal()),
    );
    return {
      j,
      names,
      slots: j.slots,
      matched: nums(opened[0]!),
      cols: Object.fromEntries(names.map((n, k) => [n, nums(opened[k + 1]!)])),
      dtypes: Object.fromEntries(names.map((n) => [n, j.column(n).dtype])),
      stats: stats.map((s) => s.toNumbers()[0]!),
    };
  });
}

function checkStats(stats: number[], ref: ReturnType<typeof plainJoin>): void {
  const sum = (f: (x: (typeof ref)[number]) => number) => ref.reduce((s, x) => s + f(x), 0);
  expect(stats[0]).toBe(ref.length);
  expect(stats[1]).toBe(sum((x) => x.spend));
  expect(stats[2]).toBe(sum((x) => x.visits));
  expect(stats[3]).toBe(sum((x) => x.balance));
  expect(stats[6]).toBe(sum((x) => x.spend));
  expect(stats[7]).toBe(ref.length);
  if (ref.length === 0) return; // a mean over no row is meaningless (documented)
  expect(Math.abs(stats[4]! - sum((x) => x.spend) / ref.length)).toBeLessThan(1e-4);
  expect(Math.abs(stats[5]! - sum((x) => x.balance) / ref.length)).toBeLessThan(1e-4);
}

describe.each(IMPLEMENTATIONS)("join (private mode) against a plaintext join, on the %s", (_name, impl) => {
  for (const overlap of [0, 0.5, 1]) {
    it(`${overlap * 100}% overlap: matched slots hold exactly the joined rows; reductions count matched rows only`, async () => {
      const t = tables(testSeed(), 23, 19, overlap);
      const ref = plainJoin(t);
      const [r0, r1] = await runJoin(t, { setops: impl });
      expect(r0.names).toEqual(["spend", "visits", "balance"]); // the layout party's columns first
      expect(r0.dtypes).toEqual({ spend: "float64", visits: "int64", balance: "float64" });
      expect(r0.j.matched.dtype).toBe("bool");
      expect(r1.slots).toBe(r0.slots);
      expect([r0.j.tableRows, r1.j.tableRows]).toEqual([
        [23, 19],
        [23, 19],
      ]);
      expect(r0.slots).toBeGreaterThanOrEqual(23);
      // The rows of matched slots, as a multiset, are the plaintext join's rows.
      const got = r0.matched.flatMap((m, s) => (m === 1 ? [[r0.cols.spend![s], r0.cols.visits![s], r0.cols.balance![s]]] : []));
      const want = ref.map((x) => [x.spend, x.visits, x.balance]);
      const order = (rows: (number | undefined)[][]) => rows.map((x) => x.join(",")).sort();
      expect(order(got)).toEqual(order(want));
      expect(r0.matched.every((m) => m === 0 || m === 1)).toBe(true);
      // The layout party (0) knows where each of its rows went; the other party does not.
      const slotOf = r0.j.rowSlots!;
      expect(r1.j.rowSlots).toBeNull();
      const inB = new Set(t.b.columns.id);
      t.a.columns.id.forEach((k, i) => {
        const s = slotOf[i]!;
        expect(r0.cols.spend![s]).toBe(t.a.columns.spend[i]);
        expect(r0.matched[s]).toBe(inB.has(k) ? 1 : 0);
      });
      // Unmatched slots hold 0 in the other party's columns.
      r0.matched.forEach((m, s) => m === 0 && expect(r0.cols.balance![s]).toBe(0));
      checkStats(r0.stats, ref);
      expect(r1.stats).toEqual(r0.stats);
    });
  }

  it("layoutParty 1: slots follow party 1's table, its columns come first", async () => {
    const t = tables(testSeed(), 15, 21, 0.5);
    const [r0, r1] = await runJoin(t, { layoutParty: 1, setops: impl });
    expect(r0.names).toEqual(["balance", "spend", "visits"]);
    expect(r1.j.rowSlots).not.toBeNull();
    expect(r0.j.rowSlots).toBeNull();
    expect(r1.slots).toBeGreaterThanOrEqual(21);
    checkStats(r1.stats, plainJoin(t));
  });
});

describe.each(IMPLEMENTATIONS)("join (reveal mode) against a plaintext join, on the %s", (_name, impl) => {
  for (const overlap of [0, 0.5, 1]) {
    it(`${overlap * 100}% overlap: the matched rows, aligned, in one order both parties know`, async () => {
      const t = tables(testSeed(), 17, 24, overlap);
      const ref = plainJoin(t);
      const [r0, r1] = await runJoin(t, { mode: "reveal", setops: impl });
      expect(r0.slots).toBe(ref.length);
      expect(r0.names).toEqual(["spend", "visits", "balance"]);
      const rows0 = r0.j.rows!;
      const rows1 = r1.j.rows!;
      expect(rows0.length).toBe(ref.length);
      for (let i = 0; i < rows0.length; i++) {
        expect(t.a.columns.id[rows0[i]!]).toBe(t.b.columns.id[rows1[i]!]); // row i of the result is one customer
        expect(r0.cols.spend![i]).toBe(t.a.columns.spend[rows0[i]!]);
        expect(r0.cols.visits![i]).toBe(Number(t.a.columns.visits[rows0[i]!]));
        expect(r0.cols.balance![i]).toBe(t.b.columns.balance[rows1[i]!]);
      }
      expect(r0.matched).toEqual(new Array(ref.length).fill(1));
      checkStats(r0.stats, ref);
    });
  }
});

/** Runs `fn` at both parties and returns the error the run failed with. */
async function failure(fn: (np: Namespace, party: PartyId) => Promise<unknown>): Promise<Error> {
  try {
    await both(fn);
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected the join to fail");
}

describe("join: bad input gets a clear error, at both parties", () => {
  const t = tables(1, 6, 6, 0.5);
  const go = (a: unknown, b: unknown, options: Record<string, unknown>) => (np: Namespace, party: PartyId) =>
    np.join(party === 0 ? a : null, party === 1 ? b : null, { setops, ...options } as never);

  it("no key column named, or a table without it", async () => {
    expect((await failure(go(t.a, t.b, {}))).message).toMatch(
      /^join: name the key column both tables share, e\.g\. join\(a, b, \{ on: "customer_id" \}\)/,
    );
    expect((await failure(go(t.a, t.b, { on: "customer" }))).message).toMatch(
      /^join: party 0's table has no key column "customer" \(its columns: "id", "spend", "visits"\); pass the key column's name as \{ on \}/,
    );
  });

  it("duplicate keys: the error of hashKeys, naming both rows", async () => {
    const dup = { columns: { id: ["x", "y", "z", "y"], v: [1, 2, 3, 4] } };
    const e = await failure(go(t.a, dup, { on: "id" }));
    // setops' message (the stand-in copies its form): the table's name and both 0-based rows, never the key.
    expect(e.message).toMatch(/^hashKeys \(table "party 1's table"\): rows 1 and 3 have the same key/);
  });

  it("a non-numeric value column names the column and row, not the value", async () => {
    const bad = { columns: { id: ["a", "b", "c"], name: [1, "secret-text", 3] } };
    const e = await failure(go(bad, t.b, { on: "id" }));
    expect(e.message).toMatch(
      /^join: party 0's table: column "name" at row 1 holds a string, expected a number; value columns are numeric/,
    );
    expect(e.message).not.toContain("secret-text");
  });

  it("one party passing both tables, or a table in the other's place", async () => {
    const e = await failure((np, party) => np.join(t.a, party === 1 ? t.b : null, { on: "id", setops }));
    expect(e.message).toMatch(/^join: party 1 passed both tables; each party passes only its own table and null for the other's/);
    const swapped = await failure((np, party) => np.join(party === 1 ? t.a : null, party === 0 ? t.b : null, { on: "id", setops }));
    expect(swapped.message).toMatch(/^join: party \d passed a table as argument \d, which is party \d's; pass yours as argument \d/);
  });

  it("a PlainArray (no column names), mismatched lengths, a column in both tables, different options", async () => {
    const plain = new PlainArray(new Float64Array(4), [2, 2], "float64");
    expect((await failure(go(plain, t.b, { on: "id" }))).message).toMatch(
      /^join: party 0's table is a PlainArray, which has no column names/,
    );
    const short = { columns: { id: ["a", "b"], v: [1] } };
    expect((await failure(go(short, t.b, { on: "id" }))).message).toMatch(
      /^join: party 0's table: column "v" has 1 values, the key column "id" has 2/,
    );
    const clash: Table = { columns: { id: ["q"], spend: [1] } };
    expect((await failure(go(t.a, clash, { on: "id" }))).message).toMatch(
      /^join: both tables have a column "spend"; rename it in one of them/,
    );
    const e = await failure((np, party) =>
      np.join(party === 0 ? t.a : null, party === 1 ? t.b : null, { on: "id", setops, mode: party === 0 ? "private" : "reveal" }),
    );
    expect(e.message).toMatch(
      /^join: the parties disagree on option mode: "(private|reveal)" here, "(private|reveal)" at party \d; both must pass the same options/,
    );
  });

  it("an unknown column of the result lists the ones there are", async () => {
    const [r] = await both(async (np, party) => {
      const j: JoinResult = await np.join(party === 0 ? t.a : null, party === 1 ? t.b : null, { on: "id", setops });
      return (() => {
        try {
          j.sum("nope");
        } catch (e) {
          return (e as Error).message;
        }
        return "";
      })();
    });
    expect(r).toBe('join result: no column "nope" (columns: "spend", "visits", "balance")');
  });
});
