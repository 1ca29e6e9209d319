/**
 * The functions the compiled addon (native/offline_kernels.c) exports, exactly as it takes them.
 * Only the wrapper in kernels.ts and the known-answer test call these; the wrapper checks every
 * size before a call (the C side checks again, but with terser messages).
 *
 * States are caller-owned bytes: an AES key schedule is 176 bytes; a CTR stream is 192 bytes (its
 * schedule, then the 128-bit counter as two little-endian u64 words, low then high).
 */
export interface NativeAddon {
  /** Whether this CPU has AES-NI and SSE4.1; when false the addon exports nothing else. */
  aesNiAvailable(): boolean;
  expandKey(key: Uint8Array, schedule: Uint8Array): void;
  aesEcb(schedule: Uint8Array, input: Uint8Array, out: Uint8Array): void;
  /** One stream per 16-byte seed, counters at 0. */
  streamsInit(seeds: Uint8Array, state: Uint8Array): void;
  /** The next out.length (whole blocks) bytes of one stream. */
  streamFill(state: Uint8Array, out: Uint8Array): void;
  /** state: 256 streams, G(k0_i) then G(k1_i). */
  iknpExtend(state: Uint8Array, r: Uint8Array, n: number, u: Uint8Array, t: Uint8Array): void;
  /** state: 128 streams G(k_i). */
  iknpExpand(state: Uint8Array, delta: Uint8Array, u: Uint8Array, n: number, q: Uint8Array): void;
  hash(schedule: Uint8Array, blocks: Uint8Array, out: Uint8Array): void;
  hashPair(schedule: Uint8Array, q: Uint8Array, delta: Uint8Array, out0: Uint8Array, out1: Uint8Array): void;
  hashLow64(schedule: Uint8Array, blocks: Uint8Array, n: number, out: BigUint64Array): void;
  hashLow64Pair(schedule: Uint8Array, q: Uint8Array, delta: Uint8Array, n: number, out0: BigUint64Array, out1: BigUint64Array): void;
  hashLsb(schedule: Uint8Array, blocks: Uint8Array, n: number, out: Uint8Array): void;
  hashLsbPair(schedule: Uint8Array, q: Uint8Array, delta: Uint8Array, n: number, out0: Uint8Array, out1: Uint8Array): void;
  gilboaSend(
    schedule: Uint8Array,
    q: Uint8Array,
    delta: Uint8Array,
    x: BigUint64Array,
    n: number,
    corr: Uint8Array,
    acc: BigUint64Array,
  ): void;
  gilboaReceive(schedule: Uint8Array, t: Uint8Array, y: BigUint64Array, n: number, corr: Uint8Array, acc: BigUint64Array): void;
  /**
   * Trees = roots.length / 16; leaves trees·2^h blocks, sums trees·h·2 blocks. `wide` as for
   * lpnEncode (levels of 16 nodes or more take the 512-bit VAES path, of 8 or more the 256-bit one,
   * where the CPU has it).
   */
  ggmSend(
    scheduleL: Uint8Array,
    scheduleR: Uint8Array,
    roots: Uint8Array,
    h: number,
    leaves: Uint8Array,
    sums: Uint8Array,
    wide?: VaesChoice,
  ): void;
  /** Trees = c.length / 16. `wide` as for ggmSend. */
  ggmPuncture(
    scheduleL: Uint8Array,
    scheduleR: Uint8Array,
    h: number,
    choices: Uint8Array,
    k: Uint8Array,
    c: Uint8Array,
    leaves: Uint8Array,
    wide?: VaesChoice,
  ): void;
  /**
   * schedule: the seed's expanded key (the stream starts at counter 0). `wide` (default true) lets
   * the call take the widest VAES path the CPU has; false (or 0) keeps it on AES-NI, 256 at most on
   * 256-bit VAES (every path gives the same bytes).
   */
  lpnEncode(schedule: Uint8Array, base: Uint8Array, out: Uint8Array, wide?: VaesChoice): void;
  lpnEncodeBits(
    schedule: Uint8Array,
    base: Uint8Array,
    baseBits: Uint8Array,
    out: Uint8Array,
    outBits: Uint8Array,
    wide?: VaesChoice,
  ): void;
  /** Whether the CPU and OS support a VAES path (then `wide` calls take it). */
  vaesAvailable(): boolean;
  /** The widest VAES register the Ferret kernels use here: 0 (AES-NI only), 256 (VAES with AVX2) or 512 (VAES with AVX-512). */
  vaesWidth(): 0 | 256 | 512;
  /** madvise(MADV_HUGEPAGE) on buf's 2 MiB-aligned interior; whether the OS accepted it (a hint only). */
  adviseHugePages(buf: Uint8Array): boolean;
}

/** Bytes of an expanded AES-128 key. */
export const SCHEDULE_BYTES = 176;
/** Bytes of one CTR stream's state. */
export const STREAM_BYTES = 192;

/** How wide a Ferret kernel's VAES path may be: true the widest the CPU has, false or 0 none (AES-NI), 256 or 512 at most that. */
export type VaesChoice = boolean | 0 | 256 | 512;
