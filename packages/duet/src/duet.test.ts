import { describe, expect, it } from "vitest";
import { Duet } from "./duet.js";
import { ops } from "./index.js";
import { runLocal } from "./run-local.js";
import { bitsToBools, dec, enc, inputVec } from "../test/util.js";
import { insecureDealer } from "./index.js";

const fast = { correlations: insecureDealer };

describe("Duet basics", () => {
  it("inputs, local and interactive operators, reveal and revealTo", async () => {
    const xs = [1.5, -2.25, 3, 0];
    const ys = [4, 0.5, -1, 7];
    const [r0, r1] = await runLocal(async (vm, party) => {
      const x = await inputVec(vm, 0, party === 0 ? xs : null, 4);
      const y = await inputVec(vm, 1, party === 1 ? ys : null, 4);
      const s = vm.apply(ops.add_aa, [x, y], undefined);
      const p = vm.apply(ops.mul_aa, [s, y], undefined);
      const c = vm.apply(ops.msb_a, [vm.apply(ops.sub_aa, [x, y], undefined)], undefined);
      expect(vm.pendingCount).toBe(4); // add, mul, and the comparison as sub then msb
      const pv = await vm.reveal(p);
      const cv = await vm.revealTo(c, 1);
      return { p: dec(pv as BigUint64Array), c: cv === null ? null : bitsToBools(cv as Uint32Array, 4) };
    }, fast);
    const expected = xs.map((x, i) => (x + ys[i]!) * ys[i]!);
    for (const r of [r0, r1])
      r.p.forEach((v, i) => {
        expect(v).toBeCloseTo(expected[i]!, 3);
      });
    expect(r0.c).toBeNull();
    expect(r1.c).toEqual(xs.map((x, i) => x < ys[i]!));
  });

  it("constants and shares round-trip; profile has rows and a table", async () => {
    const [a, b] = await runLocal(async (vm) => {
      const k = vm.constant(enc([2, 3]), 2);
      const sh = await vm.share(k);
      const back = vm.fromShare(sh, 2);
      const sum = vm.apply(ops.add_ap, [back], { p: enc([1, 1]) });
      const out = dec((await vm.reveal(sum)) as BigUint64Array);
      const prof = vm.profile();
      return { out, rows: prof.rows.map((r) => r.op), table: prof.table(), setup: vm.setupMs };
    }, fast);
    expect(a.out).toEqual([3, 4]);
    expect(b.out).toEqual([3, 4]);
    expect(a.rows).toEqual(expect.arrayContaining(["setup", "add_ap", "reveal_a"]));
    expect(a.table).toMatch(/op\s+calls\s+nodes/);
    expect(a.table).toMatch(/total/);
    expect(a.setup).toBeGreaterThan(0);
  });

  it("checks its arguments", async () => {
    await runLocal(async (vm) => {
      const x = vm.constant(enc([1, 2]), 2);
      const y = vm.constant(enc([1, 2, 3]), 3);
      expect(() => vm.apply(ops.add_aa, [x, y], undefined)).toThrow(/add_aa: operands have 2 and 3 elements/);
      expect(() => vm.apply(ops.and_bb, [x, x], undefined)).toThrow(TypeError);
      expect(() => vm.apply(ops.matmul_aa, [x, y], { m: 1, k: 2, n: 2 })).toThrow(/matmul/);
    }, fast);
    const [c0] = (await import("@petace/network")).memoryPair();
    await expect(Duet.create(c0, 1)).rejects.toThrow(/Duet.create: party 1 does not match the channel's party 0/);
    await expect(Duet.create(c0, 2 as 0)).rejects.toThrow(/party must be 0 or 1/);
    await expect(Duet.create(c0, 0, { correlations: "trusted" as never })).rejects.toThrow(
      /Duet.create: correlations must be a CorrelationSource \(otCorrelations\(\), insecureDealer\) or a CorrelationProvider, got trusted/,
    );
    await expect(Duet.create(c0, 0, { backend: "plain" as never })).rejects.toThrow(
      /Duet.create: backend must be "secure" or "ref-insecure"/,
    );
    await expect(Duet.create(c0, 0, { maxPendingNodes: 0 })).rejects.toThrow(/maxPendingNodes must be at least 1/);
    await expect(Duet.create(c0, 0, { truncation: "random" as never })).rejects.toThrow(
      /Duet.create: truncation must be "exact" or "stochastic", got random/,
    );
    await c0.close();
  });

  it("both parties must use the same settings", async () => {
    const { memoryPair } = await import("@petace/network");
    const [c0, c1] = memoryPair();
    const results = await Promise.allSettled([
      Duet.create(c0, 0, { fracBits: 16, correlations: insecureDealer }),
      Duet.create(c1, 1, { fracBits: 20, correlations: insecureDealer }),
    ]);
    expect(results.map((r) => (r.status === "rejected" ? String(r.reason) : "ok"))).toEqual([
      expect.stringMatching(/Duet.create: party 0 uses fracBits 16 but the peer uses 20; both parties must pass the same options/),
      expect.stringMatching(/Duet.create: party 1 uses fracBits 20 but the peer uses 16/),
    ]);
    await c0.close();
  });

  it("truncation: exact by default (products round to nearest); the stochastic opt-in is one round, and both parties must agree", async () => {
    const run = (truncation?: "exact" | "stochastic") =>
      runLocal(
        async (vm, party) => {
          const x = await inputVec(vm, 0, party === 0 ? [1.5, -2.25, 3] : null, 3);
          const y = vm.apply(ops.mul_ap, [x], { p: 1n << 15n }); // × 0.5: exact in fixed point
          const r = dec((await vm.reveal(y)) as BigUint64Array);
          return { r, rounds: vm.profile().rows.find((row) => row.op === "mul_ap")!.rounds };
        },
        { ...fast, ...(truncation ? { truncation } : {}) },
      );
    const [exact] = await run();
    expect(exact.r).toEqual([0.75, -1.125, 1.5]);
    const [stochastic] = await run("stochastic");
    expect(stochastic.rounds).toBe(1);
    expect(exact.rounds).toBeGreaterThan(1);
    const { memoryPair } = await import("@petace/network");
    const [c0, c1] = memoryPair();
    const results = await Promise.allSettled([
      Duet.create(c0, 0, { truncation: "stochastic", correlations: insecureDealer }),
      Duet.create(c1, 1, { correlations: insecureDealer }),
    ]);
    expect(results.map((r) => (r.status === "rejected" ? String(r.reason) : "ok"))).toEqual([
      expect.stringMatching(/party 0 uses truncation "stochastic" but the peer uses "exact"/),
      expect.stringMatching(/party 1 uses truncation "exact" but the peer uses "stochastic"/),
    ]);
    await c0.close();
  });

  it("vm.truncation states the method in force; privateSeed replays a party's private randomness, distinct per party", async () => {
    const draw = (privateSeed?: Uint8Array, truncation?: "stochastic") =>
      runLocal(
        async (vm) => {
          const zero = vm.constant(new BigUint64Array(4), 4);
          const r = vm.apply(ops.addRandom_a, [zero], { bits: 20 });
          return { truncation: vm.truncation, share: Array.from((await vm.share(r)) as BigUint64Array) };
        },
        { ...fast, ...(privateSeed ? { privateSeed } : {}), ...(truncation ? { truncation } : {}) },
      );
    const seed = new Uint8Array(16).fill(7);
    const [a0, a1] = await draw(seed);
    const [b0] = await draw(seed, "stochastic");
    const [c0] = await draw();
    expect(a0.truncation).toBe("exact");
    expect(b0.truncation).toBe("stochastic");
    expect(b0.share).toEqual(a0.share); // the same seed, the same draws
    expect(a1.share).not.toEqual(a0.share); // hashed with the party id: the two parties differ
    expect(c0.share).not.toEqual(a0.share);
    await expect(draw(new Uint8Array(8))).rejects.toThrow(/Duet.create: privateSeed must be 16 bytes/);
  });

  it("the ref-insecure backend runs the same program in the clear", async () => {
    const [r0] = await runLocal(
      async (vm, party) => {
        const x = await inputVec(vm, 0, party === 0 ? [1, 2, 3] : null, 3);
        return dec((await vm.reveal(vm.apply(ops.square_a, [x], undefined))) as BigUint64Array);
      },
      { backend: "ref-insecure" },
    );
    expect(r0).toEqual([1, 4, 9]);
  });
});
