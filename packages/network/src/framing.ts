/**
 * The wire format of the stream transports (TCP, libp2p). After the hello (see handshake.ts), each
 * message is one frame:
 *
 *     u32 LE payload length | u8 tag length (1..255) | tag (UTF-8) | payload
 *
 * The decoder is fed whatever chunks the socket delivers. It checks the declared length against
 * `maxMessageBytes`, then collects the payload into a fresh ArrayBuffer (so every received message
 * is 8-byte aligned and owned by the caller). That buffer grows as the bytes arrive, from 64 KiB up
 * to the declared length: a header alone costs 64 KiB, not the length it declares, and a peer
 * makes this side hold at most four times what it has actually sent (and 64 KiB).
 */
import { FrameError } from "./errors.js";

/** Bytes before the tag: u32 length + u8 tag length. */
export const FRAME_HEADER_BYTES = 5;
/** A tag is 1..255 bytes of UTF-8. */
export const MAX_TAG_BYTES = 255;
/** The u32 length field's limit. */
export const MAX_FRAME_PAYLOAD_BYTES = 0xffff_ffff;

const utf8 = new TextEncoder();
const utf8Strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

// Protocols reuse a small set of tags, so encode each once. Bounded so a program that builds
// tags from counters cannot grow it without limit.
const tagCache = new Map<string, Uint8Array>();
const TAG_CACHE_LIMIT = 4096;

/**
 * The UTF-8 bytes of a tag, checked: 1..255 bytes, and a well-formed string (a lone surrogate would
 * reach the peer as U+FFFD, a different tag). `where` names the calling routine in the error.
 */
export function encodeTag(tag: string, where: string): Uint8Array {
  const cached = tagCache.get(tag);
  if (cached) return cached;
  if (typeof tag !== "string") throw new TypeError(`${where}: tag must be a string, got ${typeof tag}`);
  const bytes = utf8.encode(tag);
  if (bytes.length === 0 || bytes.length > MAX_TAG_BYTES) {
    throw new RangeError(`${where}: tag must be 1..${MAX_TAG_BYTES} bytes of UTF-8, got ${bytes.length} bytes ("${tag.slice(0, 40)}")`);
  }
  if (utf8Strict.decode(bytes) !== tag) {
    throw new RangeError(`${where}: tag "${tag.slice(0, 40)}" is not well-formed Unicode (lone surrogate)`);
  }
  if (tagCache.size >= TAG_CACHE_LIMIT) tagCache.clear();
  tagCache.set(tag, bytes);
  return bytes;
}

/** The frame header (length, tag length, tag) for a payload of `payloadBytes` bytes. */
export function frameHeader(tagBytes: Uint8Array, payloadBytes: number): Uint8Array {
  const header = new Uint8Array(FRAME_HEADER_BYTES + tagBytes.length);
  new DataView(header.buffer).setUint32(0, payloadBytes, true);
  header[4] = tagBytes.length;
  header.set(tagBytes, FRAME_HEADER_BYTES);
  return header;
}

/** A whole frame as one buffer (tests and tools; transports write header and payload separately). */
export function encodeFrame(tag: string, payload: Uint8Array): Uint8Array {
  const header = frameHeader(encodeTag(tag, "encodeFrame"), payload.byteLength);
  const out = new Uint8Array(header.length + payload.byteLength);
  out.set(header, 0);
  out.set(payload, header.length);
  return out;
}

export interface FrameDecoderOptions {
  /** Largest payload accepted; a larger declared length is a FrameError before any allocation. */
  maxMessageBytes: number;
  /** Called for each complete frame, in order. */
  onFrame: (tag: string, payload: Uint8Array) => void;
  /** Prefix for error messages, e.g. "party 1". */
  who?: string;
}

/** First buffer of a payload; it grows fourfold (up to the declared length) as the bytes arrive. */
export const INITIAL_PAYLOAD_BYTES = 64 * 1024;
/**
 * Fourfold rather than doubling: the copies of the earlier steps add a third of the payload
 * instead of all of it (doubling halved the decoder's throughput on 1 MiB and 64 MiB messages),
 * for a buffer at most four times what has arrived.
 */
const GROWTH = 4;

/**
 * A fresh, 8-byte aligned buffer of `n` bytes. Not zero-filled where Node allows it (zeroing every
 * step cost as much as the copies): the decoder writes every byte before it hands a buffer out,
 * and copies only the bytes it wrote from one step to the next.
 */
function allocPayload(n: number): Uint8Array {
  const B = (globalThis as { Buffer?: { allocUnsafeSlow(n: number): Uint8Array } }).Buffer;
  return B ? new Uint8Array(B.allocUnsafeSlow(n).buffer, 0, n) : new Uint8Array(n);
}

const HEADER = 0;
const TAG = 1;
const PAYLOAD = 2;

/**
 * Incremental frame decoder. `push` throws FrameError on malformed input; after that the decoder
 * is poisoned (every later call throws the same error), since the stream is out of step.
 */
export class FrameDecoder {
  private readonly maxMessageBytes: number;
  private readonly onFrame: (tag: string, payload: Uint8Array) => void;
  private readonly who: string;
  private state = HEADER;
  /** Header and tag bytes collected so far, for frames whose header straddles chunks. */
  private readonly head = new Uint8Array(FRAME_HEADER_BYTES + MAX_TAG_BYTES);
  private readonly headView = new DataView(this.head.buffer);
  private have = 0;
  private length = 0;
  private tagLength = 0;
  private tag = "";
  private payload: Uint8Array = new Uint8Array(0);
  private filled = 0;
  private error: FrameError | undefined;

  constructor(opts: FrameDecoderOptions) {
    this.maxMessageBytes = Math.min(opts.maxMessageBytes, MAX_FRAME_PAYLOAD_BYTES);
    this.onFrame = opts.onFrame;
    this.who = opts.who ?? "frame decoder";
  }

  /** Bytes held for the frame being received (its payload buffer so far), 0 between frames. */
  get bufferedBytes(): number {
    return this.state === PAYLOAD ? this.payload.byteLength : 0;
  }

  /** True while a frame has started but not completed (so an end of stream now is a truncation). */
  get midFrame(): boolean {
    return this.state !== HEADER || this.have > 0;
  }

  push(chunk: Uint8Array): void {
    if (this.error) throw this.error;
    const n = chunk.length;
    let pos = 0;
    while (pos < n) {
      if (this.state === HEADER) {
        const take = Math.min(FRAME_HEADER_BYTES - this.have, n - pos);
        this.head.set(chunk.subarray(pos, pos + take), this.have);
        this.have += take;
        pos += take;
        if (this.have < FRAME_HEADER_BYTES) return;
        this.length = this.headView.getUint32(0, true);
        this.tagLength = this.head[4]!;
        if (this.tagLength === 0) this.fail(`${this.who}: malformed frame from the peer: empty tag`);
        this.state = TAG;
        this.have = 0;
        continue;
      }
      if (this.state === TAG) {
        const take = Math.min(this.tagLength - this.have, n - pos);
        this.head.set(chunk.subarray(pos, pos + take), FRAME_HEADER_BYTES + this.have);
        this.have += take;
        pos += take;
        if (this.have < this.tagLength) return;
        this.have = 0;
        this.startPayload();
        continue;
      }
      // PAYLOAD
      const take = Math.min(this.length - this.filled, n - pos);
      if (this.filled + take > this.payload.byteLength) this.grow(this.filled + take);
      this.payload.set(chunk.subarray(pos, pos + take), this.filled);
      this.filled += take;
      pos += take;
      if (this.filled === this.length) this.emit();
    }
  }

  /** The stream ended: throws FrameError if it stopped inside a frame. */
  end(): void {
    if (this.error) throw this.error;
    if (!this.midFrame) return;
    const where =
      this.state === PAYLOAD
        ? `after ${this.filled} of ${this.length} payload bytes of a message tagged "${this.tag}"`
        : "inside a frame header";
    this.fail(`${this.who}: the stream from the peer ended ${where} (truncated frame: the peer crashed or the connection was cut)`);
  }

  private startPayload(): void {
    let tag: string;
    try {
      tag = utf8Strict.decode(this.head.subarray(FRAME_HEADER_BYTES, FRAME_HEADER_BYTES + this.tagLength));
    } catch {
      this.fail(`${this.who}: malformed frame from the peer: the tag is not valid UTF-8`);
    }
    this.tag = tag;
    if (this.length > this.maxMessageBytes) {
      this.fail(
        `${this.who}: the peer sent a message tagged "${tag}" of ${this.length} bytes, above maxMessageBytes ` +
          `(${this.maxMessageBytes}); raise maxMessageBytes on this side if that size is intended`,
      );
    }
    // A fresh ArrayBuffer starts 8-byte aligned; zero-length messages need no copy at all. Only
    // the first step is allocated now: the declared length is a claim until the bytes arrive.
    this.payload = this.length === 0 ? EMPTY : allocPayload(Math.min(this.length, INITIAL_PAYLOAD_BYTES));
    this.filled = 0;
    this.state = PAYLOAD;
    if (this.length === 0) this.emit();
  }

  /**
   * Makes room for `needed` payload bytes. The last step is exactly the declared length, so the
   * finished buffer is handed out as is.
   */
  private grow(needed: number): void {
    let size = this.payload.byteLength;
    while (size < needed) size *= GROWTH;
    const bigger = allocPayload(Math.min(size, this.length));
    bigger.set(this.payload.subarray(0, this.filled));
    this.payload = bigger;
  }

  private emit(): void {
    const { tag, payload } = this;
    this.state = HEADER;
    this.payload = EMPTY;
    this.filled = 0;
    this.onFrame(tag, payload);
  }

  private fail(message: string): never {
    this.error = new FrameError(message);
    this.payload = EMPTY;
    throw this.error;
  }
}

const EMPTY = new Uint8Array(0);
