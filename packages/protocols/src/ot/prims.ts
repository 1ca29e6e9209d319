/**
 * TEMPORARY local stand-ins for primitives not yet exported by @petace/primitives (randomBytes,
 * Prg, CrHash, transposeBits). Same names and semantics; replaced by re-exports once they land.
 * @internal
 */
import { createCipheriv, getRandomValues } from "node:crypto";

export function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let off = 0; off < n; off += 65536) getRandomValues(out.subarray(off, Math.min(n, off + 65536)));
  return out;
}

export function randomSeed(): Uint8Array {
  return randomBytes(16);
}

const ZERO = new Uint8Array(256 * 1024);

/** AES-128-CTR stream continuing across calls. */
export class Prg {
  readonly #c: ReturnType<typeof createCipheriv>;
  constructor(seed: Uint8Array) {
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
}

const KEY = Uint8Array.of(0x24, 0x3f, 0x6a, 0x88, 0x85, 0xa3, 0x08, 0xd3, 0x13, 0x19, 0x8a, 0x2e, 0x03, 0x70, 0x73, 0x44);

/** H(x) = π(σ(x)) ⊕ σ(x), GKWY 2020. */
export class CrHash {
  readonly #aes = createCipheriv("aes-128-ecb", KEY, null);
  constructor() {
    this.#aes.setAutoPadding(false);
  }
  hash(blocks: Uint8Array, out?: Uint8Array): Uint8Array {
    const o = out ?? new Uint8Array(blocks.length);
    const CH = 64 * 1024;
    const s = new Uint8Array(CH);
    const a = new Uint32Array(s.buffer);
    for (let off = 0; off < blocks.length; off += CH) {
      const n = Math.min(CH, blocks.length - off);
      const x = new Uint32Array(blocks.buffer, blocks.byteOffset + off, n >>> 2);
      for (let i = 0; i < n >>> 2; i += 4) {
        const l0 = x[i]!;
        const l1 = x[i + 1]!;
        a[i] = l0 ^ x[i + 2]!;
        a[i + 1] = l1 ^ x[i + 3]!;
        a[i + 2] = l0;
        a[i + 3] = l1;
      }
      const e = this.#aes.update(s.subarray(0, n));
      for (let i = 0; i < n; i++) o[off + i] = e[i]! ^ s[i]!;
    }
    return o;
  }
}
