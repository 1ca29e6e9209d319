/**
 * A Channel for a worker thread, carried over a MessagePort to the thread that owns the connection.
 * The owner calls `servePort(port, channel)` with the channel the worker is to use (typically a
 * substream); the worker calls `portChannel(port, party)` on the other end of the port.
 *
 * Sends are posted to the owner and sent there. They are copied once on the way (structured clone):
 * a Channel's caller may still read what it sent (the base OTs do), so its buffer cannot be moved
 * away from it. Received bytes belong to the caller, so they cross without a copy. A receive is a request the owner runs as `channel.recv(tag)`, so tag
 * checks, the timeout and the failure rules are the channel's own; the bytes come back
 * transferred. Errors travel both ways: a failure of the channel rejects the worker's receives with
 * the same error class and message; a worker that closes, or whose port closes (it died or was
 * terminated), closes the served channel, so the peer sees ChannelClosedError, never a hang.
 */
import type { MessagePort } from "node:worker_threads";
import { asBytes, type Channel, type ChannelStats, type PartyId, type RecvOptions } from "./channel.js";
import { ChannelClosedError, ChannelError, ChannelTimeoutError, ProtocolMismatchError } from "./errors.js";
import { encodeTag } from "./framing.js";

/** Worker → owner. */
type Request =
  | { op: "send"; tag: string; data: Uint8Array }
  | { op: "recv"; id: number; tag: string; timeoutMs: number | undefined }
  | { op: "flush"; id: number }
  | { op: "close" };

/** Owner → worker. */
type Reply =
  | { op: "data"; id: number; data: Uint8Array }
  | { op: "done"; id: number }
  | { op: "error"; id: number; error: WireError }
  /** A send failed at the owner: the worker's channel fails with this error. */
  | { op: "failed"; error: WireError };

interface WireError {
  name: string;
  message: string;
  party?: number;
  expected?: string;
  actual?: string;
}

/** A served port: `close` detaches it (and closes the channel). */
export interface PortService {
  /** Resolves once the port or the channel is closed, whichever first. */
  readonly done: Promise<void>;
  close(): Promise<void>;
}

/**
 * Serves `channel` to the worker at the other end of `port`. The channel is closed when the worker
 * closes it, when the port closes, or by `close()`.
 */
export function servePort(port: MessagePort, channel: Channel): PortService {
  let finished = false;
  let settle!: () => void;
  const done = new Promise<void>((resolve) => {
    settle = resolve;
  });
  const finish = async () => {
    if (finished) return;
    finished = true;
    port.off("message", onMessage);
    port.close();
    await channel.close().catch(() => {});
    settle();
  };
  const reply = (msg: Reply, data?: Uint8Array) => {
    if (finished) return;
    port.postMessage(msg, data ? transferable(data) : []);
  };
  const fail = (id: number, err: unknown) => reply({ op: "error", id, error: toWire(err) });
  const onMessage = (msg: Request) => {
    switch (msg.op) {
      case "send":
        try {
          channel.send(msg.tag, msg.data);
        } catch (err) {
          // Dropping it silently would leave the peer waiting: the worker's next call throws this.
          if (!finished) port.postMessage({ op: "failed", error: toWire(err) } satisfies Reply);
        }
        return;
      case "recv":
        channel.recv(msg.tag, msg.timeoutMs === undefined ? undefined : { timeoutMs: msg.timeoutMs }).then(
          (data) => {
            const out = portable(data);
            reply({ op: "data", id: msg.id, data: out }, out);
          },
          (err: unknown) => fail(msg.id, err),
        );
        return;
      case "flush":
        channel.flush().then(
          () => reply({ op: "done", id: msg.id }),
          (err: unknown) => fail(msg.id, err),
        );
        return;
      case "close":
        void finish();
        return;
    }
  };
  port.on("message", onMessage);
  // A worker that exits or is terminated closes its end of the port.
  port.once("close", () => void finish());
  return { done, close: finish };
}

/**
 * The worker's Channel over `port` (see `servePort`). Its receive timeout is the served channel's;
 * `recv`'s `timeoutMs` overrides it per call as usual.
 */
export function portChannel(port: MessagePort, party: PartyId): Channel {
  return new PortChannel(port, party);
}

class PortChannel implements Channel {
  readonly stats: ChannelStats = { bytesSent: 0, bytesReceived: 0, messagesSent: 0, messagesReceived: 0, rounds: 0 };
  readonly #port: MessagePort;
  readonly #pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  #nextId = 0;
  #sentSinceRecv = false;
  #failure: Error | undefined;

  constructor(
    port: MessagePort,
    readonly party: PartyId,
  ) {
    this.#port = port;
    port.on("message", (msg: Reply) => {
      if (msg.op === "failed") {
        this.#fail(fromWire(msg.error));
        return;
      }
      const p = this.#pending.get(msg.id);
      if (!p) return;
      this.#pending.delete(msg.id);
      if (msg.op === "error") {
        const err = fromWire(msg.error);
        // Like any channel: after a failed receive nothing later can be trusted (MessageQueue's rule).
        this.#fail(
          err instanceof ChannelTimeoutError
            ? new ChannelClosedError(`party ${party}: channel unusable after a receive timeout (${err.message})`)
            : err,
        );
        p.reject(err);
      } else p.resolve(msg);
    });
    port.once("close", () => this.#fail(new ChannelClosedError(`party ${party}: the port to the thread that owns the connection closed`)));
  }

  get closed(): boolean {
    return this.#failure !== undefined;
  }

  send(tag: string, data: ArrayBufferView): void {
    if (this.#failure) throw new ChannelClosedError(`party ${this.party}: send "${tag}" on a closed channel (${this.#failure.message})`);
    encodeTag(tag, `party ${this.party}: send`);
    const bytes = asBytes(data);
    // A view of part of a buffer is copied by hand (and the copy moved): a clone would copy all of it.
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const msg: Request = { op: "send", tag, data: whole ? bytes : bytes.slice() };
    this.#port.postMessage(msg, whole ? [] : transferable(msg.data));
    this.stats.bytesSent += bytes.byteLength;
    this.stats.messagesSent += 1;
    this.#sentSinceRecv = true;
  }

  async recv(tag: string, opts?: RecvOptions): Promise<Uint8Array> {
    if (this.#sentSinceRecv) {
      this.stats.rounds += 1;
      this.#sentSinceRecv = false;
    }
    const r = await this.#call({ op: "recv", id: 0, tag, timeoutMs: opts?.timeoutMs });
    if (r.op !== "data") throw new ChannelError(`party ${this.party}: recv "${tag}": unexpected reply "${r.op}" from the owner thread`);
    this.stats.bytesReceived += r.data.byteLength;
    this.stats.messagesReceived += 1;
    return r.data;
  }

  async flush(): Promise<void> {
    await this.#call({ op: "flush", id: 0 });
  }

  async close(): Promise<void> {
    if (this.#failure) return;
    this.#port.postMessage({ op: "close" } satisfies Request);
    this.#fail(new ChannelClosedError(`party ${this.party}: channel closed by this party`));
  }

  #call(req: Extract<Request, { id: number }>): Promise<Reply> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#port.postMessage({ ...req, id });
    });
  }

  #fail(err: Error): void {
    if (this.#failure) return;
    this.#failure = err;
    for (const p of this.#pending.values()) p.reject(err);
    this.#pending.clear();
  }
}

/**
 * `bytes` as it should cross the port: itself when its buffer can be transferred, else a copy of
 * just the view (structured clone would copy the whole buffer behind it).
 */
function portable(bytes: Uint8Array): Uint8Array {
  return transferable(bytes).length > 0 || bytes.byteLength === 0 ? bytes : bytes.slice();
}

/** The buffer to transfer with `bytes`: only one the view covers whole (a shared one would lose other views). */
function transferable(bytes: Uint8Array): ArrayBuffer[] {
  const buf = bytes.buffer;
  return buf instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buf.byteLength && buf.byteLength > 0 ? [buf] : [];
}

function toWire(err: unknown): WireError {
  if (err instanceof ProtocolMismatchError)
    return { name: err.name, message: err.message, party: err.party, expected: err.expected, actual: err.actual };
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: "Error", message: String(err) };
}

/** The error the owner's channel raised, as the same class in this thread. */
function fromWire(e: WireError): Error {
  switch (e.name) {
    case "ProtocolMismatchError":
      return new ProtocolMismatchError(e.party ?? 0, e.expected ?? "?", e.actual ?? "?");
    case "ChannelTimeoutError":
      return new ChannelTimeoutError(e.message);
    case "ChannelClosedError":
      return new ChannelClosedError(e.message);
    default:
      return new ChannelError(`${e.name}: ${e.message}`);
  }
}
