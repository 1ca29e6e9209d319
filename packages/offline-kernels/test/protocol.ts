/**
 * The protocol-level checks every implementation's tests share: base-OT keys as each side holds
 * them, and one Gilboa exchange on top of a fresh IKNP batch.
 */
import type { SeededRandom } from "@petace/primitives";
import { gilboaCorrectionBytes, type OfflineKernels } from "../src/kernels.js";

export const M64 = (1n << 64n) - 1n;

/** Base-OT keys as each side holds them: sender (k0, k1), receiver (Δ, k_Δi). */
export function baseKeys(rng: SeededRandom) {
  const k0 = rng.bytes(128 * 16);
  const k1 = rng.bytes(128 * 16);
  const delta = rng.bytes(16);
  const k = new Uint8Array(128 * 16);
  for (let i = 0; i < 128; i++) k.set(((delta[i >>> 3]! >>> (i & 7)) & 1 ? k1 : k0).subarray(16 * i, 16 * i + 16), 16 * i);
  return { k0, k1, delta, k };
}

/**
 * n Gilboa products x·y on kernels `kk` over a fresh IKNP batch (one COT per bit of y, padded to
 * 128): returns x, y and the sender's and receiver's shares a, b added into accumulators that start
 * at `acc` and −`acc` (so a + b is x·y alone).
 */
export function gilboaOnIknp(kk: OfflineKernels, rng: SeededRandom, n: number, acc?: BigUint64Array) {
  const { k0, k1, delta, k } = baseKeys(rng);
  const x = rng.ring(n);
  const y = rng.ring(n);
  const cots = Math.ceil((64 * n) / 128) * 128;
  const r = new Uint8Array(cots / 8);
  r.set(new Uint8Array(y.buffer, y.byteOffset, y.byteLength));
  const [u, t, q] = [new Uint8Array(16 * cots), new Uint8Array(16 * cots), new Uint8Array(16 * cots)];
  kk.iknpReceiver(k0, k1).extend(r, cots, u, t);
  kk.iknpSender(k, delta).expand(u, cots, q);
  const corr = new Uint8Array(gilboaCorrectionBytes(n));
  const a = acc ? acc.slice() : new BigUint64Array(n);
  const b = a.map((v) => (0n - v) & M64);
  kk.gilboaSend(q, delta, x, n, corr, a);
  kk.gilboaReceive(t, y, n, corr, b);
  return { x, y, a, b };
}
