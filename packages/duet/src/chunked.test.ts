/**
 * Evaluation in slices (DuetOptions.maxChunk): with a tiny chunk every long call becomes many
 * kernel calls and local steps are deferred, and the results must still equal the plaintext ones.
 */
import { testSeed } from "@petace/testkit";
import { SeededRandom } from "@petace/primitives";
import { describe, expect, it } from "vitest";
import { bitsToBools, dec, enc, inputVec } from "../test/util.js";
import { planCalls } from "./chunks.js";
import type { Duet } from "./duet.js";
import { DuetError, insecureDealer, ops, otCorrelations, runLocal } from "./index.js";
import type { Node } from "./node.js";

const fast = { correlations: insecureDealer };

function randoms(n: number, lo: number, hi: number): number[] {
  const rng = new SeededRandom(testSeed());
  return Array.from({ length: n }, () => lo + (hi - lo) * rng.float());
}

/** Kernel calls and rounds spent on one operator. */
const row = (vm: Duet, op: string) => vm.profile().rows.find((r) => r.op === op);

describe("planCalls", () => {
  it("cuts members at multiples of the call size and packs short pieces together", () => {
    expect(planCalls([10, 1, 0, 1, 3], 4)).toEqual([
      [{ member: 0, from: 0, to: 4 }],
      [{ member: 0, from: 4, to: 8 }],
      [
        { member: 0, from: 8, to: 10 },
        { member: 1, from: 0, to: 1 },
        { member: 3, from: 0, to: 1 },
      ],
      [{ member: 4, from: 0, to: 3 }],
    ]);
    expect(() => planCalls([5], 0)).toThrow(/perCall must be a positive integer/);
  });
});

describe("evaluation in slices", () => {
  it("mul, comparison, select and exp over many calls equal the plaintext (and one call without the option)", async () => {
    const n = 300;
    const xs = randoms(n, -4, 4);
    const ys = randoms(n, -4, 4);
    const run = (maxChunk?: number) =>
      runLocal(
        async (vm, party) => {
          const x = await inputVec(vm, 0, party === 0 ? xs : null, n);
          const y = await inputVec(vm, 1, party === 1 ? ys : null, n);
          vm.resetProfile();
          const prod = vm.apply(ops.mul_aa, [x, y], undefined);
          const less = vm.apply(ops.msb_a, [vm.apply(ops.sub_aa, [x, y], undefined)], undefined);
          const min = vm.apply(ops.select_baa, [less, x, y], undefined);
          const e = vm.apply(ops.exp_a, [x], undefined);
          const out = [await vm.reveal(prod), await vm.reveal(less), await vm.reveal(min), await vm.reveal(e)];
          return { out, calls: ["mul_aa", "msb_a", "select_baa", "exp_a"].map((op) => row(vm, op)!.rounds) };
        },
        { ...fast, ...(maxChunk === undefined ? {} : { maxChunk }) },
      );
    const [sliced] = await run(37);
    const [whole] = await run();
    const [p, l, m, e] = sliced.out as [BigUint64Array, Uint32Array, BigUint64Array, BigUint64Array];
    dec(p).forEach((v, i) => expect(v).toBeCloseTo(xs[i]! * ys[i]!, 3));
    expect(bitsToBools(l, n)).toEqual(xs.map((x, i) => x < ys[i]!));
    expect(dec(m)).toEqual(dec(enc(xs.map((x, i) => Math.min(x, ys[i]!)))));
    dec(e).forEach((v, i) => expect(Math.abs(v - Math.exp(xs[i]!))).toBeLessThan(1e-3 * Math.exp(xs[i]!) + 1e-3));
    // The same comparisons and selections as one call; exact operators agree bit for bit.
    expect(bitsToBools(whole.out[1] as Uint32Array, n)).toEqual(bitsToBools(l, n));
    expect(whole.out[2]).toEqual(m);
    // 300 elements in calls of at most 37 (32 after word alignment): ten calls, ten times the rounds.
    sliced.calls.forEach((r, k) => expect(r).toBe(10 * whole.calls[k]!));
  });

  it("merged groups of different lengths, public operands per element, and row reductions", async () => {
    const lens = [5, 70, 33];
    const data = lens.map((n) => randoms(n, -100, 100));
    const scale = randoms(70, -2, 2);
    const [res] = await runLocal(
      async (vm, party) => {
        const xs: Node[] = [];
        for (const [j, n] of lens.entries()) xs.push(await inputVec(vm, (j % 2) as 0 | 1, party === j % 2 ? data[j]! : null, n));
        const signs = xs.map((x) => vm.apply(ops.msb_a, [x], undefined)); // one group of 108 elements
        const scaled = vm.apply(ops.mul_ap, [xs[1]!], { p: enc(scale) });
        const rowMax = vm.apply(ops.max_a, [xs[1]!], { rows: 7, cols: 10 });
        const out = [];
        for (const s of signs) out.push(await vm.reveal(s));
        out.push(await vm.reveal(scaled), await vm.reveal(rowMax));
        return out;
      },
      { ...fast, maxChunk: 9 },
    );
    lens.forEach((n, j) => expect(bitsToBools(res[j] as Uint32Array, n)).toEqual(data[j]!.map((v) => v < 0)));
    dec(res[3] as BigUint64Array).forEach((v, i) => expect(v).toBeCloseTo(data[1]![i]! * scale[i]!, 2)); // scale is quantized to 2^-16
    const maxima = Array.from({ length: 7 }, (_, r) => Math.max(...data[1]!.slice(10 * r, 10 * r + 10)));
    expect(dec(res[4] as BigUint64Array)).toEqual(dec(enc(maxima)));
  });

  it("defers local steps feeding sliced calls (a broadcast comparison, then a count) and computes them when read later", async () => {
    const n = 200;
    const edges = [-1, 0, 2];
    const xs = randoms(n, -3, 3);
    const [res] = await runLocal(
      async (vm, party) => {
        const x = await inputVec(vm, 0, party === 0 ? xs : null, n);
        // x broadcast against the edges (n×3), minus the edges, compared, counted per edge.
        const idx = Uint32Array.from({ length: 3 * n }, (_, i) => Math.floor(i / 3));
        const wide = vm.apply(ops.gather, [x], { idx });
        const edgesRep = new BigUint64Array(3 * n);
        for (let i = 0; i < 3 * n; i++) edgesRep[i] = enc([edges[i % 3]!])[0]!;
        const diff = vm.apply(ops.sub_pa, [wide], { p: edgesRep }); // edge − x < 0 ⇔ x > edge
        const above = vm.apply(ops.msb_a, [diff], undefined);
        const ints = vm.apply(ops.bit2a_b, [above], undefined);
        const byEdge = vm.apply(ops.gather, [ints], {
          idx: Uint32Array.from({ length: 3 * n }, (_, i) => (i % n) * 3 + Math.floor(i / n)),
        });
        const counts = vm.apply(ops.sum_a, [byEdge], { rows: 3, cols: n });
        const total = vm.apply(ops.sum_a, [vm.apply(ops.mulInt_ap, [ints], { p: 1n })], { rows: 1, cols: 3 * n });
        const c = await vm.reveal(counts);
        const t = await vm.reveal(total);
        // `diff` was deferred (never computed whole); opening it later reads it in slices again.
        const deferred = diff.state;
        const d = await vm.reveal(diff);
        return { c, t, d, deferred };
      },
      { ...fast, maxChunk: 64 },
    );
    const expected = edges.map((e) => xs.filter((v) => v > e).length);
    expect(Array.from(res.c as BigUint64Array, Number)).toEqual(expected);
    expect(Number((res.t as BigUint64Array)[0])).toBe(expected.reduce((a, b) => a + b, 0));
    dec(res.d as BigUint64Array).forEach((v, i) => expect(v).toBeCloseTo(edges[i % 3]! - xs[Math.floor(i / 3)]!, 4));
    expect(res.deferred).toBe("deferred");
  });

  it("with OT correlations, the millionaires' comparison in slices agrees with the plaintext", async () => {
    const n = 1000;
    const xs = randoms(n, -1e6, 1e6);
    const [res] = await runLocal(
      async (vm, party) => {
        const x = await inputVec(vm, 0, party === 0 ? xs : null, n);
        const y = await inputVec(vm, 1, party === 1 ? xs.map((v) => -v / 3) : null, n);
        const gt = vm.apply(ops.msb_a, [vm.apply(ops.sub_aa, [y, x], undefined)], undefined);
        const share = await vm.share(vm.apply(ops.sub_aa, [x, y], undefined)); // a deferred node read whole
        return { gt: await vm.reveal(gt), share, calls: row(vm, "msb_a")!.rounds };
      },
      { correlations: otCorrelations(), maxChunk: 256 },
    );
    expect(bitsToBools(res.gt as Uint32Array, n)).toEqual(xs.map((v) => v > -v / 3));
    expect(res.share).toBeInstanceOf(BigUint64Array);
    expect((res.share as BigUint64Array).length).toBe(n);
  });

  it("rejects an invalid maxChunk, and a maxChunk that differs between the parties", async () => {
    for (const bad of [0, -5, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "1024" as unknown as number]) {
      await expect(runLocal(async () => 0, { ...fast, maxChunk: bad })).rejects.toThrow(/maxChunk must be a positive integer/);
    }
    const { memoryPair } = await import("@petace/network");
    const { Duet } = await import("./duet.js");
    const [c0, c1] = memoryPair();
    const made = await Promise.allSettled([
      Duet.create(c0, 0, { ...fast, maxChunk: 1000 }),
      Duet.create(c1, 1, { ...fast, maxChunk: 2000 }),
    ]);
    for (const r of made) {
      expect(r.status).toBe("rejected");
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(DuetError);
      expect(String((r as PromiseRejectedResult).reason)).toMatch(/maxChunk .* but the peer uses/);
    }
    await c0.close();
    await c1.close();
  });
});
