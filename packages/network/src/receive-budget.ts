/**
 * How much a peer may make this side hold: the bytes that arrived before a `recv` asked for them,
 * on the main channel and every substream of one connection together.
 *
 * - Past a high-water mark, reading from the connection pauses (TCP: `socket.pause()`; libp2p: the
 *   stream stops granting yamux window), so an honest peer that runs ahead is slowed by flow
 *   control instead of growing our queue; reading resumes once receives drain it below the
 *   low-water mark.
 * - Past `maxQueuedBytes`, the connection fails with ReceiveOverflowError: a peer that keeps
 *   sending while flow control cannot hold it (see below) is out of step or hostile.
 *
 * Deadlock: pausing our reads delays the peer's writes (its socket buffer fills); it never blocks
 * our own sends, which `send` hands to the transport without waiting. Two parties that both send a
 * lot and then receive therefore still make progress: each one's receives drain its own queue.
 * What could stall is waiting on the peer while not reading: a `recv` whose message is behind
 * queued messages of another stream (head-of-line blocking on one connection), or a `flush` that
 * waits for the peer to read while the peer waits for us to read. So reading never pauses while
 * this side waits on the peer (a receive with nothing queued for it, or a pending flush); the hard
 * cap alone bounds the queue then.
 */
import { ReceiveOverflowError } from "./errors.js";
import type { PartyId } from "./channel.js";

/** What a transport does to stop and restart reading from the peer. */
export interface ReadControl {
  pauseReading(): void;
  resumeReading(): void;
}

/**
 * What a queued message costs beyond its payload: the message object, its tag string, its slot in
 * the queue. Charged so a flood of empty messages is bounded too.
 */
export function messageCost(tag: string, payloadBytes: number): number {
  return payloadBytes + 128 + 2 * tag.length;
}

/** What a substream opened by the peer, and not yet by this side, costs (its queue and map entry). */
export const STREAM_COST = 1024;

/** The high-water mark: at most this much queued before reading pauses. */
const MAX_HIGH_WATER = 64 * 1024 * 1024;

export class ReceiveBudget {
  /** Bytes (with per-message costs) queued and not yet received, over all the connection's queues. */
  queued = 0;
  readonly highWater: number;
  readonly lowWater: number;
  /** Receives and flushes waiting on the peer right now. */
  private waiting = 0;
  private paused = false;

  /**
   * `inFlight` reports the bytes of the frame being received (its buffer so far), which count
   * towards the high-water mark: a large message sent ahead is held back by flow control too.
   */
  constructor(
    private readonly party: PartyId,
    readonly maxQueuedBytes: number,
    private readonly control: ReadControl,
    private readonly inFlight: () => number = () => 0,
  ) {
    this.highWater = Math.min(MAX_HIGH_WATER, Math.floor(maxQueuedBytes / 2));
    this.lowWater = Math.floor(this.highWater / 2);
  }

  /** True while reading is paused (for tests). */
  get readingPaused(): boolean {
    return this.paused;
  }

  /**
   * Charges `cost` bytes for something queued. Returns the error to fail the connection with if
   * that takes the queue past `maxQueuedBytes` (nothing is charged then).
   */
  charge(cost: number, what: string): ReceiveOverflowError | undefined {
    if (this.queued + cost > this.maxQueuedBytes) {
      return new ReceiveOverflowError(
        `party ${this.party}: the peer (party ${1 - this.party}) sent ${this.queued + cost} bytes that no receive has asked for yet ` +
          `(the last: ${what}), above maxQueuedBytes (${this.maxQueuedBytes}); the parties are out of step or the peer is flooding. ` +
          `If a protocol legitimately sends that far ahead, raise maxQueuedBytes on party ${this.party}`,
      );
    }
    this.queued += cost;
    this.update();
    return undefined;
  }

  /** Gives back what `charge` took (a message was received, or dropped with a failed queue). */
  refund(cost: number): void {
    this.queued -= cost;
    this.update();
  }

  /** This side starts waiting on the peer; call the returned function (once) when it stops. */
  wait(): () => void {
    this.waiting++;
    this.update();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.waiting--;
      this.update();
    };
  }

  /** Pauses or resumes reading to match the current state; transports call it after each chunk. */
  update(): void {
    const buffered = this.queued + this.inFlight();
    // The flag changes before the call: resuming may deliver data synchronously, which re-enters.
    if (this.paused) {
      if (this.waiting > 0 || buffered <= this.lowWater) {
        this.paused = false;
        this.control.resumeReading();
      }
    } else if (this.waiting === 0 && buffered > this.highWater) {
      this.paused = true;
      this.control.pauseReading();
    }
  }
}
