/**
 * SHA-256 and what is built on it: seed derivation with domain separation and a short
 * hash-to-bytes (MGF1). `node:crypto` for inputs of 128 bytes and more (it is much faster on long
 * inputs), the pure-JS `@noble/hashes` below that (faster for short inputs, where the per-call cost
 * dominates either way) and
 * wherever `node:crypto` is missing. Same output either way; not secret-dependent in timing.
 */
import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { getNodeCrypto } from "./aes.js";
import { checkBytes } from "./checks.js";

/** Input length from which node:crypto beats @noble/hashes (measured crossover ~100 bytes). */
const NODE_MIN = 128;

const encoder = /* @__PURE__ */ new TextEncoder();

/** SHA-256 of `data` (32 bytes). */
export function sha256(data: Uint8Array): Uint8Array {
  checkBytes("sha256", "data", data);
  const nc = data.length >= NODE_MIN ? getNodeCrypto() : undefined;
  if (nc) return new Uint8Array(nc.createHash("sha256").update(data).digest());
  return nobleSha256(data);
}

/**
 * A 16-byte seed for `label`, derived from `seed`: the first 16 bytes of
 * SHA-256(utf8(label) ‖ 0x00 ‖ seed). Different labels give independent-looking seeds (one master
 * seed → one Prg per purpose). The label must not contain U+0000, which keeps the encoding
 * unambiguous.
 */
export function deriveSeed(seed: Uint8Array, label: string): Uint8Array {
  checkBytes("deriveSeed", "seed", seed);
  if (typeof label !== "string") throw new TypeError("deriveSeed: label must be a string");
  if (label.includes("\0")) throw new RangeError("deriveSeed: label must not contain U+0000");
  const l = encoder.encode(label);
  const msg = new Uint8Array(l.length + 1 + seed.length);
  msg.set(l);
  msg.set(seed, l.length + 1);
  return sha256(msg).slice(0, 16);
}

/**
 * `n` bytes (0 ≤ n ≤ 2^20) hashed from `data` by MGF1 with SHA-256 (RFC 8017 B.2.1):
 * SHA-256(data ‖ be32(0)) ‖ SHA-256(data ‖ be32(1)) ‖ ..., truncated. Meant for short outputs; use
 * `Prg` on `deriveSeed(...)` for long streams.
 */
export function hashToBytes(data: Uint8Array, n: number): Uint8Array {
  checkBytes("hashToBytes", "data", data);
  if (typeof n !== "number") throw new TypeError("hashToBytes: n must be a number");
  if (!Number.isSafeInteger(n) || n < 0 || n > 1 << 20) throw new RangeError(`hashToBytes: n must be an integer in [0, 2^20], got ${n}`);
  const out = new Uint8Array(n);
  const msg = new Uint8Array(data.length + 4);
  msg.set(data);
  const ctr = new DataView(msg.buffer, data.length, 4);
  for (let i = 0, off = 0; off < n; i++, off += 32) {
    ctr.setUint32(0, i);
    const h = sha256(msg);
    out.set(n - off >= 32 ? h : h.subarray(0, n - off), off);
  }
  return out;
}
