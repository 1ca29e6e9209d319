/**
 * `join`: two parties' keyed tables, with different customers in different orders, as SecureArrays
 * aligned by key. Both parties call it at the same point; each passes only its own table:
 *
 *   const j = await snp.join(party === 0 ? tableA : null, party === 1 ? tableB : null, { on: "customer_id" });
 *   const avg = j.mean("balance");           // over the matched rows only
 *
 * Private mode (the default) runs @petace/setops' private join (circuit-PSI style; see its README
 * for the protocol and the paper): the result has one slot per bin of the layout party's table,
 * and `matched` says, on shares, which slots hold a row whose key the other table has too. Neither
 * party learns which keys matched nor how many. Reveal mode runs setops' PSI that reveals the
 * intersection to both parties, then shares the matched rows aligned: faster, and the result's
 * length is the intersection's size, public by choice.
 *
 * Public in both modes: each table's number of rows, its column names and dtypes, the key
 * column's name, the mode, and `slots`. Keys and values never leave a party in the clear (in
 * reveal mode, which keys are in the intersection does, by design).
 *
 * Cost per row (bytes, rounds): see packages/setops/README.md for the private join and the PSI;
 * on top of them, one header message each way, and in reveal mode one input per value column.
 */
import { type PartyId, wordCount } from "@petace/duet";
import { printable } from "@petace/network";
import type { HashedKeys } from "@petace/setops";
import { currentVM } from "../core/context.js";
import { routine } from "../core/options.js";
import { SecureArray } from "../core/secure-array.js";
import { type JoinMode, JoinResult } from "./result.js";
import { type SetOps, defaultSetOps } from "./setops.js";
import { type ColumnInfo, type OwnTable, ownTable } from "./table.js";

export interface JoinOptions {
  /** The key column's name, the same in both tables (required). */
  on?: string;
  /** "private" (default): which rows matched stays secret. "reveal": the intersection is revealed to both parties. */
  mode?: JoinMode;
  /** Private mode: the party whose rows define the result's slots (default 0). */
  layoutParty?: PartyId;
  /**
   * @internal The set-operation functions (default: @petace/setops'). Tests pass a stand-in with the
   * same shapes; never pass an implementation you have not reviewed: it sees the keys.
   */
  setops?: SetOps;
}

const OPTIONS = {
  on: "string",
  mode: { test: (v: unknown) => v === "private" || v === "reveal", expected: '"private" or "reveal"' },
  layoutParty: { test: (v: unknown) => v === 0 || v === 1, expected: "0 or 1" },
  setops: {
    test: (v: unknown) =>
      typeof v === "object" &&
      v !== null &&
      ["hashKeys", "privateJoin", "psiReveal"].every((f) => typeof (v as Record<string, unknown>)[f] === "function"),
    expected: "{ hashKeys, privateJoin, psiReveal } functions",
  },
} as const;

/** The public description each party sends the other before the set operation. */
interface Header {
  v: 1;
  on: string;
  mode: JoinMode;
  layoutParty: PartyId;
  rows: number;
  columns: ColumnInfo[];
}

/** Largest header accepted from the peer (column names are short; this only bounds a malformed one). */
const MAX_HEADER_BYTES = 1 << 20;

export const join = routine(
  "join",
  ["a", "b"],
  OPTIONS,
  async function join(a: unknown, b: unknown, options: JoinOptions = {}): Promise<JoinResult> {
    const vm = currentVM("join");
    const party = vm.party;
    const peer: PartyId = party === 0 ? 1 : 0;
    const fail = (e: unknown, reason: string) => vm.abort(e, `join: party ${party} ${reason} (see its error)`);
    const on = options.on;
    if (typeof on !== "string" || on === "")
      throw fail(
        new TypeError('join: name the key column both tables share, e.g. join(a, b, { on: "customer_id" })'),
        "was called without { on }",
      );
    const mode = options.mode ?? "private";
    const layoutParty = options.layoutParty ?? 0;
    const impl = options.setops ?? defaultSetOps;
    const mine = party === 0 ? a : b;
    const theirs = party === 0 ? b : a;
    const given = (t: unknown) => t !== null && t !== undefined;
    const usage = "party 0 calls join(tableA, null, options), party 1 join(null, tableB, options)";
    if (given(theirs))
      throw fail(
        new TypeError(
          given(mine)
            ? `join: party ${party} passed both tables; each party passes only its own table and null for the other's (${usage})`
            : `join: party ${party} passed a table as argument ${peer + 1}, which is party ${peer}'s; pass yours as argument ${party + 1} (${usage})`,
        ),
        "passed a table in the other party's place",
      );
    if (!given(mine))
      throw fail(new TypeError(`join: party ${party} must pass its table as argument ${party + 1} (${usage})`), "passed no table");

    let own: OwnTable;
    let hashed: HashedKeys;
    try {
      own = ownTable(mine, on, party, vm.fracBits);
      hashed = impl.hashKeys(own.keys, { table: own.name });
    } catch (e) {
      throw fail(e, "had its table rejected");
    }
    const header: Header = { v: 1, on, mode, layoutParty, rows: own.rows, columns: [...own.info] };

    const step = await vm.interactive("join", async (ctx) => {
      const tag = ctx.op("join")("header");
      ctx.channel.send(tag, new TextEncoder().encode(JSON.stringify(header)));
      const other = parseHeader(await ctx.channel.recv(tag), peer);
      agree(header, other, peer);
      const names = [party === 0 ? header : other, party === 0 ? other : header].flatMap((h) => h.columns.map((c) => c.name));
      const dup = names.find((n, i) => names.indexOf(n) !== i);
      if (dup !== undefined)
        throw new RangeError(
          `join: both tables have a column ${printable(JSON.stringify(dup), 100)}; rename it in one of them (the result names each column once)`,
        );
      if (mode === "private") {
        const r = await impl.privateJoin(ctx, { keys: hashed, columns: own.columns }, { layoutParty });
        return { other, r, rows: null };
      }
      const { rows } = await impl.psiReveal(ctx, hashed, { revealTo: "both" });
      return { other, r: null, rows };
    });

    const tableRows: [number, number] = party === 0 ? [own.rows, step.other.rows] : [step.other.rows, own.rows];
    const infos: [readonly ColumnInfo[], readonly ColumnInfo[]] =
      party === 0 ? [own.info, step.other.columns] : [step.other.columns, own.info];
    if (step.r !== null) {
      const r = step.r;
      const slots = r.slots;
      const layout = infos[layoutParty];
      const others = infos[layoutParty === 0 ? 1 : 0];
      const okLength = (x: unknown) => x instanceof BigUint64Array && x.length === slots;
      if (
        !Number.isSafeInteger(slots) ||
        slots < 0 ||
        !okLength(r.matched) ||
        r.layoutColumns.length !== layout.length ||
        r.otherColumns.length !== others.length ||
        ![...r.layoutColumns, ...r.otherColumns].every(okLength) ||
        (party === layoutParty) !== (r.rowSlots !== null)
      )
        throw fail(new Error("join: the private join returned shares that do not fit the tables (a bug in the set operations)"), "failed");
      const meta = `join:${slots}`;
      const share = (x: BigUint64Array, dtype: "float64" | "int64") =>
        new SecureArray(vm, vm.fromShare(x, slots, { label: "join", meta }), [slots], dtype);
      // The low bit of an additive share of 0/1 is an XOR share of it (no carry reaches bit 0).
      const bits = new Uint32Array(wordCount(slots));
      for (let i = 0; i < slots; i++) if (r.matched[i]! & 1n) bits[i >>> 5] = bits[i >>> 5]! | (1 << (i & 31));
      return new JoinResult({
        mode,
        slots,
        matched: new SecureArray(vm, vm.fromShare(bits, slots, { label: "join", meta }), [slots], "bool"),
        matchedInt: share(r.matched, "int64"),
        columns: [
          ...layout.map((c, j) => ({ name: c.name, array: share(r.layoutColumns[j]!, c.dtype), zeroWhereUnmatched: false })),
          ...others.map((c, j) => ({ name: c.name, array: share(r.otherColumns[j]!, c.dtype), zeroWhereUnmatched: true })),
        ],
        rows: null,
        rowSlots: r.rowSlots,
        tableRows,
      });
    }

    // Reveal mode: both parties know the matched rows in one shared order; each shares its columns' values there.
    const rows = step.rows;
    if (!(rows instanceof Int32Array) || !rows.every((i) => i >= 0 && i < own.rows))
      throw fail(new Error("join: the PSI returned row indices that do not fit the table (a bug in the set operations)"), "failed");
    const m = rows.length;
    const columns: { name: string; array: SecureArray; zeroWhereUnmatched: boolean }[] = [];
    for (const owner of [0, 1] as const) {
      for (let j = 0; j < infos[owner].length; j++) {
        const c = infos[owner][j]!;
        let payload = null;
        if (owner === party) {
          const src = own.columns[j]!;
          const data = new BigUint64Array(m);
          for (let i = 0; i < m; i++) data[i] = src[rows[i]!]!;
          payload = { data, header: String(m) };
        }
        const describe = (h: string) => {
          if (Number(h) !== m)
            throw new RangeError(
              `join: party ${owner}'s share of the intersection has ${Number(h)} rows, party ${party}'s has ${m} (a bug in the set operations)`,
            );
          return { n: m, kind: "arith" as const };
        };
        const node = await vm.input(owner, payload, describe, { label: "join" });
        columns.push({ name: c.name, array: new SecureArray(vm, node, [m], c.dtype), zeroWhereUnmatched: true });
      }
    }
    const meta = `join:${m}`;
    const ones = vm.constant(new BigUint64Array(m).fill(1n), m, { label: "join", meta });
    const trues = new Uint32Array(wordCount(m));
    for (let i = 0; i < m; i++) trues[i >>> 5] = trues[i >>> 5]! | (1 << (i & 31));
    return new JoinResult({
      mode,
      slots: m,
      matched: new SecureArray(vm, vm.constant(trues, m, { label: "join", meta }), [m], "bool"),
      matchedInt: new SecureArray(vm, ones, [m], "int64"),
      columns,
      rows,
      rowSlots: null,
      tableRows,
    });
  },
);

/** Parses and checks the peer's header; its text is the peer's, so errors quote none of it. */
function parseHeader(bytes: Uint8Array, peer: PartyId): Header {
  const bad = (what: string) => new RangeError(`join: party ${peer}'s table description is malformed (${what})`);
  if (bytes.byteLength > MAX_HEADER_BYTES) throw bad(`${bytes.byteLength} bytes`);
  let h: unknown;
  try {
    h = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw bad("not JSON");
  }
  const o = h as Partial<Header>;
  if (typeof o !== "object" || o === null || o.v !== 1) throw bad("unknown version");
  if (typeof o.on !== "string" || (o.mode !== "private" && o.mode !== "reveal") || (o.layoutParty !== 0 && o.layoutParty !== 1))
    throw bad("options");
  if (!Number.isSafeInteger(o.rows) || o.rows! < 0) throw bad("row count");
  if (
    !Array.isArray(o.columns) ||
    !o.columns.every((c: unknown) => {
      const x = c as Partial<ColumnInfo>;
      return typeof x === "object" && x !== null && typeof x.name === "string" && (x.dtype === "float64" || x.dtype === "int64");
    })
  )
    throw bad("columns");
  return o as Header;
}

/** Both parties must have called join with the same options; each side reports the difference. */
function agree(mine: Header, other: Header, peer: PartyId): void {
  const diff = (["on", "mode", "layoutParty"] as const).find((k) => mine[k] !== other[k]);
  if (diff === undefined) return;
  // Option values are public (both parties pass them); the peer's is escaped before printing.
  const show = (v: unknown) => printable(JSON.stringify(v), 100);
  throw new RangeError(
    `join: the parties disagree on option ${diff}: ${show(mine[diff])} here, ${show(other[diff])} at party ${peer}; both must pass the same options`,
  );
}
