/**
 * Correlation-robust hashes from fixed-key AES, after Guo, Katz, Wang and Yu, "Efficient and
 * Secure Multiparty Computation from Fixed-Key Block Ciphers" (IEEE S&P 2020), §7.
 *
 * π is AES-128 under the public constant key `CRHASH_KEY`. The proofs model π as a random
 * permutation that every party, the adversary included, may query (ideal-permutation model):
 * security comes from π being a fixed random-looking permutation chosen independently of the
 * inputs, not from the key being secret, so publishing the key costs nothing. (A key fixed forever
 * does allow precomputation shared across many sessions; GKWY's bounds count all π-queries
 * an adversary makes, over every session.)
 *
 * Each 16-byte block is hashed independently; no input-dependent branches or indices (constant
 * time with the node AES backend). Works on whole buffers: σ and the XORs on 64-bit word views,
 * AES in one call per chunk.
 */
import { AES_CHUNK, type AesBackend, FixedKeyAes, resolveBackend } from "./aes.js";

/**
 * The public AES key of π: the first 128 bits of the fractional part of pi (0x243f6a88...), a
 * "nothing up my sleeve" constant. Changing it changes every hash.
 */
export const CRHASH_KEY: Uint8Array = /* @__PURE__ */ Uint8Array.of(
  0x24,
  0x3f,
  0x6a,
  0x88,
  0x85,
  0xa3,
  0x08,
  0xd3,
  0x13,
  0x19,
  0x8a,
  0x2e,
  0x03,
  0x70,
  0x73,
  0x44,
);

/** Bytes per pass; two scratch buffers of this size per CrHash. */
const CHUNK = Math.min(AES_CHUNK, 64 * 1024);

const TWO_128 = 1n << 128n;

function u32(a: Uint8Array): Uint32Array {
  return new Uint32Array(a.buffer, a.byteOffset, a.length >>> 2);
}
function u64(a: Uint8Array): BigUint64Array {
  return new BigUint64Array(a.buffer, a.byteOffset, a.length >>> 3);
}

/**
 * H(x) = π(σ(x)) ⊕ σ(x) (circular correlation robust, GKWY §7.3) and the tweakable
 * H(i, x) = π(π(x) ⊕ i) ⊕ π(x) (tweakable CCR, GKWY §7.4), applied to every 16-byte block of a
 * buffer. An instance reuses two 64 KiB scratch buffers across calls.
 */
export class CrHash {
  readonly backend: AesBackend;
  readonly #aes: FixedKeyAes;
  readonly #s1 = new Uint8Array(CHUNK);
  readonly #s2 = new Uint8Array(CHUNK);

  constructor(backend?: AesBackend) {
    this.backend = resolveBackend("CrHash", backend);
    this.#aes = new FixedKeyAes(CRHASH_KEY, this.backend);
  }

  /**
   * H(x) = π(σ(x)) ⊕ σ(x) for each 16-byte block x of `blocks`, where σ(x_L ‖ x_R) =
   * (x_L ⊕ x_R) ‖ x_L is the linear orthomorphism of GKWY (x_L = bytes 0..7, x_R = bytes 8..15).
   * `blocks.length` must be a multiple of 16; `out` (same length) may be `blocks` itself.
   */
  hash(blocks: Uint8Array, out?: Uint8Array): Uint8Array {
    const o = checkArgs("CrHash.hash", blocks, out);
    const s1 = this.#s1;
    const s2 = this.#s2;
    const a = u64(s1);
    const b = u64(s2);
    const aligned = (blocks.byteOffset & 7) === 0;
    for (let off = 0; off < blocks.length; off += CHUNK) {
      const n = Math.min(CHUNK, blocks.length - off);
      const xb = blocks.subarray(off, off + n);
      // σ into s1, on 64-bit halves (x read through a word view, copied first if misaligned)
      let x: BigUint64Array;
      if (aligned) x = u64(xb);
      else {
        s2.set(xb);
        x = b;
      }
      const w = n >>> 3;
      for (let i = 0; i < w; i += 2) {
        const l = x[i]!;
        a[i] = l ^ x[i + 1]!;
        a[i + 1] = l;
      }
      this.#aes.encryptBlocks(s1.subarray(0, n), s2.subarray(0, n));
      xorInto(o.subarray(off, off + n), s2, s1, w);
    }
    return o;
  }

  /**
   * H(i, x) = π(π(x) ⊕ i) ⊕ π(x) for each 16-byte block x of `blocks`, with tweak
   * i = tweakStart + (block index) taken as a 128-bit little-endian value (mod 2^128).
   * `tweakStart` is a non-negative safe integer or a bigint in [0, 2^128). Tweaks must not repeat
   * for the same x across calls (GKWY's TCCR game): callers advance tweakStart by the block count.
   */
  tweakedHash(blocks: Uint8Array, tweakStart: bigint | number, out?: Uint8Array): Uint8Array {
    const o = checkArgs("CrHash.tweakedHash", blocks, out);
    let t: bigint;
    if (typeof tweakStart === "number") {
      if (!Number.isSafeInteger(tweakStart) || tweakStart < 0)
        throw new RangeError(`CrHash.tweakedHash: tweakStart must be a non-negative safe integer, got ${tweakStart}`);
      t = BigInt(tweakStart);
    } else if (typeof tweakStart === "bigint") {
      if (tweakStart < 0n || tweakStart >= TWO_128) throw new RangeError("CrHash.tweakedHash: tweakStart must be in [0, 2^128)");
      t = tweakStart;
    } else throw new TypeError("CrHash.tweakedHash: tweakStart must be a number or a bigint");
    let t0 = Number(t & 0xffffffffn);
    let t1 = Number((t >> 32n) & 0xffffffffn);
    let t2 = Number((t >> 64n) & 0xffffffffn);
    let t3 = Number((t >> 96n) & 0xffffffffn);

    const s1 = this.#s1;
    const s2 = this.#s2;
    const a = u32(s1);
    const b = u32(s2);
    for (let off = 0; off < blocks.length; off += CHUNK) {
      const n = Math.min(CHUNK, blocks.length - off);
      const w = n >>> 2;
      this.#aes.encryptBlocks(blocks.subarray(off, off + n), s1.subarray(0, n)); // s1 = π(x)
      for (let i = 0; i < w; i += 4) {
        b[i] = a[i]! ^ t0;
        b[i + 1] = a[i + 1]! ^ t1;
        b[i + 2] = a[i + 2]! ^ t2;
        b[i + 3] = a[i + 3]! ^ t3;
        // i + 1 as a 128-bit counter over four 32-bit limbs
        t0 = (t0 + 1) >>> 0;
        if (t0 === 0) {
          t1 = (t1 + 1) >>> 0;
          if (t1 === 0) {
            t2 = (t2 + 1) >>> 0;
            if (t2 === 0) t3 = (t3 + 1) >>> 0;
          }
        }
      }
      const s2n = s2.subarray(0, n);
      this.#aes.encryptBlocks(s2n, s2n); // s2 = π(π(x) ⊕ i)
      xorInto(o.subarray(off, off + n), s2, s1, n >>> 3);
    }
    return o;
  }
}

function checkArgs(fn: string, blocks: Uint8Array, out: Uint8Array | undefined): Uint8Array {
  if (!(blocks instanceof Uint8Array)) throw new TypeError(`${fn}: blocks must be a Uint8Array`);
  if (blocks.length % 16 !== 0) throw new RangeError(`${fn}: blocks length ${blocks.length} is not a multiple of 16`);
  if (out === undefined) return new Uint8Array(blocks.length);
  if (!(out instanceof Uint8Array)) throw new TypeError(`${fn}: out must be a Uint8Array`);
  if (out.length !== blocks.length) throw new RangeError(`${fn}: out has ${out.length} bytes, blocks ${blocks.length}`);
  return out;
}

/**
 * dst = p ⊕ q over the first w 64-bit words of the scratch buffers p and q (8-byte aligned);
 * a misaligned dst goes through p. 64-bit words halve the loop's steps (bench/notes.md).
 */
function xorInto(dst: Uint8Array, p: Uint8Array, q: Uint8Array, w: number): void {
  const x = u64(p);
  const y = u64(q);
  if ((dst.byteOffset & 7) === 0) {
    const d = u64(dst);
    for (let i = 0; i < w; i++) d[i] = x[i]! ^ y[i]!;
  } else {
    for (let i = 0; i < w; i++) x[i] = x[i]! ^ y[i]!;
    dst.set(p.subarray(0, w << 3));
  }
}
