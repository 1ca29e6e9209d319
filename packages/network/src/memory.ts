import { asBytes, DEFAULT_TIMEOUT_MS, type Channel, type ChannelOptions, type PartyId, type RecvOptions } from "./channel.js";
import { ChannelClosedError } from "./errors.js";
import { aligned, MessageQueue } from "./message-queue.js";

/**
 * Both ends of an in-memory channel, for running both parties in one process (tests, notebooks,
 * benchmarks that separate compute from the network). Messages are passed without copying.
 */
export function memoryPair(opts: ChannelOptions = {}): [Channel, Channel] {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const a = new MemoryChannel(0, timeoutMs);
  const b = new MemoryChannel(1, timeoutMs);
  a.peer = b;
  b.peer = a;
  return [a, b];
}

class MemoryChannel implements Channel {
  peer!: MemoryChannel;
  readonly queue: MessageQueue;
  private isClosed = false;

  constructor(
    readonly party: PartyId,
    timeoutMs: number,
  ) {
    this.queue = new MessageQueue(party, timeoutMs);
  }

  get stats() {
    return this.queue.stats;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  send(tag: string, data: ArrayBufferView): void {
    if (this.isClosed) throw new ChannelClosedError(`party ${this.party}: send "${tag}" on a closed channel`);
    const bytes = asBytes(data);
    this.queue.noteSent(bytes.byteLength);
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
    this.isClosed = true;
    this.queue.fail(new ChannelClosedError(`party ${this.party}: channel closed by this party`));
    // The peer may still read what was already queued for it, then sees the hang-up.
    queueMicrotask(() => this.peer.hangUp());
  }

  private hangUp(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.queue.fail(new ChannelClosedError(`party ${this.party}: the peer (party ${1 - this.party}) closed the channel`));
  }
}
