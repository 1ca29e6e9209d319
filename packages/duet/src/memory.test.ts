/**
 * Long programs hold memory flat: evaluated nodes drop their inputs, so a 1000-iteration loop that
 * rebinds its state keeps only the current state alive. Heap measured after forced collections
 * (vitest runs this package with --expose-gc).
 */
import { describe, expect, it } from "vitest";
import type { Duet } from "./duet.js";
import type { Node } from "./node.js";
import { ops } from "./index.js";
import { runLocal } from "./run-local.js";
import { dec, enc, inputVec } from "../test/util.js";
import { insecureDealer } from "./index.js";

const gc = (globalThis as { gc?: () => void }).gc;
const heap = (): number => {
  gc!();
  gc!();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers; // typed-array contents live outside the JS heap
};

/** One gradient-descent-like step on n elements: w ← w − 2^-4·(x·w − y). */
function step(vm: Duet, w: Node, x: Node, y: Node): Node {
  const r = vm.apply(ops.sub_aa, [vm.apply(ops.mul_aa, [x, w], undefined), y], undefined);
  return vm.apply(ops.sub_aa, [w, vm.apply(ops.mul_ap, [r], { p: 1n << 12n })], undefined);
}

describe("memory", () => {
  it("a 1000-iteration loop holds the heap flat", { timeout: 20_000 }, async () => {
    expect(gc, "run with --expose-gc").toBeTypeOf("function");
    const n = 1024;
    const xs = Array.from({ length: n }, (_, i) => 1 + (i % 3) * 0.25);
    const ys = xs.map((x) => 2 * x);
    const [res] = await runLocal(
      async (vm, party) => {
        const x = await inputVec(vm, 0, party === 0 ? xs : null, n);
        const y = await inputVec(vm, 1, party === 1 ? ys : null, n);
        let w = vm.constant(enc(new Array(n).fill(0)), n);
        const run = async (iters: number) => {
          for (let i = 0; i < iters; i++) {
            w = step(vm, w, x, y);
            await vm.evaluate();
          }
        };
        await run(100); // warm-up: JIT, pools, profile rows
        const before = party === 0 ? heap() : 0;
        await run(1000);
        const after = party === 0 ? heap() : 0;
        return { grown: after - before, w: dec((await vm.reveal(w)) as BigUint64Array) };
      },
      // What is measured is the VM's node lifetime, not the protocols: the one-round stochastic
      // truncation keeps 2200 fixed-point products within the time limit on a busy machine.
      { correlations: insecureDealer, truncation: "stochastic" },
    );
    // A node's value is 8 KiB here: keeping the 5 nodes of each iteration would add 40 MB. What
    // remains is noise from pools and buffers (about ±0.6 MB measured).
    expect(res.grown).toBeLessThan(4_000_000);
    res.w.forEach((v) => expect(v).toBeCloseTo(2, 2));
  });

  it("evaluates on its own past maxPendingNodes", async () => {
    const [res] = await runLocal(
      async (vm, party) => {
        const x = await inputVec(vm, 0, party === 0 ? [1, 2, 3] : null, 3);
        let acc = vm.constant(enc([0, 0, 0]), 3);
        let maxPending = 0;
        for (let i = 0; i < 1000; i++) {
          acc = vm.apply(ops.add_aa, [acc, vm.apply(ops.mul_ap, [x], { p: 1n << 16n })], undefined);
          maxPending = Math.max(maxPending, vm.pendingCount);
          if (i % 50 === 0) await new Promise((r) => setImmediate(r));
        }
        return { maxPending, acc: dec((await vm.reveal(acc)) as BigUint64Array) };
      },
      { correlations: insecureDealer, maxPendingNodes: 64 },
    );
    expect(res.maxPending).toBeLessThan(64);
    // Each product is truncated, rounding to nearest: x·1 is exact, so the sum is too.
    expect(res.acc).toEqual([1000, 2000, 3000]);
  });
});
