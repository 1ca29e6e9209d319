import { describe, expect, it } from "vitest";
import { refRunner, type OpRunner } from "../../test/runner.js";
import { decodeFixed, encodeFixed, Prg, SeededRandom } from "@petace/primitives";
import { InsecureDealerProvider } from "@petace/correlations";
import { runPair } from "../../test/pair.js";
import { testSeed } from "@petace/testkit";

const F = 16;
const ref = refRunner({ fracBits: F });

/** Party 0 inputs x, party 1 inputs y; both get the shares. */
async function two(k: OpRunner, x: BigUint64Array, y: BigUint64Array): Promise<[BigUint64Array, BigUint64Array]> {
  const a = await k.input(0, k.party === 0 ? x : null, x.length);
  const b = await k.input(1, k.party === 1 ? y : null, y.length);
  return [a, b];
}

function uniform(prg: Prg, n: number, lo: number, hi: number): Float64Array {
  const r = prg.ring(n);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * (Number(r[i]! >> 11n) / 2 ** 53);
  return out;
}

/** Signed difference in ulps between two ring arrays. */
function ulpDiff(a: BigUint64Array, b: BigUint64Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) out.push(Number(BigInt.asIntN(64, a[i]! - b[i]!)));
  return out;
}

describe("input / reveal", () => {
  it("round-trips, costs 0 bytes to input and one round of 8 bytes per element to reveal", async () => {
    const x = encodeFixed([0, 1.5, -2.25, 1e6, -1e6]);
    const [p0, p1] = await runPair(async (k) => {
      const s = await k.input(0, k.party === 0 ? x : null, x.length);
      return { share: s, open: await k.reveal(s) };
    });
    expect(p0.result.open).toEqual(x);
    expect(p1.result.open).toEqual(x);
    // A share alone is not the value.
    expect(p1.result.share).not.toEqual(x);
    for (const p of [p0, p1]) {
      expect(p.stats.rounds).toBe(1);
      expect(p.stats.bytesSent).toBe(8 * x.length);
      expect(p.stats.messagesSent).toBe(1);
    }
  });

  it("revealTo gives the value to one party only, one message", async () => {
    const x = encodeFixed([3, -4]);
    const [p0, p1] = await runPair(async (k) => {
      const s = await k.input(1, k.party === 1 ? x : null, 2);
      return k.revealTo(s, 0);
    });
    expect(p0.result).toEqual(x);
    expect(p1.result).toBeNull();
    expect(p0.stats.bytesSent).toBe(0);
    expect(p1.stats.bytesSent).toBe(16);
  });

  it("shares and reveals bits", async () => {
    const bits = new Uint32Array([0xdeadbeef, 0x5]);
    const [p0, p1] = await runPair(async (k) => k.revealBits(await k.inputBits(0, k.party === 0 ? bits : null, 35), 35));
    expect(p0.result).toEqual(new Uint32Array([0xdeadbeef, 0x5]));
    expect(p1.result).toEqual(p0.result);
  });

  it("rejects a missing or misplaced input", async () => {
    await expect(runPair(async (k) => k.input(0, null, 1))).rejects.toThrow(/party 0 owns the input/);
  });
});

describe("local arithmetic matches ref", () => {
  it("add, sub, neg, public add/sub/int-mul", async () => {
    const prg = new Prg(new SeededRandom(testSeed()).prgSeed());
    const n = 1000;
    const x = encodeFixed(uniform(prg, n, -1e4, 1e4));
    const y = encodeFixed(uniform(prg, n, -1e4, 1e4));
    const p = encodeFixed(uniform(prg, n, -100, 100));
    const want = [
      await ref.run("add_aa", [x, y]),
      await ref.run("sub_aa", [x, y]),
      await ref.run("neg_a", [x]),
      await ref.run("add_ap", [x], { p: p }),
      await ref.run("sub_pa", [x], { p: p }),
      await ref.run("mulInt_ap", [x], { p: 7n }),
      await ref.run("add_ap", [x], { p: 5n }),
    ];
    const [p0, p1] = await runPair(async (k) => {
      const [a, b] = await two(k, x, y);
      const outs = [
        await k.run("add_aa", [a, b]),
        await k.run("sub_aa", [a, b]),
        await k.run("neg_a", [a]),
        await k.run("add_ap", [a], { p: p }),
        await k.run("sub_pa", [a], { p: p }),
        await k.run("mulInt_ap", [a], { p: 7n }),
        await k.run("add_ap", [a], { p: 5n }),
      ];
      const opened = [];
      for (const o of outs) opened.push(await k.reveal(o));
      return opened;
    });
    expect(p0.result).toEqual(want);
    expect(p1.result).toEqual(want);
  });
});

describe("fixed-point multiplication", () => {
  it("matches ref within 1 ulp, 2 rounds, 16n + 4·ceil(n/32) bytes each way", async () => {
    const prg = new Prg(new SeededRandom(testSeed()).prgSeed());
    const n = 4096;
    const xs = uniform(prg, n, -3e4, 3e4);
    const ys = uniform(prg, n, -1, 1);
    // Edge values: zeros, ±1 ulp, products at ±(2^30 − small), exact products.
    const edges: [number, number][] = [
      [0, 0],
      [0, 12345.5],
      [-7, 0],
      [2 ** -16, 2 ** -16],
      [-(2 ** -16), 2 ** -16],
      [1, 1],
      [-1, 1],
      [-1, -1],
      [32767.99, 32767.99],
      [-32767.99, 32767.99],
      [2 ** 30 - 1, 0.999],
      [-(2 ** 30 - 1), 0.999],
      [2 ** 15, -(2 ** 15) + 2 ** -10],
    ];
    edges.forEach(([a, b], i) => {
      xs[i] = a;
      ys[i] = b;
    });
    const x = encodeFixed(xs, F),
      y = encodeFixed(ys, F);
    const want = await ref.run("mul_aa", [x, y]);
    const [p0, p1] = await runPair(async (k) => {
      const [a, b] = await two(k, x, y);
      return k.reveal(await k.run("mul_aa", [a, b]));
    });
    const d = ulpDiff(p0.result, want);
    expect(Math.min(...d)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...d)).toBeLessThanOrEqual(1);
    expect(p1.result).toEqual(p0.result);
    // input 0 + mul (2 rounds) + reveal (1 round)
    for (const p of [p0, p1]) {
      expect(p.stats.rounds).toBe(3);
      expect(p.stats.bytesSent).toBe(16 * n + 4 * Math.ceil(n / 32) + 8 * n);
    }
  });

  it("10^6 random products in range: zero gross errors, unbiased rounding", async () => {
    const n = 1 << 20;
    const prg = new Prg(new SeededRandom(testSeed()).prgSeed());
    // |x·y| < 2^30: x up to ±2^15 in magnitude, y up to ±2^15, with random sign mixes.
    const xs = uniform(prg, n, -(2 ** 15), 2 ** 15);
    const ys = uniform(prg, n, -(2 ** 15), 2 ** 15);
    // A quarter right below the range limit: |x·y| in [2^29, 2^30).
    const mags = uniform(prg, n >> 2, 2 ** 14.5, 2 ** 15);
    for (let i = 0; i < n >> 2; i++) {
      xs[i] = (i & 1 ? -1 : 1) * mags[i]!;
      ys[i] = (i & 2 ? -1 : 1) * (2 ** 15 - 2 ** -8);
    }
    const x = encodeFixed(xs, F),
      y = encodeFixed(ys, F);
    const want = await ref.run("mul_aa", [x, y]);
    const [p0] = await runPair(async (k) => {
      const [a, b] = await two(k, x, y);
      return k.reveal(await k.run("mul_aa", [a, b]));
    });
    let bad = 0,
      sum = 0;
    for (let i = 0; i < n; i++) {
      const d = Number(BigInt.asIntN(64, p0.result[i]! - want[i]!));
      if (d < 0 || d > 1) bad++;
      sum += d;
    }
    expect(bad).toBe(0);
    // The result is floor + Bernoulli(frac): the mean excess over floor is ≈ 0.5 ulp.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.01);
  }, 60_000);

  it("integer mulInt is exact mod 2^64 and costs one round", async () => {
    const x = new BigUint64Array([0n, 1n, 2n ** 63n, 123456789n, 2n ** 64n - 1n]);
    const y = new BigUint64Array([5n, 2n ** 64n - 1n, 2n, 987654321n, 2n ** 64n - 1n]);
    const [p0] = await runPair(async (k) => {
      const [a, b] = await two(k, x, y);
      return k.reveal(await k.run("mulInt_aa", [a, b]));
    });
    expect(p0.result).toEqual(await ref.run("mulInt_aa", [x, y]));
    expect(p0.stats.rounds).toBe(2);
  });

  it("mulPublic and square match ref within 1 ulp", async () => {
    const x = encodeFixed([0, 1.25, -3.5, 100.125, -181]);
    const p = encodeFixed([2, -0.5, 0.001, 3, 181]);
    const [p0] = await runPair(async (k) => {
      const a = await k.input(0, k.party === 0 ? x : null, x.length);
      return [await k.reveal(await k.run("mul_ap", [a], { p: p })), await k.reveal(await k.run("square_a", [a]))];
    });
    for (const [got, want] of [
      [p0.result[0]!, await ref.run("mul_ap", [x], { p: p })],
      [p0.result[1]!, await ref.run("square_a", [x])],
    ] as const) {
      for (const d of ulpDiff(got, want)) expect(d === 0 || d === 1).toBe(true);
    }
  });
});

describe("truncation", () => {
  it("works with a provider without daBits (derived from arithmetic triples)", async () => {
    const seed = new SeededRandom(testSeed()).prgSeed();
    const x = encodeFixed([1.5, -2.75, 0, 1000.0625]);
    const [p0] = await runPair(
      async (k) => {
        const a = await k.input(0, k.party === 0 ? x : null, x.length);
        return k.reveal(await k.run("mul_aa", [a, a]));
      },
      {
        provider: async (ch) => {
          const d = new InsecureDealerProvider(ch.party, seed);
          return {
            kind: d.kind,
            arithTriples: (n) => d.arithTriples(n),
            boolTriples: (n) => d.boolTriples(n),
            matrixTriple: (m, k, n) => d.matrixTriple(m, k, n),
          };
        },
      },
    );
    for (const d of ulpDiff(p0.result, await ref.run("mul_aa", [x, x]))) expect(d === 0 || d === 1).toBe(true);
    // input 0 + mul 1 + daBits 1 + trunc 1 + reveal 1
    expect(p0.stats.rounds).toBe(4);
  });

  it("is exact-range: right at ±(2^62 − 1) raw and for every shift", async () => {
    const raw = new BigUint64Array([
      0n,
      1n,
      2n ** 62n - 1n,
      BigInt.asUintN(64, -(2n ** 62n) + 1n),
      BigInt.asUintN(64, -1n),
      2n ** 40n + 12345n,
    ]);
    for (const s of [1, 16, 31, 32, 33, 40]) {
      const [p0] = await runPair(async (k) => {
        const a = await k.input(0, k.party === 0 ? raw : null, raw.length);
        return k.reveal(await k.run("trunc_a", [a], { bits: s }));
      });
      const want = await ref.run("trunc_a", [raw], { bits: s });
      for (const d of ulpDiff(p0.result, want)) expect(d === 0 || d === 1).toBe(true);
    }
  });
});

describe("matmul", () => {
  it("matches ref within 1 ulp per element; 2 rounds; (mk + kn)·8 + trunc bytes", async () => {
    const prg = new Prg(new SeededRandom(testSeed()).prgSeed());
    const m = 7,
      k = 13,
      n = 5;
    const x = encodeFixed(uniform(prg, m * k, -10, 10)),
      y = encodeFixed(uniform(prg, k * n, -10, 10));
    const want = await ref.run("matmul_aa", [x, y], { m: m, k: k, n: n });
    const [p0, p1] = await runPair(async (kk) => {
      const [a, b] = await two(kk, x, y);
      return kk.reveal(await kk.run("matmul_aa", [a, b], { m: m, k: k, n: n }));
    });
    for (const d of ulpDiff(p0.result, want)) expect(d === 0 || d === 1).toBe(true);
    expect(p1.result).toEqual(p0.result);
    for (const p of [p0, p1]) {
      expect(p.stats.rounds).toBe(3);
      expect(p.stats.bytesSent).toBe((m * k + k * n) * 8 + 4 * Math.ceil((m * n) / 32) + m * n * 8);
    }
  });

  it("integer matmul is exact; degenerate 1×1×1 and vector shapes", async () => {
    const x = new BigUint64Array([3n, BigInt.asUintN(64, -2n), 5n]);
    const y = new BigUint64Array([7n, 11n, BigInt.asUintN(64, -13n)]);
    const [p0] = await runPair(async (k) => {
      const [a, b] = await two(k, x, y);
      return [
        await k.reveal(await k.run("matmulInt_aa", [a, b], { m: 1, k: 3, n: 1 })),
        await k.reveal(await k.run("matmulInt_aa", [a, b], { m: 3, k: 1, n: 3 })),
      ];
    });
    expect(p0.result[0]).toEqual(new BigUint64Array([BigInt.asUintN(64, 21n - 22n - 65n)]));
    expect(p0.result[1]).toEqual(await ref.run("matmulInt_aa", [x, y], { m: 3, k: 1, n: 3 }));
  });
});

describe("reductions", () => {
  it("sum is exact, prod matches ref within the tree's rounding", async () => {
    const rows = 3,
      cols = 7;
    const vals = [1.5, -2, 0.5, 3, -1, 1.25, 2, 0, 5, 1, 1, 1, 1, 1, -1, -1, -1, 2, 0.5, 0.25, 4];
    const x = encodeFixed(vals);
    const wantSum = await ref.run("sum_a", [x], { rows: rows, cols: cols });
    const [p0] = await runPair(async (k) => {
      const a = await k.input(0, k.party === 0 ? x : null, x.length);
      return [
        await k.reveal(await k.run("sum_a", [a], { rows: rows, cols: cols })),
        await k.reveal(await k.run("prod_a", [a], { rows: rows, cols: cols })),
        await k.reveal(await k.run("prod_a", [a], { rows: 21, cols: 1 })),
      ];
    });
    expect(p0.result[0]).toEqual(wantSum);
    const prod = decodeFixed(p0.result[1]!);
    const exact = [0, 1, 2].map((r) => vals.slice(r * cols, (r + 1) * cols).reduce((p, v) => p * v, 1));
    for (let r = 0; r < rows; r++) expect(Math.abs(prod[r]! - exact[r]!)).toBeLessThan(8 * 2 ** -16 * Math.max(1, Math.abs(exact[r]!)));
    expect(p0.result[2]).toEqual(x);
  });

  it("prod costs 2·ceil(log2 cols) rounds", async () => {
    const x = encodeFixed(new Array(2 * 9).fill(1.0));
    const [p0] = await runPair(async (k) => {
      const a = await k.input(0, k.party === 0 ? x : null, x.length);
      return await k.run("prod_a", [a], { rows: 2, cols: 9 });
    });
    expect(p0.stats.rounds).toBe(8);
  });
});
