import { describe, expect, it } from "vitest";
import { refRunner, type OpRunner } from "../../test/runner.js";
import { decodeFixed, encodeFixed, Prg, SeededRandom } from "@petace/primitives";
import { InsecureDealerProvider } from "@petace/correlations";
import { runPair } from "../../test/pair.js";
import { testSeed } from "@petace/testkit";
import type { CostEnv } from "../context.js";
import * as cost from "../costs.js";

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
  it("equals ref (rounded to nearest) bit for bit and costs what costs.ts declares", async () => {
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
    let env: CostEnv | undefined;
    const [p0, p1] = await runPair(async (k, ctx) => {
      env = ctx.costEnv;
      const [a, b] = await two(k, x, y);
      return k.reveal(await k.run("mul_aa", [a, b]));
    });
    expect(p0.result).toEqual(want);
    expect(p1.result).toEqual(p0.result);
    // input 0 + mul (Beaver 1 round, exact truncation 5: leaf OTs 2, tree 2, openings 1) + reveal 1
    const declared = cost.mul(n, env!);
    expect(declared.rounds).toBe(6);
    for (const [i, p] of [p0, p1].entries()) {
      expect(p.stats.rounds).toBe(7);
      expect(p.stats.bytesSent).toBe(declared.bytes[i]! + 8 * n);
    }
  });

  it("2^18 random products in range: every one rounded to nearest", async () => {
    const n = 1 << 18;
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
    let bad = 0;
    for (let i = 0; i < n; i++) if (p0.result[i] !== want[i]) bad++;
    expect(bad).toBe(0);
  }, 120_000);

  it("stochastic opt-in: 10^6 products floor or floor + 1, unbiased, one truncation round", async () => {
    const n = 1 << 20;
    const prg = new Prg(new SeededRandom(testSeed()).prgSeed());
    const x = encodeFixed(uniform(prg, n, -(2 ** 15), 2 ** 15), F),
      y = encodeFixed(uniform(prg, n, -(2 ** 15), 2 ** 15), F);
    const raw = await ref.run("mulInt_aa", [x, y]);
    const floor = raw.map((v) => BigInt.asUintN(64, BigInt.asIntN(64, v) >> BigInt(F)));
    const [p0] = await runPair(
      async (k) => {
        const [a, b] = await two(k, x, y);
        return k.reveal(await k.run("mul_aa", [a, b]));
      },
      { truncation: "stochastic" },
    );
    let bad = 0,
      sum = 0;
    for (let i = 0; i < n; i++) {
      const d = Number(BigInt.asIntN(64, p0.result[i]! - floor[i]!));
      if (d < 0 || d > 1) bad++;
      sum += d;
    }
    expect(bad).toBe(0);
    // The result is floor + Bernoulli(frac): the mean excess over floor is ≈ 0.5 ulp.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.01);
    // input 0 + Beaver 1 + truncation 1 + reveal 1
    expect(p0.stats.rounds).toBe(3);
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

  it("mulPublic and square equal ref", async () => {
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
      expect(got).toEqual(want);
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
    expect(p0.result).toEqual(await ref.run("mul_aa", [x, x]));
    // Without random OTs the carry comes from the carry tree: input 0 + Beaver 1 + carry tree of 16
    // planes 5 + daBits from triples 1 + openings 1 + reveal 1.
    expect(p0.stats.rounds).toBe(9);
  });

  it("is exact at the range edges −2^62 ≤ x < 2^62 − 2^(s−1), at ties, for every shift and both comparison methods", async () => {
    for (const s of [1, 2, 4, 5, 16, 31, 32, 33, 40, 61]) {
      const h = 1n << BigInt(s - 1);
      const top = 2n ** 62n - h - 1n;
      const raw = BigUint64Array.from(
        [0n, 1n, -1n, -(2n ** 62n), -(2n ** 62n) + 1n, top, -top, h, -h, 3n * h, -3n * h, 2n ** 40n + 12345n],
        (v) => BigInt.asUintN(64, v),
      );
      const want = await ref.run("trunc_a", [raw], { bits: s });
      for (const comparison of ["millionaire", "carry-tree"] as const) {
        const [p0] = await runPair(
          async (k) => {
            const a = await k.input(0, k.party === 0 ? raw : null, raw.length);
            return k.reveal(await k.run("trunc_a", [a], { bits: s }));
          },
          { comparison },
        );
        expect(p0.result, `shift ${s}, ${comparison}`).toEqual(want);
      }
    }
  });

  it("rounds ties up: ±0.5, ±1.5, ±2.5 ulp", async () => {
    const raw = BigUint64Array.from([1n, -1n, 3n, -3n, 5n, -5n], (v) => BigInt.asUintN(64, v));
    const [p0] = await runPair(async (k) => {
      const a = await k.input(0, k.party === 0 ? raw : null, raw.length);
      return k.reveal(await k.run("trunc_a", [a], { bits: 1 }));
    });
    expect(Array.from(p0.result, (v) => BigInt.asIntN(64, v))).toEqual([1n, 0n, 2n, -1n, 3n, -2n]);
  });

  // Issue 15: with the stochastic truncation each reveal of a recomputation is floor or floor + 1,
  // at an offset that depends on the receiving party's own share, so intersecting reveals narrows x.
  it("the same products computed afresh 64 times (fresh correlations and shares) reveal one value", async () => {
    const prg = new Prg(new SeededRandom(testSeed()).prgSeed());
    const n = 32;
    const x = encodeFixed(uniform(prg, n, -100, 100)),
      y = encodeFixed(uniform(prg, n, -100, 100));
    // Element 0 is a tie (0.5 ulp), element 1 half an ulp minus 2^−32: the hardest for a random carry.
    x[0] = 1n;
    y[0] = 1n << BigInt(F - 1);
    x[1] = (1n << BigInt(F)) - 1n;
    y[1] = 1n << BigInt(F - 1);
    const want = await ref.run("mul_aa", [x, y]);
    const reveals = async (truncation: "exact" | "stochastic"): Promise<Set<string>[]> => {
      const [p0] = await runPair(
        async (k) => {
          const out: BigUint64Array[] = [];
          for (let r = 0; r < 64; r++) {
            const [a, b] = await two(k, x, y); // fresh input masks
            out.push(await k.reveal(await k.run("mul_aa", [a, b]))); // fresh triples, daBits and OTs
          }
          return out;
        },
        { truncation },
      );
      return Array.from({ length: n }, (_, i) => new Set(p0.result.map((v) => String(v[i]))));
    };
    const exact = await reveals("exact");
    exact.forEach((vals, i) => expect([...vals], `element ${i}`).toEqual([String(want[i])]));
    // The check would catch the stochastic truncation: its reveals of element 1 differ.
    const stochastic = await reveals("stochastic");
    expect(stochastic[1]!.size).toBe(2);
  });
});

describe("matmul", () => {
  it("equals ref per element; 1 + truncation rounds; (mk + kn)·8 + truncation bytes", async () => {
    const prg = new Prg(new SeededRandom(testSeed()).prgSeed());
    const m = 7,
      k = 13,
      n = 5;
    const x = encodeFixed(uniform(prg, m * k, -10, 10)),
      y = encodeFixed(uniform(prg, k * n, -10, 10));
    const want = await ref.run("matmul_aa", [x, y], { m: m, k: k, n: n });
    let env: CostEnv | undefined;
    const [p0, p1] = await runPair(async (kk, ctx) => {
      env = ctx.costEnv;
      const [a, b] = await two(kk, x, y);
      return kk.reveal(await kk.run("matmul_aa", [a, b], { m: m, k: k, n: n }));
    });
    expect(p0.result).toEqual(want);
    expect(p1.result).toEqual(p0.result);
    const trunc = cost.trunc(m * n, F, env!);
    for (const [i, p] of [p0, p1].entries()) {
      expect(p.stats.rounds).toBe(1 + trunc.rounds + 1);
      expect(p.stats.bytesSent).toBe((m * k + k * n) * 8 + trunc.bytes[i]! + m * n * 8);
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
  it("sum and prod (in the reference's tree order and rounding) are exact", async () => {
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
    expect(p0.result[1]).toEqual(await ref.run("prod_a", [x], { rows: rows, cols: cols }));
    const prod = decodeFixed(p0.result[1]!);
    const exact = [0, 1, 2].map((r) => vals.slice(r * cols, (r + 1) * cols).reduce((p, v) => p * v, 1));
    expect(Array.from(prod)).toEqual(exact); // products of these short binary fractions are representable
    expect(p0.result[2]).toEqual(x);
  });

  it("prod costs ceil(log2 cols) fixed-point products of 6 rounds", async () => {
    const x = encodeFixed(new Array(2 * 9).fill(1.0));
    const [p0] = await runPair(async (k) => {
      const a = await k.input(0, k.party === 0 ? x : null, x.length);
      return await k.run("prod_a", [a], { rows: 2, cols: 9 });
    });
    expect(p0.stats.rounds).toBe(6 * 4);
  });
});
