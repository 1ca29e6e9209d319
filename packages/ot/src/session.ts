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
 */
import type { Channel, PartyId } from "@petace/network";
import { baseOtBothWays } from "./base-ot.js";
import { checkChoices, OT_COUNT } from "./checks.js";
import { expectLength } from "./errors.js";
import { IknpReceiver, IknpSender, KAPPA } from "./iknp.js";
import { checkCount, randomBytes } from "@petace/primitives";

export interface OtSessionOptions {
  /** Tag prefix of this session's messages (default "ot"), so two sessions can share a channel. */
  tag?: string;
}

/** OTs per u message in cotSend/cotReceive (a multiple of 128). */
const PIPE = 1 << 18;

/** n rounded up to a multiple of 128. */
export function paddedCount(n: number): number {
  return Math.ceil(n / KAPPA) * KAPPA;
}

export class OtSession {
  readonly party: PartyId;
  readonly tag: string;
  /** Correlated OTs produced so far, per role (both counted in padded batches). */
  readonly counts = { sent: 0, received: 0 };
  readonly #sender: IknpSender;
  readonly #receiver: IknpReceiver;

  private constructor(
    readonly channel: Channel,
    tag: string,
    sender: IknpSender,
    receiver: IknpReceiver,
  ) {
    this.party = channel.party;
    this.tag = tag;
    this.#sender = sender;
    this.#receiver = receiver;
  }

  /** Runs 128 base OTs in each direction (one message of each kind per party) and sets up both IKNP instances. */
  static async create(channel: Channel, opts: OtSessionOptions = {}): Promise<OtSession> {
    const tag = opts.tag ?? "ot";
    if (typeof tag !== "string" || tag.length === 0) throw new TypeError("OtSession.create: tag must be a non-empty string");
    const delta = randomBytes(KAPPA / 8);
    const base = await baseOtBothWays(channel, KAPPA, delta, `${tag}/base`);
    delta.fill(0);
    return new OtSession(channel, tag, new IknpSender(base.receiver), new IknpReceiver(base.sender));
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
    const np = paddedCount(n);
    let rp = r;
    if (np !== n || r.length < np >>> 3) {
      rp = new Uint8Array(np >>> 3);
      rp.set(r.subarray(0, (n + 7) >>> 3));
      if (n & 7) rp[n >>> 3] = rp[n >>> 3]! & ((1 << (n & 7)) - 1);
    }
    this.counts.received += np;
    return this.#receiver.extend(rp, np, out);
  }

  /** Sender step (local): q (K0 of each OT; K1 = K0 ⊕ Δ) from the peer's u for n OTs. */
  senderExpand(u: Uint8Array, n: number, label = "cot", out?: Uint8Array): Uint8Array {
    const np = paddedCount(n);
    expectLength(this.party, "OT extension", this.msgTag(label, this.party), u, (KAPPA * np) >>> 3);
    this.counts.sent += np;
    return this.#sender.expand(u, np, out);
  }

  /**
   * Correlated OT, sender side: K0 of n OTs (n × 16 bytes, padded); K1 = K0 ⊕ Δ. The receiver's u
   * arrives in messages of up to 2^18 OTs (4 MiB), so in two processes the receiver computes the
   * next part while this side expands the last.
   */
  async cotSend(n: number, label = "cot"): Promise<Uint8Array> {
    checkCount("OtSession.cotSend", n, OT_COUNT);
    const np = paddedCount(n);
    const q = new Uint8Array(np * 16);
    for (let off = 0; off < np; off += PIPE) {
      const m = Math.min(PIPE, np - off);
      this.senderExpand(await this.channel.recv(this.msgTag(label, this.party)), m, label, q.subarray(off * 16, (off + m) * 16));
    }
    return q;
  }

  /** Correlated OT, receiver side: K_{r_j} of n OTs (n × 16 bytes, padded). One message per 2^18 OTs. */
  async cotReceive(r: Uint8Array, n: number, label = "cot"): Promise<Uint8Array> {
    checkCount("OtSession.cotReceive", n, OT_COUNT);
    checkChoices("OtSession.cotReceive", r, n);
    const np = paddedCount(n);
    if (np <= PIPE) {
      const { u, t } = this.receiverExtend(r, n);
      this.channel.send(this.msgTag(label, this.peer), u);
      return t;
    }
    const t = new Uint8Array(np * 16);
    for (let off = 0; off < np; off += PIPE) {
      const m = Math.min(PIPE, np - off);
      const part = off + m <= n ? r.subarray(off >>> 3, (off + m) >>> 3) : r.subarray(off >>> 3);
      const { u } = this.receiverExtend(part, Math.min(m, n - off), t.subarray(off * 16, (off + m) * 16));
      this.channel.send(this.msgTag(label, this.peer), u);
      // Let the transport write this part while the next one is computed.
      await this.channel.flush();
    }
    return t;
  }

  /** The other party. */
  get peer(): PartyId {
    return (1 - this.party) as PartyId;
  }
}
