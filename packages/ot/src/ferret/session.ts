/**
 * Silent OT: a session that serves correlated OTs from Ferret iterations (Yang, Weng, Lan, Zhang and
 * Wang, "Ferret: Fast Extension for coRRElated OT with small communication", CCS 2020), semi-honest,
 * with the same correlation and the same global Δ as the IKNP session it is bootstrapped from, so a
 * protocol written against OtSession's `cotSend`/`cotReceive` runs on it unchanged.
 *
 * Each party is the Ferret sender (Δ holder) of one instance and the receiver of the other, as in
 * OtSession. An instance's first iteration runs the small parameter set on IKNP COTs; every later one
 * runs the main set on COTs the previous iteration kept aside (k + t·h of its n outputs), and the
 * rest are served from a buffer. A request takes COTs from the buffer and runs iterations as it
 * empties; both parties take the same counts in the same order, so they stay in step.
 *
 * The COTs an iteration makes have random receiver choices. `rcotSend`/`rcotReceive` hand them out as
 * they are (no message). `cotSend`/`cotReceive` take chosen choices r: the receiver sends d = r ⊕ x
 * (x its random choices; 1 bit per OT) and the sender adds d_j·Δ to its key j, which turns
 * w_j = q_j ⊕ x_j·Δ into w_j = q'_j ⊕ r_j·Δ (the derandomization of Beaver, CRYPTO 1995).
 *
 * Calls are run one at a time in call order (each waits for the previous one to finish), so
 * concurrent calls in both directions are safe as long as both parties issue matching calls in the
 * same order. An exception inside a call breaks the session (OtSessionFailedError afterwards).
 *
 * Wire per main iteration: t·(32h + 16) bytes from its sender (0.45 bits per served COT at the main
 * set), plus 1 bit per chosen-choice COT from the receiver.
 */
import type { Channel, PartyId } from "@petace/network";
import { checkCount, randomBytes } from "@petace/primitives";
import { checkChoices, OT_COUNT } from "../checks.js";
import { expectLength, OtSessionFailedError } from "../errors.js";
import { MAX_OT_BATCH, OtSession, paddedCount } from "../session.js";
import { ferretReceiveStep, ferretSendStep } from "./iteration.js";
import { agreeExtension } from "./mode.js";
import { mpcotMessageBytes } from "./mpcot.js";
import { baseCount, checkParamSets, FERRET_PARAMS, type FerretParamSets, type FerretParams } from "./params.js";

export interface SilentOtSessionOptions {
  /** Tag prefix of this session's messages (default "ot"). */
  tag?: string;
  /** Most OTs per step of the bootstrapping IKNP session (see OtSessionOptions.maxBatch). */
  maxBatch?: number;
  /**
   * Ferret parameter sets (default FERRET_PARAMS, 128-bit security). Any other sets are for tests
   * only: small sets give no security. Both parties must pass the same sets.
   */
  params?: FerretParamSets;
}

/** Bit j of packed bits. */
const bitAt = (a: Uint8Array, j: number): number => (a[j >>> 3]! >>> (j & 7)) & 1;

export class SilentOtSession {
  readonly extension = "silent" as const;
  readonly party: PartyId;
  readonly tag: string;
  readonly params: FerretParamSets;
  /** COTs served per role (padded as in OtSession) and Ferret iterations run per role. */
  readonly counts = { sent: 0, received: 0, sendIterations: 0, receiveIterations: 0 };
  readonly #iknp: OtSession;
  /**
   * Sender instance: the next iteration's base keys (a copy, null before the bootstrap), the last
   * iteration's whole output, its served part and the views of it handed out and not recycled.
   */
  #sBase: Uint8Array | null = null;
  #sAll: Uint8Array | null = null;
  #sBuf: Uint8Array = new Uint8Array(0);
  #sPos = 0;
  readonly #sLive = new Set<Uint8Array>();
  /** Receiver instance: the same, with keys and choice bytes. */
  #rBase: { keys: Uint8Array; choices: Uint8Array } | null = null;
  #rAll: { keys: Uint8Array; choices: Uint8Array } | null = null;
  #rBuf: { keys: Uint8Array; choices: Uint8Array } = { keys: new Uint8Array(0), choices: new Uint8Array(0) };
  #rPos = 0;
  readonly #rLive = new Set<Uint8Array>();
  #queue: Promise<unknown> = Promise.resolve();
  #failure: unknown = null;

  private constructor(
    readonly channel: Channel,
    tag: string,
    params: FerretParamSets,
    iknp: OtSession,
  ) {
    this.party = channel.party;
    this.tag = tag;
    this.params = params;
    this.#iknp = iknp;
  }

  /** Agrees on the extension with the peer (one message each way), then sets up the IKNP session that bootstraps Ferret. */
  static async create(channel: Channel, opts: SilentOtSessionOptions = {}): Promise<SilentOtSession> {
    const tag = opts.tag ?? "ot";
    if (typeof tag !== "string" || tag.length === 0) throw new TypeError("SilentOtSession.create: tag must be a non-empty string");
    const params = opts.params ?? FERRET_PARAMS;
    checkParamSets("SilentOtSession.create", params);
    const maxBatch = opts.maxBatch ?? MAX_OT_BATCH;
    await agreeExtension(channel, tag, "silent");
    const iknp = await OtSession.create(channel, { tag, maxBatch });
    return new SilentOtSession(channel, tag, params, iknp);
  }

  /**
   * The IKNP session that bootstrapped this one (same Δ), for protocols fused with IKNP's extension
   * steps (receiverExtend/senderExpand). Its calls must not overlap calls on this session.
   */
  get iknp(): OtSession {
    return this.#iknp;
  }

  /** This party's global Δ as COT sender (the IKNP session's). Secret: never send or log it. */
  get delta(): Uint8Array {
    return this.#iknp.delta;
  }

  get peer(): PartyId {
    return (1 - this.party) as PartyId;
  }

  get failed(): boolean {
    return this.#failure !== null;
  }

  /** Tag of a message of the instance whose sender is `sender` (as OtSession.msgTag). */
  msgTag(label: string, sender: PartyId): string {
    return `${this.tag}/${label}/${sender}`;
  }

  /** Runs `fn` after every earlier call has finished; an exception in it breaks the session. */
  #serial<T>(fn: string, run: () => Promise<T>): Promise<T> {
    const go = async (): Promise<T> => {
      if (this.#failure !== null) throw new OtSessionFailedError(this.party, fn, this.#failure);
      try {
        return await run();
      } catch (e) {
        this.#failure ??= e;
        throw e;
      }
    };
    const p = this.#queue.then(go, go);
    this.#queue = p.catch(() => undefined);
    return p;
  }

  /**
   * The first take of either role bootstraps both instances: this party's IKNP receiver side first
   * (it only sends), then its sender side (which waits for the peer's receiver message, already
   * sent), then both small iterations, sender first. Both parties do the same, so neither waits for
   * the other's CPU, whichever role each reaches first (random COTs are then taken sender side
   * first on both sides, so both parties' sender iterations run at once: see cot-pair.ts in
   * @petace/correlations). Extension message format 2 says so: a peer of format 1 bootstrapped one
   * instance at a time, in another message order.
   */
  async #bootstrap(): Promise<void> {
    const { pre } = this.params;
    const nb = baseCount(pre);
    const r = randomBytes((nb + 7) >>> 3);
    const rKeys = (await this.#iknp.cotReceive(r, nb, "ferret-boot")).subarray(0, 16 * nb);
    const rChoices = new Uint8Array(nb);
    for (let j = 0; j < nb; j++) rChoices[j] = bitAt(r, j);
    r.fill(0);
    const sKeys = (await this.#iknp.cotSend(nb, "ferret-boot")).subarray(0, 16 * nb);
    this.#sendIteration(pre, sKeys);
    await this.#receiveIteration(pre, { keys: rKeys, choices: rChoices });
  }

  /** The next sender iteration (the bootstrap's first). */
  async #refillSend(): Promise<void> {
    if (this.#sBase === null) return this.#bootstrap();
    this.#sendIteration(this.params.main, this.#sBase);
  }

  /** The next receiver iteration (the bootstrap's first). */
  async #refillReceive(): Promise<void> {
    if (this.#rBase === null) return this.#bootstrap();
    await this.#receiveIteration(this.params.main, this.#rBase);
  }

  #sendIteration(p: FerretParams, base: Uint8Array): void {
    const { main } = this.params;
    // A main iteration writes over the last one's buffer when no view of it is out (see recycle):
    // the first writes to 170 MB of fresh memory cost about as much CPU as the kernels' work.
    const all = this.#sAll;
    const reuse = p === main && all !== null && all.length === 16 * main.n && this.#sLive.size === 0;
    const { keys, msg } = ferretSendStep(p, base, this.delta, undefined, reuse ? all : undefined);
    // Each base COT serves one iteration only.
    base.fill(0);
    this.channel.send(this.msgTag("ferret", this.party), msg);
    const nb = baseCount(main);
    // The next base is copied out (9.7 MB, into the same buffer every time), so that the next
    // iteration may write its keys over this one's.
    const next = keys.subarray(0, 16 * nb);
    this.#sBase ??= new Uint8Array(16 * nb);
    this.#sBase.set(next);
    next.fill(0);
    this.#sAll = keys;
    this.#sBuf = keys.subarray(16 * nb);
    this.#sPos = 0;
    this.#sLive.clear();
    this.counts.sendIterations++;
  }

  async #receiveIteration(p: FerretParams, base: { keys: Uint8Array; choices: Uint8Array }): Promise<void> {
    const { main } = this.params;
    const tag = this.msgTag("ferret", this.peer);
    const msg = await this.channel.recv(tag);
    expectLength(this.party, "silent OT (Ferret)", tag, msg, mpcotMessageBytes(p));
    // As in #sendIteration: write over the last main iteration's buffers when no view of them is out.
    const all = this.#rAll;
    const reuse = p === main && all !== null && all.choices.length === main.n && this.#rLive.size === 0;
    const out = ferretReceiveStep(p, base.keys, base.choices, msg, undefined, reuse ? all : undefined);
    base.keys.fill(0);
    base.choices.fill(0);
    const nb = baseCount(main);
    const nextKeys = out.keys.subarray(0, 16 * nb);
    const nextChoices = out.choices.subarray(0, nb);
    this.#rBase ??= { keys: new Uint8Array(16 * nb), choices: new Uint8Array(nb) };
    this.#rBase.keys.set(nextKeys);
    this.#rBase.choices.set(nextChoices);
    nextKeys.fill(0);
    nextChoices.fill(0);
    this.#rAll = out;
    this.#rBuf = { keys: out.keys.subarray(16 * nb), choices: out.choices.subarray(nb) };
    this.#rPos = 0;
    this.#rLive.clear();
    this.counts.receiveIterations++;
  }

  /**
   * m random-choice COTs, sender side: keys q (m × 16 bytes). A request the buffer holds is a view
   * of it (no copy; the position only moves forward, so no key is handed out twice); one that spans
   * iterations is copied together.
   */
  async #takeSend(m: number): Promise<Uint8Array> {
    if (this.#sPos * 16 === this.#sBuf.length && m > 0) await this.#refillSend();
    if (16 * (this.#sPos + m) <= this.#sBuf.length) {
      const view = this.#sBuf.subarray(16 * this.#sPos, 16 * (this.#sPos + m));
      this.#sPos += m;
      this.counts.sent += m;
      this.#sLive.add(view);
      return view;
    }
    const out = new Uint8Array(16 * m);
    for (let done = 0; done < m; ) {
      if (this.#sPos * 16 === this.#sBuf.length) await this.#refillSend();
      const c = Math.min(m - done, this.#sBuf.length / 16 - this.#sPos);
      out.set(this.#sBuf.subarray(16 * this.#sPos, 16 * (this.#sPos + c)), 16 * done);
      this.#sPos += c;
      done += c;
    }
    this.counts.sent += m;
    return out;
  }

  /** m random-choice COTs, receiver side: keys w (m × 16 bytes) and choice bytes x (0/1); views as in #takeSend. */
  async #takeReceive(m: number): Promise<{ keys: Uint8Array; choices: Uint8Array }> {
    if (this.#rPos === this.#rBuf.choices.length && m > 0) await this.#refillReceive();
    if (this.#rPos + m <= this.#rBuf.choices.length) {
      const keys = this.#rBuf.keys.subarray(16 * this.#rPos, 16 * (this.#rPos + m));
      const choices = this.#rBuf.choices.subarray(this.#rPos, this.#rPos + m);
      this.#rPos += m;
      this.counts.received += m;
      // Only the keys leave the session: the choices are packed or XORed into d by the callers here.
      this.#rLive.add(keys);
      return { keys, choices };
    }
    const keys = new Uint8Array(16 * m);
    const choices = new Uint8Array(m);
    for (let done = 0; done < m; ) {
      if (this.#rPos === this.#rBuf.choices.length) await this.#refillReceive();
      const c = Math.min(m - done, this.#rBuf.choices.length - this.#rPos);
      keys.set(this.#rBuf.keys.subarray(16 * this.#rPos, 16 * (this.#rPos + c)), 16 * done);
      choices.set(this.#rBuf.choices.subarray(this.#rPos, this.#rPos + c), done);
      this.#rPos += c;
      done += c;
    }
    this.counts.received += m;
    return { keys, choices };
  }

  /**
   * COTs each role can hand out before the next Ferret iteration of that role, once every call
   * issued so far has finished: a request for at most that many is served from the buffer (no
   * message, no wait for the peer, no iteration's CPU). Both parties see the same counts when they
   * have made the same calls. Callers that hold keys across calls use it to recycle them before
   * an iteration, so that the iteration may write over its predecessor's buffer (see recycle).
   */
  get buffered(): { send: number; receive: number } {
    return { send: this.#sBuf.length / 16 - this.#sPos, receive: this.#rBuf.choices.length - this.#rPos };
  }

  /**
   * Declares that the caller will neither read nor write these arrays (keys returned by this
   * session's rcot and cot calls) again, so that a later Ferret iteration may write over their
   * memory instead of allocating a fresh 170 MB buffer. Until every view of an iteration's buffer
   * is recycled, the next iteration allocates (the views stay valid, as without this call). Arrays
   * this session did not return are ignored; recycling one twice is harmless.
   */
  recycle(...arrays: Uint8Array[]): void {
    for (const a of arrays) {
      this.#sLive.delete(a);
      this.#rLive.delete(a);
    }
  }

  /** Random COT, sender side: n keys q (n × 16 bytes); the receiver's key j is q_j ⊕ x_j·Δ. No message of its own. */
  rcotSend(n: number): Promise<Uint8Array> {
    checkCount("SilentOtSession.rcotSend", n, OT_COUNT);
    return this.#serial("SilentOtSession.rcotSend", () => this.#takeSend(n));
  }

  /** Random COT, receiver side: n keys (n × 16 bytes) and their random choices x (bit-packed). No message of its own. */
  rcotReceive(n: number): Promise<{ choices: Uint8Array; keys: Uint8Array }> {
    checkCount("SilentOtSession.rcotReceive", n, OT_COUNT);
    return this.#serial("SilentOtSession.rcotReceive", async () => {
      const { keys, choices } = await this.#takeReceive(n);
      const packed = new Uint8Array((n + 7) >>> 3);
      // Eight choices per output byte: a few ns per COT less than a bit at a time (bench/notes.md).
      const whole = n >>> 3;
      for (let i = 0; i < whole; i++) packed[i] = packEight(choices, 8 * i);
      for (let j = 8 * whole; j < n; j++) packed[j >>> 3]! |= choices[j]! << (j & 7);
      choices.fill(0);
      return { choices: packed, keys };
    });
  }

  /**
   * Correlated OT, sender side, as OtSession.cotSend: K0 of n OTs (n × 16 bytes, padded to 128
   * OTs); K1 = K0 ⊕ Δ. Receives the receiver's derandomization bits (1 bit per padded OT).
   */
  cotSend(n: number, label = "cot"): Promise<Uint8Array> {
    checkCount("SilentOtSession.cotSend", n, OT_COUNT);
    const np = paddedCount(n);
    return this.#serial("SilentOtSession.cotSend", async () => {
      const q = await this.#takeSend(np);
      const tag = this.msgTag(label, this.party);
      const d = await this.channel.recv(tag);
      expectLength(this.party, "silent OT derandomization", tag, d, np / 8);
      const dw = new Int32Array(this.delta.slice().buffer);
      const d0 = dw[0]!,
        d1 = dw[1]!,
        d2 = dw[2]!,
        d3 = dw[3]!;
      const qw = new Int32Array(q.buffer, q.byteOffset, q.length >>> 2);
      for (let j = 0; j < np; j++) {
        const mask = -((d[j >>> 3]! >>> (j & 7)) & 1);
        const o = 4 * j;
        qw[o]! ^= d0 & mask;
        qw[o + 1]! ^= d1 & mask;
        qw[o + 2]! ^= d2 & mask;
        qw[o + 3]! ^= d3 & mask;
      }
      return q;
    });
  }

  /**
   * Correlated OT, receiver side, as OtSession.cotReceive: K_{r_j} of n OTs (n × 16 bytes, padded;
   * the padding OTs have choice 0). Sends d = r ⊕ x (n/8 bytes, padded).
   */
  cotReceive(r: Uint8Array, n: number, label = "cot"): Promise<Uint8Array> {
    checkCount("SilentOtSession.cotReceive", n, OT_COUNT);
    checkChoices("SilentOtSession.cotReceive", r, n);
    const np = paddedCount(n);
    return this.#serial("SilentOtSession.cotReceive", async () => {
      const { keys, choices } = await this.#takeReceive(np);
      // d = r ⊕ x, a byte at a time; r's bits past n (the padding) count as 0.
      const d = new Uint8Array(np / 8);
      d.set(r.subarray(0, n >>> 3));
      if (n & 7) d[n >>> 3] = r[n >>> 3]! & ((1 << (n & 7)) - 1);
      for (let i = 0; i < d.length; i++) d[i]! ^= packEight(choices, 8 * i);
      choices.fill(0);
      this.channel.send(this.msgTag(label, this.peer), d);
      return keys;
    });
  }
}

/** Choices j .. j + 7 (one 0/1 byte each) as one byte, choice j in bit 0. */
function packEight(choices: Uint8Array, j: number): number {
  return (
    choices[j]! |
    (choices[j + 1]! << 1) |
    (choices[j + 2]! << 2) |
    (choices[j + 3]! << 3) |
    (choices[j + 4]! << 4) |
    (choices[j + 5]! << 5) |
    (choices[j + 6]! << 6) |
    (choices[j + 7]! << 7)
  );
}
