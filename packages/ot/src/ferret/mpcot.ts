/**
 * Multi-point correlated OT with regular noise, as t single-point COTs run side by side (Ferret:
 * Yang, Weng, Lan, Zhang and Wang, CCS 2020, §4, semi-honest version, no consistency check).
 *
 * For each of t blocks of 2^h positions the sender expands a GGM tree from a fresh random seed
 * (ggm.ts) to leaves v_0..v_{2^h−1}; the receiver learns every leaf but one, at position α, and
 * ends with w = v ⊕ e·Δ where e is the unit vector at α. Per level i the receiver needs the XOR K^i
 * of the siblings off its path; it gets it with one of the base COTs (q on the sender's side,
 * t = q ⊕ b·Δ on the receiver's): the sender sends K_0^i ⊕ H(q) and K_1^i ⊕ H(q ⊕ Δ), the receiver
 * unmasks the one of side b with H(t). The receiver's path therefore goes to side α_i = 1 − b: its
 * random base choice bits pick α, so it sends nothing (the base choices are uniform and hidden from
 * the sender, by the security of the COTs that made them). A final block c = Δ ⊕ ⊕_j v_j gives the
 * receiver w_α = c ⊕ ⊕_{j≠α} v_j = v_α ⊕ Δ.
 *
 * Wire: one message from the sender, t·(32h + 16) bytes. H is primitives' correlation-robust hash
 * from fixed-key AES (GKWY 2020), used once per base COT as in rot.ts.
 */
import { type OfflineKernels, offlineKernels } from "@petace/offline-kernels";
import { randomBytes } from "@petace/primitives";
import { hashBlocks, hashPair } from "../blocks.js";
import { ggmKeys } from "./ggm.js";
import type { FerretParams } from "./params.js";

/** Bytes of the sender's message for parameters p. */
export function mpcotMessageBytes(p: FerretParams): number {
  return p.t * (32 * p.h + 16);
}

const words = (a: Uint8Array): Int32Array => new Int32Array(a.buffer, a.byteOffset, a.length >>> 2);

/**
 * Sender: from t·h base COT keys q (block τ·h + i serves level i + 1 of tree τ) and Δ, the leaves v
 * (n blocks, tree-major) and the message for the receiver. `kernels` (default the process's
 * choice) run the trees; the CR hash always runs on the process's kernels (blocks.ts). `out` (16n
 * bytes), if given, receives the leaves instead of a fresh buffer: reusing one buffer per
 * iteration spares the first-touch page faults of 170 MB of fresh memory.
 */
export function mpcotSend(
  p: FerretParams,
  baseQ: Uint8Array,
  delta: Uint8Array,
  kernels: OfflineKernels = offlineKernels(),
  out?: Uint8Array,
): { leaves: Uint8Array; msg: Uint8Array } {
  const { t, h, n } = p;
  if (baseQ.length !== 16 * t * h) throw new RangeError(`mpcotSend: base has ${baseQ.length} bytes, expected ${16 * t * h}`);
  if (out !== undefined && out.length !== 16 * n) throw new RangeError(`mpcotSend: out has ${out.length} bytes, expected ${16 * n}`);
  const roots = randomBytes(16 * t);
  // The trees overwrite every leaf, so a reused buffer's old contents do not matter.
  const leaves = out ?? kernels.newBuffer(16 * n);
  // Per tree τ and level i + 1: the XOR of its even nodes (words 8(τh + i)..+3), then of its odd ones.
  const sumBytes = new Uint8Array(32 * t * h);
  kernels.ggmExpand(ggmKeys(), roots, h, leaves, sumBytes);
  roots.fill(0);
  const sums = words(sumBytes);
  const { m0, m1 } = hashPair(baseQ.slice(), delta);
  const h0 = words(m0);
  const h1 = words(m1);
  const msg = new Uint8Array(16 * t * (2 * h + 1));
  const mw = words(msg);
  const stride = 4 * (2 * h + 1);
  const d = words(delta.slice());
  for (let tau = 0; tau < t; tau++) {
    for (let i = 0; i < h; i++) {
      const o = tau * stride + 8 * i;
      const q = 4 * (tau * h + i);
      const s = 2 * q;
      for (let w = 0; w < 4; w++) {
        mw[o + w] = sums[s + w]! ^ h0[q + w]!;
        mw[o + 4 + w] = sums[s + 4 + w]! ^ h1[q + w]!;
      }
    }
    // c = Δ ⊕ (even leaves) ⊕ (odd leaves): the last level's two sums.
    const o = tau * stride + 8 * h;
    const s = 8 * (tau * h + h - 1);
    for (let w = 0; w < 4; w++) mw[o + w] = d[w]! ^ sums[s + w]! ^ sums[s + 4 + w]!;
  }
  sumBytes.fill(0);
  return { leaves, msg };
}

/**
 * Receiver: from t·h base COTs (keys tb, choice bytes 0/1 in `choices`, laid out as for the sender)
 * and the sender's message, the leaves w = v ⊕ e·Δ (n blocks) and the noise positions (one per
 * tree, global indices in [0, n)). `out` (16n bytes), if given, is overwritten and returned as the
 * leaves instead of a fresh buffer (as `out` of mpcotSend).
 */
export function mpcotReceive(
  p: FerretParams,
  baseT: Uint8Array,
  choices: Uint8Array,
  msg: Uint8Array,
  kernels: OfflineKernels = offlineKernels(),
  out?: Uint8Array,
): { leaves: Uint8Array; positions: Int32Array } {
  const { t, h, n } = p;
  if (out !== undefined && out.length !== 16 * n) throw new RangeError(`mpcotReceive: out has ${out.length} bytes, expected ${16 * n}`);
  if (baseT.length !== 16 * t * h) throw new RangeError(`mpcotReceive: base has ${baseT.length} bytes, expected ${16 * t * h}`);
  if (choices.length !== t * h) throw new RangeError(`mpcotReceive: base choices have ${choices.length} bytes, expected ${t * h}`);
  if (msg.length !== mpcotMessageBytes(p))
    throw new RangeError(`mpcotReceive: message has ${msg.length} bytes, expected ${mpcotMessageBytes(p)}`);
  const ht = words(hashBlocks(baseT, new Uint8Array(baseT.length)));
  const mw = words(msg);
  const stride = 4 * (2 * h + 1);
  // K_b per tree and level: the half of side b unmasked with H(t), selected by mask, not by branch.
  const kBytes = new Uint8Array(16 * t * h);
  const k = words(kBytes);
  const c = new Uint8Array(16 * t);
  const cw = words(c);
  const positions = new Int32Array(t);
  for (let tau = 0; tau < t; tau++) {
    let alpha = 0;
    for (let i = 0; i < h; i++) {
      const b = choices[tau * h + i]! & 1;
      const mask = -b;
      const o = tau * stride + 8 * i;
      const q = 4 * (tau * h + i);
      for (let w = 0; w < 4; w++) k[q + w] = ((mw[o + w]! & ~mask) | (mw[o + 4 + w]! & mask)) ^ ht[q + w]!;
      alpha = (alpha << 1) | (1 - b);
    }
    for (let w = 0; w < 4; w++) cw[4 * tau + w] = mw[tau * stride + 8 * h + w]!;
    positions[tau] = (tau << h) + alpha;
  }
  // The punctured trees overwrite every leaf too (the root starts at zero), whatever `out` held.
  const leaves = out ?? kernels.newBuffer(16 * n);
  kernels.ggmPuncture(ggmKeys(), h, choices, kBytes, c, leaves);
  kBytes.fill(0);
  return { leaves, positions };
}
