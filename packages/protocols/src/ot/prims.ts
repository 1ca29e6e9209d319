/**
 * TEMPORARY local stand-ins for primitives not yet exported by @petace/primitives (randomBytes,
 * Prg, CrHash, transposeBits). Same names and semantics; replaced by re-exports once they land.
 * @internal
 */
import { createCipheriv } from "node:crypto";
export { CrHash, randomBytes, randomSeed } from "@petace/primitives";

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

/**
 * Transposes a rows×cols bit matrix (row-major, rows of cols/8 bytes, LSB-first) into cols×rows
 * (rows and cols multiples of 32). 32×32 blocks on 32-bit words, Hacker's Delight §7-3.
 */
export function transposeBits(src: Uint8Array, rows: number, cols: number, out?: Uint8Array): Uint8Array {
  const o8 = out ?? new Uint8Array((rows * cols) >>> 3);
  const s = new Int32Array(src.buffer, src.byteOffset, (rows * cols) >>> 5);
  const o = new Int32Array(o8.buffer, o8.byteOffset, (rows * cols) >>> 5);
  const rw = cols >>> 5;
  const ow = rows >>> 5;
  const a = new Int32Array(32);
  for (let g = 0; g < ow; g++) {
    for (let w = 0; w < rw; w++) {
      const base = 32 * g * rw + w;
      for (let k = 0; k < 32; k++) a[k] = s[base + k * rw]!;
      for (let j = 16, m = 0x0000ffff; j !== 0; j >>>= 1, m ^= m << j) {
        for (let k = 0; k < 32; k = (k + j + 1) & ~j) {
          const t = ((a[k]! >>> j) ^ a[k + j]!) & m;
          a[k + j] = a[k + j]! ^ t;
          a[k] = a[k]! ^ (t << j);
        }
      }
      const ob = 32 * w * ow + g;
      for (let k = 0; k < 32; k++) o[ob + k * ow] = a[k]!;
    }
  }
  return o8;
}
