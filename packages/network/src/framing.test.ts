import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FrameError, HandshakeError } from "./errors.js";
import { encodeFrame, encodeTag, FrameDecoder, frameHeader, INITIAL_PAYLOAD_BYTES } from "./framing.js";
import { checkHello, encodeHello, HELLO_BYTES, NotAPeerError } from "./handshake.js";

interface Msg {
  tag: string;
  payload: Uint8Array;
}

function decodeAll(chunks: Uint8Array[], maxMessageBytes = 1 << 20): Msg[] {
  const out: Msg[] = [];
  const dec = new FrameDecoder({ maxMessageBytes, onFrame: (tag, payload) => out.push({ tag, payload }) });
  for (const c of chunks) dec.push(c);
  dec.end();
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Splits `bytes` at the given cut points (any order, duplicates allowed). */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.subarray(prev, p));
    prev = p;
  }
  return out;
}

const tagArb = fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }).filter((t) => {
  const n = new TextEncoder().encode(t).length;
  return n >= 1 && n <= 255 && new TextDecoder().decode(new TextEncoder().encode(t)) === t;
});
const msgArb = fc.record({ tag: tagArb, payload: fc.uint8Array({ minLength: 0, maxLength: 300 }) });

function expectSame(got: Msg[], sent: Msg[]): void {
  expect(got.map((m) => m.tag)).toEqual(sent.map((m) => m.tag));
  got.forEach((m, i) => {
    expect(Array.from(m.payload)).toEqual(Array.from(sent[i]!.payload));
    // A fresh buffer of exactly the declared size, so aligned and owned by the caller.
    expect(m.payload.byteOffset).toBe(0);
    expect(m.payload.buffer.byteLength).toBe(m.payload.byteLength);
  });
}

describe("FrameDecoder", () => {
  it("decodes any sequence of frames cut at any chunk boundaries (property)", () => {
    fc.assert(
      fc.property(fc.array(msgArb, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 30 }), (msgs, cuts) => {
        const wire = concat(msgs.map((m) => encodeFrame(m.tag, m.payload)));
        expectSame(decodeAll(split(wire, cuts)), msgs);
      }),
      { numRuns: 300 },
    );
  });

  it("decodes with a cut at every single position, and byte by byte", () => {
    const msgs: Msg[] = [
      { tag: "a", payload: new Uint8Array([1, 2, 3]) },
      { tag: "empty", payload: new Uint8Array(0) },
      { tag: "ünï/码", payload: new Uint8Array(17).map((_, i) => i * 7) },
      { tag: "x".repeat(255), payload: new Uint8Array([9]) },
    ];
    const wire = concat(msgs.map((m) => encodeFrame(m.tag, m.payload)));
    for (let i = 0; i <= wire.length; i++) {
      for (const j of [i, Math.min(wire.length, i + 1), Math.min(wire.length, i + 6)]) {
        expectSame(decodeAll([wire.subarray(0, i), wire.subarray(i, j), wire.subarray(j)]), msgs);
      }
    }
    expectSame(decodeAll(Array.from(wire, (_, i) => wire.subarray(i, i + 1))), msgs);
  });

  it("refuses a declared length above maxMessageBytes before allocating, naming the tag", () => {
    const before = process.memoryUsage().arrayBuffers;
    const dec = new FrameDecoder({ maxMessageBytes: 1 << 30, onFrame: () => expect.unreachable(), who: "party 0" });
    // 4 GiB - 1 declared, no payload sent: the error comes from the header alone.
    const header = frameHeader(encodeTag("huge", "test"), 0xffff_ffff);
    expect(() => dec.push(header)).toThrow(FrameError);
    expect(() => dec.push(new Uint8Array(1))).toThrow(/huge.*4294967295 bytes.*maxMessageBytes/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 << 20);

    const small = new FrameDecoder({ maxMessageBytes: 1000, onFrame: () => {} });
    small.push(frameHeader(encodeTag("ok", "test"), 1000));
    small.push(new Uint8Array(1000));
    expect(() => small.push(frameHeader(encodeTag("bad", "test"), 1001))).toThrow(FrameError);
  });

  it("never allocates more than the declared size for a frame still arriving", () => {
    let got: Uint8Array | undefined;
    const dec = new FrameDecoder({ maxMessageBytes: 1 << 20, onFrame: (_t, p) => (got = p) });
    dec.push(frameHeader(encodeTag("t", "test"), 10));
    dec.push(new Uint8Array(4));
    expect(dec.midFrame).toBe(true);
    dec.push(new Uint8Array(6));
    expect(got!.buffer.byteLength).toBe(10);
    expect(dec.midFrame).toBe(false);
  });

  it("allocates a payload as its bytes arrive: a header alone holds 64 KiB, however large the length it declares", () => {
    const before = process.memoryUsage().arrayBuffers;
    const dec = new FrameDecoder({ maxMessageBytes: 1 << 30, onFrame: () => expect.unreachable() });
    dec.push(frameHeader(encodeTag("big", "test"), 2 ** 30 - 1));
    expect(dec.bufferedBytes).toBe(INITIAL_PAYLOAD_BYTES);
    dec.push(new Uint8Array(1000));
    expect(dec.bufferedBytes).toBe(INITIAL_PAYLOAD_BYTES);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(4 << 20);
  });

  it("grows a large payload in steps of at most four times what arrived, and hands out exactly the declared size", () => {
    const size = (1 << 20) * 3 + 5;
    const payload = new Uint8Array(size).map((_, i) => (i * 31 + (i >> 13)) & 0xff);
    const wire = encodeFrame("large", payload);
    let got: Uint8Array | undefined;
    const dec = new FrameDecoder({ maxMessageBytes: 1 << 30, onFrame: (_t, p) => (got = p) });
    let sent = 0;
    for (let o = 0, step = 1; o < wire.length; o += step, step = 1 + ((step * 3 + 7) % 70_001)) {
      const chunk = wire.subarray(o, Math.min(o + step, wire.length));
      dec.push(chunk);
      sent += chunk.length;
      if (!got) expect(dec.bufferedBytes).toBeLessThanOrEqual(Math.max(INITIAL_PAYLOAD_BYTES, 4 * sent));
    }
    expect(got!.buffer.byteLength).toBe(size);
    expect(got!.byteOffset).toBe(0);
    // Compared as Buffers: a deep toEqual over 3 M elements takes minutes.
    expect(Buffer.from(got!.buffer).equals(Buffer.from(payload.buffer))).toBe(true);
    expect(dec.bufferedBytes).toBe(0);
  });

  it("refuses an empty or non-UTF-8 tag, and stays failed afterwards", () => {
    const empty = new FrameDecoder({ maxMessageBytes: 100, onFrame: () => {} });
    expect(() => empty.push(new Uint8Array([1, 0, 0, 0, 0, 42]))).toThrow(/empty tag/);
    expect(() => empty.push(encodeFrame("fine", new Uint8Array(1)))).toThrow(FrameError);
    expect(() => empty.end()).toThrow(FrameError);

    const bad = new FrameDecoder({ maxMessageBytes: 100, onFrame: () => {} });
    expect(() => bad.push(new Uint8Array([0, 0, 0, 0, 2, 0xc3, 0x28]))).toThrow(/not valid UTF-8/);
    const overlong = new FrameDecoder({ maxMessageBytes: 100, onFrame: () => {} });
    expect(() => overlong.push(new Uint8Array([0, 0, 0, 0, 2, 0xc0, 0xaf]))).toThrow(FrameError); // overlong "/"
  });

  it("treats an end of stream inside a frame as a truncation", () => {
    const wire = encodeFrame("cut", new Uint8Array(100));
    for (const at of [1, 4, 5, 7, 8, 50, wire.length - 1]) {
      const dec = new FrameDecoder({ maxMessageBytes: 1000, onFrame: () => {} });
      dec.push(wire.subarray(0, at));
      expect(() => dec.end()).toThrow(FrameError);
    }
    const dec = new FrameDecoder({ maxMessageBytes: 1000, onFrame: () => {} });
    dec.push(wire);
    expect(() => dec.end()).not.toThrow();
  });
});

describe("encodeTag", () => {
  it("accepts 1..255 UTF-8 bytes and refuses the rest with the routine's name", () => {
    expect(encodeTag(`${"é".repeat(127)}x`, "f").length).toBe(255);
    expect(() => encodeTag("", "send")).toThrow(/^send: tag must be 1\.\.255 bytes/);
    expect(() => encodeTag("x".repeat(256), "send")).toThrow(RangeError);
    expect(() => encodeTag("\udc00", "send")).toThrow(/lone surrogate/);
  });
});

describe("hello", () => {
  it("round-trips and checks version, party ids and magic, naming both sides", () => {
    const h = encodeHello(1, 12345);
    expect(h.length).toBe(HELLO_BYTES);
    expect(checkHello(h, 0, "the peer")).toEqual({ version: 1, party: 1, maxMessageBytes: 12345 });
    expect(() => checkHello(encodeHello(0, 1), 0, "the peer")).toThrow(/also claims to be party 0; this side is party 0/);
    expect(() => checkHello(encodeHello(1, 1, 7), 0, "the peer")).toThrow(/version 7, this side speaks version 1/);
    expect(() => checkHello(encodeHello(1, 1, 7), 0, "the peer")).toThrow(HandshakeError);
    const foreign = new TextEncoder().encode("GET / HTTP/1.1\r\nHost:");
    expect(() => checkHello(foreign, 0, "the peer")).toThrow(NotAPeerError);
  });
});
