/**
 * A Channel whose outgoing messages travel as over a real link with a bandwidth cap and a one-way
 * delay, for previewing a deployment (and for WAN benchmarks) with both parties on one machine.
 *
 * The model, per direction: a message of b payload bytes occupies the link for
 * 8·(b + overhead)/bandwidth seconds, where overhead is the stream transports' frame header
 * (5 bytes + the tag's UTF-8 bytes, see framing.ts); it starts when the link is free (messages queue
 * behind each other, in order) and reaches the peer `delayMs` after its last bit left. There is no
 * loss, jitter, slow start or TCP/IP header: the bandwidth is that of an ideal, already warmed-up
 * stream, so for a program that yields to its event loop while messages are in flight, figures from
 * it are a lower bound on a real link's time (but see below for one that does not).
 *
 * The sender holds each message until its arrival time and then hands it to the inner channel, so
 * the emulation needs nothing from the peer and changes nothing on the wire: only this side's
 * outgoing direction is emulated, and both directions are when both parties wrap with the same
 * parameters. Hand-overs run on timers of the sender's event loop (about 1 ms of granularity per
 * message), and every `send`, `recv` and `flush` first hands over what is due, so a sender that
 * computes between sends delays little; one that runs a long synchronous computation without sending
 * delays its pending deliveries until it yields. A late hand-over does not delay the messages
 * behind it further: arrival times come from the link model, not from when the timers ran.
 *
 * Where this is pessimistic: a real link keeps transmitting from the kernel's socket buffer while
 * the program computes, but here a message whose arrival time falls inside a synchronous
 * computation of its sender (a native kernel call, e.g. a Ferret iteration of 0.3–1 s) reaches the
 * peer only when that computation ends. A party that sends and then computes at once (Gilboa's
 * pipelined corrections, a Ferret sender's message followed by its receiver's iteration) can so make
 * its peer wait up to the length of the computation, where a real link would overlap the two. Traced
 * on silent-OT triples behind 100mbit,25ms (bench/notes.md): Ferret messages handed over 0.8–2 s
 * after their arrival time under load, none late between iterations. For such programs the
 * emulator's times can be longer than a real link's. An honest fix needs the
 * sender to hand messages over at once and the receiving side to hold them until an arrival time
 * the sender stamps (a field between the two emulators and a clock both read); not done.
 */
import { asBytes, type Channel, type ChannelStats, type PartyId, type RecvOptions } from "./channel.js";
import { ChannelClosedError } from "./errors.js";
import { encodeTag, FRAME_HEADER_BYTES } from "./framing.js";
import { parseLinkSpec, type LinkSpec } from "./link-spec.js";

/** A Channel behind an emulated link; `link` says which. */
export interface EmulatedLinkChannel extends Channel {
  readonly link: LinkSpec;
  /** The channel the messages are handed to. */
  readonly inner: Channel;
}

interface InFlight {
  tag: string;
  data: ArrayBufferView;
  /** When the message reaches the peer (performance.now() time). */
  arriveAt: number;
}

/**
 * Wraps `inner` so that what this side sends travels over an emulated link: `link` is a LinkSpec or
 * its text form (`"100mbit,25ms"`: bandwidth per direction and ONE-WAY delay; see parseLinkSpec).
 * Wrap both parties' channels with the same link to emulate both directions.
 *
 * The result is a Channel with the same rules: `send` never blocks, order is kept, counters count
 * messages when sent and received, receive timeouts and errors come from the inner channel.
 * `flush()` resolves once everything queued has left this side (been transmitted at the link's
 * bandwidth; the last message may still be in flight for `delayMs`) and the inner channel has drained,
 * so bulk senders are held to the link's bandwidth, as a socket's send buffer would hold them.
 * `close()` first lets every message in flight arrive, then closes the inner channel. A send that the
 * inner channel refuses when its arrival time comes (e.g. above the peer's maxMessageBytes) fails
 * the channel: it is closed, and the error is thrown by later sends, flushes and receives.
 */
export function emulateLink(inner: Channel, link: LinkSpec | string): EmulatedLinkChannel {
  return new LinkChannel(inner, typeof link === "string" ? parseLinkSpec(link, "emulateLink") : checkLink(link));
}

function checkLink(link: LinkSpec): LinkSpec {
  const { bitsPerSecond, delayMs } = link;
  if (typeof bitsPerSecond !== "number" || !(bitsPerSecond > 0)) {
    throw new RangeError(`emulateLink: bitsPerSecond must be a positive number (Infinity for no cap), got ${String(bitsPerSecond)}`);
  }
  if (typeof delayMs !== "number" || !(delayMs >= 0) || !Number.isFinite(delayMs)) {
    throw new RangeError(`emulateLink: delayMs must be a finite number of ms, 0 or more, got ${String(delayMs)}`);
  }
  return { bitsPerSecond, delayMs };
}

class LinkChannel implements EmulatedLinkChannel {
  readonly stats: ChannelStats = { bytesSent: 0, bytesReceived: 0, messagesSent: 0, messagesReceived: 0, rounds: 0 };
  readonly party: PartyId;
  /** Milliseconds of link time per byte. */
  private readonly msPerByte: number;
  /** Messages not yet handed to the inner channel, in order of (non-decreasing) arrival time. */
  private readonly inFlight: InFlight[] = [];
  private head = 0;
  /** When the link finishes transmitting what was sent so far. */
  private linkFreeAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt = Infinity;
  private sentSinceRecv = false;
  private closing: Promise<void> | undefined;
  private failure: Error | undefined;
  private drainWaiters: (() => void)[] = [];

  constructor(
    readonly inner: Channel,
    readonly link: LinkSpec,
  ) {
    this.party = inner.party;
    this.msPerByte = 8000 / link.bitsPerSecond;
  }

  get closed(): boolean {
    return this.closing !== undefined || this.inner.closed;
  }

  send(tag: string, data: ArrayBufferView): void {
    if (this.failure) throw this.failure;
    if (this.closed) throw new ChannelClosedError(`party ${this.party}: send "${tag}" on a closed channel`);
    // Checked now, as the other transports do, rather than when the inner channel gets the message.
    const tagBytes = encodeTag(tag, `party ${this.party}: send`);
    const bytes = asBytes(data).byteLength;
    const now = performance.now();
    const start = Math.max(now, this.linkFreeAt);
    this.linkFreeAt = start + (bytes + FRAME_HEADER_BYTES + tagBytes.length) * this.msPerByte;
    this.inFlight.push({ tag, data, arriveAt: this.linkFreeAt + this.link.delayMs });
    this.stats.bytesSent += bytes;
    this.stats.messagesSent += 1;
    this.sentSinceRecv = true;
    this.pump();
  }

  recv(tag: string, opts?: RecvOptions): Promise<Uint8Array> {
    this.pump();
    if (this.sentSinceRecv) {
      this.stats.rounds += 1;
      this.sentSinceRecv = false;
    }
    if (this.failure) return Promise.reject(this.failure);
    return this.inner.recv(tag, opts).then(
      (data) => {
        this.stats.bytesReceived += data.byteLength;
        this.stats.messagesReceived += 1;
        return data;
      },
      (err: unknown) => {
        // A refused hand-over closed the inner channel: its reason says more than "closed".
        throw this.failure ?? err;
      },
    );
  }

  async flush(): Promise<void> {
    this.pump();
    const wait = this.linkFreeAt - performance.now();
    if (wait > 0) await sleepUntil(this.linkFreeAt, wait);
    this.pump();
    if (this.failure) throw this.failure;
    await this.inner.flush();
  }

  close(): Promise<void> {
    this.closing ??= this.drained().then(() => this.inner.close());
    return this.closing;
  }

  /** Resolves once every message has been handed over (or dropped by a failure). */
  private drained(): Promise<void> {
    this.pump();
    if (this.head === this.inFlight.length) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Hands over every message whose arrival time has come, and sets the timer for the next. */
  private pump(): void {
    const now = performance.now();
    while (this.head < this.inFlight.length && this.inFlight[this.head]!.arriveAt <= now) {
      const msg = this.inFlight[this.head]!;
      this.inFlight[this.head++] = undefined as unknown as InFlight; // let the payload go
      try {
        this.inner.send(msg.tag, msg.data);
      } catch (err) {
        this.fail(err);
        return;
      }
    }
    if (this.head === this.inFlight.length) {
      this.inFlight.length = 0;
      this.head = 0;
      this.stopTimer();
      for (const resolve of this.drainWaiters.splice(0)) resolve();
      return;
    }
    // Compact now and then so a long-lived channel's array does not grow without bound.
    if (this.head > 1024 && this.head * 2 > this.inFlight.length) {
      this.inFlight.splice(0, this.head);
      this.head = 0;
    }
    this.arm(this.inFlight[this.head]!.arriveAt, now);
  }

  private arm(at: number, now: number): void {
    if (this.timer !== undefined && this.timerAt <= at) return;
    this.stopTimer();
    this.timerAt = at;
    // Whole ms, rounded up, so a timer never fires before the arrival time; pump re-checks anyway.
    // Not unref'd: a message in flight must keep the process alive until it is delivered.
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Infinity;
        this.pump();
      },
      Math.max(1, Math.ceil(at - now)),
    );
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }

  /**
   * The inner channel refused a message: drop the rest and close, so the peer learns at once. If the
   * inner channel was already closed (the peer hung up), its own errors say why; keep them.
   */
  private fail(err: unknown): void {
    if (!this.inner.closed) {
      this.failure =
        err instanceof Error ? err : new ChannelClosedError(`party ${this.party}: the inner channel refused a message: ${String(err)}`);
    }
    this.inFlight.length = 0;
    this.head = 0;
    this.stopTimer();
    for (const resolve of this.drainWaiters.splice(0)) resolve();
    this.inner.close().catch(() => {});
  }
}

/** Sleeps until performance.now() reaches `at` (setTimeout may fire a little early). */
async function sleepUntil(at: number, wait: number): Promise<void> {
  while (wait > 0) {
    await new Promise((r) => setTimeout(r, Math.max(1, Math.ceil(wait))));
    wait = at - performance.now();
  }
}
