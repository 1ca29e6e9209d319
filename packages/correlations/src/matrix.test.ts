import { describe, expect, it } from "vitest";
import { memoryPair } from "@petace/network";
import { OtSession } from "@petace/ot";
import { matrixTripleBytes, matrixTripleFromOt } from "./matrix.js";

const M64 = (1n << 64n) - 1n;

function check(t0: { a: BigUint64Array; b: BigUint64Array; c: BigUint64Array }, t1: typeof t0, m: number, k: number, n: number): void {
  const A = t0.a.map((v, i) => BigInt.asUintN(64, v + t1.a[i]!));
  const B = t0.b.map((v, i) => BigInt.asUintN(64, v + t1.b[i]!));
  for (let r = 0; r < m; r++)
    for (let c = 0; c < n; c++) {
      let want = 0n;
      for (let l = 0; l < k; l++) want += A[r * k + l]! * B[l * n + c]!;
      if (((t0.c[r * n + c]! + t1.c[r * n + c]!) & M64) !== (want & M64)) throw new Error(`C[${r}][${c}] is wrong for ${m}×${k}×${n}`);
    }
}

describe("matrix triples from Gilboa with vector messages", async () => {
  const [c0, c1] = memoryPair();
  const [s0, s1] = await Promise.all([OtSession.create(c0), OtSession.create(c1)]);

  it("C = A·B for assorted shapes (odd m, thin, square)", async () => {
    // m = 1..5 cover every fill of the last 64-bit (two per block) and 32-bit (four per block) hash
    // block; 100×7×5 splits 35 entries into tiles of 3 with a remainder
    for (const [m, k, n] of [
      [1, 1, 1],
      [2, 3, 3],
      [3, 5, 2],
      [4, 2, 5],
      [5, 3, 4],
      [7, 1, 9],
      [1, 16, 1],
      [16, 16, 16],
      [33, 4, 3],
      [100, 7, 5],
    ] as const) {
      const [t0, t1] = await Promise.all([matrixTripleFromOt(s0, m, k, n), matrixTripleFromOt(s1, m, k, n)]);
      expect(t0.a.length).toBe(m * k);
      expect(t0.b.length).toBe(k * n);
      check(t0, t1, m, k, n);
    }
  });

  it("crosses chunk boundaries (k·n·m beyond one message pair) and sends the predicted bytes", async () => {
    const [m, k, n] = [300, 12, 40]; // 480 entries of B in 5 message pairs of 108: correction buffers are reused
    const before = c0.stats.bytesSent;
    const [t0, t1] = await Promise.all([matrixTripleFromOt(s0, m, k, n), matrixTripleFromOt(s1, m, k, n)]);
    check(t0, t1, m, k, n);
    expect(c0.stats.bytesSent - before).toBe(matrixTripleBytes(m, k, n));
    const b2 = c0.stats.bytesSent;
    const [u0, u1] = await Promise.all([matrixTripleFromOt(s0, 2050, 1, 2), matrixTripleFromOt(s1, 2050, 1, 2)]);
    check(u0, u1, 2050, 1, 2);
    expect(c0.stats.bytesSent - b2).toBe(matrixTripleBytes(2050, 1, 2)); // three row blocks, the last of 2 rows
    // 64·k·n COTs of 16 bytes plus 260 bytes (2080 bits) per virtual product
    expect(matrixTripleBytes(m, k, n)).toBeGreaterThanOrEqual(1024 * k * n + 260 * m * k * n);
    expect(matrixTripleBytes(100, 100, 100)).toBe(1024 * 100 * 100 + 260 * 100 ** 3);
  });

  it("rejects bad shapes", async () => {
    await expect(matrixTripleFromOt(s0, 0, 1, 1)).rejects.toThrow(/matrixTripleFromOt: m/);
  });
});
