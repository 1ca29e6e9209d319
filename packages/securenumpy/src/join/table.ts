/**
 * A keyed table as `join` takes it: named columns of one length, one of them the key column (kept
 * as keys: strings, numbers or bigints, never encoded as fixed point), the others numeric. This
 * file turns one party's table into what @petace/setops needs (the keys in row order, each value
 * column as Z_2^64 ring elements) and the public description the other party gets (row count,
 * column names and dtypes; never a key or a value).
 */
import type { PartyId } from "@petace/duet";
import type { Key } from "@petace/setops";
import { encodePlain } from "../core/encode.js";
import { PlainArray } from "../core/plain.js";
import { isPlainObject } from "../core/options.js";

/** One column: keys (strings, numbers, bigints) or values (numbers → float64, bigints → int64). */
export type TableColumn = readonly (string | number | bigint)[] | Float64Array | BigInt64Array | Int32Array | PlainArray;

/** A table: column name → values, every column with one value per row (`loadTable` makes one). */
export interface Table {
  readonly columns: Readonly<Record<string, TableColumn>>;
  /** What errors call the table (`loadTable` puts the file's path here). */
  readonly name?: string;
}

/** The public description of a value column. */
export interface ColumnInfo {
  readonly name: string;
  readonly dtype: "float64" | "int64";
}

/** One party's table, ready for setops: keys in row order, value columns encoded. */
export interface OwnTable {
  readonly name: string;
  readonly rows: number;
  readonly keys: readonly Key[];
  readonly info: readonly ColumnInfo[];
  readonly columns: readonly BigUint64Array[];
}

/** Checks party `party`'s table and encodes its value columns (fixed point with `fracBits` for float64). */
export function ownTable(table: unknown, on: string, party: PartyId, fracBits: number): OwnTable {
  const who = `party ${party}'s table`;
  if (table instanceof PlainArray)
    throw new TypeError(
      `join: ${who} is a PlainArray, which has no column names; pass { columns: { name: values, ... } }, e.g. from snp.loadTable(path, { keys: ["${on}"] })`,
    );
  if (typeof table !== "object" || table === null || !isPlainObject((table as Table).columns))
    throw new TypeError(`join: ${who} must be { columns: { name: values, ... } } (snp.loadTable gives one), got ${describe(table)}`);
  const t = table as Table;
  const name = typeof t.name === "string" && t.name !== "" ? `${who} (${t.name})` : who;
  const names = Object.keys(t.columns);
  const list = names.map((n) => JSON.stringify(n)).join(", ");
  if (!Object.hasOwn(t.columns, on))
    throw new RangeError(
      `join: ${name} has no key column ${JSON.stringify(on)} (its columns: ${list || "none"}); pass the key column's name as { on }`,
    );
  const keyColumn = t.columns[on]!;
  const rows = lengthOf(keyColumn, name, on);
  const keys = keysOf(keyColumn, name, on, rows);
  const info: ColumnInfo[] = [];
  const columns: BigUint64Array[] = [];
  for (const col of names) {
    if (col === on) continue;
    const values = t.columns[col]!;
    const n = lengthOf(values, name, col);
    if (n !== rows)
      throw new RangeError(
        `join: ${name}: column ${JSON.stringify(col)} has ${n} values, the key column ${JSON.stringify(on)} has ${rows}`,
      );
    const p = valuesOf(values, name, col);
    info.push({ name: col, dtype: p.dtype as "float64" | "int64" });
    columns.push(encodePlain(p, p.dtype, fracBits, "join", `${name}, column ${JSON.stringify(col)}, row `) as BigUint64Array);
  }
  return { name, rows, keys, info, columns };
}

function lengthOf(c: unknown, name: string, col: string): number {
  if (c instanceof PlainArray) {
    if (c.ndim !== 1) throw new RangeError(`join: ${name}: column ${JSON.stringify(col)} is a ${c.ndim}-D PlainArray; a column is 1-D`);
    return c.size;
  }
  if (Array.isArray(c) || c instanceof Float64Array || c instanceof BigInt64Array || c instanceof Int32Array) return c.length;
  throw new TypeError(
    `join: ${name}: column ${JSON.stringify(col)} must be an array (or Float64Array, BigInt64Array, Int32Array, 1-D PlainArray), got ${describe(c)}`,
  );
}

function keysOf(c: TableColumn, name: string, on: string, rows: number): readonly Key[] {
  if (c instanceof PlainArray) {
    if (c.dtype === "bool")
      throw new TypeError(`join: ${name}: the key column ${JSON.stringify(on)} is bool; keys are strings, numbers or bigints`);
    return c.dtype === "int64" ? Array.from(c.data as BigInt64Array) : Array.from(c.data as Float64Array);
  }
  if (!Array.isArray(c)) return Array.from(c as ArrayLike<number | bigint>);
  for (let i = 0; i < rows; i++) {
    const k = c[i];
    if (typeof k !== "string" && typeof k !== "number" && typeof k !== "bigint")
      throw new TypeError(
        `join: ${name}: the key column ${JSON.stringify(on)} at row ${i} holds ${describe(k)}; keys are strings, numbers or bigints`,
      );
  }
  return c as readonly Key[];
}

/** A value column as a 1-D PlainArray: numbers → float64, bigints → int64; anything else is refused by row. */
function valuesOf(c: TableColumn, name: string, col: string): PlainArray {
  if (c instanceof PlainArray) {
    if (c.dtype === "bool")
      throw new TypeError(`join: ${name}: column ${JSON.stringify(col)} is bool; value columns are numeric (convert it to 0/1 numbers)`);
    return c;
  }
  if (c instanceof Float64Array) return new PlainArray(c, [c.length], "float64");
  if (c instanceof BigInt64Array) return new PlainArray(c, [c.length], "int64");
  if (c instanceof Int32Array)
    return new PlainArray(
      BigInt64Array.from(c, (v) => BigInt(v)),
      [c.length],
      "int64",
    );
  const a = c as readonly unknown[];
  const bigints = a.length > 0 && typeof a[0] === "bigint";
  for (let i = 0; i < a.length; i++) {
    if (typeof a[i] !== (bigints ? "bigint" : "number"))
      throw new TypeError(
        `join: ${name}: column ${JSON.stringify(col)} at row ${i} holds ${describe(a[i])}, expected ${bigints ? "a bigint (the column's first value is one)" : "a number"}; ` +
          `value columns are numeric (a key column is named by { on }; snp.loadTable keeps the columns listed in { keys } as strings)`,
      );
  }
  return bigints
    ? new PlainArray(BigInt64Array.from(a as bigint[]), [a.length], "int64")
    : new PlainArray(Float64Array.from(a as number[]), [a.length], "float64");
}

/** What was passed, without its value (a party's data stays out of messages). */
function describe(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return `a ${(v as { constructor?: { name?: string } }).constructor?.name ?? "object"}`;
  return `a ${typeof v}`;
}
