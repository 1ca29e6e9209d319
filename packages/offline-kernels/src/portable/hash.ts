/**
 * The hash kernels: H(x) = π(σ(x)) ⊕ σ(x) (GKWY 2020 §7.3, primitives' CrHash.hash) over whole
 * buffers, chunk by chunk: the input is copied into wasm memory, σ runs there (for pairs also
 * σ(x) ⊕ σ(Δ), as σ is linear), AES runs on the chunk, and wasm finishes the outputs wanted (full
 * blocks, low 64 bits or packed LSBs), which are copied to the caller's buffers.
 */
import { encryptInto } from "./aes.js";
import { checkBlocks, checkBytes, checkCount, checkExact, checkWords, wholeBlocks } from "./checks.js";
import { CHUNK, type Wasm } from "./instance.js";

/** Which part of H a kernel keeps: all 16 bytes, the low 64 bits, or bit 0 packed. */
type Out = "full" | "low64" | "lsb";

/**
 * One chunk of m blocks from `src` (at block `off`): σ into s0 (and σ ⊕ σ(Δ) into s1 when `pair`;
 * Δ already at w.at.delta), AES into e0 (and e1).
 */
function prepare(w: Wasm, src: Uint8Array, off: number, m: number, pair: boolean): void {
  const { k, at, u8 } = w;
  u8.set(src.subarray(16 * off, 16 * (off + m)), at.s0);
  if (pair) {
    k.sigmaPair(at.s0, m, at.delta, at.s1);
    encryptInto(w, at.s0, m, at.e0);
    encryptInto(w, at.s1, m, at.e1);
  } else {
    k.sigma(at.s0, m);
    encryptInto(w, at.s0, m, at.e0);
  }
}

/** Finishes H of the chunk at (e, s) as `kind` and copies it to out at block `off`. */
function finish(w: Wasm, kind: Out, e: number, s: number, off: number, m: number, out: Uint8Array | BigUint64Array): void {
  const { k, at, u8, u64 } = w;
  if (kind === "full") {
    k.xorBlocks(e, s, m);
    (out as Uint8Array).set(u8.subarray(e, e + 16 * m), 16 * off);
  } else if (kind === "low64") {
    k.low64(e, s, m, at.out);
    (out as BigUint64Array).set(u64.subarray(at.out >>> 3, (at.out >>> 3) + m), off);
  } else {
    k.lsb(e, s, m, at.out);
    (out as Uint8Array).set(u8.subarray(at.out, at.out + (m >>> 3)), off >>> 3);
  }
}

export function hashKernel(w: Wasm, kind: Out, blocks: Uint8Array, n: number, out: Uint8Array | BigUint64Array): void {
  for (let off = 0; off < n; off += CHUNK) {
    const m = Math.min(CHUNK, n - off);
    prepare(w, blocks, off, m, false);
    finish(w, kind, w.at.e0, w.at.s0, off, m, out);
  }
}

export function hashPairKernel(
  w: Wasm,
  kind: Out,
  q: Uint8Array,
  delta: Uint8Array,
  n: number,
  out0: Uint8Array | BigUint64Array,
  out1: Uint8Array | BigUint64Array,
): void {
  w.u8.set(delta, w.at.delta);
  for (let off = 0; off < n; off += CHUNK) {
    const m = Math.min(CHUNK, n - off);
    prepare(w, q, off, m, true);
    finish(w, kind, w.at.e0, w.at.s0, off, m, out0);
    finish(w, kind, w.at.e1, w.at.s1, off, m, out1);
  }
}

/** The six hash kernels of OfflineKernels, with their size checks. */
export function hashKernels(w: Wasm) {
  return {
    hash(blocks: Uint8Array, out: Uint8Array): void {
      const n = wholeBlocks("hash", "blocks", blocks);
      checkBlocks("hash", "out", out, n);
      hashKernel(w, "full", blocks, n, out);
    },
    hashPair(q: Uint8Array, delta: Uint8Array, out0: Uint8Array, out1: Uint8Array): void {
      const n = wholeBlocks("hashPair", "q", q);
      checkExact("hashPair", "delta", delta, 16);
      checkBlocks("hashPair", "out0", out0, n);
      checkBlocks("hashPair", "out1", out1, n);
      hashPairKernel(w, "full", q, delta, n, out0, out1);
    },
    hashLow64(blocks: Uint8Array, n: number, out: BigUint64Array): void {
      checkCount("hashLow64", n, 1, "blocks");
      checkBlocks("hashLow64", "blocks", blocks, n);
      checkWords("hashLow64", "out", out, n);
      hashKernel(w, "low64", blocks, n, out);
    },
    hashLow64Pair(q: Uint8Array, delta: Uint8Array, n: number, out0: BigUint64Array, out1: BigUint64Array): void {
      checkCount("hashLow64Pair", n, 1, "blocks");
      checkBlocks("hashLow64Pair", "q", q, n);
      checkExact("hashLow64Pair", "delta", delta, 16);
      checkWords("hashLow64Pair", "out0", out0, n);
      checkWords("hashLow64Pair", "out1", out1, n);
      hashPairKernel(w, "low64", q, delta, n, out0, out1);
    },
    hashLsb(blocks: Uint8Array, n: number, out: Uint8Array): void {
      checkCount("hashLsb", n, 32, "blocks, packed 32 to a word");
      checkBlocks("hashLsb", "blocks", blocks, n);
      checkBytes("hashLsb", "out", out, n >>> 3, `${n} bits`);
      hashKernel(w, "lsb", blocks, n, out);
    },
    hashLsbPair(q: Uint8Array, delta: Uint8Array, n: number, out0: Uint8Array, out1: Uint8Array): void {
      checkCount("hashLsbPair", n, 32, "blocks, packed 32 to a word");
      checkBlocks("hashLsbPair", "q", q, n);
      checkExact("hashLsbPair", "delta", delta, 16);
      checkBytes("hashLsbPair", "out0", out0, n >>> 3, `${n} bits`);
      checkBytes("hashLsbPair", "out1", out1, n >>> 3, `${n} bits`);
      hashPairKernel(w, "lsb", q, delta, n, out0, out1);
    },
  };
}
