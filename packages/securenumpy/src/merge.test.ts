/**
 * Independent operators share rounds: comparisons of any direction, secret or public operands,
 * are all lowered to one msb call per depth; measured on the channel's round counter.
 */
import { describe, expect, it } from "vitest";
import type { SecureArray } from "./core/secure-array.js";
import { both } from "../test/util.js";

describe("round merging through SecureArray", () => {
  it("k comparisons (gt, lt, ge, le, with public operands) cost the rounds of one", async () => {
    const k = 6;
    const n = 40;
    const [r] = await both(async (np, party, vm) => {
      const xs: SecureArray[] = [];
      for (let j = 0; j < k; j++)
        xs.push(await np.array(party === j % 2 ? Array.from({ length: n }, (_, i) => ((i * 7 + j * 3) % 11) - 5) : null, (j % 2) as 0 | 1));
      const cost = async (build: () => SecureArray[]) => {
        await vm.evaluate();
        vm.resetProfile();
        const before = vm.stats.rounds;
        const outs = build();
        await vm.evaluate();
        const rounds = vm.stats.rounds - before;
        const msb = vm.profile().rows.find((row) => row.op === "msb_a");
        return { rounds, msbCalls: msb?.calls ?? 0, msbNodes: msb?.nodes ?? 0, outs };
      };
      const one = await cost(() => [xs[0]!.gt(xs[1]!)]);
      const many = await cost(() => [
        xs[0]!.gt(xs[1]!),
        xs[1]!.lt(xs[2]!),
        xs[2]!.ge(0),
        np.lessEqual(1.5, xs[3]!),
        xs[4]!.gt([1, 2].concat(new Array(n - 2).fill(0))),
        np.greater(xs[5]!, xs[0]!),
      ]);
      const values = [];
      for (const o of many.outs) values.push((await o.reveal()).tolist());
      return { one, many: { rounds: many.rounds, msbCalls: many.msbCalls, msbNodes: many.msbNodes }, values, table: vm.profile().table() };
    });
    expect(r.one.rounds).toBeGreaterThan(1);
    expect(r.many.rounds).toBe(r.one.rounds);
    expect(r.many.msbCalls).toBe(1);
    expect(r.many.msbNodes).toBe(k);
    expect(r.values.length).toBe(k);
    console.log(
      `1 comparison of ${n}: ${r.one.rounds} rounds; ${k} independent comparisons of ${n}: ${r.many.rounds} rounds, ${r.many.msbCalls} msb call\n${r.table}`,
    );
  });
});
