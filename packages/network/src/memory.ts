import { asBytes, resolveChannelOptions, type Channel, type ChannelOptions, type PartyId, type RecvOptions } from "./channel.js";
import { ChannelClosedError } from "./errors.js";
import { encodeTag } from "./framing.js";
import { aligned, MessageQueue } from "./message-queue.js";
import { checkMainTag, Substreams, type StreamHost } from "./substream.js";

/**
 * Both ends of an in-memory channel, for running both parties in one process (tests, notebooks,
 * benchmarks that separate compute from the network). Messages are passed without copying
 * (unless a view is not 8-byte aligned). Tags and sizes are checked as the stream transports do,
 * so a program that runs here runs over TCP and libp2p too.
 */
export function memoryPair(opts: ChannelOptions = {}): [Channel, Channel] {
  const { timeoutMs, maxMessageBytes } = resolveChannelOptions(opts, "memoryPair");
  const a = new MemoryChannel(0, timeoutMs, maxMessageBytes);
  const b = new MemoryChannel(1, timeoutMs, maxMessageBytes);
  a.peer = b;
  b.peer = a;
  return [a, b];
}

class MemoryChannel implements Channel, StreamHost {
  peer!: MemoryChannel;
  readonly queue: MessageQueue;
  private isClosed = false;
  private readonly streams = new Substreams(this);

  constructor(
    readonly party: PartyId,
    timeoutMs: number,
    private readonly maxMessageBytes: number,
  ) {
    // A local failure (receive timeout, tag mismatch) leaves the stream out of step: hang up, so
    // the peer's pending receive fails now rather than at its own timeout.
    this.queue = new MessageQueue(party, timeoutMs, () => this.shutdown());
  }

  get stats() {
    return this.queue.stats;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  send(tag: string, data: ArrayBufferView): void {
    checkMainTag(tag, this.party);
    const bytes = asBytes(data);
    this.transmit(tag, bytes);
    this.queue.noteSent(bytes.byteLength);
  }

  substream(name: string): Channel {
    return this.streams.get(name);
  }

  transmit(tag: string, bytes: Uint8Array): void {
    if (this.isClosed) throw new ChannelClosedError(`party ${this.party}: send "${tag}" on a closed channel`);
    encodeTag(tag, `party ${this.party}: send`);
    if (bytes.byteLength > this.maxMessageBytes) {
      throw new RangeError(
        `party ${this.party}: send "${tag}": ${bytes.byteLength} bytes is above the peer's maxMessageBytes (${this.maxMessageBytes})`,
      );
    }
    // Deliver on a later tick, as a real transport would, so no protocol relies on synchronous delivery.
    const payload = aligned(bytes);
    queueMicrotask(() => this.peer.queue.deliver(tag, payload));
  }

  recv(tag: string, opts?: RecvOptions): Promise<Uint8Array> {
    return this.queue.recv(tag, opts);
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {
    if (this.isClosed) return;
    this.queue.fail(new ChannelClosedError(`party ${this.party}: channel closed by this party`));
  }

  private shutdown(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    // The peer may still read what was already queued for it, then sees the hang-up.
    queueMicrotask(() => this.peer.hangUp());
  }

  private hangUp(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.queue.fail(new ChannelClosedError(`party ${this.party}: the peer (party ${1 - this.party}) closed the channel`));
  }
}
