/**
 * Base oblivious transfer: Chou and Orlandi, "The Simplest Protocol for Oblivious Transfer"
 * (LATINCRYPT 2015, ePrint 2015/267), over the prime-order group ristretto255 (RFC 9496), batched so
 * that any number of 1-out-of-2 OTs take one message per direction.
 *
 * Semi-honest security (the setting of this library). With `n` OTs:
 *   sender:   y ← Z_q, S = y·G                        → S (32 bytes)
 *   receiver: x_i ← Z_q, R_i = c_i·S + x_i·G          → R_0..R_{n-1} (32n bytes)
 *   sender:   k_i^0 = H(i, S, R_i, y·R_i), k_i^1 = H(i, S, R_i, y·R_i − y·S)
 *   receiver: k_i^{c_i} = H(i, S, R_i, x_i·S)
 * H is SHA-256 under a domain label, truncated to 16 bytes; it binds the OT index and the transcript
 * (S, R_i), so keys of different OTs and sessions are independent. The receiver's choice is hidden
 * perfectly (R_i is uniform either way); the other key is hidden under CDH in the random-oracle model.
 *
 * The two steps of each side are exposed separately so a session can run both directions (each party
 * sender in one instance and receiver in the other) in the same two messages.
 */
import { ristretto255 } from "@noble/curves/ed25519.js";
import { sha256 } from "@noble/hashes/sha2.js";
import type { Channel } from "@petace/network";
import { checkCount, randomBytes } from "@petace/primitives";
import { BASE_OT_COUNT, checkChoices } from "./checks.js";
import { OtProtocolError, expectLength } from "./errors.js";

const Point = ristretto255.Point;
type Point = InstanceType<typeof Point>;
const ORDER = Point.Fn.ORDER;
const POINT_BYTES = 32;
/** Key length of every base OT (AES-128 / PRG seed size). */
export const BASE_OT_KEY_BYTES = 16;
const DOMAIN = new TextEncoder().encode("petace-ts/base-ot/chou-orlandi-2015/ristretto255/v1");

/** Keys of the sender of n OTs: k0 and k1 hold n keys of 16 bytes each, back to back. */
export interface BaseOtSenderKeys {
  readonly n: number;
  readonly k0: Uint8Array;
  readonly k1: Uint8Array;
}

/** Keys of the receiver: `choices` is bit-packed LSB-first, `k` holds k_i^{c_i} (16 bytes each). */
export interface BaseOtReceiverKeys {
  readonly n: number;
  readonly choices: Uint8Array;
  readonly k: Uint8Array;
}

/** A uniform nonzero scalar: 64 CSPRNG bytes reduced mod q (bias < 2^-250). */
function randomScalar(): bigint {
  const b = randomBytes(64);
  let v = 0n;
  for (let i = 63; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
  v %= ORDER;
  return v === 0n ? 1n : v;
}

function decodePoint(party: number, bytes: Uint8Array, what: string): Point {
  let p: Point;
  try {
    p = Point.fromBytes(bytes);
  } catch {
    throw new OtProtocolError(party, "base OT", `${what} from the peer is not a valid ristretto255 encoding`);
  }
  if (p.is0()) throw new OtProtocolError(party, "base OT", `${what} from the peer is the identity point`);
  return p;
}

/** The key of OT i, written into out[16i .. 16i+16). */
function deriveKey(out: Uint8Array, i: number, s: Uint8Array, r: Uint8Array, shared: Point): void {
  const h = sha256.create();
  const idx = new Uint8Array(4);
  new DataView(idx.buffer).setUint32(0, i, true);
  h.update(DOMAIN).update(idx).update(s).update(r).update(shared.toBytes());
  out.set(h.digest().subarray(0, BASE_OT_KEY_BYTES), i * BASE_OT_KEY_BYTES);
}

/** `c ? b : a` for c ∈ {0, 1}, byte by byte under a mask instead of a branch. */
export function selectBytes(c: number, a: Uint8Array, b: Uint8Array): Uint8Array {
  const mask = -c & 0xff;
  const out = new Uint8Array(a.length);
  for (let j = 0; j < a.length; j++) out[j] = a[j]! ^ ((a[j]! ^ b[j]!) & mask);
  return out;
}

/** Sender, step 1: the secret y and the message S = y·G. */
export function baseOtSenderStart(): { y: bigint; msg: Uint8Array } {
  const y = randomScalar();
  return { y, msg: Point.BASE.multiply(y).toBytes() };
}

/** Receiver, step 1: from the sender's S and the choice bits, the message R_0..R_{n-1} and its keys. */
export function baseOtReceiverRespond(
  party: number,
  senderMsg: Uint8Array,
  choices: Uint8Array,
  n: number,
): { msg: Uint8Array; keys: BaseOtReceiverKeys } {
  expectLength(party, "base OT", "S", senderMsg, POINT_BYTES);
  const S = decodePoint(party, senderMsg, "S");
  // Every x_i·S has the same base: a window table makes each ~4× cheaper (constant-time multiply).
  if (n > 8) S.precompute(8);
  const msg = new Uint8Array(n * POINT_BYTES);
  const k = new Uint8Array(n * BASE_OT_KEY_BYTES);
  for (let i = 0; i < n; i++) {
    const x = randomScalar();
    const c = (choices[i >>> 3]! >>> (i & 7)) & 1;
    const xG = Point.BASE.multiply(x);
    // Both candidates computed and encoded, then picked with a byte mask: neither the work nor the
    // control flow depends on the choice bit (a bit of Δ).
    const R = selectBytes(c, xG.toBytes(), xG.add(S).toBytes());
    msg.set(R, i * POINT_BYTES);
    deriveKey(k, i, senderMsg, R, S.multiply(x));
  }
  return { msg, keys: { n, choices: choices.slice(0, (n + 7) >>> 3), k } };
}

/** Sender, step 2: both keys of every OT from the receiver's message. */
export function baseOtSenderFinish(party: number, y: bigint, senderMsg: Uint8Array, receiverMsg: Uint8Array, n: number): BaseOtSenderKeys {
  expectLength(party, "base OT", "R", receiverMsg, n * POINT_BYTES);
  const yS = Point.fromBytes(senderMsg).multiply(y);
  const k0 = new Uint8Array(n * BASE_OT_KEY_BYTES);
  const k1 = new Uint8Array(n * BASE_OT_KEY_BYTES);
  for (let i = 0; i < n; i++) {
    const rb = receiverMsg.subarray(i * POINT_BYTES, (i + 1) * POINT_BYTES);
    const yR = decodePoint(party, rb, `R[${i}]`).multiply(y);
    deriveKey(k0, i, senderMsg, rb, yR);
    deriveKey(k1, i, senderMsg, rb, yR.subtract(yS));
  }
  return { n, k0, k1 };
}

/** Runs the sender side of n base OTs (2 messages: S out, R in). */
export async function baseOtSend(ch: Channel, n: number, tag = "ot/base"): Promise<BaseOtSenderKeys> {
  checkCount("baseOtSend", n, BASE_OT_COUNT);
  const { y, msg } = baseOtSenderStart();
  ch.send(`${tag}/S`, msg);
  return baseOtSenderFinish(ch.party, y, msg, await ch.recv(`${tag}/R`), n);
}

/** Runs the receiver side of n base OTs with bit-packed `choices`. */
export async function baseOtReceive(ch: Channel, choices: Uint8Array, n: number, tag = "ot/base"): Promise<BaseOtReceiverKeys> {
  checkCount("baseOtReceive", n, BASE_OT_COUNT);
  checkChoices("baseOtReceive", choices, n);
  const r = baseOtReceiverRespond(ch.party, await ch.recv(`${tag}/S`), choices, n);
  ch.send(`${tag}/R`, r.msg);
  return r.keys;
}

/**
 * Both directions at once, called by both parties: each is sender of n OTs and receiver of n OTs
 * (with its own `choices`), in one message of each kind per party (one round trip and a half).
 */
export async function baseOtBothWays(
  ch: Channel,
  n: number,
  choices: Uint8Array,
  tag = "ot/base2",
): Promise<{ sender: BaseOtSenderKeys; receiver: BaseOtReceiverKeys }> {
  checkCount("baseOtBothWays", n, BASE_OT_COUNT);
  checkChoices("baseOtBothWays", choices, n);
  const { y, msg } = baseOtSenderStart();
  ch.send(`${tag}/S`, msg);
  const r = baseOtReceiverRespond(ch.party, await ch.recv(`${tag}/S`), choices, n);
  ch.send(`${tag}/R`, r.msg);
  const sender = baseOtSenderFinish(ch.party, y, msg, await ch.recv(`${tag}/R`), n);
  return { sender, receiver: r.keys };
}
