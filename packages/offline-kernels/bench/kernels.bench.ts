/**
 * The native offline kernels: ns per OT for IKNP extend and expand, ns per block for the CR hashes,
 * ns per product for Gilboa send and receive (64 COTs each, hashing included). Each is set next to
 * the TypeScript path it replaces where that path can be rebuilt from primitives alone (Prg rows and
 * transposeMatrix128 for IKNP, CrHash.hash for the hashes); the reference kernels are too slow to
 * be worth timing. Records nothing, with the reason on stderr, when the addon is unavailable.
 * Run alone: `npx tsx --conditions=source packages/offline-kernels/bench/kernels.bench.ts`.
 */
import { medianMs, quick, record } from "@petace/bench";
import { CrHash, matrix128, Prg, transposeMatrix128 } from "@petace/primitives";
import { gilboaCorrectionBytes } from "../src/kernels.js";
import { loadNativeKernels } from "../src/native/load.js";

const loaded = loadNativeKernels();
const k = loaded.kernels;
if (!k) {
  process.stderr.write(`offline-kernels bench: native kernels unavailable (${loaded.reason}); nothing to measure\n`);
  process.exit(0);
}

const runs = { runs: quick ? 3 : 7, warmup: 2 };
const nsPer = (ms: number, count: number): number => (ms * 1e6) / count;
const seed = (b: number) => new Uint8Array(16).fill(b);
const bytes = (n: number, b: number) => new Prg(seed(b)).bytes(n);

/** The TypeScript receiver's work per batch, as @petace/ot's IknpReceiver does it: rows by Prg, XOR, transpose. */
function tsExtend(g0: Prg[], g1: Prg[], r: Uint8Array, n: number, u: Uint8Array, t: Uint8Array): void {
  const rb = n / 8;
  const mat = matrix128(n);
  const rw = new BigUint64Array(r.buffer, r.byteOffset, rb / 8);
  for (let i = 0; i < 128; i++) {
    const row = mat.subarray(i * rb, (i + 1) * rb);
    g0[i]!.fill(row);
    const ur = u.subarray(i * rb, (i + 1) * rb);
    g1[i]!.fill(ur);
    // On 64-bit words, as @petace/ot does.
    const tw = new BigUint64Array(row.buffer, row.byteOffset, rb / 8);
    const uw = new BigUint64Array(ur.buffer, ur.byteOffset, rb / 8);
    for (let x = 0; x < uw.length; x++) uw[x] = uw[x]! ^ tw[x]! ^ rw[x]!;
  }
  transposeMatrix128(n, t);
}

// ---- IKNP ----
const base0 = bytes(2048, 1);
const base1 = bytes(2048, 2);
const delta = bytes(16, 3);
for (const n of quick ? [1 << 16] : [1 << 16, 1 << 20]) {
  const recv = k.iknpReceiver(base0, base1);
  const send = k.iknpSender(base0, delta);
  const r = bytes(n / 8, 4);
  const u = new Uint8Array(16 * n);
  const t = new Uint8Array(16 * n);
  const q = new Uint8Array(16 * n);
  const tExt = await medianMs(() => recv.extend(r, n, u, t), runs);
  record({ metric: "offline-kernels.iknp_extend_ns_per_ot", value: nsPer(tExt, n), unit: "ns/OT", size: n, note: "native, receiver" });
  const tExp = await medianMs(() => send.expand(u, n, q), runs);
  record({ metric: "offline-kernels.iknp_expand_ns_per_ot", value: nsPer(tExp, n), unit: "ns/OT", size: n, note: "native, sender" });
  if (n <= 1 << 17) {
    // The TypeScript path transposes in one piece only up to its slice of 2^17 OTs.
    const g0 = Array.from({ length: 128 }, (_, i) => new Prg(base0.subarray(16 * i, 16 * i + 16)));
    const g1 = Array.from({ length: 128 }, (_, i) => new Prg(base1.subarray(16 * i, 16 * i + 16)));
    const tTs = await medianMs(() => tsExtend(g0, g1, r, n, u, t), runs);
    record({
      metric: "offline-kernels.iknp_extend_ns_per_ot",
      value: nsPer(tTs, n),
      unit: "ns/OT",
      size: n,
      note: "TypeScript path (Prg rows, XOR, primitives' transposeMatrix128), receiver",
    });
  }
}

// ---- CR hashes ----
const crh = new CrHash();
for (const n of quick ? [1 << 16] : [1 << 12, 1 << 20]) {
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
    record({ metric: `offline-kernels.${name}_ns_per_block`, value: nsPer(ms, hashes), unit: "ns/hash", size: n, note: "native" });
  }
  const ms = await medianMs(() => crh.hash(x, out0), runs);
  record({
    metric: "offline-kernels.hash_ns_per_block",
    value: nsPer(ms, n),
    unit: "ns/hash",
    size: n,
    note: "primitives' CrHash.hash (node:crypto AES)",
  });
}

// ---- Gilboa ----
for (const n of quick ? [1024] : [1024, 16384]) {
  const q = bytes(1024 * n, 6);
  const x = new BigUint64Array(bytes(8 * n, 7).buffer);
  const corr = new Uint8Array(gilboaCorrectionBytes(n));
  const acc = new BigUint64Array(n);
  const tSend = await medianMs(() => k.gilboaSend(q, delta, x, n, corr, acc), runs);
  record({
    metric: "offline-kernels.gilboa_send_ns_per_product",
    value: nsPer(tSend, n),
    unit: "ns/product",
    size: n,
    note: "native, 64 COTs hashed as pairs",
  });
  const tRecv = await medianMs(() => k.gilboaReceive(q, x, n, corr, acc), runs);
  record({
    metric: "offline-kernels.gilboa_receive_ns_per_product",
    value: nsPer(tRecv, n),
    unit: "ns/product",
    size: n,
    note: "native, 64 COTs hashed",
  });
  // What the TypeScript path spends on its hashes alone: 128 blocks per product sent, 64 received.
  const h = q.subarray(0, 1024 * Math.min(n, 1024));
  const hOut = new Uint8Array(h.length);
  const hashes = h.length / 16;
  const tH = await medianMs(() => crh.hash(h, hOut), runs);
  record({
    metric: "offline-kernels.gilboa_hashes_ns_per_product",
    value: nsPer(tH, hashes) * 192,
    unit: "ns/product",
    size: n,
    note: "primitives' CrHash.hash on the 192 blocks a product hashes (send + receive), the TypeScript path's floor",
  });
}
