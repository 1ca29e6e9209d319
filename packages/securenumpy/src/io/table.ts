/**
 * CSV → a keyed table for `join`: named columns, the key columns kept as strings (an identifier such
 * as "007" or an e-mail hash is never parsed as a number or encoded as fixed point), the other
 * columns parsed as numbers. The header row is required (columns are named by it). Errors name the
 * file, the row (1-based, as an editor shows it) and the column, never a field's value.
 */
import { readFile } from "node:fs/promises";
import { routine } from "../core/options.js";
import type { Table } from "../join/table.js";
import { fieldProblem, forEachRow, parseField } from "./csv.js";

export interface TableOptions {
  /** Columns kept as strings: the keys (e.g. `["customer_id"]`). Each must be in the header. */
  keys?: readonly string[];
  /** Field separator (default ","). */
  delimiter?: string;
}

export interface ParseTableOptions extends TableOptions {
  /** What errors and the table call the text (loadTable passes the path). */
  name?: string;
}

/** A table as `join` takes it, with string keys and float64 values. */
export interface LoadedTable extends Table {
  readonly name: string;
  readonly columns: Readonly<Record<string, string[] | Float64Array>>;
}

const OPTIONS = {
  keys: { test: (v: unknown) => Array.isArray(v) && v.every((k) => typeof k === "string"), expected: "an array of column names" },
  delimiter: "string",
} as const;

export const loadTable = routine(
  "loadTable",
  ["path"],
  OPTIONS,
  async function loadTable(path: string, options: TableOptions = {}): Promise<LoadedTable> {
    if (typeof path !== "string" || path === "") throw new TypeError("loadTable: path must be a non-empty string");
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (e) {
      throw new Error(`loadTable: cannot read ${path}: ${(e as Error).message}`, { cause: e });
    }
    return parseTableText(text, options, path);
  },
);

export const parseTable = routine(
  "parseTable",
  ["text"],
  { ...OPTIONS, name: "string" },
  function parseTable(text: string, options: ParseTableOptions = {}): LoadedTable {
    if (typeof text !== "string") throw new TypeError("parseTable: text must be a string (the CSV's contents)");
    return parseTableText(text, options, options.name ?? "<text>");
  },
);

function parseTableText(text: string, options: TableOptions, name: string): LoadedTable {
  const where = `loadTable: ${name}`;
  const delim = options.delimiter ?? ",";
  if (delim.length !== 1 || delim === '"')
    throw new RangeError(`loadTable: delimiter must be one character other than '"', got ${JSON.stringify(delim)}`);
  const keys = options.keys ?? [];
  let names: string[] | null = null;
  let isKey: boolean[] = [];
  let strings: string[][] = [];
  let values: Float64Array[] = [];
  let rows = 0;
  forEachRow(text, delim, where, (fields, line) => {
    if (names === null) {
      names = fields.map((f) => f.trim());
      const seen = names.findIndex((n, i) => names!.indexOf(n) !== i);
      if (seen >= 0) throw new RangeError(`${where}: the header names column ${JSON.stringify(names[seen])} twice`);
      for (const k of keys)
        if (!names.includes(k))
          throw new RangeError(
            `${where}: no key column ${JSON.stringify(k)} (columns: ${names.map((n) => JSON.stringify(n)).join(", ")}); the first row must name the columns`,
          );
      isKey = names.map((n) => keys.includes(n));
      strings = names.map(() => []);
      values = names.map(() => new Float64Array(1024));
      return;
    }
    if (fields.length !== names.length) throw new RangeError(`${where}: row ${line} has ${fields.length} fields, expected ${names.length}`);
    for (let c = 0; c < fields.length; c++) {
      const f = fields[c]!;
      if (isKey[c]) {
        const k = f.trim();
        if (k === "") throw new RangeError(`${where}: row ${line}, key column ${JSON.stringify(names[c])}: empty key`);
        strings[c]!.push(k);
        continue;
      }
      const v = parseField(f, "float64");
      if (typeof v !== "number")
        throw new RangeError(
          `${where}: row ${line}, column ${JSON.stringify(names[c])}: ${fieldProblem(f, "float64")}` +
            ` (a key column, kept as strings, is listed in { keys })`,
        );
      if (rows >= values[c]!.length) {
        const grown = new Float64Array(2 * values[c]!.length);
        grown.set(values[c]!);
        values[c] = grown;
      }
      values[c]![rows] = v;
    }
    rows++;
  });
  if (names === null) throw new RangeError(`${where}: the file is empty; a table needs a header row naming its columns`);
  const columns: Record<string, string[] | Float64Array> = {};
  (names as string[]).forEach((n, c) => {
    Object.defineProperty(columns, n, { value: isKey[c] ? strings[c]! : values[c]!.slice(0, rows), enumerable: true });
  });
  return { name, columns };
}
