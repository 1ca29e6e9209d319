/**
 * The native kernels behind the `OfflineKernels` interface: each method checks its arguments and
 * makes one call into the addon. State (the IKNP streams' key schedules and counters, the hash's key
 * schedule) is held here in plain bytes and handed to every call, so garbage collection frees it
 * like any other array and the addon owns nothing.
 */
import { CRHASH_KEY } from "@petace/primitives";
import { gilboaCorrectionBytes, type IknpReceiverKernel, type IknpSenderKernel, type OfflineKernels } from "../kernels.js";
import { type NativeAddon, SCHEDULE_BYTES, STREAM_BYTES } from "./addon.js";
import { checkGgmExpand, checkGgmPuncture, checkLpn } from "../ferret-checks.js";
import { checkAliasing, checkBlocks, checkBytes, checkCount, checkWords } from "./checks.js";

/** Smallest buffer newBuffer asks huge pages for. */
const HUGE_MIN = 4 << 20;

/** Base-OT seeds per IKNP side: κ = 128, 16 bytes each. */
const SEED_BYTES = 128 * 16;

class NativeIknpReceiver implements IknpReceiverKernel {
  readonly #addon: NativeAddon;
  /** 256 streams: G(k0_i) for i < 128, then G(k1_i). */
  readonly #state = new Uint8Array(256 * STREAM_BYTES);

  constructor(addon: NativeAddon, k0: Uint8Array, k1: Uint8Array) {
    checkBytes("native iknpReceiver", "k0", k0, SEED_BYTES, true);
    checkBytes("native iknpReceiver", "k1", k1, SEED_BYTES, true);
    this.#addon = addon;
    addon.streamsInit(k0, this.#state.subarray(0, 128 * STREAM_BYTES));
    addon.streamsInit(k1, this.#state.subarray(128 * STREAM_BYTES));
  }

  extend(r: Uint8Array, n: number, u: Uint8Array, t: Uint8Array): void {
    const fn = "native iknpReceiver.extend";
    checkCount(fn, n, 128);
    checkBytes(fn, "r", r, n / 8);
    checkBytes(fn, "u", u, 16 * n);
    checkBytes(fn, "t", t, 16 * n);
    this.#addon.iknpExtend(this.#state, r, n, u, t);
  }
}

class NativeIknpSender implements IknpSenderKernel {
  readonly #addon: NativeAddon;
  /** Δ, copied: the streams' rows are masked with the Δ they were made for. Secret. */
  readonly #delta: Uint8Array;
  readonly #state = new Uint8Array(128 * STREAM_BYTES);

  constructor(addon: NativeAddon, k: Uint8Array, delta: Uint8Array) {
    checkBytes("native iknpSender", "k", k, SEED_BYTES, true);
    checkBytes("native iknpSender", "delta", delta, 16, true);
    this.#addon = addon;
    this.#delta = delta.slice();
    addon.streamsInit(k, this.#state);
  }

  expand(u: Uint8Array, n: number, q: Uint8Array): void {
    const fn = "native iknpSender.expand";
    checkCount(fn, n, 128);
    checkBytes(fn, "u", u, 16 * n);
    checkBytes(fn, "q", q, 16 * n);
    this.#addon.iknpExpand(this.#state, this.#delta, u, n, q);
  }
}

/** The native kernels over a loaded addon (the loader runs the known-answer test first). */
export function nativeKernels(addon: NativeAddon): OfflineKernels {
  const ks = new Uint8Array(SCHEDULE_BYTES);
  addon.expandKey(CRHASH_KEY, ks);
  const delta16 = (fn: string, delta: Uint8Array) => checkBytes(fn, "delta", delta, 16, true);
  // Scratch for the Ferret kernels' key schedules (public keys, expanded per call: cheap beside a tree).
  const ksL = new Uint8Array(SCHEDULE_BYTES);
  const ksR = new Uint8Array(SCHEDULE_BYTES);
  const ggmKeys = (keys: Uint8Array) => {
    addon.expandKey(keys.subarray(0, 16), ksL);
    addon.expandKey(keys.subarray(16, 32), ksR);
  };

  return {
    name: "native",
    iknpReceiver: (k0, k1) => new NativeIknpReceiver(addon, k0, k1),
    iknpSender: (k, delta) => new NativeIknpSender(addon, k, delta),

    hash(blocks, out) {
      const fn = "native hash";
      checkBytes(fn, "blocks", blocks, 0);
      checkBlocks(fn, "blocks", blocks);
      checkBytes(fn, "out", out, blocks.length);
      checkAliasing(fn, "out", out, blocks, "blocks");
      addon.hash(ks, blocks, out);
    },
    hashPair(q, delta, out0, out1) {
      const fn = "native hashPair";
      checkBytes(fn, "q", q, 0);
      checkBlocks(fn, "q", q);
      delta16(fn, delta);
      checkBytes(fn, "out0", out0, q.length);
      checkBytes(fn, "out1", out1, q.length);
      checkAliasing(fn, "out0", out0, q, "q");
      checkAliasing(fn, "out1", out1, q, "q");
      addon.hashPair(ks, q, delta, out0, out1);
    },
    hashLow64(blocks, n, out) {
      const fn = "native hashLow64";
      checkCount(fn, n);
      checkBytes(fn, "blocks", blocks, 16 * n);
      checkWords(fn, "out", out, n);
      addon.hashLow64(ks, blocks, n, out);
    },
    hashLow64Pair(q, delta, n, out0, out1) {
      const fn = "native hashLow64Pair";
      checkCount(fn, n);
      checkBytes(fn, "q", q, 16 * n);
      delta16(fn, delta);
      checkWords(fn, "out0", out0, n);
      checkWords(fn, "out1", out1, n);
      addon.hashLow64Pair(ks, q, delta, n, out0, out1);
    },
    hashLsb(blocks, n, out) {
      const fn = "native hashLsb";
      checkCount(fn, n, 32);
      checkBytes(fn, "blocks", blocks, 16 * n);
      checkBytes(fn, "out", out, n / 8);
      addon.hashLsb(ks, blocks, n, out);
    },
    hashLsbPair(q, delta, n, out0, out1) {
      const fn = "native hashLsbPair";
      checkCount(fn, n, 32);
      checkBytes(fn, "q", q, 16 * n);
      delta16(fn, delta);
      checkBytes(fn, "out0", out0, n / 8);
      checkBytes(fn, "out1", out1, n / 8);
      addon.hashLsbPair(ks, q, delta, n, out0, out1);
    },

    gilboaSend(q, delta, x, n, corr, acc) {
      const fn = "native gilboaSend";
      checkCount(fn, n);
      checkBytes(fn, "q", q, 1024 * n);
      delta16(fn, delta);
      checkWords(fn, "x", x, n);
      checkBytes(fn, "corr", corr, gilboaCorrectionBytes(n));
      checkWords(fn, "acc", acc, n);
      addon.gilboaSend(ks, q, delta, x, n, corr, acc);
    },
    gilboaReceive(t, y, n, corr, acc) {
      const fn = "native gilboaReceive";
      checkCount(fn, n);
      checkBytes(fn, "t", t, 1024 * n);
      checkWords(fn, "y", y, n);
      checkBytes(fn, "corr", corr, gilboaCorrectionBytes(n));
      checkWords(fn, "acc", acc, n);
      addon.gilboaReceive(ks, t, y, n, corr, acc);
    },

    ggmExpand(keys, roots, depth, leaves, sums) {
      checkGgmExpand("native ggmExpand", keys, roots, depth, leaves, sums);
      ggmKeys(keys);
      addon.ggmSend(ksL, ksR, roots, depth, leaves, sums);
    },
    ggmPuncture(keys, depth, choices, k, c, leaves) {
      checkGgmPuncture("native ggmPuncture", keys, depth, choices, k, c, leaves);
      ggmKeys(keys);
      addon.ggmPuncture(ksL, ksR, depth, choices, k, c, leaves);
    },
    lpnEncode(seed, base, out) {
      checkLpn("native lpnEncode", seed, base, out);
      const sk = new Uint8Array(SCHEDULE_BYTES);
      addon.expandKey(seed, sk);
      addon.lpnEncode(sk, base, out);
    },
    lpnEncodeBits(seed, base, baseBits, out, outBits) {
      checkLpn("native lpnEncodeBits", seed, base, out, { baseBits, outBits });
      const sk = new Uint8Array(SCHEDULE_BYTES);
      addon.expandKey(seed, sk);
      addon.lpnEncodeBits(sk, base, baseBits, out, outBits);
    },
    newBuffer(bytes) {
      const buf = new Uint8Array(bytes);
      // Below 4 MiB no whole huge page is sure to fit, and the allocation may reuse touched memory.
      if (bytes >= HUGE_MIN) addon.adviseHugePages(buf);
      return buf;
    },
  };
}
