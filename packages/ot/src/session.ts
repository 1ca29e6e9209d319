/**
 * An OT session between the two parties: the base OTs for both IKNP instances, run once, then any
 * number of correlated OTs in either direction. Each party is the extension sender (Δ holder) of one
 * instance and the extension receiver of the other, so either party can play either OT role.
 *
 * Every call moves whole batches (a million OTs is normal): one u message per 2^18 OTs. Both
 * parties must make matching calls in the same order with the same n (`cotSend` on one side with
 * `cotReceive` on the other). Batches are rounded up to a multiple of 128 OTs; the extra OTs are
 * computed and thrown away, never reused. Each instance's PRG streams advance in the order of the
 * receiver's `receiverExtend` calls and the sender's `senderExpand` calls, so a protocol sends u
 * right after extending (no await in between) and expands right after receiving: then the k-th u
 * on the wire meets the k-th stretch of both streams, whatever else runs concurrently.
 *
 * Sizes: one extension step (one u message, 16 bytes per OT) takes at most `maxBatch` OTs; larger
 * requests are split (`batchSizes`). Arguments are checked before any stream advances, and an
 * exception once a step has begun leaves the two parties' streams out of step, so the session then
 * refuses every later call (OtSessionFailedError) instead of producing OTs that do not match.
 */
import type { Channel, PartyId } from "@petace/network";
import { baseOtBothWays } from "./base-ot.js";
import { checkChoices, OT_COUNT } from "./checks.js";
import { expectLength, OtSessionFailedError } from "./errors.js";
import { agreeExtension, checkExtension } from "./ferret/mode.js";
import { IknpReceiver, IknpSender, KAPPA, uBytes } from "./iknp.js";
import { checkCount, randomBytes } from "@petace/primitives";

export interface OtSessionOptions {
  /** Tag prefix of this session's messages (default "ot"), so two sessions can share a channel. */
  tag?: string;
  /**
   * Most OTs in one extension step, i.e. one u message (default MAX_OT_BATCH). A positive multiple
   * of 1024, so every part of a split request but the last fills whole bytes of packed bits and
   * whole 128-OT blocks. Both parties must use the same value. Small values are for tests.
   */
  maxBatch?: number;
  /**
   * Set to "iknp" to state the extension in a versioned first message (ferret/mode.ts), so a peer
   * that asked for another extension ("silent": SilentOtSession) fails with a clear error. Unset,
   * no such message is sent (the wire format of earlier versions); both parties must agree on
   * whether it is set.
   */
  extension?: "iknp";
}

/**
 * Default most OTs per extension step: a 64 MiB u message and 64 MiB of keys, well below the 1 GiB
 * message cap; a request for more is split into several steps.
 */
export const MAX_OT_BATCH = 1 << 22;

/** OTs per u message in cotSend/cotReceive (a multiple of 128), when maxBatch allows. */
const PIPE = 1 << 18;

/** n split into parts of at most `max` (all of `max` but the last), in order; [] for n = 0. */
export function batchSizes(n: number, max: number): number[] {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`batchSizes: n must be a non-negative integer, got ${n}`);
  if (!Number.isSafeInteger(max) || max < 1) throw new RangeError(`batchSizes: max must be a positive integer, got ${max}`);
  const parts: number[] = [];
  for (let done = 0; done < n; done += max) parts.push(Math.min(max, n - done));
  return parts;
}

/** n rounded up to a multiple of 128. */
export function paddedCount(n: number): number {
  return Math.ceil(n / KAPPA) * KAPPA;
}

export { uBytes };

export class OtSession {
  readonly party: PartyId;
  readonly tag: string;
  /** Correlated OTs produced so far, per role (both counted in padded batches). */
  readonly counts = { sent: 0, received: 0 };
  /** Most OTs per extension step (see OtSessionOptions.maxBatch). */
  readonly maxBatch: number;
  readonly #sender: IknpSender;
  readonly #receiver: IknpReceiver;
  /** The exception that broke the session, if any: later calls refuse to run. */
  #failure: unknown = null;

  private constructor(
    readonly channel: Channel,
    tag: string,
    maxBatch: number,
    sender: IknpSender,
    receiver: IknpReceiver,
  ) {
    this.party = channel.party;
    this.tag = tag;
    this.maxBatch = maxBatch;
    this.#sender = sender;
    this.#receiver = receiver;
  }

  /** Runs 128 base OTs in each direction (one message of each kind per party) and sets up both IKNP instances. */
  static async create(channel: Channel, opts: OtSessionOptions = {}): Promise<OtSession> {
    const tag = opts.tag ?? "ot";
    if (typeof tag !== "string" || tag.length === 0) throw new TypeError("OtSession.create: tag must be a non-empty string");
    const maxBatch = opts.maxBatch ?? MAX_OT_BATCH;
    if (!Number.isSafeInteger(maxBatch) || maxBatch < 1024 || maxBatch % 1024 !== 0)
      throw new RangeError(`OtSession.create: maxBatch must be a positive multiple of 1024, got ${maxBatch}`);
    if (opts.extension !== undefined) {
      checkExtension("OtSession.create", opts.extension);
      if (opts.extension !== "iknp")
        throw new TypeError(`OtSession.create: extension "${opts.extension}" is served by SilentOtSession.create (or createCotSession)`);
      await agreeExtension(channel, tag, "iknp");
    }
    const delta = randomBytes(KAPPA / 8);
    const base = await baseOtBothWays(channel, KAPPA, delta, `${tag}/base`);
    delta.fill(0);
    return new OtSession(channel, tag, maxBatch, new IknpSender(base.receiver), new IknpReceiver(base.sender));
  }

  /** True once an exception inside a step has left this session unusable. */
  get failed(): boolean {
    return this.#failure !== null;
  }

  /** Throws if the session failed earlier, or if n OTs do not fit in one extension step. */
  #checkStep(fn: string, n: number): void {
    if (this.#failure !== null) throw new OtSessionFailedError(this.party, fn, this.#failure);
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${fn}: n must be a non-negative integer, got ${n}`);
    if (paddedCount(n) > this.maxBatch)
      throw new RangeError(
        `${fn}: ${n} OTs exceed one extension step of this session (at most ${this.maxBatch}); split the request (batchSizes(n, session.maxBatch))`,
      );
  }

  /** Runs a step that has begun: any exception leaves the streams out of step and breaks the session. */
  #step<T>(run: () => T): T {
    try {
      return run();
    } catch (e) {
      this.#failure ??= e;
      throw e;
    }
  }

  async #steps<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      this.#failure ??= e;
      throw e;
    }
  }

  /** This party's global Δ as COT sender (16 bytes). Secret: never send or log it. */
  get delta(): Uint8Array {
    return this.#sender.delta;
  }

  /**
   * Tag of a message of the instance whose sender is `sender`: `<session>/<label>/<sender>`. The
   * label names the protocol using the OTs, so two protocols out of step fail on the tag check.
   */
  msgTag(label: string, sender: PartyId): string {
    return `${this.tag}/${label}/${sender}`;
  }

  /**
   * Receiver step (local): extends n OTs (any n) with bit-packed choices r. Returns the message u for
   * the peer (send it under `msgTag(label, peer)`) and t (n × 16 bytes, rounded up to 128 OTs).
   */
  receiverExtend(r: Uint8Array, n: number, out?: Uint8Array): { u: Uint8Array; t: Uint8Array } {
    this.#checkStep("OtSession.receiverExtend", n);
    checkChoices("OtSession.receiverExtend", r, n);
    const np = paddedCount(n);
    if (out && out.length < np * 16)
      throw new RangeError(`OtSession.receiverExtend: out has ${out.length} bytes, ${n} OTs need ${np * 16}`);
    return this.#step(() => {
      let rp = r;
      if (np !== n || r.length < np / 8) {
        rp = new Uint8Array(np / 8);
        rp.set(r.subarray(0, Math.ceil(n / 8)));
        if (n % 8) rp[Math.floor(n / 8)] = rp[Math.floor(n / 8)]! & ((1 << (n % 8)) - 1);
      }
      this.counts.received += np;
      return this.#receiver.extend(rp, np, out);
    });
  }

  /** Sender step (local): q (K0 of each OT; K1 = K0 ⊕ Δ) from the peer's u for n OTs. */
  senderExpand(u: Uint8Array, n: number, label = "cot", out?: Uint8Array): Uint8Array {
    this.#checkStep("OtSession.senderExpand", n);
    const np = paddedCount(n);
    if (out && out.length < np * 16) throw new RangeError(`OtSession.senderExpand: out has ${out.length} bytes, ${n} OTs need ${np * 16}`);
    // A u of the wrong length is the peer's step out of step with ours: it breaks the session too.
    return this.#step(() => {
      expectLength(this.party, "OT extension", this.msgTag(label, this.party), u, uBytes(np));
      this.counts.sent += np;
      return this.#sender.expand(u, np, out);
    });
  }

  /**
   * Correlated OT, sender side: K0 of n OTs (n × 16 bytes, padded); K1 = K0 ⊕ Δ. The receiver's u
   * arrives in messages of up to 2^18 OTs (4 MiB), so in two processes the receiver computes the
   * next part while this side expands the last.
   */
  async cotSend(n: number, label = "cot"): Promise<Uint8Array> {
    checkCount("OtSession.cotSend", n, OT_COUNT);
    this.#checkStep("OtSession.cotSend", 0);
    const np = paddedCount(n);
    const q = new Uint8Array(np * 16);
    const pipe = Math.min(PIPE, this.maxBatch);
    return this.#steps(async () => {
      for (let off = 0; off < np; off += pipe) {
        const m = Math.min(pipe, np - off);
        this.senderExpand(await this.channel.recv(this.msgTag(label, this.party)), m, label, q.subarray(off * 16, (off + m) * 16));
      }
      return q;
    });
  }

  /** Correlated OT, receiver side: K_{r_j} of n OTs (n × 16 bytes, padded). One message per 2^18 OTs. */
  async cotReceive(r: Uint8Array, n: number, label = "cot"): Promise<Uint8Array> {
    checkCount("OtSession.cotReceive", n, OT_COUNT);
    checkChoices("OtSession.cotReceive", r, n);
    this.#checkStep("OtSession.cotReceive", 0);
    const np = paddedCount(n);
    const pipe = Math.min(PIPE, this.maxBatch);
    if (np <= pipe) {
      const { u, t } = this.receiverExtend(r, n);
      this.#step(() => this.channel.send(this.msgTag(label, this.peer), u));
      return t;
    }
    const t = new Uint8Array(np * 16);
    return this.#steps(async () => {
      for (let off = 0; off < np; off += pipe) {
        const m = Math.min(pipe, np - off);
        const part = off + m <= n ? r.subarray(off / 8, (off + m) / 8) : r.subarray(off / 8);
        const { u } = this.receiverExtend(part, Math.min(m, n - off), t.subarray(off * 16, (off + m) * 16));
        this.channel.send(this.msgTag(label, this.peer), u);
        // Let the transport write this part while the next one is computed.
        await this.channel.flush();
      }
      return t;
    });
  }

  /** The other party. */
  get peer(): PartyId {
    return (1 - this.party) as PartyId;
  }
}
