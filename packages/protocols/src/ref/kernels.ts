/**
 * The plaintext reference backend ("ref"): the kernel table computed in the clear on fixed-point
 * ring values. It is the oracle of every secure kernel test and a debugging backend for the VM.
 * NOT SECURE: with a channel, `input` sends the owner's plaintext to the other party.
 *
 * Semantics are the exact functions the secure kernels approximate: fixed-point products are
 * truncated with floor (the secure truncation returns floor or floor + 1), nonlinear functions are
 * Math.* on the decoded value, rounded to nearest.
 */
import type { Channel, PartyId } from "@petace/network";
import type { Kernels, Public } from "../kernels/api.js";
import * as bits from "../kernels/bits.js";
import { wordCount, type Bits } from "../kernels/bits.js";
import * as ring from "../kernels/ring.js";
import type { Ring } from "../kernels/ring.js";
import { DEFAULT_FRAC_BITS, decodeFixed, encodeFixed } from "@petace/primitives";

export interface RefOptions {
  /** Default 16. */
  fracBits?: number;
  /** Which party this is (default 0). */
  party?: PartyId;
  /**
   * For two-party runs: inputs travel in the clear over it. Without a channel (one process acting for
   * both parties) every `input` call must pass the data.
   */
  channel?: Channel;
}

export function refKernels(opts: RefOptions = {}): Kernels {
  const f = opts.fracBits ?? DEFAULT_FRAC_BITS;
  const party = opts.party ?? opts.channel?.party ?? 0;
  const ch = opts.channel;
  let calls = 0;

  async function transfer<T extends Ring | Bits>(owner: PartyId, data: T | null, make: (bytes: Uint8Array) => T): Promise<T> {
    const tag = `ref-input#${calls++}`;
    if (data !== null) {
      if (ch && ch.party === owner) ch.send(tag, data.slice());
      return data.slice() as T;
    }
    if (!ch) throw new TypeError("ref input: no data and no channel to receive it from");
    return make(await ch.recv(tag));
  }

  const mulFix = (x: Ring, y: Ring): Ring => ring.shrArith(ring.mul(x, y), f);
  const prodTree = (x: Ring, rows: number, cols: number, m: (a: Ring, b: Ring) => Ring): Ring => {
    let cur = x, width = cols;
    while (width > 1) {
      const half = width >>> 1, next = (width + 1) >>> 1;
      const left = new BigUint64Array(rows * half), right = new BigUint64Array(rows * half);
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < half; j++) {
          left[r * half + j] = cur[r * width + 2 * j]!;
          right[r * half + j] = cur[r * width + 2 * j + 1]!;
        }
      }
      const p = m(left, right);
      const out = new BigUint64Array(rows * next);
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < half; j++) out[r * next + j] = p[r * half + j]!;
        if (width & 1) out[r * next + half] = cur[r * width + width - 1]!;
      }
      cur = out;
      width = next;
    }
    return cur;
  };
  const pub = (x: Ring, p: Public): Ring => ring.broadcast(p, x.length);
  /** Math on decoded values, re-encoded rounding to nearest; non-finite results encode as 0. */
  const unary = (x: Ring, fn: (v: number) => number): Ring => {
    const d = decodeFixed(x, f);
    for (let i = 0; i < d.length; i++) {
      const r = fn(d[i]!);
      d[i] = Number.isFinite(r) && Math.abs(r) < 2 ** (62 - f) ? r : 0;
    }
    return encodeFixed(d, f);
  };
  const binary = (x: Ring, y: Ring, fn: (a: number, b: number) => number): Ring => {
    const a = decodeFixed(x, f), b = decodeFixed(y, f);
    for (let i = 0; i < a.length; i++) {
      const r = fn(a[i]!, b[i]!);
      a[i] = Number.isFinite(r) && Math.abs(r) < 2 ** (62 - f) ? r : 0;
    }
    return encodeFixed(a, f);
  };

  return {
    backend: "ref",
    party,
    fracBits: f,

    input: (owner, data, n) => transfer(owner, data, (b) => new BigUint64Array(b.buffer, b.byteOffset, n).slice()),
    inputBits: (owner, data, n) => transfer(owner, data, (b) => new Uint32Array(b.buffer, b.byteOffset, wordCount(n)).slice()),
    reveal: async (x) => x.slice(),
    revealTo: async (x, to) => (to === party ? x.slice() : null),
    revealBits: async (x, n) => maskedCopy(x, n),
    revealBitsTo: async (x, n, to) => (to === party ? maskedCopy(x, n) : null),

    add: ring.add,
    sub: ring.sub,
    neg: ring.neg,
    addPublic: (x, p) => ring.add(x, pub(x, p)),
    subFromPublic: (p, x) => ring.sub(pub(x, p), x),
    mulPublicInt: (x, p) => ring.mul(x, pub(x, p)),

    mulPublic: async (x, p) => mulFix(x, pub(x, p)),
    mul: async (x, y) => mulFix(x, y),
    mulInt: async (x, y) => ring.mul(x, y),
    square: async (x) => mulFix(x, x),
    truncate: async (x, bits) => ring.shrArith(x, bits),
    matmul: async (x, y, m, k, n) => ring.shrArith(ring.matmul(x, y, m, k, n), f),
    matmulInt: async (x, y, m, k, n) => ring.matmul(x, y, m, k, n),
    sum: (x, rows, cols) => {
      const out = new BigUint64Array(rows);
      for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) out[r] = BigInt.asUintN(64, out[r]! + x[r * cols + j]!);
      return out;
    },
    prod: async (x, rows, cols) => prodTree(x, rows, cols, mulFix),
    prodInt: async (x, rows, cols) => prodTree(x, rows, cols, ring.mul),

    xor: bits.xorWords,
    not: bits.notWords,
    xorPublic: bits.xorWords,
    andPublic: bits.andWords,
    and: async (x, y) => bits.andWords(x, y),
    or: async (x, y) => {
      const out = new Uint32Array(x.length);
      for (let i = 0; i < x.length; i++) out[i] = x[i]! | y[i]!;
      return out;
    },

    a2b: async (x) => x.slice(),
    b2a: async (x) => x.slice(),
    bitToArith: async (b, n) => {
      const out = new BigUint64Array(n);
      for (let i = 0; i < n; i++) out[i] = bits.bitAt(b, i) === 1 ? 1n : 0n;
      return out;
    },
    bitMul: async (b, x) => x.map((v, i) => (bits.bitAt(b, i) === 1 ? v : 0n)),
    select: async (c, x, y) => x.map((v, i) => (bits.bitAt(c, i) === 1 ? v : y[i]!)),

    msb: async (x) => cmp(x, 0n, (a, b) => a < b),
    lt: async (x, y) => cmp(x, y, (a, b) => a < b),
    le: async (x, y) => cmp(x, y, (a, b) => a <= b),
    gt: async (x, y) => cmp(x, y, (a, b) => a > b),
    ge: async (x, y) => cmp(x, y, (a, b) => a >= b),
    eq: async (x, y) => cmp(x, y, (a, b) => a === b),
    ne: async (x, y) => cmp(x, y, (a, b) => a !== b),
    ltPublic: async (x, p) => cmp(x, p, (a, b) => a < b),
    lePublic: async (x, p) => cmp(x, p, (a, b) => a <= b),
    gtPublic: async (x, p) => cmp(x, p, (a, b) => a > b),
    gePublic: async (x, p) => cmp(x, p, (a, b) => a >= b),
    eqPublic: async (x, p) => cmp(x, p, (a, b) => a === b),
    nePublic: async (x, p) => cmp(x, p, (a, b) => a !== b),

    reciprocal: async (x) => unary(x, (v) => 1 / v),
    div: async (x, y) => binary(x, y, (a, b) => a / b),
    sqrt: async (x) => unary(x, Math.sqrt),
    rsqrt: async (x) => unary(x, (v) => 1 / Math.sqrt(v)),
    exp: async (x) => unary(x, Math.exp),
    log: async (x) => unary(x, Math.log),
    sigmoid: async (x) => unary(x, (v) => 1 / (1 + Math.exp(-v))),
    tanh: async (x) => unary(x, Math.tanh),
    abs: async (x) => x.map((v) => (BigInt.asIntN(64, v) < 0n ? BigInt.asUintN(64, -v) : v)),
    sign: async (x) => x.map((v) => { const s = BigInt.asIntN(64, v); return BigInt.asUintN(64, s > 0n ? 1n << BigInt(f) : s < 0n ? -(1n << BigInt(f)) : 0n); }),
    maximum: async (x, y) => x.map((v, i) => (BigInt.asIntN(64, v) >= BigInt.asIntN(64, y[i]!) ? v : y[i]!)),
    minimum: async (x, y) => x.map((v, i) => (BigInt.asIntN(64, v) <= BigInt.asIntN(64, y[i]!) ? v : y[i]!)),
    pow: async (x, k) => unary(x, (v) => v ** k),

    sort: async (x, rows, cols, descending = false) => orderRows(x, rows, cols, descending).values,
    argsort: async (x, rows, cols, descending = false) => orderRows(x, rows, cols, descending),
    max: async (x, rows, cols) => pickRows(x, rows, cols, (a, b) => b > a).values,
    min: async (x, rows, cols) => pickRows(x, rows, cols, (a, b) => b < a).values,
    argmax: async (x, rows, cols) => pickRows(x, rows, cols, (a, b) => b > a).indices,
    argmin: async (x, rows, cols) => pickRows(x, rows, cols, (a, b) => b < a).indices,
  };
}

/** Packed bits of pred(x_i, y_i) on signed values. */
function cmp(x: Ring, y: Public, pred: (a: bigint, b: bigint) => boolean): Bits {
  const out = new Uint32Array(wordCount(x.length));
  for (let i = 0; i < x.length; i++) {
    const b = typeof y === "bigint" ? y : y[i]!;
    if (pred(BigInt.asIntN(64, x[i]!), BigInt.asIntN(64, b))) out[i >>> 5]! |= 1 << (i & 31);
  }
  return out;
}

/** Stable sort of each row on signed values. */
function orderRows(x: Ring, rows: number, cols: number, descending: boolean): { values: Ring; indices: Ring } {
  const values = new BigUint64Array(rows * cols), indices = new BigUint64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const order = Array.from({ length: cols }, (_, j) => j);
    const v = (j: number): bigint => BigInt.asIntN(64, x[r * cols + j]!);
    order.sort((a, b) => (v(a) < v(b) ? -1 : v(a) > v(b) ? 1 : 0) * (descending ? -1 : 1) || a - b);
    order.forEach((j, t) => {
      values[r * cols + t] = x[r * cols + j]!;
      indices[r * cols + t] = BigInt(j);
    });
  }
  return { values, indices };
}

/** First element of each row that no later element beats. */
function pickRows(x: Ring, rows: number, cols: number, beats: (best: bigint, cand: bigint) => boolean): { values: Ring; indices: Ring } {
  const values = new BigUint64Array(rows), indices = new BigUint64Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let j = 1; j < cols; j++) if (beats(BigInt.asIntN(64, x[r * cols + best]!), BigInt.asIntN(64, x[r * cols + j]!))) best = j;
    values[r] = x[r * cols + best]!;
    indices[r] = BigInt(best);
  }
  return { values, indices };
}

function maskedCopy(x: Bits, n: number): Bits {
  const out = x.slice(0, wordCount(n));
  const r = n & 31;
  if (r !== 0 && out.length > 0) out[out.length - 1]! &= ((1 << r) - 1) >>> 0;
  return out;
}
