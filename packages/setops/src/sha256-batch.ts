/**
 * SHA-256 (FIPS 180-4) of many short messages in one call, truncated to the first 16 bytes of each
 * digest: what hashKeys needs for a million keys. A per-message call of a general hash library
 * costs several times the compression itself (an object, padding, a digest array per call); here
 * the messages sit back to back in one buffer, the schedule and state live in typed scratch, and
 * nothing is allocated per message. Not constant time in the message length (lengths of keys are not
 * secret here: keys are hashed locally, before any protocol). Checked against node:crypto in tests.
 */

/** floor(v^(1/k)) for a non-negative bigint (Newton's method on integers). */
function iroot(v: bigint, k: bigint): bigint {
  if (v < 2n) return v;
  let x = 1n << (BigInt(v.toString(2).length) / k + 1n);
  for (;;) {
    const y = ((k - 1n) * x + v / x ** (k - 1n)) / k;
    if (y >= x) return x;
    x = y;
  }
}

/** The first n primes. */
function primes(n: number): number[] {
  const out: number[] = [];
  for (let c = 2; out.length < n; c++) if (out.every((p) => c % p !== 0)) out.push(c);
  return out;
}

/**
 * The constants, derived as the standard defines them rather than typed in: K_t is the first 32
 * bits of the fractional part of the cube root of the t-th prime, H0 those of the square roots of
 * the first eight primes (exact integer roots, no floating point).
 */
const K = /* @__PURE__ */ Int32Array.from(primes(64), (p) => Number(iroot(BigInt(p) << 96n, 3n) & 0xffffffffn) | 0);
const H0 = /* @__PURE__ */ Int32Array.from(primes(8), (p) => Number(iroot(BigInt(p) << 64n, 2n) & 0xffffffffn) | 0);

const W = new Int32Array(64);
const S = new Int32Array(8);

/** One compression of the 64-byte block at buf[o..o+64) into S. */
function compress(buf: Uint8Array, o: number): void {
  for (let t = 0; t < 16; t++, o += 4) W[t] = (buf[o]! << 24) | (buf[o + 1]! << 16) | (buf[o + 2]! << 8) | buf[o + 3]!;
  for (let t = 16; t < 64; t++) {
    const x = W[t - 15]!;
    const y = W[t - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    W[t] = (s1 + W[t - 7]! + s0 + W[t - 16]!) | 0;
  }
  let a = S[0]!,
    b = S[1]!,
    c = S[2]!,
    d = S[3]!,
    e = S[4]!,
    f = S[5]!,
    g = S[6]!,
    h = S[7]!;
  for (let t = 0; t < 64; t++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[t]! + W[t]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  S[0] = (S[0]! + a) | 0;
  S[1] = (S[1]! + b) | 0;
  S[2] = (S[2]! + c) | 0;
  S[3] = (S[3]! + d) | 0;
  S[4] = (S[4]! + e) | 0;
  S[5] = (S[5]! + f) | 0;
  S[6] = (S[6]! + g) | 0;
  S[7] = (S[7]! + h) | 0;
}

let pad = new Uint8Array(128);

/**
 * For each message i, bytes data[starts[i] .. starts[i+1]), writes the first 16 bytes of its
 * SHA-256 digest to out[16i .. 16i+16). `starts` has n + 1 offsets, non-decreasing.
 */
export function sha256First16(data: Uint8Array, starts: Int32Array | Uint32Array, n: number, out: Uint8Array): void {
  for (let i = 0; i < n; i++) {
    const from = starts[i]!;
    const len = starts[i + 1]! - from;
    // The padded message: the bytes, 0x80, zeros, and the bit length as a 64-bit big-endian number.
    const total = (((len + 9 + 63) >>> 6) << 6) >>> 0;
    if (pad.length < total) pad = new Uint8Array(2 * total);
    for (let j = 0; j < len; j++) pad[j] = data[from + j]!;
    pad[len] = 0x80;
    pad.fill(0, len + 1, total - 8);
    const bits = len * 8;
    const hi = Math.floor(bits / 2 ** 32);
    pad[total - 8] = hi >>> 24;
    pad[total - 7] = hi >>> 16;
    pad[total - 6] = hi >>> 8;
    pad[total - 5] = hi;
    pad[total - 4] = bits >>> 24;
    pad[total - 3] = bits >>> 16;
    pad[total - 2] = bits >>> 8;
    pad[total - 1] = bits;
    S.set(H0);
    for (let o = 0; o < total; o += 64) compress(pad, o);
    const q = 16 * i;
    for (let w = 0; w < 4; w++) {
      const v = S[w]!;
      out[q + 4 * w] = v >>> 24;
      out[q + 4 * w + 1] = v >>> 16;
      out[q + 4 * w + 2] = v >>> 8;
      out[q + 4 * w + 3] = v;
    }
  }
}
