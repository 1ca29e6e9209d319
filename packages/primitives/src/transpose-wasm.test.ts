import { testSeed } from "@petace/testkit";
import { describe, expect, it } from "vitest";
import { matrix128, transposeBits, transposeMatrix128 } from "./bits.js";
import { transpose128Wasm, wasmTransposeAvailable } from "./transpose-wasm.js";
import { SeededRandom } from "./seeded.js";

/** Random test bytes, from a seed the test reports if it fails. */
const testBytes = (n: number): Uint8Array => new SeededRandom(testSeed()).bytes(n);

/** Per-bit reference for 128 rows. */
function naive128(src: Uint8Array, cols: number): Uint8Array {
  const out = new Uint8Array(src.length);
  for (let r = 0; r < 128; r++) {
    for (let c = 0; c < cols; c++) {
      const bit = (src[(r * cols + c) >> 3]! >> (c & 7)) & 1;
      out[(c * 128 + r) >> 3]! |= bit << (r & 7);
    }
  }
  return out;
}

describe("transpose128Wasm", () => {
  it("is available in Node", () => {
    expect(wasmTransposeAvailable()).toBe(true);
  });

  it.each([128, 256, 1024, 8192, 128 * 1000])("128×%i matches the per-bit reference and the JS word path", (cols) => {
    const src = testBytes(cols * 16);
    const w = new Uint8Array(cols * 16);
    expect(transpose128Wasm(src, cols, w)).toBe(true);
    expect(Buffer.compare(w, naive128(src, cols))).toBe(0);
    // 128 × (cols + 32) takes the JS path (cols + 32 is not a multiple of 128): same leading columns
    const wide = new Uint8Array((cols + 32) * 16);
    for (let r = 0; r < 128; r++) wide.set(src.subarray(r * (cols >>> 3), (r + 1) * (cols >>> 3)), r * ((cols + 32) >>> 3));
    expect(Buffer.compare(transposeBits(wide, 128, cols + 32).subarray(0, cols * 16), w)).toBe(0);
  });

  it("stays correct after its memory grows, and for misaligned views", () => {
    const big = testBytes(16 * 65536);
    const out = new Uint8Array(big.length);
    transpose128Wasm(big, 65536, out);
    expect(Buffer.compare(out, naive128(big, 65536))).toBe(0);
    const src = testBytes(16 * 256 + 1).subarray(1);
    const o = new Uint8Array(16 * 256 + 3).subarray(3);
    expect(transposeBits(src, 128, 256, o)).toBe(o);
    expect(Buffer.compare(o, naive128(src, 256))).toBe(0);
  });

  it("matrix128 + transposeMatrix128 (filled in place) match the reference", () => {
    const cols = 1024;
    const src = testBytes(cols * 16);
    matrix128(cols).set(src);
    const out = new Uint8Array(cols * 16);
    transposeMatrix128(cols, out);
    expect(Buffer.compare(out, naive128(src, cols))).toBe(0);
  });
});
