/**
 * TEMPORARY local stand-ins for primitives not yet exported by @petace/primitives (`Prg`,
 * `randomSeed`, `sha256`, `encodeFixed`, `decodeFixed`). Same names and semantics as the brief
 * gives them; replaced by re-exports from @petace/primitives once they land.
 * @internal
 */
import { createCipheriv, createHash, getRandomValues } from "node:crypto";

export const DEFAULT_FRAC_BITS = 16;

export function randomSeed(): Uint8Array {
  return getRandomValues(new Uint8Array(16));
}

export function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash("sha256").update(data).digest());
}

const ZERO = new Uint8Array(256 * 1024);

/** AES-128-CTR keystream from a 16-byte seed, continuing across calls. */
export class Prg {
  readonly #c: ReturnType<typeof createCipheriv>;
  constructor(seed: Uint8Array) {
    if (seed.length !== 16) throw new RangeError(`Prg: seed must be 16 bytes, got ${seed.length}`);
    this.#c = createCipheriv("aes-128-ctr", seed, new Uint8Array(16));
  }
  fill(out: Uint8Array): Uint8Array {
    for (let off = 0; off < out.length; off += ZERO.length) {
      const n = Math.min(ZERO.length, out.length - off);
      out.set(this.#c.update(ZERO.subarray(0, n)), off);
    }
    return out;
  }
  bytes(n: number): Uint8Array {
    return this.fill(new Uint8Array(n));
  }
  /** `n` uniform ring elements. */
  ring(n: number): BigUint64Array {
    const out = new BigUint64Array(n);
    this.fill(new Uint8Array(out.buffer));
    return out;
  }
  /** `n` uniform bits, packed LSB-first into ceil(n/8) bytes (unused high bits zero). */
  bits(n: number): Uint8Array {
    const out = this.bytes((n + 7) >>> 3);
    if (n & 7) out[out.length - 1]! &= (1 << (n & 7)) - 1;
    return out;
  }
}

/** Rounds x·2^f to the nearest integer, two's complement mod 2^64. */
export function encodeFixed(values: ArrayLike<number>, fracBits: number = DEFAULT_FRAC_BITS): BigUint64Array {
  const out = new BigUint64Array(values.length);
  const s = 2 ** fracBits;
  for (let i = 0; i < values.length; i++) out[i] = BigInt.asUintN(64, BigInt(Math.round(values[i]! * s)));
  return out;
}

export function decodeFixed(x: BigUint64Array, fracBits: number = DEFAULT_FRAC_BITS): Float64Array {
  const out = new Float64Array(x.length);
  const w = new Uint32Array(x.buffer, x.byteOffset, x.length * 2);
  const s = 2 ** -fracBits;
  for (let i = 0; i < x.length; i++) out[i] = ((w[2 * i + 1]! | 0) * 4294967296 + w[2 * i]!) * s;
  return out;
}
