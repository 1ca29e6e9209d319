/**
 * The scheduler merges independent operators of one kind into one kernel call: k comparisons of n
 * elements cost the rounds of one comparison of k·n elements. Measured on the channel's counters.
 */
import { describe, expect, it } from "vitest";
import type { Duet } from "./duet.js";
import type { Node } from "./node.js";
import { ops } from "./index.js";
import { runLocal } from "./run-local.js";
import { bitsToBools, inputVec } from "../test/util.js";
import { insecureDealer } from "./index.js";

const fast = { correlations: insecureDealer };

/** Rounds and kernel calls this party spent evaluating what `build` makes, after the inputs. */
async function cost(vm: Duet, build: () => Node[]): Promise<{ rounds: number; calls: number; out: Node[] }> {
  await vm.evaluate();
  vm.resetProfile();
  const r0 = vm.stats.rounds;
  const out = build();
  await vm.evaluate();
  const prof = vm.profile();
  return { rounds: vm.stats.rounds - r0, calls: prof.rows.filter((r) => r.rounds > 0).reduce((s, r) => s + r.calls, 0), out };
}

describe("round merging", () => {
  it("k independent comparisons take the rounds of one", async () => {
    const k = 8;
    const n = 50;
    const data = Array.from({ length: k }, (_, j) => Array.from({ length: n }, (_, i) => Math.sin(i * 7 + j) * 100));
    const [res] = await runLocal(async (vm, party) => {
      const xs: Node[] = [];
      const ys: Node[] = [];
      for (let j = 0; j < k; j++) {
        xs.push(await inputVec(vm, 0, party === 0 ? data[j]! : null, n));
        ys.push(await inputVec(vm, 1, party === 1 ? data[(j + 1) % k]! : null, n));
      }
      const one = await cost(vm, () => [vm.apply(ops.msb_a, [vm.apply(ops.sub_aa, [xs[0]!, ys[0]!], undefined)], undefined)]);
      const many = await cost(vm, () => xs.map((x, j) => vm.apply(ops.msb_a, [vm.apply(ops.sub_aa, [x, ys[j]!], undefined)], undefined)));
      const rows = vm.profile().rows.find((r) => r.op === "msb_a")!;
      const bits = await Promise.all(many.out.map((c) => vm.reveal(c)));
      return { one, many, rows, bits: bits.map((b) => bitsToBools(b as Uint32Array, n)) };
    }, fast);
    expect(res.one.rounds).toBeGreaterThan(1);
    expect(res.many.rounds).toBe(res.one.rounds);
    expect(res.many.calls).toBe(1);
    expect(res.rows).toMatchObject({ calls: 1, nodes: k, elements: k * n });
    res.bits.forEach((b, j) => expect(b).toEqual(data[j]!.map((x, i) => x < data[(j + 1) % k]![i]!)));
  });

  it("merges by depth across local operators, and keeps different kernels apart", async () => {
    const [res] = await runLocal(async (vm, party) => {
      const a = await inputVec(vm, 0, party === 0 ? [1, 2, 3] : null, 3);
      const b = await inputVec(vm, 1, party === 1 ? [4, 5] : null, 2);
      // Chain A: mul → add (local) → mul; chain B: mul → neg (local) → neg → mul. Depths 1 and 2 line up.
      const chain = (x: Node, locals: number) => {
        let y = vm.apply(ops.mul_aa, [x, x], undefined);
        for (let i = 0; i < locals; i++) y = vm.apply(ops.neg_a, [y], undefined);
        return vm.apply(ops.mul_aa, [y, x], undefined);
      };
      const serial = await cost(vm, () => [chain(a, 1)]);
      const merged = await cost(vm, () => [chain(a, 1), chain(b, 2)]);
      const mixed = await cost(vm, () => [
        vm.apply(ops.mul_aa, [a, a], undefined),
        vm.apply(ops.msb_a, [vm.apply(ops.sub_aa, [b, b], undefined)], undefined),
      ]);
      const oneLt = await cost(vm, () => [vm.apply(ops.msb_a, [vm.apply(ops.sub_aa, [b, b], undefined)], undefined)]);
      const oneMul = await cost(vm, () => [vm.apply(ops.mul_aa, [a, a], undefined)]);
      return { serial, merged, mixed, oneLt, oneMul };
    }, fast);
    expect(res.merged.rounds).toBe(res.serial.rounds);
    expect(res.merged.calls).toBe(2);
    // Different kernels run one after the other (they share one ordered channel).
    expect(res.mixed.rounds).toBe(res.oneLt.rounds + res.oneMul.rounds);
    expect(res.mixed.calls).toBe(2);
  });

  it("merges independent calls of a nonlinear function into the rounds of one (sigmoid, exp, division, sort)", async () => {
    const xs = [0.5, -2, 3.25, 7];
    const ys = [1.5, 4, -0.75, 2];
    const [res] = await runLocal(async (vm, party) => {
      const a = await inputVec(vm, 0, party === 0 ? xs : null, 4);
      const b = await inputVec(vm, 1, party === 1 ? ys : null, 4);
      const out: Record<string, { one: number; two: number; calls: number }> = {};
      const sortOf = (x: Node) => vm.apply(ops.sort_a, [x], { rows: 1, cols: 4, descending: false });
      const cases: [string, (x: Node, y: Node) => Node][] = [
        ["sigmoid_a", (x) => vm.apply(ops.sigmoid_a, [x], undefined)],
        ["exp_a", (x) => vm.apply(ops.exp_a, [x], undefined)],
        ["div_aa", (x, y) => vm.apply(ops.div_aa, [x, y], undefined)],
        ["sort_a", (x) => sortOf(x)],
      ];
      for (const [id, f] of cases) {
        const one = await cost(vm, () => [f(a, b)]);
        const two = await cost(vm, () => [f(a, b), f(b, a)]);
        out[id] = { one: one.rounds, two: two.rounds, calls: vm.profile().rows.find((r) => r.op === id)!.calls };
      }
      return out;
    }, fast);
    for (const [id, r] of Object.entries(res)) {
      expect(r.two, id).toBe(r.one);
      expect(r.calls, id).toBe(1);
    }
  });

  it("merges public-operand comparisons with different constants and reveals of bits", async () => {
    const [r0, r1] = await runLocal(async (vm, party) => {
      const x = await inputVec(vm, 0, party === 0 ? [1, 5, 9] : null, 3);
      const c1 = vm.apply(ops.msb_a, [vm.apply(ops.sub_pa, [x], { p: 4n << 16n })], undefined);
      const c2 = vm.apply(ops.msb_a, [vm.apply(ops.sub_pa, [x], { p: BigUint64Array.from([0n, 6n << 16n, 10n << 16n]) })], undefined);
      vm.resetProfile();
      const [v1, v2] = await Promise.all([vm.revealTo(c1, 0), vm.revealTo(c2, 0)]);
      const rows = vm.profile().rows;
      return {
        v1: v1 && bitsToBools(v1 as Uint32Array, 3),
        v2: v2 && bitsToBools(v2 as Uint32Array, 3),
        calls: rows.find((r) => r.op === "msb_a")?.calls,
      };
    }, fast);
    expect(r0.v1).toEqual([false, true, true]);
    expect(r0.v2).toEqual([true, false, false]);
    expect(r1.v1).toBeNull();
    expect(r0.calls).toBe(1);
  });

  it("a truncation beside comparisons rides in their carry call: one round more than the comparisons, the same values as alone", async () => {
    const n = 40;
    const xs = Array.from({ length: n }, (_, i) => Math.sin(i * 3.7) * 5000 + i / 7);
    const ys = Array.from({ length: n }, (_, i) => Math.cos(i * 1.3) * 20);
    const [res] = await runLocal(async (vm, party) => {
      const x = await inputVec(vm, 0, party === 0 ? xs : null, n);
      const y = await inputVec(vm, 1, party === 1 ? ys : null, n);
      const lt = () => vm.apply(ops.msb_a, [vm.apply(ops.sub_aa, [y, x], undefined)], undefined);
      const trunc = () => vm.apply(ops.trunc_a, [x], { bits: 9 });
      const cmpAlone = await cost(vm, () => [lt()]);
      const truncAlone = await cost(vm, () => [trunc()]);
      const both = await cost(vm, () => [trunc(), lt(), trunc()]);
      const rows = vm.profile().rows;
      const open = async (c: { out: Node[] }) => Promise.all(c.out.map((o) => vm.reveal(o)));
      return {
        cmpAlone: cmpAlone.rounds,
        truncAlone: truncAlone.rounds,
        both: both.rounds,
        calls: both.calls,
        msbRow: rows.find((r) => r.op === "msb_a"),
        truncRow: rows.find((r) => r.op === "trunc_a"),
        alone: [...(await open(truncAlone)), ...(await open(cmpAlone))],
        fused: await open(both),
      };
    }, fast);
    expect(res.truncAlone).toBeGreaterThan(1);
    expect(res.both).toBe(res.cmpAlone + 1);
    expect(res.calls).toBe(1);
    expect(res.msbRow).toMatchObject({ calls: 1, nodes: 1, elements: n });
    expect(res.truncRow).toMatchObject({ calls: 1, nodes: 2, elements: 2 * n, rounds: 0 });
    // Exact truncation: the same raw values whichever call computes the carry; the plaintext too.
    const [t0, c0] = res.alone as [BigUint64Array, Uint32Array];
    const [t1, c1, t2] = res.fused as [BigUint64Array, Uint32Array, BigUint64Array];
    expect(Array.from(t1)).toEqual(Array.from(t0));
    expect(Array.from(t2)).toEqual(Array.from(t0));
    expect(bitsToBools(c1, n)).toEqual(bitsToBools(c0, n));
    expect(bitsToBools(c1, n)).toEqual(ys.map((v, i) => v < xs[i]!));
    const raw = xs.map((v) => Math.round(v * 2 ** 16));
    expect(Array.from(t0, (v) => Number(BigInt.asIntN(64, v)))).toEqual(raw.map((r) => Math.floor((r + 2 ** 8) / 2 ** 9)));
  });
});
