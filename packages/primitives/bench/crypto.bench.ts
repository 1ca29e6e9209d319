/**
 * AES (ECB, CTR PRG), correlation-robust hash and SHA-256 throughput, per backend.
 * Run alone: `npx tsx --conditions=source packages/primitives/bench/crypto.bench.ts`.
 */
import { medianMs, quick, record } from "@petace/bench";
import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { type AesBackend, FixedKeyAes } from "../src/aes.js";
import { CrHash } from "../src/crhash.js";
import { sha256 } from "../src/hash.js";
import { Prg } from "../src/prg.js";

const MiB = 1 << 20;
/** node works on 16 MiB (4 MiB quick); pure-JS noble on 1 MiB, enough for a steady figure. */
const bytesFor = (b: AesBackend): number => (b === "node" ? (quick ? 4 : 16) * MiB : MiB);
const BACKENDS: AesBackend[] = ["node", "noble"];
const gbps = (bytes: number, ms: number): number => bytes / ms / 1e6;
const runs = { runs: quick ? 3 : 7, warmup: 2 };

const data = new Prg(new Uint8Array(16)).bytes(16 * MiB);

for (const backend of BACKENDS) {
  const n = bytesFor(backend);
  const input = data.subarray(0, n);
  const out = new Uint8Array(n);

  const aes = new FixedKeyAes(new Uint8Array(16).fill(7), backend);
  const tAes = await medianMs(() => aes.encryptBlocks(input, out), runs);
  record({
    metric: "primitives.aes_ecb_gb_per_s",
    value: gbps(n, tAes),
    unit: "GB/s",
    size: n,
    note: `${backend}, FixedKeyAes.encryptBlocks, one call`,
  });

  const prg = new Prg(new Uint8Array(16).fill(1), backend);
  const tPrg = await medianMs(() => prg.fill(out), runs);
  record({ metric: "primitives.prg_gb_per_s", value: gbps(n, tPrg), unit: "GB/s", size: n, note: `${backend}, Prg.fill (AES-128-CTR)` });
  const small = new Uint8Array(8);
  const k = 1 << 16;
  const tSmall = await medianMs(() => {
    for (let i = 0; i < k; i++) prg.fill(small);
  }, runs);
  record({
    metric: "primitives.prg_small_ns_per_call",
    value: (tSmall * 1e6) / k,
    unit: "ns/call",
    size: 8,
    note: `${backend}, Prg.fill of 8 bytes (buffered)`,
  });

  const h = new CrHash(backend);
  const tH = await medianMs(() => h.hash(input, out), runs);
  record({
    metric: "primitives.crhash_gb_per_s",
    value: gbps(n, tH),
    unit: "GB/s",
    size: n,
    note: `${backend}, CrHash.hash (CCR, 1 AES per block)`,
  });
  record({
    metric: "primitives.crhash_blocks_per_s",
    value: n / 16 / (tH / 1e3),
    unit: "blocks/s",
    size: n / 16,
    note: `${backend}, CrHash.hash (CCR)`,
  });
  const tT = await medianMs(() => h.tweakedHash(input, 0, out), runs);
  record({
    metric: "primitives.crhash_blocks_per_s",
    value: n / 16 / (tT / 1e3),
    unit: "blocks/s",
    size: n / 16,
    note: `${backend}, CrHash.tweakedHash (TCCR, 2 AES per block)`,
  });
}

{
  const n = (quick ? 4 : 16) * MiB;
  const t = await medianMs(() => sha256(data.subarray(0, n)), runs);
  record({ metric: "primitives.sha256_gb_per_s", value: gbps(n, t), unit: "GB/s", size: n, note: "node:crypto (sha256 on large inputs)" });
  const m = MiB;
  const tn = await medianMs(() => nobleSha256(data.subarray(0, m)), runs);
  record({ metric: "primitives.sha256_gb_per_s", value: gbps(m, tn), unit: "GB/s", size: m, note: "@noble/hashes (sha256 fallback)" });
  const d32 = data.subarray(0, 32);
  const k = 1 << 14;
  const ts = await medianMs(() => {
    for (let i = 0; i < k; i++) sha256(d32);
  }, runs);
  record({
    metric: "primitives.sha256_ns_per_hash",
    value: (ts * 1e6) / k,
    unit: "ns/hash",
    size: 32,
    note: "32-byte input (@noble/hashes path)",
  });
}
