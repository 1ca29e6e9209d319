/**
 * The plaintext reference backend: every operator of the table computed in the clear, on the same
 * ids. It is the oracle of the compliance suite and a debugging backend for the VM ("ref-insecure").
 * NOT SECURE: with a channel, an input travels to the other party in the clear.
 *
 * It shares no code with the secure kernels (an oracle must not share what it checks): plain BigInt
 * loops on the values, `Math.*` on decoded fixed point. Semantics are the exact functions the secure
 * kernels approximate: fixed-point products and truncations round to nearest with ties up, toward
 * +∞ (what the default exact truncation returns; the stochastic opt-in returns the floor or the
 * floor + 1), nonlinear functions are rounded to nearest. Only the layout helpers of
 * values.ts, which move data and compute nothing, are shared.
 */
import type { Channel, PartyId } from "@petace/network";
import { DEFAULT_FRAC_BITS, decodeFixed, encodeFixed, Prg } from "@petace/primitives";
import type { OperatorId, Operators } from "../operators.js";
import type { ParamsOf } from "../operator.js";
import {
  concatValues,
  gatherValue,
  scatterBits,
  scatterRing,
  wordCount,
  type Bits,
  type Public,
  type Ring,
  type Value,
} from "../values.js";

export interface RefOptions {
  /** Default 16. */
  fracBits?: number;
  /** Which party this is (default 0). */
  party?: PartyId;
  /**
   * For two-party runs: inputs travel in the clear over it. Without a channel (one process acting for
   * both parties) every input must pass the data.
   */
  channel?: Channel;
}

/** What a reference implementation sees: who it is, the scale, and the clear-text input transfer. */
export interface RefContext {
  readonly party: PartyId;
  readonly fracBits: number;
  transfer<T extends Ring | Bits>(owner: PartyId, data: T | null, make: (bytes: Uint8Array) => T): Promise<T>;
}

type RefRun<P> = (r: RefContext, xs: readonly Value[], params: P, n: number) => Value | null | Promise<Value | null>;
type RefTable = { readonly [K in OperatorId]: RefRun<ParamsOf<Operators[K]>> };

export function refContext(opts: RefOptions = {}): RefContext {
  const fracBits = opts.fracBits ?? DEFAULT_FRAC_BITS;
  const party = opts.party ?? opts.channel?.party ?? 0;
  const ch = opts.channel;
  let calls = 0;
  return {
    party,
    fracBits,
    async transfer(owner, data, make) {
      const tag = `ref-input#${calls++}`;
      if (data !== null) {
        if (ch && ch.party === owner) ch.send(tag, data.slice());
        return data.slice() as typeof data;
      }
      if (!ch) throw new TypeError("ref input: no data and no channel to receive it from");
      return make(await ch.recv(tag));
    },
  };
}

// ---------------------------------------------------------------- plain arithmetic on Z_2^64

const u64 = (v: bigint): bigint => BigInt.asUintN(64, v);
const i64 = (v: bigint): bigint => BigInt.asIntN(64, v);
const map1 = (x: Ring, fn: (a: bigint, i: number) => bigint): Ring => {
  const out = new BigUint64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = u64(fn(x[i]!, i));
  return out;
};
const map2 = (x: Ring, y: Ring, fn: (a: bigint, b: bigint) => bigint): Ring => map1(x, (a, i) => fn(a, y[i]!));
const pub = (p: Public, i: number): bigint => (typeof p === "bigint" ? p : p[i]!);
/** v / 2^s rounded to nearest, ties up (toward +∞). */
const roundShift = (v: bigint, s: number): bigint => (v + (1n << BigInt(s - 1))) >> BigInt(s);
/** The ring product a·b mod 2^64 read as signed, divided by 2^f rounding to nearest (ties up). */
const mulFix = (a: bigint, b: bigint, f: number): bigint => roundShift(i64(a * b), f);
const bit = (w: Bits, i: number): number => (w[i >>> 5]! >>> (i & 31)) & 1;

function bitsOf(n: number, pred: (i: number) => boolean): Bits {
  const out = new Uint32Array(wordCount(n));
  for (let i = 0; i < n; i++) if (pred(i)) out[i >>> 5]! |= 1 << (i & 31);
  return out;
}

function words(x: Bits, y: Bits, fn: (a: number, b: number) => number): Bits {
  const out = new Uint32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = fn(x[i]!, y[i]!);
  return out;
}

function maskedCopy(x: Bits, n: number): Bits {
  const out = x.slice(0, wordCount(n));
  const r = n & 31;
  if (r !== 0 && out.length > 0) out[out.length - 1]! &= ((1 << r) - 1) >>> 0;
  return out;
}

/** Math on decoded values, re-encoded rounding to nearest; non-finite results encode as 0. */
function real(x: Ring, f: number, fn: (v: number, i: number) => number): Ring {
  const d = decodeFixed(x, f);
  for (let i = 0; i < d.length; i++) {
    const r = fn(d[i]!, i);
    d[i] = Number.isFinite(r) && Math.abs(r) < 2 ** (62 - f) ? r : 0;
  }
  return encodeFixed(d, f);
}

function matmul(x: Ring, y: Ring, m: number, k: number, n: number, shift: number): Ring {
  const out = new BigUint64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0n;
      for (let t = 0; t < k; t++) s += x[i * k + t]! * y[t * n + j]!;
      out[i * n + j] = u64(shift === 0 ? i64(s) : roundShift(i64(s), shift));
    }
  }
  return out;
}

/** Row products in a balanced tree, each level's products truncated (the order the secure one uses). */
function prodRows(x: Ring, rows: number, cols: number, f: number): Ring {
  const out = new BigUint64Array(rows);
  for (let r = 0; r < rows; r++) {
    let level = Array.from(x.subarray(r * cols, (r + 1) * cols));
    while (level.length > 1) {
      const next: bigint[] = [];
      for (let j = 0; j + 1 < level.length; j += 2)
        next.push(u64(f === 0 ? level[j]! * level[j + 1]! : mulFix(level[j]!, level[j + 1]!, f)));
      if (level.length & 1) next.push(level[level.length - 1]!);
      level = next;
    }
    out[r] = level[0] ?? 0n;
  }
  return out;
}

/** Stable sort of each row on signed values. */
function orderRows(x: Ring, rows: number, cols: number, descending: boolean): { values: Ring; indices: Ring } {
  const values = new BigUint64Array(rows * cols),
    indices = new BigUint64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const v = (j: number): bigint => i64(x[r * cols + j]!);
    const order = Array.from({ length: cols }, (_, j) => j);
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
  const values = new BigUint64Array(rows),
    indices = new BigUint64Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let j = 1; j < cols; j++) if (beats(i64(x[r * cols + best]!), i64(x[r * cols + j]!))) best = j;
    values[r] = x[r * cols + best]!;
    indices[r] = BigInt(best);
  }
  return { values, indices };
}

const ring = (xs: readonly Value[], i: number): Ring => xs[i] as Ring;
const bits = (xs: readonly Value[], i: number): Bits => xs[i] as Bits;

export const refOperators: RefTable = {
  input_a: (r, xs, { owner }, n) =>
    r.transfer(owner, (xs[0] as Ring | undefined) ?? null, (b) => new BigUint64Array(b.buffer, b.byteOffset, n).slice()),
  input_b: (r, xs, { owner }, n) =>
    r.transfer(owner, (xs[0] as Bits | undefined) ?? null, (b) => new Uint32Array(b.buffer, b.byteOffset, wordCount(n)).slice()),
  reveal_a: (_r, xs) => ring(xs, 0).slice(),
  reveal_b: (_r, xs, _p, n) => maskedCopy(bits(xs, 0), n),
  revealTo_a: (r, xs, { to }) => (to === r.party ? ring(xs, 0).slice() : null),
  revealTo_b: (r, xs, { to }, n) => (to === r.party ? maskedCopy(bits(xs, 0), n) : null),

  gather: (_r, xs, { idx }) => gatherValue(xs[0]!, idx),
  scatter: (_r, xs, { idx }, n) =>
    xs[0] instanceof BigUint64Array ? scatterRing(xs[0], idx, ring(xs, 1)) : scatterBits(bits(xs, 0), n, idx, bits(xs, 1)),
  concat: (_r, xs, { lens }) => concatValues(xs[0] instanceof Uint32Array ? "bool" : "arith", xs, lens),

  add_aa: (_r, xs) => map2(ring(xs, 0), ring(xs, 1), (a, b) => a + b),
  sub_aa: (_r, xs) => map2(ring(xs, 0), ring(xs, 1), (a, b) => a - b),
  neg_a: (_r, xs) => map1(ring(xs, 0), (a) => -a),
  add_ap: (_r, xs, { p }) => map1(ring(xs, 0), (a, i) => a + pub(p, i)),
  sub_pa: (_r, xs, { p }) => map1(ring(xs, 0), (a, i) => pub(p, i) - a),
  mulInt_ap: (_r, xs, { p }) => map1(ring(xs, 0), (a, i) => a * pub(p, i)),
  sum_a: (_r, xs, { rows, cols }) => {
    const x = ring(xs, 0);
    const out = new BigUint64Array(rows);
    for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) out[r] = u64(out[r]! + x[r * cols + j]!);
    return out;
  },

  mul_ap: (r, xs, { p }) => map1(ring(xs, 0), (a, i) => mulFix(a, pub(p, i), r.fracBits)),
  mul_aa: (r, xs) => map2(ring(xs, 0), ring(xs, 1), (a, b) => mulFix(a, b, r.fracBits)),
  mulInt_aa: (_r, xs) => map2(ring(xs, 0), ring(xs, 1), (a, b) => a * b),
  square_a: (r, xs) => map1(ring(xs, 0), (a) => mulFix(a, a, r.fracBits)),
  squareInt_a: (_r, xs) => map1(ring(xs, 0), (a) => a * a),
  trunc_a: (_r, xs, { bits: s }) => map1(ring(xs, 0), (a) => roundShift(i64(a), s)),
  matmul_aa: (r, xs, { m, k, n }) => matmul(ring(xs, 0), ring(xs, 1), m, k, n, r.fracBits),
  matmulInt_aa: (_r, xs, { m, k, n }) => matmul(ring(xs, 0), ring(xs, 1), m, k, n, 0),
  matmul_oa: (r, xs, { m, k, n }) => matmul(ring(xs, 0), ring(xs, 1), m, k, n, r.fracBits),
  prod_a: (r, xs, { rows, cols }) => prodRows(ring(xs, 0), rows, cols, r.fracBits),
  prodInt_a: (_r, xs, { rows, cols }) => prodRows(ring(xs, 0), rows, cols, 0),

  xor_bb: (_r, xs) => words(bits(xs, 0), bits(xs, 1), (a, b) => a ^ b),
  not_b: (_r, xs) => bits(xs, 0).map((a) => ~a),
  xor_bp: (_r, xs, { p }) => words(bits(xs, 0), p, (a, b) => a ^ b),
  and_bp: (_r, xs, { p }) => words(bits(xs, 0), p, (a, b) => a & b),
  and_bb: (_r, xs) => words(bits(xs, 0), bits(xs, 1), (a, b) => a & b),
  or_bb: (_r, xs) => words(bits(xs, 0), bits(xs, 1), (a, b) => a | b),

  bit2a_b: (_r, xs, _p, n) => map1(new BigUint64Array(n), (_a, i) => BigInt(bit(bits(xs, 0), i))),
  mul_ba: (_r, xs) => map1(ring(xs, 1), (a, i) => (bit(bits(xs, 0), i) ? a : 0n)),
  select_baa: (_r, xs) => map1(ring(xs, 1), (a, i) => (bit(bits(xs, 0), i) ? a : ring(xs, 2)[i]!)),

  msb_a: (_r, xs, _p, n) => bitsOf(n, (i) => i64(ring(xs, 0)[i]!) < 0n),
  eq_aa: (_r, xs, _p, n) => bitsOf(n, (i) => ring(xs, 0)[i] === ring(xs, 1)[i]),
  eq_ap: (_r, xs, { p }, n) => bitsOf(n, (i) => ring(xs, 0)[i] === u64(pub(p, i))),

  reciprocal_a: (r, xs) => real(ring(xs, 0), r.fracBits, (v) => 1 / v),
  div_aa: (r, xs) => {
    const y = decodeFixed(ring(xs, 1), r.fracBits);
    return real(ring(xs, 0), r.fracBits, (v, i) => v / y[i]!);
  },
  sqrt_a: (r, xs) => real(ring(xs, 0), r.fracBits, Math.sqrt),
  rsqrt_a: (r, xs) => real(ring(xs, 0), r.fracBits, (v) => 1 / Math.sqrt(v)),
  exp_a: (r, xs) => real(ring(xs, 0), r.fracBits, Math.exp),
  log_a: (r, xs) => real(ring(xs, 0), r.fracBits, Math.log),
  sigmoid_a: (r, xs) => real(ring(xs, 0), r.fracBits, (v) => 1 / (1 + Math.exp(-v))),
  tanh_a: (r, xs) => real(ring(xs, 0), r.fracBits, Math.tanh),
  sin_a: (r, xs) => real(ring(xs, 0), r.fracBits, Math.sin),
  cos_a: (r, xs) => real(ring(xs, 0), r.fracBits, Math.cos),
  // Party 0 draws r in [0, 2^bits) and sends it in the clear: the contract's range, no secrecy.
  addRandom_a: async (r, xs, { bits }) => {
    const x = ring(xs, 0);
    const mask = (1n << BigInt(bits)) - 1n;
    const drawn =
      r.party === 0
        ? Prg.fromRandom()
            .ring(x.length)
            .map((v) => v & mask)
        : null;
    const add = await r.transfer(0, drawn, (b) => new BigUint64Array(b.buffer, b.byteOffset, x.length).slice());
    return map2(x, add, (a, b) => a + b);
  },
  abs_a: (_r, xs) => map1(ring(xs, 0), (a) => (i64(a) < 0n ? -a : a)),
  maximum_aa: (_r, xs) => map2(ring(xs, 0), ring(xs, 1), (a, b) => (i64(a) >= i64(b) ? a : b)),
  minimum_aa: (_r, xs) => map2(ring(xs, 0), ring(xs, 1), (a, b) => (i64(a) <= i64(b) ? a : b)),
  pow_a: (r, xs, { k }) => real(ring(xs, 0), r.fracBits, (v) => v ** k),

  sort_a: (_r, xs, { rows, cols, descending }) => orderRows(ring(xs, 0), rows, cols, descending).values,
  argsort_a: (_r, xs, { rows, cols, descending }) => {
    const { values, indices } = orderRows(ring(xs, 0), rows, cols, descending);
    const out = new BigUint64Array(2 * rows * cols);
    out.set(values, 0);
    out.set(indices, rows * cols);
    return out;
  },
  max_a: (_r, xs, { rows, cols }) => pickRows(ring(xs, 0), rows, cols, (a, b) => b > a).values,
  min_a: (_r, xs, { rows, cols }) => pickRows(ring(xs, 0), rows, cols, (a, b) => b < a).values,
  argmax_a: (_r, xs, { rows, cols }) => pickRows(ring(xs, 0), rows, cols, (a, b) => b > a).indices,
  argmin_a: (_r, xs, { rows, cols }) => pickRows(ring(xs, 0), rows, cols, (a, b) => b < a).indices,
};
