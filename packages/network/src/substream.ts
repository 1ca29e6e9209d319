/**
 * Logical streams on one connection: `channel.substream("offline")` is a Channel of its own (its own
 * ordered queue, tags, stats and close) whose messages travel on the same connection, so one
 * authenticated link carries, e.g., the online protocol and the correlation generation running
 * beside it without their messages interleaving differently on the two sides.
 *
 * On the wire a substream message is an ordinary frame whose tag is `U+001F name U+001F tag`
 * (so every transport carries it unchanged); the receiving MessageQueue routes it to the stream's
 * own queue as it is delivered. A frame with the empty inner tag is the peer closing that stream.
 *
 * Failures: a failure of the connection fails every stream; a stream's receive timeout or tag
 * mismatch fails that stream and then the connection (the peer learns at once, as on any channel).
 * Closing a stream is graceful and local to it: the peer's stream sees ChannelClosedError after
 * what was already sent, and the connection and the other streams stay up. The connection itself
 * is closed by closing the channel the streams came from.
 *
 * A stream's own substreams are streams of the same connection named `parent/child` (so a VM run on
 * a substream can give its correlation workers streams of their own); they fail with the
 * connection, and are closed by themselves, not with their parent.
 */
import { asBytes, type Channel, type PartyId, type RecvOptions } from "./channel.js";
import { ChannelClosedError } from "./errors.js";
import { encodeTag, MAX_TAG_BYTES } from "./framing.js";
import { type MessageQueue, STREAM_MARK } from "./message-queue.js";

/** Longest stream name, in UTF-8 bytes (the name is repeated in every message's tag). */
export const MAX_STREAM_NAME_BYTES = 32;

/** What a transport offers its substreams: the connection's receive queue and a raw send. */
export interface StreamHost {
  readonly party: PartyId;
  readonly closed: boolean;
  readonly queue: MessageQueue;
  /** Sends a frame on the connection without counting it in the connection's own stats. */
  transmit(tag: string, bytes: Uint8Array): void;
  flush(): Promise<void>;
}

/** The substreams of one connection: one Channel object per name. */
export class Substreams {
  readonly #open = new Map<string, SubChannel>();

  constructor(private readonly host: StreamHost) {}

  get(name: string): Channel {
    let ch = this.#open.get(name);
    if (!ch) {
      checkStreamName(name, this.host.party);
      ch = new SubChannel(this.host, name, this);
      this.#open.set(name, ch);
    }
    return ch;
  }
}

/** Checks a substream name: 1..32 bytes of UTF-8, no U+001F. */
export function checkStreamName(name: string, party: PartyId): void {
  const where = `party ${party}: substream`;
  if (typeof name !== "string") throw new TypeError(`${where}: the name must be a string, got ${typeof name}`);
  const bytes = encodeTag(name, where).length;
  if (bytes > MAX_STREAM_NAME_BYTES || name.includes(STREAM_MARK)) {
    throw new RangeError(`${where}: the name must be 1..${MAX_STREAM_NAME_BYTES} bytes without U+001F, got "${name.slice(0, 40)}"`);
  }
}

/** Rejects a main-stream tag that would be taken for a substream message. */
export function checkMainTag(tag: string, party: PartyId): void {
  if (typeof tag === "string" && tag.startsWith(STREAM_MARK)) {
    throw new RangeError(`party ${party}: send "${tag.slice(1, 40)}": tags starting with U+001F are reserved for substreams`);
  }
}

class SubChannel implements Channel {
  readonly party: PartyId;
  readonly #host: StreamHost;
  readonly #name: string;
  readonly #prefix: string;
  readonly #queue: MessageQueue;
  /** Bytes left for a message's own tag once the stream prefix is in. */
  readonly #tagBudget: number;
  #closedHere = false;
  readonly #siblings: Substreams;

  constructor(host: StreamHost, name: string, siblings: Substreams) {
    this.#host = host;
    this.#siblings = siblings;
    this.#name = name;
    this.party = host.party;
    this.#prefix = `${STREAM_MARK}${name}${STREAM_MARK}`;
    this.#tagBudget = MAX_TAG_BYTES - new TextEncoder().encode(this.#prefix).length;
    this.#queue = host.queue.stream(name);
  }

  get stats() {
    return this.#queue.stats;
  }

  get closed(): boolean {
    return this.#closedHere || this.#queue.failed || this.#host.closed;
  }

  send(tag: string, data: ArrayBufferView): void {
    if (this.closed) {
      const why = this.#queue.failureReason?.message;
      throw new ChannelClosedError(`party ${this.party}: send "${tag}" on closed stream "${this.#name}"${why ? ` (${why})` : ""}`);
    }
    const where = `party ${this.party}: send on stream "${this.#name}"`;
    const tagBytes = encodeTag(tag, where).length;
    if (tagBytes > this.#tagBudget) {
      throw new RangeError(
        `${where}: tag must be 1..${this.#tagBudget} bytes of UTF-8 on this stream, got ${tagBytes} bytes ("${tag.slice(0, 40)}")`,
      );
    }
    const bytes = asBytes(data);
    this.#host.transmit(this.#prefix + tag, bytes);
    this.#queue.noteSent(bytes.byteLength);
  }

  recv(tag: string, opts?: RecvOptions): Promise<Uint8Array> {
    return this.#queue.recv(tag, opts);
  }

  substream(name: string): Channel {
    return this.#siblings.get(`${this.#name}/${name}`);
  }

  flush(): Promise<void> {
    return this.#host.flush();
  }

  /** Ends this stream on both sides (after what was sent); the connection stays up. Idempotent. */
  async close(): Promise<void> {
    if (this.#closedHere) return;
    this.#closedHere = true;
    if (!this.#queue.failed && !this.#host.closed) {
      try {
        this.#host.transmit(this.#prefix, EMPTY);
      } catch {
        // The connection is going down: the peer's stream fails with it.
      }
    }
    this.#queue.fail(new ChannelClosedError(`party ${this.party}: stream "${this.#name}" closed by this party`), false);
  }
}

const EMPTY = new Uint8Array(0);
