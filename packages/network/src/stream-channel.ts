/**
 * The Channel over any ordered byte stream (a TCP socket, a libp2p stream): hello, framing, the
 * shared receive queue, and the rules for failing. Transports provide a `ByteLink` and forward
 * the stream's events to `onData` / `onEnd` / `onError`.
 */
import { asBytes, type Channel, type PartyId, type RecvOptions } from "./channel.js";
import { ChannelClosedError, ChannelError, FrameError, ReceiveOverflowError } from "./errors.js";
import { encodeTag, FrameDecoder, frameHeader, MAX_FRAME_PAYLOAD_BYTES } from "./framing.js";
import { checkHello, encodeHello, HELLO_BYTES, type Hello } from "./handshake.js";
import { MessageQueue } from "./message-queue.js";
import { ReceiveBudget, type ReadControl } from "./receive-budget.js";
import { checkMainTag, Substreams, type StreamHost } from "./substream.js";

/**
 * What a transport provides: an ordered byte pipe to the peer, whose reading can be paused (flow
 * control: the peer's writes then back up, see receive-budget.ts).
 */
export interface ByteLink extends ReadControl {
  /** Queues a frame header and its payload, in order, without copying either. */
  write(header: Uint8Array, payload: Uint8Array): void;
  /** Resolves once everything written so far has been handed to the OS (or the muxer); rejects if the link fails first. */
  drained(): Promise<void>;
  /** Graceful close: pending writes go out, then the stream ends. Resolves once closed (bounded wait). */
  end(): Promise<void>;
  /** Immediate teardown, pending writes dropped. */
  destroy(): void;
}

export interface StreamChannelOptions {
  timeoutMs: number;
  maxMessageBytes: number;
  /** Most bytes queued that no receive has asked for yet, over the channel and its substreams. */
  maxQueuedBytes: number;
  /** Where the peer is, for messages: "127.0.0.1:5000", a multiaddr, a PeerId. */
  peerAddress: string;
}

export class StreamChannel implements Channel, StreamHost {
  readonly queue: MessageQueue;
  /** What the peer can make this side hold (exposed for tests). */
  readonly budget: ReceiveBudget;
  private readonly streams = new Substreams(this);
  /** Resolves with the peer's hello; rejects (HandshakeError, ChannelClosedError) if the handshake fails. */
  readonly ready: Promise<Hello>;
  private link: ByteLink | undefined;
  private readonly decoder: FrameDecoder;
  private readonly peerAddress: string;
  private readonly maxMessageBytes: number;
  private readonly hello = new Uint8Array(HELLO_BYTES);
  private helloHave = 0;
  private open = false;
  private peerMax = MAX_FRAME_PAYLOAD_BYTES;
  private isClosed = false;
  private closing: Promise<void> = Promise.resolve();
  private settleReady!: { resolve: (h: Hello) => void; reject: (e: Error) => void };

  constructor(
    readonly party: PartyId,
    opts: StreamChannelOptions,
  ) {
    this.peerAddress = opts.peerAddress;
    this.maxMessageBytes = opts.maxMessageBytes;
    // Reading is paused through the link once attached; before that nothing is read anyway.
    const control: ReadControl = {
      pauseReading: () => this.link?.pauseReading(),
      resumeReading: () => this.link?.resumeReading(),
    };
    this.budget = new ReceiveBudget(party, opts.maxQueuedBytes, control, () => this.decoder.bufferedBytes);
    // A flood is not worth a graceful close: drop the connection at once.
    this.queue = new MessageQueue(
      party,
      opts.timeoutMs,
      (err) => this.shutdown(err, err instanceof ReceiveOverflowError ? "destroy" : "end"),
      this.budget,
    );
    this.decoder = new FrameDecoder({
      maxMessageBytes: opts.maxMessageBytes,
      // Frame errors name the peer they came from: a cut connection is then traceable to its peer.
      who: `party ${party} (from party ${1 - party} at ${opts.peerAddress})`,
      onFrame: (tag, payload) => this.queue.deliver(tag, payload),
    });
    this.ready = new Promise<Hello>((resolve, reject) => {
      this.settleReady = { resolve, reject };
    });
    // The transport awaits `ready`; this guard only keeps an abandoned handshake from surfacing as
    // an unhandled rejection.
    this.ready.catch(() => {});
  }

  /** Attaches the link and sends this side's hello. */
  attach(link: ByteLink): void {
    this.link = link;
    link.write(encodeHello(this.party, this.maxMessageBytes), EMPTY);
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
    if (this.isClosed || !this.link) {
      const why = this.queue.failureReason?.message;
      throw new ChannelClosedError(`party ${this.party}: send "${tag}" on a closed channel${why ? ` (${why})` : ""}`);
    }
    const tagBytes = encodeTag(tag, `party ${this.party}: send`);
    if (bytes.byteLength > this.peerMax) {
      throw new RangeError(
        `party ${this.party}: send "${tag}": ${bytes.byteLength} bytes is above the peer's maxMessageBytes ` +
          `(${this.peerMax}); raise maxMessageBytes on party ${1 - this.party} or send smaller messages`,
      );
    }
    try {
      this.link.write(frameHeader(tagBytes, bytes.byteLength), bytes);
    } catch (err) {
      // The transport refused the write (its stream was reset under us): fail like any broken link.
      this.onError(err);
      throw this.queue.failureReason ?? err;
    }
  }

  recv(tag: string, opts?: RecvOptions): Promise<Uint8Array> {
    return this.queue.recv(tag, opts);
  }

  async flush(): Promise<void> {
    if (!this.link) return;
    // Waiting for the peer to read: keep reading meanwhile, or two parties that both flush before
    // they receive would each wait for the other (see receive-budget.ts).
    const done = this.budget.wait();
    try {
      await this.link.drained();
    } catch (err) {
      throw this.queue.failureReason ?? err;
    } finally {
      done();
    }
  }

  async close(): Promise<void> {
    this.shutdown(new ChannelClosedError(`party ${this.party}: channel closed by this party`), "end");
    await this.closing;
  }

  /** Bytes from the peer, in order, in chunks of any size. */
  onData(chunk: Uint8Array): void {
    if (this.isClosed) return;
    let rest = chunk;
    if (!this.open) {
      const take = Math.min(HELLO_BYTES - this.helloHave, rest.length);
      this.hello.set(rest.subarray(0, take), this.helloHave);
      this.helloHave += take;
      rest = rest.subarray(take);
      if (this.helloHave < HELLO_BYTES) return;
      let hello: Hello;
      try {
        hello = checkHello(this.hello, this.party, `the peer at ${this.peerAddress}`);
      } catch (err) {
        this.shutdown(err as Error, "destroy");
        return;
      }
      this.open = true;
      this.peerMax = Math.min(hello.maxMessageBytes, MAX_FRAME_PAYLOAD_BYTES);
      this.settleReady.resolve(hello);
      if (rest.length === 0) return;
    }
    try {
      this.decoder.push(rest);
    } catch (err) {
      // Malformed input: the stream cannot be resynchronised, so drop the connection.
      this.shutdown(err instanceof ChannelError ? err : new FrameError(`party ${this.party}: ${String(err)}`), "destroy");
      return;
    }
    // The frame in progress grew: it counts towards the high-water mark.
    if (!this.isClosed) this.budget.update();
  }

  /** The peer ended its side of the stream. */
  onEnd(): void {
    if (this.isClosed) return;
    if (!this.open) {
      this.shutdown(new ChannelClosedError(`party ${this.party}: the peer at ${this.peerAddress} hung up during the handshake`), "destroy");
      return;
    }
    try {
      this.decoder.end();
    } catch (err) {
      this.shutdown(err as Error, "destroy");
      return;
    }
    this.shutdown(
      new ChannelClosedError(`party ${this.party}: the peer (party ${1 - this.party} at ${this.peerAddress}) closed the channel`),
      "end",
    );
  }

  /** The stream failed (reset, socket error). */
  onError(err: unknown): void {
    if (this.isClosed) return;
    const reason = err instanceof Error ? err.message : String(err);
    this.shutdown(
      new ChannelClosedError(
        `party ${this.party}: the connection to the peer (party ${1 - this.party} at ${this.peerAddress}) failed: ${reason}`,
        { cause: err },
      ),
      "destroy",
    );
  }

  private shutdown(err: Error, how: "end" | "destroy"): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.settleReady.reject(err);
    this.queue.fail(err);
    const link = this.link;
    if (!link) return;
    if (how === "destroy") {
      link.destroy();
    } else {
      // A paused link would not read the peer's end of the stream, and the close would wait for it.
      link.resumeReading();
      this.closing = link.end().catch(() => {});
    }
  }
}

const EMPTY = new Uint8Array(0);
