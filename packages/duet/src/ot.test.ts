/** The default: correlations made by the parties with OT extension (no dealer). */
import { otCorrelations } from "@petace/correlations";
import { memoryPair } from "@petace/network";
import { describe, expect, it } from "vitest";
import { Duet } from "./duet.js";
import { ops } from "./index.js";
import { runLocal } from "./run-local.js";
import { bitsToBools, dec, inputVec } from "../test/util.js";

describe("default OT triples", () => {
  it("sets up without a dealer and computes products and comparisons", { timeout: 20_000 }, async () => {
    const xs = [1.5, -3, 2.25];
    const ys = [2, 4, -0.5];
    const [r0, r1] = await runLocal(async (vm, party) => {
      const x = await inputVec(vm, 0, party === 0 ? xs : null, 3);
      const y = await inputVec(vm, 1, party === 1 ? ys : null, 3);
      const p = vm.apply(ops.mul_aa, [x, y], undefined);
      const c = vm.apply(ops.msb_a, [vm.apply(ops.sub_aa, [x, y], undefined)], undefined);
      const [pv, cv] = [await vm.reveal(p), await vm.reveal(c)];
      return { correlations: vm.correlations, setupMs: vm.setupMs, p: dec(pv as BigUint64Array), c: bitsToBools(cv as Uint32Array, 3) };
    });
    expect(r0.correlations).toBe("ot");
    expect(r1.correlations).toBe("ot");
    r0.p.forEach((v, i) => expect(v).toBeCloseTo(xs[i]! * ys[i]!, 3));
    expect(r0.c).toEqual([true, true, false]);
    // Set-up time is reported, not asserted: wall-clock bounds belong to the benchmarks.
    expect(r0.setupMs).toBeGreaterThan(0);
    console.log(`Duet.create with OT triples: ${r0.setupMs.toFixed(0)} ms (party 0), ${r1.setupMs.toFixed(0)} ms (party 1)`);
  });
});

describe("OT triples on silent OT", () => {
  it("computes products and comparisons with every correlation on Ferret (small insecure test sets), prefetch on", {
    timeout: 60_000,
  }, async () => {
    const xs = [1.5, -3, 2.25, 7];
    const ys = [2, 4, -0.5, 7];
    const correlations = otCorrelations({
      ot: "silent",
      silentParams: { main: { n: 1 << 15, k: 2048, t: 64, h: 9 }, pre: { n: 4096, k: 512, t: 16, h: 8 } },
      batch: { arith: 256, bool: 1024, daBits: 256, randomOts: 1024, squares: 256 },
    });
    const [r0] = await runLocal(
      async (vm, party) => {
        const x = await inputVec(vm, 0, party === 0 ? xs : null, 4);
        const y = await inputVec(vm, 1, party === 1 ? ys : null, 4);
        const p = vm.apply(ops.mul_aa, [x, y], undefined);
        const c = vm.apply(ops.msb_a, [vm.apply(ops.sub_aa, [x, y], undefined)], undefined);
        const e = vm.apply(ops.eq_aa, [x, y], undefined);
        const [pv, cv, ev] = [await vm.reveal(p), await vm.reveal(c), await vm.reveal(e)];
        return {
          correlations: vm.correlations,
          p: dec(pv as BigUint64Array),
          c: bitsToBools(cv as Uint32Array, 4),
          e: bitsToBools(ev as Uint32Array, 4),
        };
      },
      { correlations },
    );
    expect(r0.correlations).toBe("ot/silent");
    r0.p.forEach((v, i) => expect(v).toBeCloseTo(xs[i]! * ys[i]!, 3));
    expect(r0.c).toEqual([true, true, false, false]);
    expect(r0.e).toEqual([false, false, false, true]);
  });

  it("refuses a peer on IKNP before any OT runs: the sources' kinds differ", async () => {
    const [c0, c1] = memoryPair({ timeoutMs: 10_000 });
    const made = await Promise.allSettled([
      Duet.create(c0, 0, { correlations: otCorrelations({ ot: "silent" }) }),
      Duet.create(c1, 1, { correlations: otCorrelations() }),
    ]);
    expect(made.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(String((made[0] as PromiseRejectedResult).reason)).toMatch(/ot\/silent/);
    await Promise.all([c0.close(), c1.close()]);
  });
});
