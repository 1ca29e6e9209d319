import { describe, expect, it } from "vitest";
import type { Bits } from "../values.js";
import { refRunner, type OpRunner } from "../../test/runner.js";
import { a2b } from "./a2b.js";
import { limbs } from "./ring.js";
import { encodeFixed, Prg, SeededRandom } from "@petace/primitives";
import { dealerWithoutRandomOts, runPair } from "../../test/pair.js";
import { testSeed } from "@petace/testkit";

const ref = refRunner();

function randomWords(prg: Prg, words: number): Uint32Array {
  const b = prg.bytes(words * 4);
  return new Uint32Array(b.buffer, b.byteOffset, words);
}

async function inBits(k: OpRunner, owner: 0 | 1, x: Uint32Array): Promise<Uint32Array> {
  return k.inputBits(owner, k.party === owner ? x : null, x.length * 32);
}

async function inRing(k: OpRunner, owner: 0 | 1, x: BigUint64Array): Promise<BigUint64Array> {
  return k.input(owner, k.party === owner ? x : null, x.length);
}

describe("boolean kernels on packed XOR shares", () => {
  it("match ref; AND is 1 round and 8 bytes per word each way", async () => {
    const prg = new Prg(new SeededRandom(testSeed()).prgSeed());
    const w = 37;
    const x = randomWords(prg, w),
      y = randomWords(prg, w),
      p = randomWords(prg, w);
    // Edge words: all zeros, all ones, alternating.
    x[0] = 0;
    y[0] = 0xffffffff;
    x[1] = 0xffffffff;
    y[1] = 0xffffffff;
    x[2] = 0xaaaaaaaa;
    y[2] = 0x55555555;
    const want = [
      await ref.run<Bits>("xor_bb", [x, y]),
      await ref.run<Bits>("not_b", [x]),
      await ref.run<Bits>("xor_bp", [x], { p: p }),
      await ref.run<Bits>("and_bp", [x], { p: p }),
      await ref.run<Bits>("and_bb", [x, y]),
      await ref.run<Bits>("or_bb", [x, y]),
    ];
    const [p0, p1] = await runPair(async (k, ctx) => {
      const a = await inBits(k, 0, x),
        b = await inBits(k, 1, y);
      const local = [
        await k.run<Bits>("xor_bb", [a, b]),
        await k.run<Bits>("not_b", [a]),
        await k.run<Bits>("xor_bp", [a], { p: p }),
        await k.run<Bits>("and_bp", [a], { p: p }),
      ];
      const before = { ...ctx.channel.stats };
      const andS = await k.run<Bits>("and_bb", [a, b]);
      const cost = { rounds: ctx.channel.stats.rounds - before.rounds, bytes: ctx.channel.stats.bytesSent - before.bytesSent };
      const orS = await k.run<Bits>("or_bb", [a, b]);
      const out = [];
      for (const s of [...local, andS, orS]) out.push(await k.revealBits(s, w * 32));
      return { out, cost };
    });
    expect(p0.result.out).toEqual(want);
    expect(p1.result.out).toEqual(want);
    expect(p0.result.cost).toEqual({ rounds: 1, bytes: 8 * w });
  });
});

describe("conversions", () => {
  const edges = [0n, 1n, 2n ** 63n, 2n ** 63n - 1n, 2n ** 64n - 1n, 2n ** 32n - 1n, 2n ** 32n, 0x5555555555555555n];

  it("a2b gives XOR shares of the word: 7 rounds, 192 bytes per element each way", async () => {
    const prg = new Prg(new SeededRandom(testSeed()).prgSeed());
    const n = 1000;
    const x = prg.ring(n);
    edges.forEach((v, i) => (x[i] = v));
    const [p0] = await runPair(async (k, ctx) => {
      const a = await inRing(k, 0, x);
      const before = { ...ctx.channel.stats };
      const b = await a2b(ctx, a);
      const cost = { rounds: ctx.channel.stats.rounds - before.rounds, bytes: ctx.channel.stats.bytesSent - before.bytesSent };
      return { words: await k.revealBits(limbs(b), 64 * n), cost };
    });
    expect(p0.result.words).toEqual(limbs(x));
    expect(p0.result.cost).toEqual({ rounds: 7, bytes: 192 * n });
  });

  it("bitToArith, bitMul and select match ref", async () => {
    const prg = new Prg(new SeededRandom(testSeed()).prgSeed());
    const n = 100;
    const c = randomWords(prg, 4);
    const x = encodeFixed(Array.from({ length: n }, (_, i) => (i - 50) * 1.5));
    const y = encodeFixed(Array.from({ length: n }, (_, i) => -i * 0.25));
    const want = [await ref.run("bit2a_b", [c], undefined, n), await ref.run("mul_ba", [c, x]), await ref.run("select_baa", [c, x, y])];
    const [p0] = await runPair(async (k, ctx) => {
      const cs = await inBits(k, 0, c);
      const xs = await inRing(k, 1, x),
        ys = await inRing(k, 0, y);
      const r0 = ctx.channel.stats.rounds;
      const bits = await k.run("bit2a_b", [cs], undefined, n);
      const r1 = ctx.channel.stats.rounds;
      const bm = await k.run("mul_ba", [cs, xs]);
      const r2 = ctx.channel.stats.rounds;
      const sel = await k.run("select_baa", [cs, xs, ys]);
      return { out: [await k.reveal(bits), await k.reveal(bm), await k.reveal(sel)], rounds: [r1 - r0, r2 - r1] };
    });
    expect(p0.result.out).toEqual(want);
    expect(p0.result.rounds).toEqual([1, 2]);
  });
});

describe("multiplexer with and without random OTs", () => {
  const seed = new SeededRandom(testSeed()).prgSeed();
  const noRot = dealerWithoutRandomOts(seed);
  it.each([
    { name: "OT multiplexer", provider: undefined, triples: 0 },
    { name: "B2A + Beaver", provider: noRot, triples: 1 },
  ])("$name: select matches ref, 2 rounds, 4W + 16n bytes each way", async ({ provider }) => {
    const prg = new Prg(new SeededRandom(testSeed()).prgSeed());
    const n = 320;
    const c = randomWords(prg, n / 32);
    const x = prg.ring(n),
      y = prg.ring(n);
    const [p0] = await runPair(
      async (k, ctx) => {
        const cs = await inBits(k, 1, c);
        const xs = await inRing(k, 0, x),
          ys = await inRing(k, 1, y);
        const b0 = { ...ctx.channel.stats };
        const s = await k.run("select_baa", [cs, xs, ys]);
        const cost = { rounds: ctx.channel.stats.rounds - b0.rounds, bytes: ctx.channel.stats.bytesSent - b0.bytesSent };
        return { s: await k.reveal(s), cost };
      },
      provider ? { provider } : {},
    );
    expect(p0.result.s).toEqual(await ref.run("select_baa", [c, x, y]));
    expect(p0.result.cost).toEqual({ rounds: 2, bytes: 4 * (n / 32) + 16 * n });
  });
});
