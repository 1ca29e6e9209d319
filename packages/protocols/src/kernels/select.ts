/**
 * Bit injection and multiplexer: an XOR-shared bit b times arithmetic shares. Semi-honest.
 *
 * With random OTs (the provider's `randomOts`): the OT-based multiplexer of CrypTFlow2 (Rathee et al.,
 * CCS 2020, §4.1), with the OTs precomputed and derandomised (Beaver 1995). b·x = b·x0 + b·x1; for
 * the term of its own share x_i, party i is the OT sender with messages
 *   msg_j = (b_i ⊕ j)·x_i − r   (j = 0, 1; r random, kept as its share)
 * and the other party receives msg_{b_peer} = b·x_i − r. Online: the receiver sends e = b ⊕ c
 * (c its random-OT choice, 1 bit), the sender y_j = msg_j − K_{j⊕e} (K the 64-bit OT keys), the
 * receiver adds K_c to y_{b}. Both directions at once: 2 rounds, 4·ceil(n/32) + 16n bytes per
 * payload each way, one random OT per element and direction (the 16-byte OT message gives two 64-bit
 * keys, so up to two payloads share one OT).
 *
 * Without random OTs: B2A of the bit with a daBit, then one Beaver product per payload (ABY's bit
 * injection with the B2A of Rotaru–Wood 2019): 2 rounds, 4W + 16n bytes, n daBits and n arithmetic
 * triples per payload.
 */
import type { ProtocolContext } from "../context.js";
import type { Bits } from "./bits.js";
import { bitToArith } from "./bit2a.js";
import { mulRaw } from "./mul.js";
import { add, sub, type Ring } from "./ring.js";

/** A 64-bit mask from a bit (an index into two words, not a branch), as in the OT code. */
const MASK = /* @__PURE__ */ new BigUint64Array([0n, 0xffffffffffffffffn]);

function u64(bytes: Uint8Array): BigUint64Array {
  const b = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  return new BigUint64Array(b.buffer, b.byteOffset, b.byteLength >>> 3);
}

/** [b·x_p] for each payload x_p (at most two), all with one bit vector. */
export async function bitMulMany(ctx: ProtocolContext, b: Bits, xs: readonly Ring[]): Promise<Ring[]> {
  const n = xs[0]?.length ?? 0;
  for (const x of xs) if (x.length !== n) throw new RangeError(`bitMul: payloads have ${n} and ${x.length} elements`);
  if (xs.length > 2) throw new RangeError(`bitMul: at most two payloads per call, got ${xs.length}`);
  if (!ctx.correlations.randomOts) {
    const bits = await bitToArith(ctx, b, n);
    const k = xs.length;
    const lhs = new BigUint64Array(k * n),
      rhs = new BigUint64Array(k * n);
    xs.forEach((x, p) => {
      lhs.set(bits, p * n);
      rhs.set(x, p * n);
    });
    const prod = await mulRaw(ctx, lhs, rhs);
    return xs.map((_, p) => prod.slice(p * n, (p + 1) * n));
  }
  const W = (n + 31) >>> 5;
  const tag = ctx.op("mux");
  const ots = await ctx.correlations.randomOts(n);
  const k0 = u64(ots.m0),
    k1 = u64(ots.m1),
    kc = u64(ots.received);
  const ch = ots.choices;
  // Flow 1: e = b ⊕ c for this party's receiver side.
  const e = new Uint32Array(W);
  for (let i = 0; i < n; i++) e[i >>> 5]! |= (((b[i >>> 5]! >>> (i & 31)) ^ (ch[i >>> 3]! >>> (i & 7))) & 1) << (i & 31);
  ctx.channel.send(tag("choice"), e);
  const eIn = await ctx.recvWords(tag("choice"), W);
  // Flow 2: y_j per payload and element, j = 0, 1.
  const np = xs.length;
  const r = ctx.prg.ring(np * n);
  const y = new BigUint64Array(2 * np * n);
  for (let p = 0; p < np; p++) senderMessages(y, p, np, xs[p]!, b, eIn, r.subarray(p * n, (p + 1) * n), k0, k1);
  ctx.channel.send(tag("messages"), y);
  const yIn = await ctx.recvWords(tag("messages"), 4 * np * n);
  const y64 = new BigUint64Array(yIn.buffer, yIn.byteOffset, 2 * np * n);
  const out: Ring[] = [];
  for (let p = 0; p < np; p++) out.push(receiverShares(y64, p, np, b, kc, r.subarray(p * n, (p + 1) * n)));
  return out;
}

/**
 * y[(2i + j)·np + p] = (b_i ⊕ j)·x_i − r_i − K_{j ⊕ e_i}, with K the low (p = 0) or high (p = 1)
 * 64 bits of the OT message.
 */
function senderMessages(
  y: Ring,
  p: number,
  np: number,
  x: Ring,
  b: Bits,
  e: Uint32Array,
  r: Ring,
  k0: BigUint64Array,
  k1: BigUint64Array,
): void {
  for (let i = 0; i < x.length; i++) {
    const bi = (b[i >>> 5]! >>> (i & 31)) & 1;
    const ei = (e[i >>> 5]! >>> (i & 31)) & 1;
    const xi = x[i]!,
      ri = r[i]!;
    const ka = k0[2 * i + p]!,
      kb = k1[2 * i + p]!;
    // msg_j for j = 0, 1: (b ⊕ j)·x − r, with b_i (this party's share of the selector) as a mask.
    const msg0 = BigInt.asUintN(64, (xi & MASK[bi]!) - ri);
    const msg1 = BigInt.asUintN(64, (xi & MASK[bi ^ 1]!) - ri);
    y[2 * i * np + p] = BigInt.asUintN(64, msg0 - (ei === 1 ? kb : ka));
    y[(2 * i + 1) * np + p] = BigInt.asUintN(64, msg1 - (ei === 1 ? ka : kb));
  }
}

/** Share = r + y_{b} + K_c. */
function receiverShares(y: BigUint64Array, p: number, np: number, b: Bits, kc: BigUint64Array, r: Ring): Ring {
  const n = r.length;
  const out = new BigUint64Array(n);
  for (let i = 0; i < n; i++) {
    const bi = (b[i >>> 5]! >>> (i & 31)) & 1;
    // y_{b_i}: both read, one kept by mask (no index that depends on the secret bit).
    const yb = (y[2 * i * np + p]! & MASK[bi ^ 1]!) | (y[(2 * i + 1) * np + p]! & MASK[bi]!);
    out[i] = BigInt.asUintN(64, r[i]! + yb + kc[2 * i + p]!);
  }
  return out;
}

/** [b·x] (b ? x : 0). See the module doc for the cost. */
export async function bitMul(ctx: ProtocolContext, b: Bits, x: Ring): Promise<Ring> {
  return (await bitMulMany(ctx, b, [x]))[0]!;
}

/** [c ? x : y] = y + c·(x − y). Same cost as `bitMul`. */
export async function select(ctx: ProtocolContext, c: Bits, x: Ring, y: Ring): Promise<Ring> {
  if (x.length !== y.length) throw new RangeError(`select: operands have ${x.length} and ${y.length} elements`);
  return add(y, await bitMul(ctx, c, sub(x, y)));
}
