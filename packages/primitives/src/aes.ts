/**
 * AES-128 for fixed-key hashing (ECB over many blocks) and keystreams (CTR).
 *
 * Two backends give identical bytes: "node" (`node:crypto`, AES-NI through OpenSSL, fast on big
 * batches) and "noble" (`@noble/ciphers`, pure JS and far slower, for browsers). Each Node call has
 * a fixed cost, so every routine here takes whole buffers and makes one call per 64 KiB, never one
 * per block (bench/notes.md).
 *
 * Constant time: the node backend is (AES-NI); the noble backend uses lookup tables and is not
 * (cache timing), which is why node is the default wherever it exists.
 * Word views assume a little-endian platform (every JS engine in practice).
 */
import { unsafe as nobleAes } from "@noble/ciphers/aes.js";

export type AesBackend = "node" | "noble";

type NodeCrypto = typeof import("node:crypto");
type NodeCipher = ReturnType<NodeCrypto["createCipheriv"]>;

/**
 * `node:crypto` when the runtime has it (Node ≥ 20.16, Deno and Bun expose
 * `process.getBuiltinModule`), else undefined. A synchronous lookup keeps the package ESM, free of
 * top-level await and importable in browsers, where `process` does not exist.
 */
const nodeCrypto: NodeCrypto | undefined = /* @__PURE__ */ (() => {
  try {
    const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const m = p?.getBuiltinModule?.("node:crypto") as NodeCrypto | undefined;
    return typeof m?.createCipheriv === "function" ? m : undefined;
  } catch {
    return undefined;
  }
})();

/** "node" when `node:crypto` is available, else "noble". */
export function defaultAesBackend(): AesBackend {
  return nodeCrypto ? "node" : "noble";
}

/** The `node:crypto` module or undefined; shared with hash.ts. @internal */
export function getNodeCrypto(): NodeCrypto | undefined {
  return nodeCrypto;
}

/**
 * Bytes per `node:crypto` call: big enough to amortise the call's fixed cost. Not 256 KiB: each
 * update() allocates its output, and above glibc's 128 KiB mmap threshold every call pays mmap and
 * page faults (bench/notes.md).
 */
export const AES_CHUNK = 64 * 1024;

function checkKey(fn: string, key: unknown, name = "key"): asserts key is Uint8Array {
  if (!(key instanceof Uint8Array)) throw new TypeError(`${fn}: ${name} must be a Uint8Array`);
  if (key.length !== 16) throw new RangeError(`${fn}: ${name} must be 16 bytes (AES-128), got ${key.length}`);
}

/** Resolves and validates a backend argument. @internal */
export function resolveBackend(fn: string, backend: AesBackend | undefined): AesBackend {
  if (backend === undefined) return defaultAesBackend();
  if (backend === "node") {
    if (!nodeCrypto) throw new RangeError(`${fn}: backend "node" is not available in this runtime (no node:crypto)`);
    return backend;
  }
  if (backend === "noble") return backend;
  throw new TypeError(`${fn}: backend must be "node" or "noble", got ${String(backend)}`);
}

const isAligned4 = (a: Uint8Array): boolean => (a.byteOffset & 3) === 0;
const u32 = (a: Uint8Array): Uint32Array => new Uint32Array(a.buffer, a.byteOffset, a.length >>> 2);

let zeroChunk: Uint8Array | undefined;
/** A shared all-zero chunk fed to node's CTR cipher (its output is then the keystream). Never written. */
function zeros(): Uint8Array {
  return (zeroChunk ??= new Uint8Array(AES_CHUNK));
}

/**
 * AES-128 under one key, applied block by block (ECB) to whole buffers. ECB is stateless, so one
 * cipher object serves every call. Constant-time with the node backend only (see module doc).
 */
export class FixedKeyAes {
  readonly backend: AesBackend;
  readonly #node: NodeCipher | undefined;
  readonly #xk: Uint32Array | undefined;

  constructor(key: Uint8Array, backend?: AesBackend) {
    checkKey("FixedKeyAes", key);
    this.backend = resolveBackend("FixedKeyAes", backend);
    if (this.backend === "node") {
      const c = nodeCrypto!.createCipheriv("aes-128-ecb", key, null);
      c.setAutoPadding(false);
      this.#node = c;
    } else {
      this.#xk = nobleAes.expandKeyLE(key);
    }
  }

  /**
   * Encrypts `input` (a multiple of 16 bytes) block by block into `out` (same length; may be
   * `input` itself for in-place encryption) and returns `out`.
   */
  encryptBlocks(input: Uint8Array, out?: Uint8Array): Uint8Array {
    if (!(input instanceof Uint8Array)) throw new TypeError("FixedKeyAes.encryptBlocks: input must be a Uint8Array");
    const len = input.length;
    if (len % 16 !== 0) throw new RangeError(`FixedKeyAes.encryptBlocks: input length ${len} is not a multiple of 16`);
    if (out === undefined) out = new Uint8Array(len);
    else if (!(out instanceof Uint8Array)) throw new TypeError("FixedKeyAes.encryptBlocks: out must be a Uint8Array");
    else if (out.length !== len) throw new RangeError(`FixedKeyAes.encryptBlocks: out has ${out.length} bytes, input ${len}`);
    if (this.#node) {
      const c = this.#node;
      // update() returns a fresh buffer, so input and out may alias.
      for (let off = 0; off < len; off += AES_CHUNK) {
        const end = Math.min(len, off + AES_CHUNK);
        out.set(c.update(input.subarray(off, end)), off);
      }
    } else {
      this.#nobleEcb(input, out);
    }
    return out;
  }

  /**
   * Encrypts `input` (a multiple of 16 bytes, at most AES_CHUNK) and returns the ciphertext in memory
   * the caller must read at once and not keep: node's own output buffer (no copy into a caller's
   * array, which costs as much as the AES itself on hot paths), or a scratch array reused by the
   * next call on the noble backend. 4-byte aligned.
   */
  encryptChunk(input: Uint8Array): Uint8Array {
    const len = input.length;
    if (len % 16 !== 0 || len > AES_CHUNK)
      throw new RangeError(`FixedKeyAes.encryptChunk: input length ${len} must be a multiple of 16 and at most ${AES_CHUNK}`);
    if (this.#node) {
      const o = this.#node.update(input);
      return (o.byteOffset & 3) === 0 ? o : o.slice();
    }
    if (this.#scratch.length < len) this.#scratch = new Uint8Array(AES_CHUNK);
    const out = this.#scratch.subarray(0, len);
    this.#nobleEcb(input, out);
    return out;
  }

  #scratch = new Uint8Array(0);

  #nobleEcb(input: Uint8Array, out: Uint8Array): void {
    const xk = this.#xk!;
    const src = isAligned4(input) ? input : input.slice();
    const dst = isAligned4(out) ? out : new Uint8Array(out.length);
    const s = u32(src);
    const d = u32(dst);
    const enc = nobleAes.encrypt;
    for (let i = 0; i < s.length; i += 4) {
      const r = enc(xk, s[i]!, s[i + 1]!, s[i + 2]!, s[i + 3]!);
      d[i] = r.s0;
      d[i + 1] = r.s1;
      d[i + 2] = r.s2;
      d[i + 3] = r.s3;
    }
    if (dst !== out) out.set(dst);
  }
}

/**
 * An AES-128-CTR keystream (128-bit big-endian counter, as NIST SP 800-38A) produced in whole
 * 16-byte blocks and continuing across calls. Used by `aesCtr` and `Prg`. @internal
 */
export class AesCtrStream {
  readonly backend: AesBackend;
  readonly #node: NodeCipher | undefined;
  readonly #xk: Uint32Array | undefined;
  /** noble: the next counter block (mutated in place by `ctrCounter`). */
  readonly #ctr: Uint8Array;

  constructor(key: Uint8Array, iv: Uint8Array, backend: AesBackend) {
    this.backend = backend;
    this.#ctr = iv.slice();
    if (backend === "node") this.#node = nodeCrypto!.createCipheriv("aes-128-ctr", key, iv);
    else this.#xk = nobleAes.expandKeyLE(key);
  }

  /** Overwrites `out` (a multiple of 16 bytes) with the next `out.length` keystream bytes. */
  blocks(out: Uint8Array): void {
    const len = out.length;
    if (this.#node) {
      const c = this.#node;
      const z = zeros();
      for (let off = 0; off < len; off += AES_CHUNK) {
        const n = Math.min(AES_CHUNK, len - off);
        out.set(c.update(z.subarray(0, n)), off);
      }
      return;
    }
    // noble's ctrCounter XORs the keystream into src; src = dst = zeros yields the keystream. It
    // needs 4-byte-aligned buffers.
    const dst = isAligned4(out) ? out : new Uint8Array(len);
    dst.fill(0);
    nobleAes.ctrCounter(this.#xk!, this.#ctr, dst, dst);
    if (dst !== out) out.set(dst);
  }
}

/**
 * Fills `out` (any length) with the AES-128-CTR keystream for `key` starting at counter block `iv`
 * (128-bit big-endian, wrapping mod 2^128), i.e. AES(iv) ‖ AES(iv+1) ‖ ..., truncated. Both backends
 * give the same bytes. Returns `out`.
 */
export function aesCtr(key: Uint8Array, iv: Uint8Array, out: Uint8Array, backend?: AesBackend): Uint8Array {
  checkKey("aesCtr", key);
  checkKey("aesCtr", iv, "iv");
  if (!(out instanceof Uint8Array)) throw new TypeError("aesCtr: out must be a Uint8Array");
  const s = new AesCtrStream(key, iv, resolveBackend("aesCtr", backend));
  const whole = out.length - (out.length % 16);
  s.blocks(out.subarray(0, whole));
  if (whole < out.length) {
    const last = new Uint8Array(16);
    s.blocks(last);
    out.set(last.subarray(0, out.length - whole), whole);
  }
  return out;
}
