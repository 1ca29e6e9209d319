import { encodeFixed, Prg, SeededRandom } from "@petace/primitives";
import { describe, expect, it } from "vitest";
import { refRunner } from "../../test/runner.js";
import { runPair } from "../../test/pair.js";
import { testSeed } from "@petace/testkit";

const ref = refRunner();
const LIM = 2n ** 62n - 2n;

function data(rows: number, cols: number): BigUint64Array {
  const prg = new Prg(new SeededRandom(testSeed()).prgSeed());
  const r = prg.ring(rows * cols);
  const x = new BigUint64Array(rows * cols);
  for (let i = 0; i < x.length; i++) {
    // Few distinct small values in row 0 (many ties), wide values elsewhere.
    x[i] = i < cols ? BigInt.asUintN(64, (r[i]! % 5n) - 2n) : BigInt.asUintN(64, BigInt.asIntN(64, r[i]!) >> BigInt(2 + (i % 40)));
  }
  // Range edges in row 1.
  x[cols] = BigInt.asUintN(64, LIM);
  x[cols + 1] = BigInt.asUintN(64, -LIM);
  x[cols + 2] = 0n;
  return x;
}

describe("oblivious sort", () => {
  it("sorts rows (non-power-of-two width, ties, range limits) like ref; 9 rounds per layer", async () => {
    const rows = 3,
      cols = 37;
    const x = data(rows, cols);
    const [p0, p1] = await runPair(async (k, ctx) => {
      const a = await k.input(0, k.party === 0 ? x : null, x.length);
      const r0 = ctx.channel.stats.rounds;
      const s = await k.run("sort_a", [a], { rows: rows, cols: cols, descending: false });
      const rounds = ctx.channel.stats.rounds - r0;
      return {
        asc: await k.reveal(s),
        desc: await k.reveal(await k.run("sort_a", [a], { rows: rows, cols: cols, descending: true })),
        rounds,
      };
    });
    expect(p0.result.asc).toEqual(await ref.run("sort_a", [x], { rows: rows, cols: cols, descending: false }));
    expect(p0.result.desc).toEqual(await ref.run("sort_a", [x], { rows: rows, cols: cols, descending: true }));
    expect(p1.result.asc).toEqual(p0.result.asc);
    // N = 64: 6·7/2 = 21 layers of msb + B2A + product.
    expect(p0.result.rounds).toBe(21 * (6 + 2)); // millionaire msb: 6 rounds; bit injection: 2
  });

  it("argsort returns a permutation that sorts each row", async () => {
    const rows = 2,
      cols = 20;
    const x = data(rows, cols);
    const [p0] = await runPair(async (k) => {
      const a = await k.input(1, k.party === 1 ? x : null, x.length);
      const r = await k.run("argsort_a", [a], { rows, cols, descending: false });
      return { values: await k.reveal(r.subarray(0, rows * cols)), indices: await k.reveal(r.subarray(rows * cols)) };
    });
    expect(p0.result.values).toEqual(await ref.run("sort_a", [x], { rows: rows, cols: cols, descending: false }));
    for (let r = 0; r < rows; r++) {
      const idx = Array.from(p0.result.indices.subarray(r * cols, (r + 1) * cols), Number);
      expect([...idx].sort((a, b) => a - b)).toEqual(Array.from({ length: cols }, (_, j) => j));
      idx.forEach((j, t) => expect(x[r * cols + j]).toBe(p0.result.values[r * cols + t]));
    }
  });

  it("sorts a single column and a single element", async () => {
    const x = encodeFixed([3, -1, 2]);
    const [p0] = await runPair(async (k) => {
      const a = await k.input(0, k.party === 0 ? x : null, 3);
      return [
        await k.reveal(await k.run("sort_a", [a], { rows: 3, cols: 1, descending: false })),
        await k.reveal(await k.run("sort_a", [a], { rows: 1, cols: 3, descending: false })),
      ];
    });
    expect(p0.result[0]).toEqual(x);
    expect(p0.result[1]).toEqual(encodeFixed([-1, 2, 3]));
  });
});

describe("tournament max/min/argmax/argmin", () => {
  it("matches ref, ties give the first occurrence; ceil(log2 cols)·9 rounds", async () => {
    const rows = 4,
      cols = 37;
    const x = data(rows, cols);
    // Row 3: all equal → index 0; a late duplicate maximum in row 2.
    for (let j = 0; j < cols; j++) x[3 * cols + j] = 7n;
    x[2 * cols + 5] = BigInt.asUintN(64, LIM);
    x[2 * cols + 30] = BigInt.asUintN(64, LIM);
    const [p0] = await runPair(async (k, ctx) => {
      const a = await k.input(0, k.party === 0 ? x : null, x.length);
      const r0 = ctx.channel.stats.rounds;
      const am = await k.run("argmax_a", [a], { rows: rows, cols: cols });
      const rounds = ctx.channel.stats.rounds - r0;
      return {
        rounds,
        out: [
          await k.reveal(am),
          await k.reveal(await k.run("argmin_a", [a], { rows: rows, cols: cols })),
          await k.reveal(await k.run("max_a", [a], { rows: rows, cols: cols })),
          await k.reveal(await k.run("min_a", [a], { rows: rows, cols: cols })),
        ],
      };
    });
    expect(p0.result.out).toEqual([
      await ref.run("argmax_a", [x], { rows: rows, cols: cols }),
      await ref.run("argmin_a", [x], { rows: rows, cols: cols }),
      await ref.run("max_a", [x], { rows: rows, cols: cols }),
      await ref.run("min_a", [x], { rows: rows, cols: cols }),
    ]);
    expect(p0.result.out[0]![2]).toBe(5n);
    expect(p0.result.out[0]![3]).toBe(0n);
    expect(p0.result.rounds).toBe(6 * (6 + 2)); // millionaire msb: 6 rounds; bit injection: 2
  });
});
