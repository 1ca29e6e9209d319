/**
 * The portable kernels' CPU cost: ns per OT for IKNP extend and expand, per block for the hashes,
 * per product for Gilboa send and receive, each beside the cost of its AES alone (the same Prg
 * fills or FixedKeyAes calls without the kernel around them), so the non-AES part can be read off.
 * CPU time (process.cpuUsage), not wall time: the kernels are synchronous, and CPU time is less
 * disturbed by other processes on the machine.
 * Run alone: `npx tsx --conditions=source packages/offline-kernels/bench/portable.bench.ts`.
 */
import { quick, record } from "@petace/bench";
import { CRHASH_KEY, FixedKeyAes, Prg, SeededRandom } from "@petace/primitives";
import { gilboaCorrectionBytes } from "../src/kernels.js";
import { portableKernels } from "../src/portable/index.js";
import { SLICE } from "../src/portable/instance.js";

const pk = portableKernels();
const rng = new SeededRandom(1);
const RUNS = quick ? 3 : 11;

/** Least CPU ns of fn over RUNS runs after two warm-ups (the least disturbed run, on a shared machine). */
function cpuNs(fn: () => void): number {
  fn();
  fn();
  const t: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    t.push((c.user + c.system) * 1000);
  }
  t.sort((a, b) => a - b);
  return t[0]!;
}

const N = quick ? 1 << 16 : 1 << 18;
const keys = rng.bytes(2048);
const delta = rng.bytes(16);

// IKNP: n OTs per call, both roles.
{
  const recv = pk.iknpReceiver(keys, rng.bytes(2048));
  const send = pk.iknpSender(keys, delta);
  const r = rng.bytes(N / 8);
  const [u, t, q] = [new Uint8Array(16 * N), new Uint8Array(16 * N), new Uint8Array(16 * N)];
  const ext = cpuNs(() => recv.extend(r, N, u, t)) / N;
  const exp = cpuNs(() => send.expand(u, N, q)) / N;
  // The AES alone: the same 256 (receiver) and 128 (sender) Prg fills of N/8 bytes per row, in slices.
  const streams = Array.from({ length: 256 }, () => new Prg(rng.bytes(16)));
  const rows = new Uint8Array(SLICE / 8);
  const prgFloor = (count: number) =>
    cpuNs(() => {
      for (let off = 0; off < N; off += SLICE) for (let i = 0; i < count; i++) streams[i]!.fill(rows);
    }) / N;
  const aesRecv = prgFloor(256);
  const aesSend = prgFloor(128);
  const note = "portable, ns CPU per OT";
  record({ metric: "offline-kernels.iknp_extend_ns_per_ot", value: ext, unit: "ns/OT", size: N, note });
  record({ metric: "offline-kernels.iknp_expand_ns_per_ot", value: exp, unit: "ns/OT", size: N, note });
  record({ metric: "offline-kernels.iknp_extend_aes_ns_per_ot", value: aesRecv, unit: "ns/OT", size: N, note: "256 Prg fills alone" });
  record({ metric: "offline-kernels.iknp_expand_aes_ns_per_ot", value: aesSend, unit: "ns/OT", size: N, note: "128 Prg fills alone" });
}

// Hashes: per block.
{
  const x = rng.bytes(16 * N);
  const [o0, o1] = [new Uint8Array(16 * N), new Uint8Array(16 * N)];
  const [w0, w1] = [new BigUint64Array(N), new BigUint64Array(N)];
  const note = "portable, ns CPU per block";
  const per = (fn: () => void) => cpuNs(fn) / N;
  record({ metric: "offline-kernels.hash_ns_per_block", value: per(() => pk.hash(x, o0)), unit: "ns/block", size: N, note });
  record({
    metric: "offline-kernels.hash_pair_ns_per_block",
    value: per(() => pk.hashPair(x, delta, o0, o1)),
    unit: "ns/block",
    size: N,
    note,
  });
  record({
    metric: "offline-kernels.hash_low64_pair_ns_per_block",
    value: per(() => pk.hashLow64Pair(x, delta, N, w0, w1)),
    unit: "ns/block",
    size: N,
    note,
  });
  record({
    metric: "offline-kernels.hash_lsb_pair_ns_per_block",
    value: per(() => pk.hashLsbPair(x, delta, N, o0, o1)),
    unit: "ns/block",
    size: N,
    note,
  });
  const aes = new FixedKeyAes(CRHASH_KEY);
  const aesOnly = per(() => {
    for (let off = 0; off < 16 * N; off += 1 << 16) o0.set(aes.encryptChunk(x.subarray(off, off + (1 << 16))), off);
  });
  record({
    metric: "offline-kernels.hash_aes_ns_per_block",
    value: aesOnly,
    unit: "ns/block",
    size: N,
    note: "FixedKeyAes.encryptChunk + copy alone",
  });
}

// Gilboa: per product, 64 COTs each.
{
  const n = N / 64;
  const q = rng.bytes(1024 * n);
  const x = rng.ring(n);
  const corr = new Uint8Array(gilboaCorrectionBytes(n));
  const acc = new BigUint64Array(n);
  const note = "portable, ns CPU per product (64 COTs, hash included)";
  const send = cpuNs(() => pk.gilboaSend(q, delta, x, n, corr, acc)) / n;
  const receive = cpuNs(() => pk.gilboaReceive(q, x, n, corr, acc)) / n;
  record({ metric: "offline-kernels.gilboa_send_ns_per_product", value: send, unit: "ns/product", size: n, note });
  record({ metric: "offline-kernels.gilboa_receive_ns_per_product", value: receive, unit: "ns/product", size: n, note });
}
