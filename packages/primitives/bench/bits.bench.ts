/**
 * Bit-matrix transpose (the OT-extension shape 128 × n and back), pack/unpack and xorBytes.
 * Run alone: `npx tsx --conditions=source packages/primitives/bench/bits.bench.ts`.
 */
import { medianMs, quick, record } from "@petace/bench";
import { packBits, transposeBits, unpackBits, xorBytes } from "../src/bits.js";
import { Prg } from "../src/prg.js";

const runs = { runs: quick ? 3 : 7, warmup: 2 };
const sizes = quick ? [1 << 16] : [1 << 16, 1 << 20];
const prg = new Prg(new Uint8Array(16));

for (const n of sizes) {
  const bytes = 16 * n;
  const m = prg.bytes(bytes);
  const t = new Uint8Array(bytes);
  const ms = await medianMs(() => transposeBits(m, 128, n, t), runs);
  record({ metric: "primitives.transpose_128xn_ms", value: ms, unit: "ms", size: n, note: "128 × n → n × 128 (32×32 word blocks)" });
  const back = new Uint8Array(bytes);
  const msInv = await medianMs(() => transposeBits(t, n, 128, back), runs);
  record({ metric: "primitives.transpose_nx128_ms", value: msInv, unit: "ms", size: n, note: "n × 128 → 128 × n (inverse)" });
  if (n === sizes[sizes.length - 1]) {
    record({ metric: "primitives.transpose_mb_per_s", value: bytes / ms / 1e3, unit: "MB/s", size: n, note: "128 × n" });
    const n8 = n - 8; // not a multiple of 32: the 8×8 byte path
    const ms8 = await medianMs(() => transposeBits(m.subarray(0, 16 * n8), 128, n8, t.subarray(0, 16 * n8)), runs);
    record({
      metric: "primitives.transpose_mb_per_s",
      value: (16 * n8) / ms8 / 1e3,
      unit: "MB/s",
      size: n8,
      note: "128 × n, n not a multiple of 32 (8×8 byte path)",
    });
    const out = new Uint8Array(bytes);
    const msx = await medianMs(() => xorBytes(m, t, out), runs);
    record({ metric: "primitives.xor_gb_per_s", value: bytes / msx / 1e6, unit: "GB/s", size: bytes, note: "xorBytes, 8-byte aligned" });
    const bits = unpackBits(m, 8 * n); // 8n bits, one per byte
    const packed = new Uint8Array(n);
    const msp = await medianMs(() => packBits(bits, packed), runs);
    record({ metric: "primitives.pack_bits_ns_per_bit", value: (msp * 1e6) / (8 * n), unit: "ns/bit", size: 8 * n });
    const msu = await medianMs(() => unpackBits(packed, 8 * n, bits), runs);
    record({ metric: "primitives.unpack_bits_ns_per_bit", value: (msu * 1e6) / (8 * n), unit: "ns/bit", size: 8 * n });
  }
}
