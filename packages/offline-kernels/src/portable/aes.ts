/**
 * π of the CR hash: AES-128 under primitives' public CRHASH_KEY, run by primitives (node:crypto
 * with AES-NI in Node, noble in a browser) on whole 64 KiB chunks of wasm memory, its output
 * copied back into wasm memory for the kernels that finish the hash.
 */
import { CRHASH_KEY, FixedKeyAes } from "@petace/primitives";
import type { Wasm } from "./instance.js";

let pi: FixedKeyAes | undefined;

/** AES of the n blocks at wasm address `src` into wasm address `dst` (n ≤ CHUNK). */
export function encryptInto(w: Wasm, src: number, n: number, dst: number): void {
  pi ??= new FixedKeyAes(CRHASH_KEY);
  w.u8.set(pi.encryptChunk(w.u8.subarray(src, src + 16 * n)), dst);
}
