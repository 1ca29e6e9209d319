/**
 * The matrix-triple kernels on their own (correlations' matrix tests run them end to end): one
 * entry's sender and receiver shares sum to x_r·y for every row r, on random hash streams laid out
 * as correlations' matrix-expand.ts lays them out.
 */
import { describe, expect, it } from "vitest";
import { SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { newInstance } from "../src/portable/instance.js";
import { MAX_MATRIX_BYTES, matrixKernels } from "../src/portable/matrix.js";

const M64 = (1n << 64n) - 1n;
const keyBytes = (k: number): number => 8 - (k >>> 3);
const keyBlocks = (k: number, m: number): number => Math.ceil((m * keyBytes(k)) / 16);

describe("matrixKernels", () => {
  it("the module has no static data: a fresh instance's memory is empty, all of it the caller's", () => {
    const e = newInstance().exports as { memory: { buffer: ArrayBuffer } };
    expect(e.memory.buffer.byteLength).toBe(0);
  });

  it("sendEntry and recvEntry: the shares of one entry sum to x_r·y for every row r", () => {
    const rng = new SeededRandom(testSeed());
    for (const m of [1, 2, 3, 5, 16, 33]) {
      const offs: number[] = [];
      let set = 0;
      for (let k = 0; k < 64; k++) {
        offs.push(set);
        set += 16 * keyBlocks(k, m);
      }
      const [K0, K1, KY] = [512, 512 + set, 512 + 2 * set];
      const x = KY + set + 16; // 16 bytes of slack: an 8-byte load of the last 1-byte element
      const c = x + 8 * m;
      const accS = (c + 260 * m + 7) & ~7;
      const accR = accS + 8 * m;
      const w = matrixKernels(accR + 8 * m);
      const u8 = new Uint8Array(w.m.buffer);
      new Int32Array(w.m.buffer, 0, 64).set(offs);
      u8.set(rng.bytes(2 * set + 16), K0);
      const y = rng.ring(1)[0]!;
      // The receiver's key k is K0's or K1's, as bit k of y chooses.
      for (let k = 0; k < 64; k++) {
        const from = (y >> BigInt(k)) & 1n ? K1 : K0;
        u8.copyWithin(KY + offs[k]!, from + offs[k]!, from + offs[k]! + 16 * keyBlocks(k, m));
      }
      const xs = rng.ring(m);
      new BigUint64Array(w.m.buffer, x, m).set(xs);
      const yw = new Uint32Array(BigUint64Array.of(y).buffer);
      w.sendEntry(K0, set, x, c, accS, 8 * m, 0);
      w.recvEntry(KY, c, accR, 8 * m, 0, yw[0]!, yw[1]!);
      const s = new BigUint64Array(w.m.buffer, accS, m);
      const r = new BigUint64Array(w.m.buffer, accR, m);
      for (let i = 0; i < m; i++) expect((s[i]! + r[i]!) & M64, `m = ${m}, row ${i}`).toBe((xs[i]! * y) & M64);
    }
  });

  it("sizes memory as asked and rejects more than 4 GiB", () => {
    expect(matrixKernels(100_000).m.buffer.byteLength).toBeGreaterThanOrEqual(100_000);
    expect(() => matrixKernels(MAX_MATRIX_BYTES + 1)).toThrow(/^matrixKernels: bytes must be an integer from 0 to 4294967296/);
    expect(() => matrixKernels(-1)).toThrow(RangeError);
  });
});
