/** The offline phase in worker threads: otCorrelations({ workers }) under the VM. */
import { describe, expect, it } from "vitest";
import { otCorrelations } from "@petace/correlations";
import { memoryPair } from "@petace/network";
import { Duet } from "./duet.js";
import { ops } from "./index.js";
import { runLocal } from "./run-local.js";
import { bitsToBools, dec, inputVec } from "../test/util.js";

describe("correlations made in worker threads", () => {
  it("runs a program (products, comparisons, a matrix product) and closes the workers with the VM", { timeout: 120_000 }, async () => {
    const xs = [1.5, -3, 2.25, 0.5];
    const ys = [2, 4, -0.5, 0.25];
    const [r0, r1] = await runLocal(
      async (vm, party) => {
        const x = await inputVec(vm, 0, party === 0 ? xs : null, 4);
        const y = await inputVec(vm, 1, party === 1 ? ys : null, 4);
        const p = vm.apply(ops.mul_aa, [x, y], undefined);
        const c = vm.apply(ops.msb_a, [vm.apply(ops.sub_aa, [x, y], undefined)], undefined);
        const m = vm.apply(ops.matmul_aa, [x, y], { m: 2, k: 2, n: 2 });
        const [pv, cv, mv] = [await vm.reveal(p), await vm.reveal(c), await vm.reveal(m)];
        return {
          correlations: vm.correlations,
          p: dec(pv as BigUint64Array),
          c: bitsToBools(cv as Uint32Array, 4),
          m: dec(mv as BigUint64Array),
        };
      },
      { correlations: otCorrelations({ workers: 1 }) },
    );
    expect(r0.correlations).toBe("ot");
    r0.p.forEach((v, i) => expect(v).toBeCloseTo(xs[i]! * ys[i]!, 3));
    expect(r0.c).toEqual(xs.map((x, i) => x < ys[i]!));
    const want = [
      xs[0]! * ys[0]! + xs[1]! * ys[2]!,
      xs[0]! * ys[1]! + xs[1]! * ys[3]!,
      xs[2]! * ys[0]! + xs[3]! * ys[2]!,
      xs[2]! * ys[1]! + xs[3]! * ys[3]!,
    ];
    r0.m.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 3));
    expect(r1.p).toEqual(r0.p);
  });

  it("refuses a peer that makes its correlations differently, before starting any worker", async () => {
    const [c0, c1] = memoryPair();
    const made = await Promise.allSettled([
      Duet.create(c0, 0, { correlations: otCorrelations({ workers: 1 }) }),
      Duet.create(c1, 1, { correlations: otCorrelations() }),
    ]);
    expect(made.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(String((made[0] as PromiseRejectedResult).reason)).toMatch(/ot\/workers=1/);
    await Promise.all([c0.close(), c1.close()]);
  });
});
