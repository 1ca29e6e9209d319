import { checkParty } from "@petace/primitives";

/** The two parties of a computation. */
export type PartyId = 0 | 1;

/** Counters kept by every Channel, for tests (rounds, bytes per protocol) and benchmarks. */
export interface ChannelStats {
  /** Payload bytes handed to `send` (framing overhead not included). */
  bytesSent: number;
  /** Payload bytes returned by `recv`. */
  bytesReceived: number;
  messagesSent: number;
  messagesReceived: number;
  /**
   * Communication rounds as seen by this party: incremented by a `recv` that follows at least one
   * `send` since the previous `recv`. Both parties sending and then both receiving is one round.
   */
  rounds: number;
}

export interface RecvOptions {
  /** Overrides the channel's receive timeout for this call, in milliseconds. */
  timeoutMs?: number;
}

/**
 * An ordered, framed, tagged, two-party message stream.
 *
 * - `send` never blocks: it queues the message. Ownership of the bytes passes to the channel (it may
 *   hand the same memory to the peer or the socket without a copy), so do not modify them afterwards.
 * - `recv` returns the next message. Every message carries its tag; if the peer's tag is not the one
 *   expected, `recv` rejects with ProtocolMismatchError naming both. Receives complete in call order.
 * - A peer that hangs up makes pending and later receives reject with ChannelClosedError; a peer that
 *   goes silent makes `recv` reject with ChannelTimeoutError. Never a hang.
 * - Returned buffers are fresh or exclusively owned by the caller, and 8-byte aligned, so a
 *   `BigUint64Array` view over them is always possible (see `recvU64`).
 */
export interface Channel {
  /** This side's party id. */
  readonly party: PartyId;
  send(tag: string, data: ArrayBufferView): void;
  recv(tag: string, opts?: RecvOptions): Promise<Uint8Array>;
  /** Resolves once everything queued has been handed to the transport (backpressure for bulk senders). */
  flush(): Promise<void>;
  readonly stats: Readonly<ChannelStats>;
  /** True once closed by either side. */
  readonly closed: boolean;
  /** Closes the channel; pending receives on both sides reject with ChannelClosedError. Idempotent. */
  close(): Promise<void>;
  /**
   * A logical stream named `name` on the same connection (see substream.ts): a Channel of its own,
   * ordered independently of this one. Both parties open the same names. Every transport of this
   * package has it; wrappers may pass it through.
   */
  substream?(name: string): Channel;
}

/** Options every transport accepts. */
export interface ChannelOptions {
  /** Receive timeout in ms (default 60 000; `Infinity` for none). */
  timeoutMs?: number;
  /** Largest message accepted from the peer, in bytes (default 1 GiB); larger is a FrameError. */
  maxMessageBytes?: number;
  /**
   * Most bytes the peer may have queued here that no `recv` has asked for yet, over the channel
   * and all its substreams (default 512 MiB). Past half of it (at most 64 MiB) reading pauses
   * while no receive waits, so an honest peer is slowed by flow control; past it the channel fails
   * with ReceiveOverflowError. The stream transports (TCP, libp2p) enforce it; the in-memory pair,
   * whose peer is the same process, does not.
   */
  maxQueuedBytes?: number;
}

/** Where transports report events that are not errors of the call (e.g. a refused connection attempt). */
export interface ChannelLogger {
  warn(message: string): void;
}

/** Options of the transports that connect to a remote peer (TCP, libp2p). */
export interface PeerChannelOptions extends ChannelOptions {
  /** This side's party id: party 0 listens, party 1 dials. */
  party: PartyId;
  /** How long to keep trying to reach the peer (and to finish the handshake), in ms (default 30 000). */
  connectTimeoutMs?: number;
  /** Where warnings go (refused or foreign connection attempts); default `console.warn`. */
  logger?: ChannelLogger;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_MESSAGE_BYTES = 1 << 30;
/**
 * Enough for a peer several of the largest protocol messages ahead (an OT extension step is 64 MiB
 * at the default batch), and little enough that a hostile peer cannot take much of a machine.
 */
export const DEFAULT_MAX_QUEUED_BYTES = 512 * 1024 * 1024;

/** A view of any typed array as bytes, without a copy. */
export function asBytes(data: ArrayBufferView): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * `channel.substream(name)`, or an error saying the channel cannot carry substreams. Tags starting
 * with U+001F are reserved for them.
 */
export function substream(channel: Channel, name: string): Channel {
  if (typeof channel.substream !== "function") {
    throw new TypeError(
      `substream("${String(name).slice(0, 40)}"): this channel cannot carry substreams; use a channel from memoryPair, connectTcp or connect (or a wrapper that passes substream through)`,
    );
  }
  return channel.substream(name);
}

/** Receives a message of 64-bit ring elements. */
export async function recvU64(ch: Channel, tag: string, opts?: RecvOptions): Promise<BigUint64Array> {
  const bytes = await ch.recv(tag, opts);
  if (bytes.byteLength % 8 !== 0) {
    throw new RangeError(`recvU64: message "${tag}" has ${bytes.byteLength} bytes, not a multiple of 8`);
  }
  return new BigUint64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
}

/** One round: send ours, receive theirs under the same tag (both parties call it symmetrically). */
export async function exchange(ch: Channel, tag: string, data: ArrayBufferView): Promise<Uint8Array> {
  ch.send(tag, data);
  return ch.recv(tag);
}

/** `exchange` for 64-bit ring elements. */
export async function exchangeU64(ch: Channel, tag: string, data: BigUint64Array): Promise<BigUint64Array> {
  ch.send(tag, data);
  return recvU64(ch, tag);
}

/** Checks a party id at an API boundary: @petace/primitives' `checkParty` with the arguments in this order. */
export function assertParty(party: unknown, where: string): asserts party is PartyId {
  checkParty(where, party);
}

/** Checks and fills in the options every transport accepts; `where` names the routine in errors. */
export function resolveChannelOptions(opts: ChannelOptions, where: string): Required<ChannelOptions> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxMessageBytes = opts.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  if (typeof timeoutMs !== "number" || !(timeoutMs > 0)) {
    throw new RangeError(`${where}: timeoutMs must be a positive number of ms (or Infinity), got ${String(timeoutMs)}`);
  }
  if (!Number.isSafeInteger(maxMessageBytes) || maxMessageBytes < 0) {
    throw new RangeError(`${where}: maxMessageBytes must be a non-negative integer, got ${String(maxMessageBytes)}`);
  }
  const maxQueuedBytes = opts.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES;
  if (!Number.isSafeInteger(maxQueuedBytes) || maxQueuedBytes < 1) {
    throw new RangeError(`${where}: maxQueuedBytes must be a positive integer, got ${String(maxQueuedBytes)}`);
  }
  return { timeoutMs, maxMessageBytes, maxQueuedBytes };
}
