/**
 * Secure randomness from the platform CSPRNG (`crypto.getRandomValues`: Node ≥ 19, browsers,
 * Deno, Bun). Never Math.random.
 */

/** getRandomValues refuses more than 65536 bytes per call (Web Crypto spec). */
const MAX_CALL = 65536;

/** Fills `out` with CSPRNG bytes and returns it. */
export function fillRandom(out: Uint8Array): Uint8Array {
  if (!(out instanceof Uint8Array)) throw new TypeError("fillRandom: out must be a Uint8Array");
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => unknown } }).crypto;
  if (typeof c?.getRandomValues !== "function") throw new Error("fillRandom: no crypto.getRandomValues in this runtime");
  for (let off = 0; off < out.length; off += MAX_CALL) {
    c.getRandomValues(out.subarray(off, Math.min(out.length, off + MAX_CALL)));
  }
  return out;
}

/** `n` bytes from the platform CSPRNG (0 ≤ n ≤ 2^32). */
export function randomBytes(n: number): Uint8Array {
  if (typeof n !== "number") throw new TypeError("randomBytes: n must be a number");
  if (!Number.isSafeInteger(n) || n < 0 || n > 2 ** 32) throw new RangeError(`randomBytes: n must be an integer in [0, 2^32], got ${n}`);
  return fillRandom(new Uint8Array(n));
}

/** A fresh 16-byte seed (for `Prg` or `FixedKeyAes`) from the platform CSPRNG. */
export function randomSeed(): Uint8Array {
  return fillRandom(new Uint8Array(16));
}
