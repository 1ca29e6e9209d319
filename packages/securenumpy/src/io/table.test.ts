/** loadTable / parseTable: key columns kept as strings, values parsed, errors naming file, row and column. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadTable, parseTable } from "./table.js";

describe("loadTable", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it("keeps key columns as strings (leading zeros, e-mails, long digits) and parses the others", async () => {
    const dir = await mkdtemp(join(tmpdir(), "snp-table-"));
    dirs.push(dir);
    const path = join(dir, "a.csv");
    await writeFile(path, 'customer_id,email,spend\n007,"a@x.org",1.5\n12345678901234567890,b@y.org,-2\n');
    const t = await loadTable(path, { keys: ["customer_id", "email"] });
    expect(t.name).toBe(path);
    expect(Object.keys(t.columns)).toEqual(["customer_id", "email", "spend"]);
    expect(t.columns.customer_id).toEqual(["007", "12345678901234567890"]);
    expect(t.columns.email).toEqual(["a@x.org", "b@y.org"]);
    expect(Array.from(t.columns.spend as Float64Array)).toEqual([1.5, -2]);
  });

  it("grows past its first buffer and reads another delimiter", () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `k${i};${i / 4}`);
    const t = parseTable(`id;v\n${rows.join("\n")}\n`, { keys: ["id"], delimiter: ";" });
    expect((t.columns.id as string[]).length).toBe(3000);
    expect((t.columns.v as Float64Array)[2999]).toBe(2999 / 4);
  });

  it("errors: a missing key column, a non-numeric value, an empty key, a short row, a repeated name, no header, no file", async () => {
    expect(() => parseTable("id,v\n1,2\n", { keys: ["customer_id"], name: "b.csv" })).toThrow(
      'loadTable: b.csv: no key column "customer_id" (columns: "id", "v"); the first row must name the columns',
    );
    expect(() => parseTable("id,v\nabc,hidden-value\n", { keys: ["id"] })).toThrow(
      'loadTable: <text>: row 2, column "v": not a number (a key column, kept as strings, is listed in { keys })',
    );
    expect(() => parseTable("id,v\nabc,hidden-value\n", { keys: ["id"] })).not.toThrow(/hidden-value/);
    expect(() => parseTable("id,v\n ,1\n", { keys: ["id"] })).toThrow('loadTable: <text>: row 2, key column "id": empty key');
    expect(() => parseTable("id,v\na\n", { keys: ["id"] })).toThrow("loadTable: <text>: row 2 has 1 fields, expected 2");
    expect(() => parseTable("id,id\na,b\n")).toThrow('loadTable: <text>: the header names column "id" twice');
    expect(() => parseTable("")).toThrow("loadTable: <text>: the file is empty; a table needs a header row naming its columns");
    await expect(loadTable("/nonexistent/x.csv")).rejects.toThrow(/^loadTable: cannot read \/nonexistent\/x\.csv/);
    expect(() => parseTable("a\n1\n", { keys: "a" } as never)).toThrow(/^parseTable: option keys must be an array of column names/);
  });
});
