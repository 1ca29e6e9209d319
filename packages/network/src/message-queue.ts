import { ChannelClosedError, ChannelTimeoutError, FrameError, ProtocolMismatchError, ReceiveOverflowError } from "./errors.js";
import { printable } from "./printable.js";
import type { ChannelStats, PartyId, RecvOptions } from "./channel.js";
import { messageCost, type ReceiveBudget, STREAM_COST } from "./receive-budget.js";

interface Message {
  tag: string;
  data: Uint8Array;
  /** What it was charged to the budget while queued. */
  cost: number;
}

interface Waiter {
  tag: string;
  resolve: (data: Uint8Array) => void;
  reject: (err: Error) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Ends this receive's wait on the peer in the budget (reading never pauses while one waits). */
  done: () => void;
}

/**
 * The receive side shared by every transport: incoming messages queue here, `recv` calls wait here
 * in call order, and tag checks, timeouts, close and the counters live here once.
 */
export class MessageQueue {
  readonly stats: ChannelStats = { bytesSent: 0, bytesReceived: 0, messagesSent: 0, messagesReceived: 0, rounds: 0 };
  private readonly inbox: Message[] = [];
  private readonly waiters: Waiter[] = [];
  private sentSinceRecv = false;
  private failure: Error | undefined;
  /** The queues of the substreams carried on this connection (see substream.ts), by name. */
  private readonly streams = new Map<string, MessageQueue>();
  /** Set while this substream was opened by the peer and not yet by this side (it is charged then). */
  private unopenedCost = 0;
  /** The queue this substream's queue belongs to (undefined for the connection's own). */
  private parent: MessageQueue | undefined;

  /**
   * `onFail` runs once, after the queue fails for any reason (timeout, tag mismatch, transport
   * failure): transports use it to tear the link down so the peer learns at once instead of at
   * its own timeout.
   */
  /**
   * `budget` bounds what the peer can make this connection queue (see receive-budget.ts); it is
   * shared with every substream. Without one (the in-memory pair, whose peer is this process) the
   * queue is unbounded.
   */
  constructor(
    readonly party: PartyId,
    private readonly timeoutMs: number,
    private readonly onFail?: (err: Error) => void,
    private readonly budget?: ReceiveBudget,
  ) {}

  /** Why the queue failed, if it did. */
  get failureReason(): Error | undefined {
    return this.failure;
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Accounts for an outgoing message (transports call this from `send`). */
  noteSent(bytes: number): void {
    this.stats.bytesSent += bytes;
    this.stats.messagesSent += 1;
    this.sentSinceRecv = true;
  }

  /** A complete message arrived from the peer. */
  deliver(tag: string, data: Uint8Array): void {
    if (this.failure) return;
    // Demultiplexed here, where every transport delivers, so substreams work on all of them alike.
    if (tag.charCodeAt(0) === STREAM_MARK_CODE) {
      this.route(tag, data);
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) {
      this.settle(waiter, { tag, data, cost: 0 });
      return;
    }
    const cost = this.budget ? messageCost(tag, data.byteLength) : 0;
    const overflow = this.budget?.charge(cost, `${data.byteLength} bytes tagged "${printable(tag)}"`);
    if (overflow) this.overflow(overflow);
    else this.inbox.push({ tag, data, cost });
  }

  /** Past maxQueuedBytes: fail everything, and drop what is queued so its memory is freed now. */
  private overflow(err: Error): void {
    this.root().fail(err);
  }

  private root(): MessageQueue {
    return this.parent ? this.parent.root() : this;
  }

  /** Drops every queued message of this queue and its substreams, refunding the budget. */
  private discard(): void {
    for (const msg of this.inbox.splice(0)) this.budget?.refund(msg.cost);
    this.budget?.refund(this.unopenedCost);
    this.unopenedCost = 0;
    for (const stream of this.streams.values()) stream.discard();
  }

  /**
   * The transport failed or closed: pending and future receives reject with `err` once the inbox is
   * drained, and so do those of every substream. `teardown: false` (a substream closed on purpose)
   * skips `onFail`, so the connection stays up.
   */
  fail(err: Error, teardown = true): void {
    if (this.failure) return;
    this.failure = err;
    for (const waiter of this.waiters.splice(0)) {
      if (waiter.timer) clearTimeout(waiter.timer);
      waiter.done();
      waiter.reject(err);
    }
    for (const stream of this.streams.values()) stream.fail(err, false);
    // Messages queued before the failure stay receivable, except after an overflow: then the
    // queue is what must be freed.
    if (err instanceof ReceiveOverflowError) this.discard();
    if (teardown) this.onFail?.(err);
  }

  /**
   * The receive queue of substream `name`, made on first use by either side: the peer may send on
   * a stream before this side opens it, and those messages wait here. A failure of the stream
   * (timeout, tag mismatch) fails this whole queue, which tears the connection down.
   */
  stream(name: string): MessageQueue {
    const q = this.streamQueue(name, false);
    if (q.unopenedCost > 0) {
      this.budget?.refund(q.unopenedCost);
      q.unopenedCost = 0;
    }
    return q;
  }

  /**
   * The queue of stream `name`, made if needed. One the peer makes (`byPeer`) is charged to the
   * budget until this side opens it, so a peer cannot make us hold unboundedly many streams;
   * undefined if that charge overflowed (the connection has failed then).
   */
  private streamQueue(name: string, byPeer: true): MessageQueue | undefined;
  private streamQueue(name: string, byPeer: false): MessageQueue;
  private streamQueue(name: string, byPeer: boolean): MessageQueue | undefined {
    let q = this.streams.get(name);
    if (!q) {
      let cost = 0;
      if (byPeer && this.budget) {
        const overflow = this.budget.charge(STREAM_COST, `a message opening stream "${printable(name)}"`);
        if (overflow) {
          this.overflow(overflow);
          return undefined;
        }
        cost = STREAM_COST;
      }
      q = new MessageQueue(
        this.party,
        this.timeoutMs,
        (err) =>
          this.fail(
            new ChannelClosedError(`party ${this.party}: connection torn down after a failure on stream "${name}": ${err.message}`),
          ),
        this.budget,
      );
      q.parent = this;
      q.unopenedCost = cost;
      if (this.failure) q.fail(this.failure, false);
      this.streams.set(name, q);
    }
    return q;
  }

  /** A message on a substream: `MARK name MARK tag`; an empty tag is the peer closing that stream. */
  private route(tag: string, data: Uint8Array): void {
    const end = tag.indexOf(STREAM_MARK, 1);
    if (end < 0) {
      this.fail(new FrameError(`party ${this.party}: malformed substream tag from the peer (no end of the stream name)`));
      return;
    }
    const name = tag.slice(1, end);
    const inner = tag.slice(end + 1);
    const q = this.streamQueue(name, true);
    if (!q) return;
    if (inner === "")
      q.fail(new ChannelClosedError(`party ${this.party}: the peer (party ${1 - this.party}) closed stream "${name}"`), false);
    else q.deliver(inner, data);
  }

  recv(tag: string, opts?: RecvOptions): Promise<Uint8Array> {
    if (this.sentSinceRecv) {
      this.stats.rounds += 1;
      this.sentSinceRecv = false;
    }
    const queued = this.waiters.length === 0 ? this.inbox.shift() : undefined;
    if (queued) this.budget?.refund(queued.cost);
    return new Promise<Uint8Array>((resolve, reject) => {
      const waiter: Waiter = { tag, resolve, reject, timer: undefined, done: NOTHING };
      if (queued) return this.settle(waiter, queued);
      if (this.failure) return reject(this.failure);
      // From here this receive waits on the peer: reading must not pause (see receive-budget.ts).
      if (this.budget) waiter.done = this.budget.wait();
      const timeoutMs = opts?.timeoutMs ?? this.timeoutMs;
      // Infinity means no timeout; setTimeout would otherwise clamp it to 1 ms.
      if (timeoutMs === Infinity) {
        this.waiters.push(waiter);
        return;
      }
      waiter.timer = setTimeout(
        () => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) this.waiters.splice(i, 1);
          waiter.done();
          const err = new ChannelTimeoutError(
            `party ${this.party}: no message "${tag}" from the peer within ${timeoutMs} ms ` +
              `(the peer is stalled or gone; for very long local work raise the channel's timeoutMs, or the petace CLI's --peer-timeout)`,
          );
          reject(err);
          // A timed-out exchange leaves the stream out of step: no later receive can be trusted.
          this.fail(new ChannelClosedError(`party ${this.party}: channel unusable after a receive timeout on "${tag}"`));
        },
        Math.min(timeoutMs, MAX_TIMER_MS),
      );
      // Not unref'd: a pending receive must keep the process alive until it settles or times out.
      // Otherwise a peer whose hang-up went unnoticed lets Node drain its event loop and exit 0
      // with the program unfinished, a silent failure instead of a timeout error.
      this.waiters.push(waiter);
    });
  }

  private settle(waiter: Waiter, msg: Message): void {
    if (waiter.timer) clearTimeout(waiter.timer);
    waiter.done();
    if (msg.tag !== waiter.tag) {
      const err = new ProtocolMismatchError(this.party, waiter.tag, msg.tag);
      waiter.reject(err);
      this.fail(err);
      return;
    }
    this.stats.bytesReceived += msg.data.byteLength;
    this.stats.messagesReceived += 1;
    waiter.resolve(msg.data);
  }
}

const MAX_TIMER_MS = 2 ** 31 - 1;
const NOTHING = (): void => {};

/** Starts (and ends the name of) every tag of a substream message; reserved on the main stream. */
export const STREAM_MARK = "\u001f";
const STREAM_MARK_CODE = 0x1f;

/** Copies `data` into a fresh 8-byte-aligned buffer unless it already is one. */
export function aligned(data: Uint8Array): Uint8Array {
  return data.byteOffset % 8 === 0 ? data : data.slice();
}
