/**
 * NumPy `.npy` files (format versions 1-3) → PlainArray, so Python users hand over data as it is.
 * Reads float32 and float64, signed and unsigned integers (1-8 bytes) and bool, either byte
 * order, C order only. The header (a Python dict literal) is parsed, not pattern-matched. Errors
 * name the file.
 */
import { readFile } from "node:fs/promises";
import { encodeInt64 } from "@petace/primitives";
import { PlainArray } from "../core/plain.js";
import { routine } from "../core/options.js";

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

export interface NpyOptions {
  /** What errors call the bytes (loadNpy passes the path). */
  name?: string;
}

export const loadNpy = routine("loadNpy", ["path"], {}, async function loadNpy(path: string): Promise<PlainArray> {
  if (typeof path !== "string" || path === "") throw new TypeError("loadNpy: path must be a non-empty string");
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new Error(`loadNpy: cannot read ${path}: ${(e as Error).message}`, { cause: e });
  }
  return parseNpy(bytes, { name: path });
});

export const parseNpy = routine(
  "parseNpy",
  ["bytes"],
  { name: "string" },
  function parseNpy(bytes: Uint8Array, options: NpyOptions = {}): PlainArray {
    const name = options.name ?? "<bytes>";
    const fail = (msg: string): never => {
      throw new RangeError(`loadNpy: ${name}: ${msg}`);
    };
    if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) fail("not a .npy file (bad magic string)");
    const major = bytes[6]!;
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let headerLen: number;
    let start: number;
    if (major === 1) {
      headerLen = dv.getUint16(8, true);
      start = 10;
    } else if (major === 2 || major === 3) {
      if (bytes.length < 12) fail("truncated header");
      headerLen = dv.getUint32(8, true);
      start = 12;
    } else return fail(`unsupported format version ${major}.${bytes[7]}`);
    if (start + headerLen > bytes.length) fail("truncated header");
    const text = new TextDecoder(major === 3 ? "utf-8" : "latin1").decode(bytes.subarray(start, start + headerLen));
    let header: unknown;
    try {
      header = new PyLiteral(text).parse();
    } catch (e) {
      return fail(`malformed header: ${(e as Error).message}`);
    }
    if (typeof header !== "object" || header === null || Array.isArray(header)) return fail("the header is not a dict");
    const h = header as Record<string, unknown>;
    const descr = h.descr,
      fortran = h.fortran_order,
      shape = h.shape;
    if (typeof descr !== "string") return fail("the header has no string 'descr' (structured dtypes are not supported)");
    if (typeof fortran !== "boolean") return fail("the header has no boolean 'fortran_order'");
    if (fortran) fail("Fortran-order arrays are not supported: save with np.ascontiguousarray(a)");
    if (!Array.isArray(shape) || !shape.every((d) => typeof d === "number" && Number.isSafeInteger(d) && d >= 0))
      return fail("the header's 'shape' is not a tuple of non-negative integers");
    const dims = shape as number[];
    const n = dims.reduce((a, b) => a * b, 1);
    const m = /^([<>|=])([fiub])(\d+)$/.exec(descr);
    if (!m) return fail(`unsupported dtype '${descr}' (supported: float32/64, int8-64, uint8-64, bool)`);
    const [, order, kind, sizeText] = m;
    const size = Number(sizeText);
    const little = order !== ">";
    const ok =
      (kind === "f" && (size === 4 || size === 8)) ||
      ((kind === "i" || kind === "u") && [1, 2, 4, 8].includes(size)) ||
      (kind === "b" && size === 1);
    if (!ok) return fail(`unsupported dtype '${descr}' (supported: float32/64, int8-64, uint8-64, bool)`);
    const dataStart = start + headerLen;
    if (bytes.length - dataStart < n * size)
      fail(`data is truncated: shape (${dims.join(", ")}) needs ${n * size} bytes, the file has ${bytes.length - dataStart}`);
    const at = (i: number) => dataStart + i * size;
    if (kind === "b") {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = bytes[at(i)]! !== 0 ? 1 : 0;
      return new PlainArray(out, dims, "bool");
    }
    if (kind === "f") {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = size === 8 ? dv.getFloat64(at(i), little) : dv.getFloat32(at(i), little);
      return new PlainArray(out, dims, "float64");
    }
    if (size === 8 && kind === "i" && little) {
      const copy = bytes.slice(dataStart, dataStart + n * 8);
      return new PlainArray(new BigInt64Array(copy.buffer, 0, n), dims, "int64");
    }
    if (size === 8) {
      const out = new BigInt64Array(n);
      for (let i = 0; i < n; i++) {
        const v = kind === "i" ? dv.getBigInt64(at(i), little) : dv.getBigUint64(at(i), little);
        if (v > 0x7fffffffffffffffn) fail(`element ${i} does not fit int64`);
        out[i] = v;
      }
      return new PlainArray(out, dims, "int64");
    }
    const vals = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const o = at(i);
      vals[i] =
        size === 1
          ? kind === "i"
            ? dv.getInt8(o)
            : dv.getUint8(o)
          : size === 2
            ? kind === "i"
              ? dv.getInt16(o, little)
              : dv.getUint16(o, little)
            : kind === "i"
              ? dv.getInt32(o, little)
              : dv.getUint32(o, little);
    }
    const r = encodeInt64(vals);
    const out = new BigInt64Array(r.buffer, r.byteOffset, n);
    return new PlainArray(out, dims, "int64");
  },
);

/** A parser for the Python literals .npy headers use: dicts, tuples, lists, strings, ints, True/False/None. */
class PyLiteral {
  #i = 0;
  constructor(readonly s: string) {}

  parse(): unknown {
    const v = this.value();
    this.ws();
    if (this.#i !== this.s.length) throw new Error(`unexpected "${this.s.slice(this.#i, this.#i + 10)}"`);
    return v;
  }

  private ws(): void {
    while (this.#i < this.s.length && /\s/.test(this.s[this.#i]!)) this.#i++;
  }

  private value(): unknown {
    this.ws();
    const c = this.s[this.#i];
    if (c === "{") return this.seq("{", "}", true);
    if (c === "(") return this.seq("(", ")", false);
    if (c === "[") return this.seq("[", "]", false);
    if (c === "'" || c === '"') return this.str();
    const m = /^(True|False|None|-?\d+)/.exec(this.s.slice(this.#i));
    if (!m) throw new Error(`unexpected "${this.s.slice(this.#i, this.#i + 10)}"`);
    this.#i += m[0].length;
    return m[0] === "True" ? true : m[0] === "False" ? false : m[0] === "None" ? null : Number(m[0]);
  }

  private str(): string {
    const q = this.s[this.#i++]!;
    const end = this.s.indexOf(q, this.#i);
    if (end < 0) throw new Error("unterminated string");
    const v = this.s.slice(this.#i, end);
    this.#i = end + 1;
    return v;
  }

  private seq(open: string, close: string, dict: boolean): unknown {
    this.#i++; // open
    const items: unknown[] = [];
    const obj: Record<string, unknown> = {};
    for (;;) {
      this.ws();
      if (this.s[this.#i] === close) {
        this.#i++;
        return dict ? obj : items;
      }
      if (dict) {
        const k = this.value();
        if (typeof k !== "string") throw new Error("dict keys must be strings");
        this.ws();
        if (this.s[this.#i++] !== ":") throw new Error(`expected ":" after '${k}'`);
        obj[k] = this.value();
      } else items.push(this.value());
      this.ws();
      const c = this.s[this.#i];
      if (c === ",") this.#i++;
      else if (c !== close) throw new Error(`expected "," or "${close}"${open === "{" ? " in the dict" : ""}`);
    }
  }
}
