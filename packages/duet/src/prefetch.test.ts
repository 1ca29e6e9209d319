/**
 * The VM asks the OT provider for a batch's correlations before its online rounds (prefetch.ts):
 * every kernel then spends exactly the rounds its operator declares (costs.ts), none on refills,
 * and the results are bit for bit those of the VM without the prefetch. Measured on the channel's
 * counters, with the dealer-free OT provider on the VM's own channel (the default).
 */
import { SeededRandom } from "@petace/primitives";
import { operators, type CostEnv, type Operator } from "@petace/protocols";
import { testSeed } from "@petace/testkit";
import { describe, expect, it } from "vitest";
import { ops, otCorrelations, runLocal } from "./index.js";
import { dec, inputVec } from "../test/util.js";

const seed = testSeed();
const N = 1000;
const ENV: CostEnv = { fracBits: 16, comparison: "millionaire", randomOts: true, squarePairs: true, truncation: "exact" };
const KERNELS = ["sigmoid_a", "exp_a", "msb_a", "mul_aa"] as const;

/** One batch of independent kernels; each party's results, and the rounds each kernel spent. */
async function program(prefetch: boolean) {
  const rng = new SeededRandom(seed);
  const xs = Array.from({ length: N }, () => rng.uniform(-8, 8));
  const ys = Array.from({ length: N }, () => rng.uniform(-4, 4));
  return runLocal(
    async (vm, party) => {
      const x = await inputVec(vm, 0, party === 0 ? xs : null, N);
      const y = await inputVec(vm, 1, party === 1 ? ys : null, N);
      const s = vm.apply(ops.sigmoid_a, [x], undefined);
      const e = vm.apply(ops.exp_a, [y], undefined);
      const c = vm.apply(ops.msb_a, [vm.apply(ops.sub_aa, [x, y], undefined)], undefined);
      const m = vm.apply(ops.mul_aa, [x, y], undefined);
      await vm.evaluate();
      const rounds = Object.fromEntries(KERNELS.map((id) => [id, vm.profile().rows.find((r) => r.op === id)!.rounds]));
      const prefetchRounds = vm.profile().rows.find((r) => r.op === "prefetch")?.rounds ?? 0;
      const values = [await vm.reveal(s), await vm.reveal(e), await vm.reveal(c), await vm.reveal(m)];
      // Both parties made the same refills: the channel is still in step for a sync round.
      await vm.sync("after the prefetched batch");
      return { rounds, prefetchRounds, values, sigmoid: dec(values[0] as BigUint64Array) };
    },
    { correlations: otCorrelations({ batch: { arith: 256, bool: 4096, daBits: 256, randomOts: 1024, squares: 256 } }), prefetch },
  );
}

describe(`correlation prefetch (seed ${seed})`, () => {
  it("keeps refills out of the kernels' rounds and the results bit for bit the same", { timeout: 120_000 }, async () => {
    const [on0, on1] = await program(true);
    const [off0, off1] = await program(false);
    for (const id of KERNELS) {
      const declared = (operators[id] as Operator<unknown>).cost(N, undefined, ENV).rounds;
      expect(on0.rounds[id], id).toBe(declared);
      expect(on1.rounds[id], id).toBe(declared);
    }
    expect(on0.prefetchRounds).toBeGreaterThan(0);
    expect(on0.prefetchRounds).toBe(on1.prefetchRounds);
    // Without the prefetch the small batches refill inside the kernels.
    expect(KERNELS.some((id) => off0.rounds[id]! > on0.rounds[id]!)).toBe(true);
    expect(on0.values).toEqual(off0.values);
    expect(on1.values).toEqual(off1.values);
    // And they are right: sigmoid against Math, within the kernel's documented error.
    const rng = new SeededRandom(seed);
    const xs = Array.from({ length: N }, () => rng.uniform(-8, 8));
    on0.sigmoid.forEach((v, i) => expect(Math.abs(v - 1 / (1 + Math.exp(-xs[i]!))), `x = ${xs[i]}`).toBeLessThan(1e-3));
  });
});
