import { testSeed } from "@petace/testkit";
import { describe, expect, it } from "vitest";
import { getBit, packBits, setBit, transposeBits, unpackBits, xorBytes } from "./bits.js";
import { SeededRandom } from "./seeded.js";

/** Random test bytes, from a seed the test reports if it fails. */
const testBytes = (n: number): Uint8Array => new SeededRandom(testSeed()).bytes(n);

/** Per-bit reference transpose. */
function naiveTranspose(src: Uint8Array, rows: number, cols: number): Uint8Array {
  const out = new Uint8Array(src.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const bit = (src[(r * cols + c) >> 3]! >> (c & 7)) & 1;
      const j = c * rows + r;
      out[j >> 3]! |= bit << (j & 7);
    }
  }
  return out;
}

const eq = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0;

describe("transposeBits", () => {
  const shapes: [number, number][] = [
    [128, 8],
    [8, 8],
    [256, 64],
    [128, 1024],
    [1024, 128],
    [32, 32],
    [64, 96],
    [8, 128],
    [24, 40],
    [128, 1000],
    [136, 32],
  ];
  it.each(shapes)("%i×%i matches the per-bit reference and inverts", (rows, cols) => {
    const src = testBytes((rows * cols) / 8);
    const t = transposeBits(src, rows, cols);
    expect(eq(t, naiveTranspose(src, rows, cols))).toBe(true);
    expect(eq(transposeBits(t, cols, rows), src)).toBe(true);
  });

  it("places bit (r, c) at (c, r) for single bits (128×n, one 16-byte block per column)", () => {
    const rows = 128;
    const cols = 256;
    for (const [r, c] of [
      [0, 0],
      [127, 255],
      [5, 200],
      [64, 31],
      [31, 32],
    ] as const) {
      const src = new Uint8Array((rows * cols) / 8);
      setBit(src, r * cols + c, 1);
      const t = transposeBits(src, rows, cols);
      expect(getBit(t, c * rows + r)).toBe(1);
      expect(t.reduce((s, v) => s + v, 0)).toBe(1 << ((c * rows + r) & 7));
    }
  });

  it("works on misaligned views and into a given out", () => {
    const rows = 128;
    const cols = 64;
    const src = testBytes((rows * cols) / 8);
    const bufIn = new Uint8Array(src.length + 1);
    bufIn.set(src, 1);
    const bufOut = new Uint8Array(src.length + 3);
    const out = bufOut.subarray(3);
    expect(transposeBits(bufIn.subarray(1), rows, cols, out)).toBe(out);
    expect(eq(out, naiveTranspose(src, rows, cols))).toBe(true);
  });

  it("validates shapes and buffers", () => {
    expect(() => transposeBits(new Uint8Array(16), 128, 1)).toThrow(/^transposeBits.*multiples of 8/);
    expect(() => transposeBits(new Uint8Array(15), 8, 16)).toThrow(RangeError);
    expect(() => transposeBits(new Uint8Array(16), 8, 16, new Uint8Array(8))).toThrow(RangeError);
    const a = new Uint8Array(16);
    expect(() => transposeBits(a, 8, 16, a)).toThrow(/overlap/);
    expect(() => transposeBits([] as unknown as Uint8Array, 0, 0)).toThrow(TypeError);
    expect(transposeBits(new Uint8Array(0), 0, 128)).toHaveLength(0);
  });
});

describe("packBits / unpackBits", () => {
  it.each([0, 1, 7, 8, 9, 63, 64, 1000, 1003])("round-trips n = %i bits", (n) => {
    const bits = testBytes(n).map((v) => v & 1);
    const packed = packBits(bits);
    expect(packed).toHaveLength(Math.ceil(n / 8));
    for (let j = 0; j < n; j++) expect(getBit(packed, j)).toBe(bits[j]);
    if (n % 8) expect(packed[packed.length - 1]! >> (n % 8)).toBe(0); // unused bits are 0
    expect(eq(unpackBits(packed, n), bits)).toBe(true);
  });
  it("is LSB-first and uses the low bit of each input byte, aligned or not", () => {
    expect(Array.from(packBits(Uint8Array.of(1, 0, 0, 0, 0, 0, 0, 0, 0, 1)))).toEqual([1, 2]);
    const bits = Uint8Array.of(3, 2, 255, 0, 1, 1, 0, 1, 1);
    expect(Array.from(packBits(bits))).toEqual([0b10110101, 1]);
    const buf = new Uint8Array(bits.length + 1);
    buf.set(bits, 1);
    expect(Array.from(packBits(buf.subarray(1)))).toEqual([0b10110101, 1]);
    const o = new Uint8Array(10);
    expect(Array.from(unpackBits(Uint8Array.of(0b10110101, 1), 9, o.subarray(1)))).toEqual([1, 0, 1, 0, 1, 1, 0, 1, 1]);
  });
  it("validates", () => {
    expect(() => unpackBits(new Uint8Array(1), 9)).toThrow(/^unpackBits/);
    expect(() => unpackBits(new Uint8Array(1), -1)).toThrow(RangeError);
    expect(() => packBits(new Uint8Array(9), new Uint8Array(1))).toThrow(RangeError);
  });
});

describe("getBit / setBit", () => {
  it("set then get, and bounds", () => {
    const p = new Uint8Array(3);
    setBit(p, 10, 1);
    setBit(p, 23, 1);
    expect(Array.from(p)).toEqual([0, 4, 128]);
    expect(getBit(p, 10)).toBe(1);
    setBit(p, 10, 0);
    expect(getBit(p, 10)).toBe(0);
    expect(() => getBit(p, 24)).toThrow(RangeError);
    expect(() => setBit(p, 0, 2)).toThrow(/^setBit/);
  });
});

describe("xorBytes", () => {
  it.each([0, 5, 64, 100, 1027])("matches a byte loop for %i bytes at every alignment", (n) => {
    for (const [oa, ob, oo] of [
      [0, 0, 0],
      [4, 4, 4],
      [1, 0, 0],
      [0, 3, 2],
      [8, 16, 24],
    ] as const) {
      const a = testBytes(n + oa).subarray(oa);
      const b = testBytes(n + ob).subarray(ob);
      const out = new Uint8Array(n + oo).subarray(oo);
      xorBytes(a, b, out);
      for (let i = 0; i < n; i++) expect(out[i]).toBe(a[i]! ^ b[i]!);
    }
  });
  it("works in place and validates lengths", () => {
    const a = testBytes(128);
    const a0 = a.slice();
    xorBytes(a, a0, a);
    expect(a.every((v) => v === 0)).toBe(true);
    expect(() => xorBytes(new Uint8Array(3), new Uint8Array(4))).toThrow(/^xorBytes/);
  });
});
