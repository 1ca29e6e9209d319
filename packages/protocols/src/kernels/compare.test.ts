import { describe, expect, it } from "vitest";
import type { Bits } from "../values.js";
import { refRunner, type OpRunner } from "../../test/runner.js";
import { transpose32, toPlanes } from "./planes.js";
import { limbs } from "./ring.js";
import { encodeFixed, Prg, SeededRandom } from "@petace/primitives";
import { dealerWithoutRandomOts, runPair } from "../../test/pair.js";
import { testSeed } from "@petace/testkit";

const ref = refRunner();
const LIM = 2n ** 62n - 1n;

async function inRing(k: OpRunner, owner: 0 | 1, x: BigUint64Array): Promise<BigUint64Array> {
  return k.input(owner, k.party === owner ? x : null, x.length);
}

type Comparison = "lt" | "le" | "gt" | "ge" | "eq" | "ne";

/**
 * A comparison as the array layer lowers it: x < y is msb(x − y), x > y is msb(y − x), ≤ and ≥ their
 * negations, ≠ the negation of eq; with `isPublic`, y is a public operand.
 */
async function compare(k: OpRunner, op: Comparison, x: BigUint64Array, y: BigUint64Array, isPublic = false): Promise<Bits> {
  const diff = (a: "x" | "y"): Promise<BigUint64Array> =>
    isPublic
      ? a === "x"
        ? k.run("add_ap", [x], { p: y.map((v) => BigInt.asUintN(64, -v)) })
        : k.run("sub_pa", [x], { p: y })
      : a === "x"
        ? k.run("sub_aa", [x, y])
        : k.run("sub_aa", [y, x]);
  const lt = async (): Promise<Bits> => k.run<Bits>("msb_a", [await diff("x")]);
  const gt = async (): Promise<Bits> => k.run<Bits>("msb_a", [await diff("y")]);
  const eq = (): Promise<Bits> => (isPublic ? k.run<Bits>("eq_ap", [x], { p: y }) : k.run<Bits>("eq_aa", [x, y]));
  const not = async (b: Promise<Bits>): Promise<Bits> => k.run<Bits>("not_b", [await b], undefined, x.length);
  switch (op) {
    case "lt":
      return lt();
    case "gt":
      return gt();
    case "le":
      return not(gt());
    case "ge":
      return not(lt());
    case "eq":
      return eq();
    case "ne":
      return not(eq());
  }
}

function bitsOf(n: number, pred: (i: number) => boolean): Uint32Array {
  const out = new Uint32Array((n + 31) >>> 5);
  for (let i = 0; i < n; i++) if (pred(i)) out[i >>> 5]! |= 1 << (i & 31);
  return out;
}

/** Random signed values in (−2^62, 2^62), with edges and ties mixed in. */
function values(prg: Prg, n: number): [BigUint64Array, BigUint64Array] {
  const x = prg.ring(n),
    y = prg.ring(n);
  for (let i = 0; i < n; i++) {
    // Varying magnitudes: shift right by 2..62 bits, keep a random sign.
    const sx = BigInt(2 + (i % 61)),
      sy = BigInt(2 + ((i * 7) % 61));
    x[i] = BigInt.asUintN(64, BigInt.asIntN(64, x[i]!) >> sx);
    y[i] = BigInt.asUintN(64, BigInt.asIntN(64, y[i]!) >> sy);
    if (i % 5 === 0) y[i] = x[i]!; // ties
    if (i % 11 === 0) y[i] = BigInt.asUintN(64, x[i]! + 1n);
  }
  const edges: [bigint, bigint][] = [
    [0n, 0n],
    [LIM, -LIM],
    [-LIM, LIM],
    [LIM, LIM],
    [-1n, 0n],
    [0n, -1n],
    [1n, 0n],
    [-LIM, 0n],
  ];
  edges.forEach(([a, b], i) => {
    x[i + 1] = BigInt.asUintN(64, a);
    y[i + 1] = BigInt.asUintN(64, b);
  });
  return [x, y];
}

describe("bit planes", () => {
  it("transpose32 transposes", () => {
    const prg = new Prg(new SeededRandom(testSeed()).prgSeed());
    const a = new Uint32Array(prg.bytes(128).buffer);
    const t = a.slice();
    transpose32(t);
    for (let j = 0; j < 32; j++) for (let k = 0; k < 32; k++) expect((t[j]! >>> k) & 1).toBe((a[k]! >>> j) & 1);
  });

  it("toPlanes puts bit j of element i at plane j, bit i", () => {
    const prg = new Prg(new SeededRandom(testSeed()).prgSeed());
    const n = 45;
    const x = prg.ring(n);
    const p = toPlanes(limbs(x), n);
    const W = 2;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < 64; j++) expect((p[j * W + (i >>> 5)]! >>> (i & 31)) & 1).toBe(Number((x[i]! >> BigInt(j)) & 1n));
    expect(p[1]! >>> 13).toBe(0); // padding bits of plane 0
  });
});

describe.each([
  { method: "carry-tree" as const, rounds: 7, bytes: (n: number) => 181 * 8 * (n / 32) },
  // n/2 elements as receiver (8 bytes), n/2 as sender (64 bytes), 26 plane-ANDs.
  { method: "millionaire" as const, rounds: 6, bytes: (n: number) => (n / 2) * 8 + (n / 2) * 64 + 26 * 8 * (n / 32) },
])("comparisons ($method)", ({ method, rounds, bytes }) => {
  const opts = { comparison: method };
  it("msb: rounds and bytes each way", async () => {
    const prg = new Prg(new SeededRandom(testSeed()).prgSeed());
    const n = 3200;
    const x = prg.ring(n); // the full ring: msb is defined for every value
    const [p0] = await runPair(async (k, ctx) => {
      const a = await inRing(k, 0, x);
      const before = { ...ctx.channel.stats };
      const m = await k.run<Bits>("msb_a", [a]);
      const cost = { rounds: ctx.channel.stats.rounds - before.rounds, bytes: ctx.channel.stats.bytesSent - before.bytesSent };
      return { m: await k.revealBits(m, n), cost };
    }, opts);
    expect(p0.result.m).toEqual(await ref.run<Bits>("msb_a", [x]));
    expect(p0.result.cost).toEqual({ rounds, bytes: bytes(n) });
  });

  it("lt, le, gt, ge, eq, ne (share–share and share–public, as the array layer composes them) match ref, ties and range limits included", async () => {
    const prg = new Prg(new SeededRandom(testSeed()).prgSeed());
    const n = 2000;
    const [x, y] = values(prg, n);
    const ops = ["lt", "le", "gt", "ge", "eq", "ne"] as const;
    const want = [
      ...(await Promise.all(ops.map((o) => compare(ref, o, x, y)))),
      ...(await Promise.all(ops.map((o) => compare(ref, o, x, y, true)))),
    ];
    const [p0, p1] = await runPair(async (k) => {
      const a = await inRing(k, 0, x),
        b = await inRing(k, 1, y);
      const out = [];
      for (const o of ops) out.push(await k.revealBits(await compare(k, o, a, b), n));
      for (const o of ops) out.push(await k.revealBits(await compare(k, o, a, y, true), n));
      return out;
    }, opts);
    const masked = want.map((w) => {
      const c = w.slice();
      c[c.length - 1]! &= (1 << (n & 31)) - 1;
      return c;
    });
    expect(p0.result).toEqual(masked);
    expect(p1.result).toEqual(masked);
    // The reference composition agrees with a direct comparison of the signed values.
    const direct = bitsOf(n, (i) => BigInt.asIntN(64, x[i]!) < BigInt.asIntN(64, y[i]!));
    expect(masked[0]).toEqual(direct);
  });

  it("scalar public operands and fixed-point values", async () => {
    const x = encodeFixed([-2, -1.5, 0, 0.25, 3, 1e6, -1e6]);
    const [p0] = await runPair(async (k) => {
      const a = await inRing(k, 1, x);
      return [
        await k.revealBits(await compare(k, "lt", a, new BigUint64Array(7).fill(encodeFixed([0.25])[0]!), true), 7),
        await k.revealBits(await k.run<Bits>("eq_ap", [a], { p: 0n }), 7),
      ];
    }, opts);
    expect(Array.from({ length: 7 }, (_, i) => (p0.result[0]![0]! >>> i) & 1)).toEqual([1, 1, 1, 0, 0, 0, 1]);
    expect(Array.from({ length: 7 }, (_, i) => (p0.result[1]![0]! >>> i) & 1)).toEqual([0, 0, 1, 0, 0, 0, 0]);
  });

  it("eq: 6 rounds, 63 plane-ANDs each way", async () => {
    const n = 64;
    const x = new BigUint64Array(n).fill(5n);
    const [p0] = await runPair(async (k, ctx) => {
      const a = await inRing(k, 0, x),
        b = await inRing(k, 1, x);
      const before = { ...ctx.channel.stats };
      const e = await k.run<Bits>("eq_aa", [a, b]);
      return {
        rounds: ctx.channel.stats.rounds - before.rounds,
        bytes: ctx.channel.stats.bytesSent - before.bytesSent,
        e: await k.revealBits(e, n),
      };
    }, opts);
    expect(p0.result).toEqual({ rounds: 6, bytes: 63 * 8 * 2, e: new Uint32Array([0xffffffff, 0xffffffff]) });
  });
});

describe("comparison method selection", () => {
  it("refuses the millionaire method without random OTs, and auto falls back to the carry tree", async () => {
    const seed = new SeededRandom(testSeed()).prgSeed();
    const noRot = dealerWithoutRandomOts(seed);
    await expect(runPair(async () => 0, { provider: noRot, comparison: "millionaire" })).rejects.toThrow(
      /needs a correlation provider with randomOts/,
    );
    const x = new BigUint64Array([5n, BigInt.asUintN(64, -5n)]);
    const [p0] = await runPair(
      async (k, ctx) => {
        const a = await inRing(k, 0, x);
        const r0 = ctx.channel.stats.rounds;
        const m = await k.run<Bits>("msb_a", [a]);
        return { rounds: ctx.channel.stats.rounds - r0, m: await k.revealBits(m, 2) };
      },
      { provider: noRot },
    );
    expect(p0.result).toEqual({ rounds: 7, m: new Uint32Array([2]) });
  });
});

describe("millionaire at sizes spanning several random-OT chunks", () => {
  it("matches ref for 40 000 elements (3 chunks of 2^14 sender elements)", async () => {
    const prg = new Prg(new SeededRandom(testSeed()).prgSeed());
    const n = 40_000;
    const x = prg.ring(n);
    const [p0] = await runPair(async (k) => k.revealBits(await k.run<Bits>("msb_a", [await inRing(k, 1, x)]), n), {
      comparison: "millionaire",
    });
    expect(p0.result).toEqual(await ref.run<Bits>("msb_a", [x]));
  });
});
