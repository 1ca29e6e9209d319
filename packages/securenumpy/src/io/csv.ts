/**
 * CSV → a 2-D PlainArray (rows × columns), for handing a party's table to `snp.array`. The header
 * row is optional (detected when any field of the first row is not a value, or forced with
 * `header`); columns can be picked by name or index. Fields may be quoted ("a, b", "" escapes a
 * quote). Errors name the file, the row (1-based, as an editor shows it) and the column.
 */
import { readFile } from "node:fs/promises";
import { parseDType, type DType } from "../core/dtype.js";
import { PlainArray } from "../core/plain.js";
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
    return parseCsvText(text, options, options.name ?? "<text>");
  },
);

/** The parser behind `parseCsv` and `loadCsv`. */
function parseCsvText(text: string, options: CsvOptions, name: string): PlainArray {
  const where = `loadCsv: ${name}`;
  const dtype = options.dtype === undefined ? "float64" : parseDType(options.dtype, "loadCsv");
  const delim = options.delimiter ?? ",";
  if (typeof delim !== "string" || delim.length !== 1 || delim === '"')
    throw new RangeError(`loadCsv: delimiter must be one character other than '"', got ${JSON.stringify(delim)}`);
  // Rows are visited one at a time and their values appended to one growing typed array: a big
  // table never exists as per-row objects or field strings.
  const header = options.header ?? "auto";
  const isValue = (f: string) => parseField(f, dtype === "bool" ? "bool" : "float64") !== undefined;
  let names: string[] | null = null;
  let firstLine = 1;
  let width = -1;
  let pick: number[] = [];
  let rows = 0;
  let values = new Float64Array(1024);
  let count = 0;
  const label = (c: number) => (names ? `column "${names[c]}"` : `column ${c + 1}`);
  const start = (fields: readonly string[], line: number) => {
    firstLine = line;
    const hasHeader = header === "auto" ? fields.some((f) => !isValue(f)) : header;
    if (hasHeader) names = fields.map((f) => f.trim());
    width = fields.length;
    pick = pickColumns(options.columns, width, names, firstLine, where);
    return hasHeader;
  };
  forEachRow(text, delim, where, (fields, line) => {
    if (width < 0 && start(fields, line)) return;
    if (fields.length !== width) throw new RangeError(`${where}: row ${line} has ${fields.length} fields, expected ${width}`);
    if (count + pick.length > values.length) {
      const grown = new Float64Array(Math.max(2 * values.length, count + pick.length));
      grown.set(values);
      values = grown;
    }
    for (const c of pick) {
      const v = parseField(fields[c]!, dtype);
      if (v === undefined) throw new RangeError(`${where}: row ${line}, ${label(c)}: ${fieldProblem(fields[c]!, dtype)}`);
      values[count++] = v === true ? 1 : v === false ? 0 : v;
    }
    rows++;
  });
  if (width < 0) pick = pickColumns(options.columns, 0, null, firstLine, where);
  const data = values.slice(0, count);
  if (dtype === "float64") return new PlainArray(data, [rows, pick.length], "float64");
  const typed = dtype === "bool" ? Array.from(data, (v) => v === 1) : data;
  return toPlain({ data: typed, shape: [rows, pick.length] }, "loadCsv", name, "data", dtype);
}

/** The 0-based indices of the columns to keep (all by default). */
function pickColumns(
  columns: readonly (string | number)[] | undefined,
  width: number,
  names: readonly string[] | null,
  firstLine: number,
  where: string,
): number[] {
  return (columns ?? [...Array(width).keys()]).map((c) => {
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
}

export function parseField(f: string, dtype: DType): number | boolean | undefined {
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

export function fieldProblem(f: string, dtype: DType): string {
  if (f.trim() === "") return "empty field";
  if (dtype === "bool") return "not a boolean (true/false/1/0)";
  if (dtype === "int64" && parseField(f, "float64") !== undefined) return "not an integer (dtype int64)";
  return "not a number";
}

/**
 * Calls `visit` with each row's fields and its 1-based line number; blank lines are skipped. Unquoted
 * fields are cut out of the text whole; quoted ones are built up (a "" inside stands for ").
 */
export function forEachRow(text: string, delim: string, where: string, visit: (fields: string[], line: number) => void): void {
  let fields: string[] = [];
  let line = 1;
  let rowLine = 1;
  let any = false;
  let i = 0;
  const endRow = (last: string) => {
    fields.push(last);
    if (any || fields.length > 1 || last.trim() !== "") visit(fields, rowLine);
    fields = [];
    any = false;
  };
  while (i <= text.length) {
    // One field: quoted, or up to the next delimiter or line end.
    let field: string;
    if (text[i] === '"') {
      any = true;
      field = "";
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new RangeError(`${where}: row ${rowLine} has an unterminated quoted field`);
        const part = text.slice(j, q);
        for (let k = part.indexOf("\n"); k >= 0; k = part.indexOf("\n", k + 1)) line++;
        field += part;
        if (text[q + 1] === '"') {
          field += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      // Text after the closing quote belongs to the field, as before.
      let k = j;
      while (k < text.length && text[k] !== delim && text[k] !== "\n" && text[k] !== "\r") k++;
      field += text.slice(j, k);
      i = k;
    } else {
      let k = i;
      while (k < text.length) {
        const c = text.charCodeAt(k);
        if (c === 10 || c === 13 || text[k] === delim) break;
        k++;
      }
      field = text.slice(i, k);
      i = k;
    }
    if (i >= text.length) {
      if (field !== "" || fields.length > 0 || any) endRow(field);
      return;
    }
    const c = text[i]!;
    if (c === delim) {
      fields.push(field);
      any = true;
      i++;
      if (i === text.length) {
        endRow("");
        return;
      }
    } else {
      // A line end: \n, \r or \r\n.
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      endRow(field);
      line++;
      rowLine = line;
      if (i === text.length) return;
    }
  }
}
