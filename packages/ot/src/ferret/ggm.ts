/**
 * The GGM trees (Goldreich, Goldwasser and Micali, JACM 1986) of Ferret's single-point COTs (Yang
 * et al., CCS 2020, §4, after Boyle et al., CCS 2019, "Efficient two-round OT extension and silent
 * non-interactive secure computation"): a forest of t trees of depth h, with the XOR of each tree's
 * left (even) and right (odd) children at every level, which is what the protocol transfers.
 *
 * The length-doubling PRG is G(s) = (π0(s) ⊕ s, π1(s) ⊕ s) with π0, π1 AES-128 under two public
 * fixed keys (the fixed-key construction emp-ot's Ferret uses; its security rests on AES as an ideal
 * permutation, as the correlation-robust hash of rot.ts does). The expansion itself, and the
 * receiver's punctured one, run in @petace/offline-kernels (ggmExpand, ggmPuncture): leaves
 * tree-major (leaf j of tree τ at τ·2^h + j), level sums per tree and level.
 */
import { sha256 } from "@petace/primitives";

const encoder = new TextEncoder();

let keys: Uint8Array | undefined;
/**
 * G's keys, left ‖ right (32 public bytes): SHA-256("petace-ts ferret GGM left"/"right")[0..16].
 * A fresh copy per call, so no caller can alter another's.
 */
export function ggmKeys(): Uint8Array {
  if (!keys) {
    keys = new Uint8Array(32);
    keys.set(sha256(encoder.encode("petace-ts ferret GGM left")).subarray(0, 16));
    keys.set(sha256(encoder.encode("petace-ts ferret GGM right")).subarray(0, 16), 16);
  }
  return keys.slice();
}
