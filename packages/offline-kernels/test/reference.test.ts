/** The reference kernels do what the protocols need: IKNP's correlation and Gilboa's shares. */
import { describe, expect, it } from "vitest";
import { SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { baseKeys, gilboaOnIknp, M64 } from "./protocol.js";
import { referenceKernels as ref } from "./reference.js";

describe("reference kernels", () => {
  it("IKNP: q_j ⊕ t_j = r_j·Δ, over two batches (streams continue)", () => {
    const rng = new SeededRandom(testSeed());
    const { k0, k1, delta, k } = baseKeys(rng);
    const recv = ref.iknpReceiver(k0, k1);
    const send = ref.iknpSender(k, delta);
    for (const n of [256, 128]) {
      const r = rng.bytes(n / 8);
      const u = new Uint8Array(16 * n);
      const t = new Uint8Array(16 * n);
      const q = new Uint8Array(16 * n);
      recv.extend(r, n, u, t);
      send.expand(u, n, q);
      for (let j = 0; j < n; j++) {
        const rj = (r[j >>> 3]! >>> (j & 7)) & 1;
        for (let b = 0; b < 16; b++) expect(q[16 * j + b]! ^ t[16 * j + b]!).toBe(rj ? delta[b]! : 0);
      }
    }
  });

  it("Gilboa: sender and receiver shares sum to x·y mod 2^64", () => {
    const { x, y, a, b } = gilboaOnIknp(ref, new SeededRandom(testSeed()), 3);
    for (let i = 0; i < 3; i++) expect((a[i]! + b[i]!) & M64).toBe((x[i]! * y[i]!) & M64);
  });
});
