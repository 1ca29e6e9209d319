/** .npy and CSV loading: formats, header parsing, errors naming the file, row and column. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCsv, parseCsv } from "./io/csv.js";
import { loadNpy, parseNpy } from "./io/npy.js";
import { both } from "../test/util.js";

/** A .npy file as NumPy writes it (header padded with spaces to a multiple of 64, ending in \n). */
function npy(
  descr: string,
  shape: number[],
  body: Uint8Array,
  opts: { fortran?: boolean; version?: 1 | 2; header?: string } = {},
): Uint8Array {
  const version = opts.version ?? 1;
  const dict =
    opts.header ??
    `{'descr': '${descr}', 'fortran_order': ${opts.fortran ? "True" : "False"}, 'shape': (${shape.join(", ")}${shape.length === 1 ? "," : ""}), }`;
  const pre = version === 1 ? 10 : 12;
  const len = Math.ceil((pre + dict.length + 1) / 64) * 64 - pre;
  const header = `${dict.padEnd(len - 1, " ")}\n`;
  const out = new Uint8Array(pre + len + body.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const dv = new DataView(out.buffer);
  if (version === 1) dv.setUint16(8, len, true);
  else dv.setUint32(8, len, true);
  out.set(new TextEncoder().encode(header), pre);
  out.set(body, pre + len);
  return out;
}

const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "snp-io-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe(".npy", () => {
  it("float64, int64, bool, float32, small and big-endian integers, versions 1 and 2", () => {
    const f = parseNpy(npy("<f8", [2, 3], bytesOf(Float64Array.from([1, 2.5, -3, 4, 5, 6]))));
    expect(f.dtype).toBe("float64");
    expect(f.tolist()).toEqual([
      [1, 2.5, -3],
      [4, 5, 6],
    ]);
    const i = parseNpy(npy("<i8", [3], bytesOf(BigInt64Array.from([1n, -2n, 2n ** 40n]))));
    expect(i.dtype).toBe("int64");
    expect(Array.from(i.data as BigInt64Array)).toEqual([1n, -2n, 2n ** 40n]);
    expect(parseNpy(npy("|b1", [2, 2], Uint8Array.from([1, 0, 0, 1]))).tolist()).toEqual([
      [true, false],
      [false, true],
    ]);
    expect(parseNpy(npy("<f4", [2], bytesOf(Float32Array.from([0.5, -1.25])))).tolist()).toEqual([0.5, -1.25]);
    const be = new Uint8Array(8);
    new DataView(be.buffer).setInt32(0, -7, false);
    new DataView(be.buffer).setInt32(4, 9, false);
    expect(parseNpy(npy(">i4", [2], be)).tolist()).toEqual([-7, 9]);
    expect(parseNpy(npy("|u1", [3], Uint8Array.from([0, 200, 255]))).tolist()).toEqual([0, 200, 255]);
    expect(parseNpy(npy("<f8", [1], bytesOf(Float64Array.of(7)), { version: 2 })).tolist()).toEqual([7]);
    expect(parseNpy(npy("<f8", [], bytesOf(Float64Array.of(3)))).shape).toEqual([]);
    // Key order and spacing are free: the header is parsed as a Python literal.
    const odd = parseNpy(
      npy("", [], bytesOf(Float64Array.of(1, 2)), { header: "{ 'shape' :(2 ,) ,'fortran_order':False,\"descr\":'<f8'}" }),
    );
    expect(odd.tolist()).toEqual([1, 2]);
  });

  it("errors name the file and the problem", async () => {
    expect(() => parseNpy(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), { name: "x.npy" })).toThrow(
      /loadNpy: x.npy: not a .npy file \(bad magic string\)/,
    );
    expect(() => parseNpy(npy("<f8", [2, 2], new Uint8Array(32), { fortran: true }), { name: "f.npy" })).toThrow(
      /loadNpy: f.npy: Fortran-order arrays are not supported/,
    );
    expect(() => parseNpy(npy("<c16", [1], new Uint8Array(16)), { name: "c.npy" })).toThrow(/loadNpy: c.npy: unsupported dtype '<c16'/);
    expect(() => parseNpy(npy("<f8", [4], new Uint8Array(16)), { name: "t.npy" })).toThrow(
      /loadNpy: t.npy: data is truncated: shape \(4\) needs 32 bytes, the file has 16/,
    );
    expect(() => parseNpy(npy("", [1], new Uint8Array(8), { header: "{'descr': '<f8', 'shape': (1,)" }), { name: "h.npy" })).toThrow(
      /loadNpy: h.npy: malformed header/,
    );
    expect(() =>
      parseNpy(npy("", [1], new Uint8Array(8), { header: "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,)}" }), {
        name: "s.npy",
      }),
    ).toThrow(/structured dtypes are not supported/);
    await expect(loadNpy(join(dir, "missing.npy"))).rejects.toThrow(/loadNpy: cannot read .*missing.npy/);
  });

  it("a party loads its file and shares it", async () => {
    const path = join(dir, "a.npy");
    await writeFile(path, npy("<f8", [2, 2], bytesOf(Float64Array.from([1, 2, 3, 4]))));
    const [r] = await both(async (np, party) => {
      const x = await np.array(party === 0 ? await loadNpy(path) : null, 0);
      return { shape: x.shape, sum: (await x.matmul([1, 1]).reveal()).tolist() };
    });
    expect(r).toEqual({ shape: [2, 2], sum: [3, 7] });
  });
});

describe("CSV", () => {
  const table = 'id,frequency,amount,"note, with comma"\n1,3,6000.5,"a ""quoted"" note"\n2,1,9000,x\r\n\n3,5,-5.5e2,y\n';

  it("header detection, named and indexed columns, quoting, dtypes", () => {
    const all = parseCsv(table, { columns: ["frequency", "amount"] });
    expect(all.shape).toEqual([3, 2]);
    expect(all.tolist()).toEqual([
      [3, 6000.5],
      [1, 9000],
      [5, -550],
    ]);
    expect(parseCsv("1,2\n3,4\n").tolist()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(parseCsv("1,2\n3,4\n", { header: true }).tolist()).toEqual([[3, 4]]);
    expect(parseCsv(table, { columns: [1, 0], dtype: "int64" }).tolist()).toEqual([
      [3, 1],
      [1, 2],
      [5, 3],
    ]);
    expect(parseCsv("a;b\ntrue;0\nFALSE;1\n", { delimiter: ";", dtype: "bool" }).tolist()).toEqual([
      [true, false],
      [false, true],
    ]);
  });

  it("errors name the file, the row and the column", async () => {
    expect(() => parseCsv(table, { name: "t.csv" })).toThrow(/loadCsv: t.csv: row 2, column "note, with comma": not a number/);
    expect(() => parseCsv("a,b\n1,\n", { name: "e.csv" })).toThrow(/loadCsv: e.csv: row 2, column "b": empty field/);
    expect(() => parseCsv("a,b\n1,2,3\n", { name: "w.csv" })).toThrow(/loadCsv: w.csv: row 2 has 3 fields, expected 2/);
    expect(() => parseCsv(table, { columns: ["balance"], name: "t.csv" })).toThrow(
      /loadCsv: t.csv: no column "balance" \(columns: "id", "frequency", "amount", "note, with comma"\)/,
    );
    expect(() => parseCsv("1,2\n", { columns: ["x"], name: "n.csv" })).toThrow(/column "x" named, but the file has no header row/);
    expect(() => parseCsv("1,2.5\n", { dtype: "int64", name: "i.csv" })).toThrow(/i.csv: row 1, column 2: not an integer \(dtype int64\)/);
    expect(() => parseCsv('a,b\n1,"2\n', { name: "q.csv" })).toThrow(/row 2 has an unterminated quoted field/);
    await expect(loadCsv(join(dir, "none.csv"))).rejects.toThrow(/loadCsv: cannot read .*none.csv/);
  });

  it("a party loads its table and shares it", async () => {
    const path = join(dir, "t.csv");
    await writeFile(path, "balance,wealth\n6000000,300\n4000000,900\n");
    const [r] = await both(async (np, party) => {
      const d = await np.array(party === 1 ? await loadCsv(path, { columns: ["wealth"] }) : null, 1);
      return (await d.reveal()).tolist();
    });
    expect(r).toEqual([[300], [900]]);
  });
});
