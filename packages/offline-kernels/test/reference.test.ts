/** The reference kernels do what the protocols need: IKNP's correlation and Gilboa's shares. */
import { describe, expect, it } from "vitest";
import { SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { gilboaCorrectionBytes } from "../src/kernels.js";
import { referenceKernels as ref } from "./reference.js";

const M64 = (1n << 64n) - 1n;

/** Base-OT keys as each side holds them: sender (k0, k1), receiver (Δ, k_Δi). */
function baseKeys(rng: SeededRandom) {
  const k0 = rng.bytes(128 * 16);
  const k1 = rng.bytes(128 * 16);
  const delta = rng.bytes(16);
  const k = new Uint8Array(128 * 16);
  for (let i = 0; i < 128; i++) k.set(((delta[i >>> 3]! >>> (i & 7)) & 1 ? k1 : k0).subarray(16 * i, 16 * i + 16), 16 * i);
  return { k0, k1, delta, k };
}

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
    const rng = new SeededRandom(testSeed());
    const { k0, k1, delta, k } = baseKeys(rng);
    const n = 3;
    const x = new BigUint64Array(rng.bytes(8 * n).buffer);
    const y = new BigUint64Array(rng.bytes(8 * n).buffer);
    const cots = 64 * n + (128 - ((64 * n) % 128)); // padded to 128
    const r = new Uint8Array(cots / 8);
    r.set(new Uint8Array(y.buffer));
    const u = new Uint8Array(16 * cots);
    const t = new Uint8Array(16 * cots);
    const q = new Uint8Array(16 * cots);
    ref.iknpReceiver(k0, k1).extend(r, cots, u, t);
    ref.iknpSender(k, delta).expand(u, cots, q);
    const corr = new Uint8Array(gilboaCorrectionBytes(n));
    const a = new BigUint64Array(n);
    const b = new BigUint64Array(n);
    ref.gilboaSend(q, delta, x, n, corr, a);
    ref.gilboaReceive(t, y, n, corr, b);
    for (let i = 0; i < n; i++) expect((a[i]! + b[i]!) & M64).toBe((x[i]! * y[i]!) & M64);
  });
});
