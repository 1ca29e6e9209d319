/**
 * The offline kernels side by side, native and portable: ns per OT for IKNP extend and expand, ns
 * per block for the CR hashes, ns per product for Gilboa send and receive (64 COTs each, hashing
 * included). Wall time of one thread (the kernels are single-threaded). Native rows are left out,
 * with the reason on stderr, when the addon is unavailable. `portable.bench.ts` sets the portable
 * kernels next to the cost of their AES alone.
 * Run alone: `npx tsx --conditions=source packages/offline-kernels/bench/kernels.bench.ts`.
 */
import { medianMs, quick, record } from "@petace/bench";
import { Prg } from "@petace/primitives";
import { gilboaCorrectionBytes, type OfflineKernels } from "../src/kernels.js";
import { loadNativeKernels } from "../src/native/load.js";
import { portableKernels } from "../src/portable/index.js";

const loaded = loadNativeKernels();
if (!loaded.kernels) process.stderr.write(`offline-kernels bench: native kernels unavailable (${loaded.reason}); portable only\n`);
const impls: OfflineKernels[] = loaded.kernels ? [loaded.kernels, portableKernels()] : [portableKernels()];

const runs = { runs: quick ? 3 : 7, warmup: 2 };
const nsPer = (ms: number, count: number): number => (ms * 1e6) / count;
const seed = (b: number) => new Uint8Array(16).fill(b);
const bytes = (n: number, b: number) => new Prg(seed(b)).bytes(n);
const base0 = bytes(2048, 1);
const base1 = bytes(2048, 2);
const delta = bytes(16, 3);

for (const k of impls) {
  // ---- IKNP ----
  for (const n of quick ? [1 << 16] : [1 << 16, 1 << 18]) {
    const recv = k.iknpReceiver(base0, base1);
    const send = k.iknpSender(base0, delta);
    const r = bytes(n / 8, 4);
    const u = new Uint8Array(16 * n);
    const t = new Uint8Array(16 * n);
    const q = new Uint8Array(16 * n);
    const tExt = await medianMs(() => recv.extend(r, n, u, t), runs);
    record({ metric: "offline-kernels.iknp_extend_ns_per_ot", value: nsPer(tExt, n), unit: "ns/OT", size: n, note: `${k.name}, receiver` });
    const tExp = await medianMs(() => send.expand(u, n, q), runs);
    record({ metric: "offline-kernels.iknp_expand_ns_per_ot", value: nsPer(tExp, n), unit: "ns/OT", size: n, note: `${k.name}, sender` });
  }

  // ---- CR hashes ----
  for (const n of quick ? [1 << 16] : [1 << 12, 1 << 18]) {
    const x = bytes(16 * n, 5);
    const out0 = new Uint8Array(16 * n);
    const out1 = new Uint8Array(16 * n);
    const w0 = new BigUint64Array(n);
    const w1 = new BigUint64Array(n);
    const b0 = new Uint8Array(n / 8);
    const b1 = new Uint8Array(n / 8);
    const shapes: [string, () => void, number][] = [
      ["hash", () => k.hash(x, out0), n],
      ["hash_pair", () => k.hashPair(x, delta, out0, out1), 2 * n],
      ["hash_low64", () => k.hashLow64(x, n, w0), n],
      ["hash_low64_pair", () => k.hashLow64Pair(x, delta, n, w0, w1), 2 * n],
      ["hash_lsb", () => k.hashLsb(x, n, b0), n],
      ["hash_lsb_pair", () => k.hashLsbPair(x, delta, n, b0, b1), 2 * n],
    ];
    for (const [name, fn, hashes] of shapes) {
      const ms = await medianMs(fn, runs);
      record({ metric: `offline-kernels.${name}_ns_per_block`, value: nsPer(ms, hashes), unit: "ns/hash", size: n, note: k.name });
    }
  }

  // ---- Gilboa ----
  for (const n of quick ? [1024] : [1024, 16384]) {
    const q = bytes(1024 * n, 6);
    const x = new BigUint64Array(bytes(8 * n, 7).buffer);
    const corr = new Uint8Array(gilboaCorrectionBytes(n));
    const acc = new BigUint64Array(n);
    const tSend = await medianMs(() => k.gilboaSend(q, delta, x, n, corr, acc), runs);
    const note = `${k.name}, 64 COTs per product, hashing included`;
    record({ metric: "offline-kernels.gilboa_send_ns_per_product", value: nsPer(tSend, n), unit: "ns/product", size: n, note });
    const tRecv = await medianMs(() => k.gilboaReceive(q, x, n, corr, acc), runs);
    record({ metric: "offline-kernels.gilboa_receive_ns_per_product", value: nsPer(tRecv, n), unit: "ns/product", size: n, note });
  }
}
