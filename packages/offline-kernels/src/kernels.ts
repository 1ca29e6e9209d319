/**
 * The interface of the fused offline kernels: the local work of OT extension (IKNP/ALSZ) and of
 * correlation making (the correlation-robust hash, Gilboa products), each one call over a whole
 * batch into caller-owned memory. Two implementations give identical bytes and interoperate on the
 * wire: the portable one (WebAssembly, AES from node:crypto or noble) and the optional native one
 * (C through Node-API, AES-NI). `test/reference.ts` states the semantics in plain, slow code.
 *
 * Conventions shared by every implementation:
 * - A block is 16 bytes; one OT is one block. Buffers of blocks are n × 16 bytes back to back.
 * - The PRG of seed s is AES-128-CTR keyed by s with a 128-bit big-endian counter from 0 (primitives'
 *   `Prg`); each IKNP column stream continues across calls.
 * - H(x) = π(σ(x)) ⊕ σ(x), π = AES-128 under primitives' public `CRHASH_KEY`, σ(x_L ‖ x_R) =
 *   (x_L ⊕ x_R) ‖ x_L on 8-byte halves (GKWY 2020 §7.3, primitives' `CrHash.hash`). "Low 64" is
 *   bytes 0..7 of H read little-endian; "LSB" is bit 0 of byte 0.
 * - Bits are packed LSB-first; ring elements are u64 little-endian.
 * - Kernels validate sizes and throw a RangeError naming the kernel; they never branch on secret data.
 */

/** The extension receiver of one IKNP instance (it was the sender of the base OTs). */
export interface IknpReceiverKernel {
  /**
   * n OTs (a positive multiple of 128) with packed choices r (n/8 bytes): writes u (128 rows of n/8
   * bytes; row i = G(k0_i) ⊕ G(k1_i) ⊕ r) and t (n × 16 bytes; t_j = column j of the matrix of rows
   * G(k0_i)), and advances all 256 streams by n/8 bytes.
   */
  extend(r: Uint8Array, n: number, u: Uint8Array, t: Uint8Array): void;
}

/** The extension sender of one IKNP instance (it was the receiver of the base OTs, with choices Δ). */
export interface IknpSenderKernel {
  /**
   * From the receiver's u for n OTs: writes q (n × 16 bytes; row i of the matrix is
   * G(k_i) ⊕ Δ_i·u_i, q_j its column j), and advances the 128 streams by n/8 bytes.
   */
  expand(u: Uint8Array, n: number, q: Uint8Array): void;
}

export interface OfflineKernels {
  /** Which implementation this is. */
  readonly name: "portable" | "native";

  /** IKNP receiver state: k0, k1 are the 128 base-OT seed pairs (128 × 16 bytes each). */
  iknpReceiver(k0: Uint8Array, k1: Uint8Array): IknpReceiverKernel;
  /** IKNP sender state: k the 128 received seeds (128 × 16 bytes), Δ (16 bytes) the base-OT choices. */
  iknpSender(k: Uint8Array, delta: Uint8Array): IknpSenderKernel;

  /** out_j = H(x_j), full 16 bytes, for every block of `blocks` (out may be `blocks`). */
  hash(blocks: Uint8Array, out: Uint8Array): void;
  /** out0_j = H(q_j), out1_j = H(q_j ⊕ Δ), full 16 bytes (random OT sender; out0 may be q). */
  hashPair(q: Uint8Array, delta: Uint8Array, out0: Uint8Array, out1: Uint8Array): void;
  /** out[j] = low 64 bits of H(x_j) for j < n. */
  hashLow64(blocks: Uint8Array, n: number, out: BigUint64Array): void;
  /** out0[j], out1[j] = low 64 bits of H(q_j), H(q_j ⊕ Δ) for j < n. */
  hashLow64Pair(q: Uint8Array, delta: Uint8Array, n: number, out0: BigUint64Array, out1: BigUint64Array): void;
  /** Bit 0 of H(x_j), packed, for j < n (n a multiple of 32). */
  hashLsb(blocks: Uint8Array, n: number, out: Uint8Array): void;
  /** Bit 0 of H(q_j) into out0 and of H(q_j ⊕ Δ) into out1, packed (n a multiple of 32). */
  hashLsbPair(q: Uint8Array, delta: Uint8Array, n: number, out0: Uint8Array, out1: Uint8Array): void;

  /**
   * Gilboa product sharing, sender side, fused with the hash (correlations' gilboa.ts states the
   * protocol and the packed correction layout of 260 bytes per product). For n products with 64
   * COTs each (COT 64t + k is bit k of product t; q is 64n blocks): writes the corrections into
   * corr (gilboaCorrectionBytes(n)) and adds this party's share of each x_t·y_t into acc[t].
   */
  gilboaSend(q: Uint8Array, delta: Uint8Array, x: BigUint64Array, n: number, corr: Uint8Array, acc: BigUint64Array): void;
  /** Gilboa receiver side: from t (64n blocks), y and the peer's corrections, adds this party's share into acc[t]. */
  gilboaReceive(t: Uint8Array, y: BigUint64Array, n: number, corr: Uint8Array, acc: BigUint64Array): void;

  /**
   * GGM forest of Ferret's single-point COTs (ot's ferret/ggm.ts), sender side. The PRG is
   * G(s) = (π_L(s) ⊕ s, π_R(s) ⊕ s), π_L and π_R AES-128 under `keys` = key_L ‖ key_R (32 public
   * bytes). From T roots (T blocks) and a depth h: writes the T·2^h leaves (tree τ's at blocks
   * τ·2^h.., in order) and, for tree τ and level i of 1..h, the XOR of the level's even nodes and of
   * its odd nodes at blocks 2(τh + i − 1) and 2(τh + i − 1) + 1 of sums (T·h·32 bytes).
   */
  ggmExpand(keys: Uint8Array, roots: Uint8Array, depth: number, leaves: Uint8Array, sums: Uint8Array): void;
  /**
   * The receiver's punctured forest: for tree τ (T = c.length / 16 trees) and level i of 1..h,
   * b = choices[τh + i − 1] (0/1) is the side whose XOR K = block τh + i − 1 of k it holds; its path
   * goes to side 1 − b. c_τ = Δ ⊕ (XOR of all of the sender's leaves of tree τ). Writes the
   * sender's leaves but the path's leaf α, and v_α ⊕ Δ there.
   */
  ggmPuncture(keys: Uint8Array, depth: number, choices: Uint8Array, k: Uint8Array, c: Uint8Array, leaves: Uint8Array): void;
  /**
   * Ferret's local linear code (ot's ferret/lpn.ts): with k = base.length / 16 and n = out.length / 16,
   * out_i ^= ⊕_{j<10} base[⌊w_{10i+j}·k / 2^32⌋], w_r the r-th little-endian u32 of the Prg (AES-CTR)
   * stream of the 16-byte public `seed`.
   */
  lpnEncode(seed: Uint8Array, base: Uint8Array, out: Uint8Array): void;
  /** lpnEncode, and the same XORs on choice bytes: outBits[i] ^= ⊕_j baseBits[A_ij] (k and n bytes, each 0 or 1). */
  lpnEncodeBits(seed: Uint8Array, base: Uint8Array, baseBits: Uint8Array, out: Uint8Array, outBits: Uint8Array): void;

  /**
   * A zeroed buffer of `bytes` for a large output (Ferret's leaves: 170 MB per iteration). The first
   * write to each 4 KiB page of fresh memory costs a page fault, about as much as all of a kernel's
   * work on it; so the native kernels (on Linux) ask for transparent huge pages for the buffer's
   * 2 MiB-aligned interior. The portable kernels return a plain Uint8Array. Contents and semantics
   * are those of `new Uint8Array(bytes)` either way.
   */
  newBuffer(bytes: number): Uint8Array;
}

/** Bytes of packed Gilboa corrections for n products: c_0..c_31 words, then the 32-bit c_32s two per word. */
export function gilboaCorrectionBytes(n: number): number {
  return 256 * n + 8 * Math.ceil(n / 2);
}
