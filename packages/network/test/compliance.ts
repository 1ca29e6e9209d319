/**
 * The behaviour every Channel transport must have, as one vitest suite: a transport's test file
 * calls `channelCompliance("tcp", makePair)`.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  ChannelClosedError,
  ChannelTimeoutError,
  exchange,
  exchangeU64,
  ProtocolMismatchError,
  recvU64,
  type Channel,
} from "@petace/network";
import { SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";

/** Generous bound for "promptly": far below any default timeout, far above loopback latency. */
const PROMPT_MS = 5_000;

/** Marks a promise as handled now (its rejection is asserted later, after other awaits). */
function later<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}

export interface ComplianceOptions {
  /** Longest tag the channel carries, in UTF-8 bytes (default 255; a substream's prefix takes some). */
  maxTagBytes?: number;
}

export function channelCompliance(name: string, makePair: () => Promise<[Channel, Channel]>, opts: ComplianceOptions = {}): void {
  const maxTag = opts.maxTagBytes ?? 255;
  describe(`Channel compliance: ${name}`, () => {
    const open: Channel[] = [];
    const pair = async (): Promise<[Channel, Channel]> => {
      const p = await makePair();
      open.push(...p);
      return p;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((ch) => ch.close()));
    });

    it("knows its party ids and starts open with zero counters", async () => {
      const [a, b] = await pair();
      expect([a.party, b.party]).toEqual([0, 1]);
      expect(a.closed || b.closed).toBe(false);
      expect(a.stats).toEqual({ bytesSent: 0, bytesReceived: 0, messagesSent: 0, messagesReceived: 0, rounds: 0 });
    });

    it("preserves order and tags, both directions", async () => {
      const [a, b] = await pair();
      for (let i = 0; i < 20; i++) a.send(`t${i % 3}`, new Uint8Array([i, i + 1]));
      for (let i = 0; i < 20; i++) b.send(`u/${i}`, new Uint32Array([i]));
      for (let i = 0; i < 20; i++) expect(Array.from(await b.recv(`t${i % 3}`))).toEqual([i, i + 1]);
      for (let i = 0; i < 20; i++) expect(Array.from(new Uint32Array((await a.recv(`u/${i}`)).buffer))).toEqual([i]);
    });

    it("carries multi-byte UTF-8 tags and checks tag length", async () => {
      const [a, b] = await pair();
      const twoByte = Math.floor((maxTag - 1) / 2);
      const long = `${"é".repeat(twoByte)}${"x".repeat(maxTag - 2 * twoByte)}`; // maxTag bytes
      a.send(long, new Uint8Array([7]));
      a.send("三角/β", new Uint8Array([8]));
      expect(Array.from(await b.recv(long))).toEqual([7]);
      expect(Array.from(await b.recv("三角/β"))).toEqual([8]);
      expect(() => a.send("", new Uint8Array(1))).toThrow(RangeError);
      expect(() => a.send(`${long}x`, new Uint8Array(1))).toThrow(RangeError);
      expect(() => a.send("bad\ud800", new Uint8Array(1))).toThrow(RangeError);
      expect(a.closed).toBe(false);
    });

    it("reports a tag mismatch naming both tags, and tears the channel down on both sides", async () => {
      const [a, b] = await pair();
      const pending = later(a.recv("reply", { timeoutMs: PROMPT_MS }));
      a.send("mul/open", new Uint8Array(8));
      const err = await b.recv("less/open").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ProtocolMismatchError);
      expect(String((err as Error).message)).toMatch(/less\/open/);
      expect(String((err as Error).message)).toMatch(/mul\/open/);
      expect(String((err as Error).message)).toMatch(/party 1/);
      await expect(pending).rejects.toThrow(ChannelClosedError);
      await expect(b.recv("anything")).rejects.toThrow(ProtocolMismatchError);
      expect(() => b.send("x", new Uint8Array(1))).toThrow(ChannelClosedError);
    });

    it("sends and receives an empty message", async () => {
      const [a, b] = await pair();
      a.send("empty", new Uint8Array(0));
      a.send("after", new Uint8Array([1]));
      const got = await b.recv("empty");
      expect(got.byteLength).toBe(0);
      expect(Array.from(await b.recv("after"))).toEqual([1]);
      expect(b.stats.messagesReceived).toBe(2);
    });

    it("delivers a 64 MiB message intact", async () => {
      const [a, b] = await pair();
      const n = 64 << 20;
      const words = new Uint32Array(n / 4);
      const rng = new SeededRandom(testSeed());
      for (let i = 0; i < words.length; i++) words[i] = rng.u32();
      const expected = new Uint8Array(words.buffer).slice();
      a.send("big", words);
      const got = await b.recv("big", { timeoutMs: 30_000 });
      expect(got.byteLength).toBe(n);
      expect(got.byteOffset % 8).toBe(0);
      expect(Buffer.compare(Buffer.from(got.buffer, got.byteOffset, got.byteLength), Buffer.from(expected))).toBe(0);
      expect(a.stats.bytesSent).toBe(n);
      expect(b.stats.bytesReceived).toBe(n);
    });

    it("delivers many small messages in order", async () => {
      const [a, b] = await pair();
      const count = 5000;
      for (let i = 0; i < count; i++) a.send("s", new Uint8Array(i % 17).fill(i & 0xff));
      await a.flush();
      let bytes = 0;
      for (let i = 0; i < count; i++) {
        const m = await b.recv("s");
        if (m.byteLength !== i % 17 || (m.byteLength > 0 && m[0] !== (i & 0xff))) {
          throw new Error(`message ${i} arrived wrong: ${m.byteLength} bytes`);
        }
        bytes += m.byteLength;
      }
      expect(b.stats).toMatchObject({ messagesReceived: count, bytesReceived: bytes });
    });

    it("interleaves both directions (symmetric exchanges)", async () => {
      const [a, b] = await pair();
      const run = async (ch: Channel, me: bigint) => {
        let acc = 0n;
        for (let r = 0; r < 200; r++) {
          const got = await exchangeU64(ch, `round/${r}`, new BigUint64Array([me * 1000n + BigInt(r)]));
          acc += got[0]!;
        }
        return acc;
      };
      const [ra, rb] = await Promise.all([run(a, 1n), run(b, 2n)]);
      const sum = (k: bigint) => Array.from({ length: 200 }, (_, r) => k * 1000n + BigInt(r)).reduce((x, y) => x + y, 0n);
      expect(ra).toBe(sum(2n));
      expect(rb).toBe(sum(1n));
      expect(a.stats.rounds).toBe(200);
      expect(b.stats.rounds).toBe(200);
    });

    it("counts bytes, messages and rounds exactly", async () => {
      const [a, b] = await pair();
      // Three ping-pongs started by a: a sends then receives (a round each time); b receives first.
      for (let i = 0; i < 3; i++) {
        a.send("ping", new Uint8Array(10));
        await b.recv("ping");
        b.send("pong", new BigUint64Array(2));
        await a.recv("pong");
      }
      expect(a.stats).toEqual({ bytesSent: 30, bytesReceived: 48, messagesSent: 3, messagesReceived: 3, rounds: 3 });
      expect(b.stats).toEqual({ bytesSent: 48, bytesReceived: 30, messagesSent: 3, messagesReceived: 3, rounds: 2 });
      // Two symmetric exchanges: one round each on both sides; several sends before one receive count once.
      await Promise.all([exchange(a, "x", new Uint8Array(5)), exchange(b, "x", new Uint8Array(6))]);
      a.send("m1", new Uint8Array(1));
      a.send("m2", new Uint8Array(1));
      b.send("n", new Uint8Array(3));
      await Promise.all([a.recv("n"), b.recv("m1").then(() => b.recv("m2"))]);
      expect(a.stats).toEqual({ bytesSent: 37, bytesReceived: 57, messagesSent: 6, messagesReceived: 5, rounds: 5 });
      expect(b.stats).toEqual({ bytesSent: 57, bytesReceived: 37, messagesSent: 5, messagesReceived: 6, rounds: 4 });
    });

    it("returns 8-byte aligned buffers, also for unaligned views", async () => {
      const [a, b] = await pair();
      const backing = new Uint8Array(64).map((_, i) => i);
      for (let off = 0; off < 8; off++) a.send(`v${off}`, backing.subarray(off, off + 8 + off));
      for (let off = 0; off < 8; off++) {
        const got = await b.recv(`v${off}`);
        expect(got.byteOffset % 8).toBe(0);
        expect(got.buffer.byteLength >= got.byteLength).toBe(true);
        expect(Array.from(got)).toEqual(Array.from(backing.subarray(off, off + 8 + off)));
      }
      a.send("u64", new BigUint64Array([1n, 2n ** 64n - 1n]));
      expect(Array.from(await recvU64(b, "u64"))).toEqual([1n, 2n ** 64n - 1n]);
    });

    it("times out a receive instead of hanging, and then fails the peer's receive too", async () => {
      const [a, b] = await pair();
      const pending = later(a.recv("never-either", { timeoutMs: PROMPT_MS }));
      const t0 = Date.now();
      await expect(b.recv("never", { timeoutMs: 100 })).rejects.toThrow(ChannelTimeoutError);
      expect(Date.now() - t0).toBeLessThan(PROMPT_MS);
      await expect(b.recv("later")).rejects.toThrow(ChannelClosedError);
      await expect(pending).rejects.toThrow(ChannelClosedError);
    });

    it("close by one side rejects the other's pending receive after delivering what was sent", async () => {
      const [a, b] = await pair();
      const pending = later(b.recv("first", { timeoutMs: PROMPT_MS }).then(() => b.recv("second", { timeoutMs: PROMPT_MS })));
      a.send("first", new Uint8Array([1]));
      await a.close();
      expect(a.closed).toBe(true);
      await expect(pending).rejects.toThrow(ChannelClosedError);
      await expect(b.recv("third")).rejects.toThrow(ChannelClosedError);
      expect(b.closed).toBe(true);
      await a.close(); // idempotent
    });

    it("close still delivers everything sent before it", async () => {
      const [a, b] = await pair();
      const big = new Uint8Array(8 << 20).fill(7);
      for (let i = 0; i < 3; i++) a.send(`m${i}`, big);
      a.send("last", new Uint8Array([1, 2]));
      await a.close();
      for (let i = 0; i < 3; i++) expect((await b.recv(`m${i}`, { timeoutMs: PROMPT_MS })).byteLength).toBe(8 << 20);
      expect(Array.from(await b.recv("last", { timeoutMs: PROMPT_MS }))).toEqual([1, 2]);
      await expect(b.recv("more", { timeoutMs: PROMPT_MS })).rejects.toThrow(ChannelClosedError);
    });

    it("close rejects this side's own pending receive", async () => {
      const [a] = await pair();
      const pending = later(a.recv("x", { timeoutMs: PROMPT_MS }));
      await a.close();
      await expect(pending).rejects.toThrow(ChannelClosedError);
    });

    it("throws on send after close, on both sides", async () => {
      const [a, b] = await pair();
      await b.close();
      expect(() => b.send("after", new Uint8Array(1))).toThrow(ChannelClosedError);
      await expect(a.recv("x", { timeoutMs: PROMPT_MS })).rejects.toThrow(ChannelClosedError);
      expect(() => a.send("after", new Uint8Array(1))).toThrow(ChannelClosedError);
    });

    it("flush resolves once queued data is handed over", async () => {
      const [a, b] = await pair();
      for (let i = 0; i < 8; i++) a.send("f", new Uint8Array(1 << 20));
      await a.flush();
      await a.flush();
      for (let i = 0; i < 8; i++) expect((await b.recv("f")).byteLength).toBe(1 << 20);
    });
  });
}
