/**
 * CSV → a 2-D PlainArray (rows × columns), for handing a party's table to `snp.array`. The header
 * row is optional (detected when any field of the first row is not a value, or forced with
 * `header`); columns can be picked by name or index. Fields may be quoted ("a, b", "" escapes a
 * quote). Errors name the file, the row (1-based, as an editor shows it) and the column.
 */
import { readFile } from "node:fs/promises";
import { parseDType, type DType } from "../core/dtype.js";
import type { PlainArray } from "../core/plain.js";
import { toPlain } from "../core/to-plain.js";
import { routine } from "../core/options.js";

export interface CsvOptions {
  /** true: the first row names the columns; false: it is data; "auto" (default): detect. */
  header?: boolean | "auto";
  /** Columns to keep, by header name or 0-based index, in this order (default: all). */
  columns?: readonly (string | number)[];
  /** float64 (default), int64 or bool ("true"/"false"/"1"/"0"). */
  dtype?: DType | string;
  /** Field separator (default ","). */
  delimiter?: string;
}

export interface ParseCsvOptions extends CsvOptions {
  /** What errors call the text (loadCsv passes the path). */
  name?: string;
}

/** The declaration of `CsvOptions` for `routine` (core/options.ts). */
const CSV = {
  header: { test: (v: unknown) => typeof v === "boolean" || v === "auto", expected: 'true, false or "auto"' },
  columns: {
    test: (v: unknown) => Array.isArray(v) && v.every((c) => typeof c === "string" || Number.isInteger(c)),
    expected: "an array of column names or indices",
  },
  dtype: "dtype",
  delimiter: "string",
} as const;

export const loadCsv = routine(
  "loadCsv",
  ["path"],
  CSV,
  async function loadCsv(path: string, options: CsvOptions = {}): Promise<PlainArray> {
    if (typeof path !== "string" || path === "") throw new TypeError("loadCsv: path must be a non-empty string");
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (e) {
      throw new Error(`loadCsv: cannot read ${path}: ${(e as Error).message}`, { cause: e });
    }
    return parseCsv(text, { ...options, name: path });
  },
);

export const parseCsv = routine(
  "parseCsv",
  ["text"],
  { ...CSV, name: "string" },
  function parseCsv(text: string, options: ParseCsvOptions = {}): PlainArray {
    const name = options.name ?? "<text>";
    const where = `loadCsv: ${name}`;
    const dtype = options.dtype === undefined ? "float64" : parseDType(options.dtype, "loadCsv");
    const delim = options.delimiter ?? ",";
    if (typeof delim !== "string" || delim.length !== 1 || delim === '"')
      throw new RangeError(`loadCsv: delimiter must be one character other than '"', got ${JSON.stringify(delim)}`);
    const rows = splitRows(text, delim, where);
    const firstLine = rows[0]?.line ?? 1;
    // A header row has a field that is not a value of any numeric kind (or not a boolean, for bool).
    const isValue = (f: string) => parseField(f, dtype === "bool" ? "bool" : "float64") !== undefined;
    const header = options.header ?? "auto";
    const hasHeader = header === "auto" ? rows.length > 0 && rows[0]!.fields.some((f) => !isValue(f)) : header;
    const names = hasHeader ? rows[0]!.fields.map((f) => f.trim()) : null;
    const body = hasHeader ? rows.slice(1) : rows;
    const width = names?.length ?? body[0]?.fields.length ?? 0;
    const label = (c: number) => (names ? `column "${names[c]}"` : `column ${c + 1}`);
    const pick = (options.columns ?? [...Array(width).keys()]).map((c) => {
      if (typeof c === "number") {
        if (!Number.isInteger(c) || c < 0 || c >= width)
          throw new RangeError(`${where}: column index ${c} is out of range (the table has ${width} columns)`);
        return c;
      }
      if (!names) throw new RangeError(`${where}: column "${c}" named, but the file has no header row (line ${firstLine} is data)`);
      const i = names.indexOf(c);
      if (i < 0) throw new RangeError(`${where}: no column "${c}" (columns: ${names.map((n) => `"${n}"`).join(", ")})`);
      return i;
    });
    const values: (number | boolean)[] = [];
    for (const { line, fields } of body) {
      if (fields.length !== width) throw new RangeError(`${where}: row ${line} has ${fields.length} fields, expected ${width}`);
      for (const c of pick) {
        const v = parseField(fields[c]!, dtype);
        if (v === undefined) throw new RangeError(`${where}: row ${line}, ${label(c)}: ${fieldProblem(fields[c]!, dtype)}`);
        values.push(v);
      }
    }
    return toPlain({ data: values, shape: [body.length, pick.length] }, "loadCsv", name, "data", dtype);
  },
);

function parseField(f: string, dtype: DType): number | boolean | undefined {
  const t = f.trim();
  if (dtype === "bool") {
    const l = t.toLowerCase();
    return l === "true" || l === "1" ? true : l === "false" || l === "0" ? false : undefined;
  }
  if (t === "" || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(inf|nan)$/i.test(t)) return undefined;
  const v = Number(t.replace(/^([+-]?)inf$/i, "$1Infinity"));
  if (dtype === "int64" && !Number.isSafeInteger(v)) return undefined;
  return v;
}

function fieldProblem(f: string, dtype: DType): string {
  if (f.trim() === "") return "empty field";
  if (dtype === "bool") return "not a boolean (true/false/1/0)";
  if (dtype === "int64" && parseField(f, "float64") !== undefined) return "not an integer (dtype int64)";
  return "not a number";
}

/** Rows with their 1-based line numbers; blank lines are skipped. */
function splitRows(text: string, delim: string, where: string): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let any = false;
  const endRow = () => {
    fields.push(field);
    if (any || fields.length > 1 || field.trim() !== "") rows.push({ line: rowLine, fields });
    fields = [];
    field = "";
    any = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
      any = true;
    } else if (c === delim) {
      fields.push(field);
      field = "";
      any = true;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRow();
      line++;
      rowLine = line;
    } else field += c;
  }
  if (quoted) throw new RangeError(`${where}: row ${rowLine} has an unterminated quoted field`);
  if (field !== "" || fields.length > 0 || any) endRow();
  return rows;
}
