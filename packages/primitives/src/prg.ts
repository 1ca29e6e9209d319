/**
 * A seeded pseudorandom generator: the AES-128-CTR keystream with the seed as key and the 128-bit
 * big-endian counter starting at 0, i.e. AES_seed(0) ‖ AES_seed(1) ‖ ... Every call continues the
 * same stream (`bytes(5)` then `bytes(11)` equals `bytes(16)`), and both backends produce the same
 * bytes, so two parties holding one seed draw identical values.
 *
 * Security: a PRF-based PRG; fine for up to 2^64 blocks per seed (far beyond any use here).
 * Constant time with the node backend (AES-NI); the noble backend uses tables.
 */
import { type AesBackend, AesCtrStream, resolveBackend } from "./aes.js";
import { checkCount } from "./checks.js";
import { randomSeed } from "./random.js";

/** Keystream buffered ahead for small requests. */
const BUF = 64 * 1024;
/**
 * Requests at least this big go straight to `out`: IKNP fills 256 rows of 16 KiB from 256 streams,
 * and staging each in its own 64 KiB buffer cost a copy plus 16 MiB of cold buffers.
 */
const DIRECT = 1024;

export class Prg {
  readonly backend: AesBackend;
  readonly #stream: AesCtrStream;
  readonly #buf = new Uint8Array(BUF);
  /** Next unread byte of #buf; BUF when empty. */
  #pos = BUF;

  /** `seed`: 16 bytes, the AES-128 key of the keystream. */
  constructor(seed: Uint8Array, backend?: AesBackend) {
    if (!(seed instanceof Uint8Array)) throw new TypeError("Prg: seed must be a Uint8Array");
    if (seed.length !== 16) throw new RangeError(`Prg: seed must be 16 bytes, got ${seed.length}`);
    this.backend = resolveBackend("Prg", backend);
    this.#stream = new AesCtrStream(seed, new Uint8Array(16), this.backend);
  }

  /** A Prg on a fresh seed from the platform CSPRNG. */
  static fromRandom(backend?: AesBackend): Prg {
    return new Prg(randomSeed(), backend);
  }

  /** Overwrites `out` with the next `out.length` bytes of the stream. */
  fill(out: Uint8Array): void {
    if (!(out instanceof Uint8Array)) throw new TypeError("Prg.fill: out must be a Uint8Array");
    const n = out.length;
    const buf = this.#buf;
    // 1. what is left in the buffer
    let off = Math.min(BUF - this.#pos, n);
    if (off > 0) {
      out.set(buf.subarray(this.#pos, this.#pos + off));
      this.#pos += off;
    }
    if (off === n) return;
    // 2. the buffer is now empty: big requests take whole blocks directly from the stream
    const rest = n - off;
    if (rest >= DIRECT) {
      const whole = rest - (rest % 16);
      this.#stream.blocks(out.subarray(off, off + whole));
      off += whole;
    }
    // 3. a short tail from a refilled buffer
    if (off < n) {
      this.#stream.blocks(buf);
      const k = n - off;
      out.set(buf.subarray(0, k), off);
      this.#pos = k;
    }
  }

  /** The next n bytes. */
  bytes(n: number): Uint8Array {
    checkCount("Prg.bytes", n);
    const out = new Uint8Array(n);
    this.fill(out);
    return out;
  }

  /** n uniform elements of Z_2^64 (8 stream bytes each, little-endian). */
  ring(n: number): BigUint64Array {
    checkCount("Prg.ring", n);
    const out = new BigUint64Array(n);
    this.fill(new Uint8Array(out.buffer));
    return out;
  }

  /** n uniform bits, packed LSB-first into ceil(n/8) stream bytes; unused high bits of the last byte are 0. */
  bits(n: number): Uint8Array {
    checkCount("Prg.bits", n);
    const out = new Uint8Array((n + 7) >>> 3);
    this.fill(out);
    if (n & 7) out[out.length - 1]! &= (1 << (n & 7)) - 1;
    return out;
  }
}
