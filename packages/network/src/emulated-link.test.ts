import { describe, expect, it } from "vitest";
import {
  ChannelClosedError,
  ChannelTimeoutError,
  emulateLink,
  FRAME_HEADER_BYTES,
  memoryPair,
  parseLinkSpec,
  type ChannelOptions,
  type EmulatedLinkChannel,
} from "@petace/network";
import { SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { channelCompliance } from "../test/compliance.js";

// Timing assertions: a message can never arrive early, so lower bounds are tight (only float
// rounding of performance.now() is allowed for); a loaded 2-core machine can make timers and the
// event loop late, so upper bounds are loose.
const EARLY_MS = 0.5;
const LATE_MS = 250;

function linkedPair(spec: string, opts?: ChannelOptions): [EmulatedLinkChannel, EmulatedLinkChannel] {
  const [a, b] = memoryPair(opts);
  return [emulateLink(a, spec), emulateLink(b, spec)];
}

channelCompliance("memory behind an emulated link (1gbit,1ms)", async () => linkedPair("1gbit,1ms"));

describe("emulateLink", () => {
  it("makes a round trip take twice the one-way delay", async () => {
    const delay = 20;
    const [a, b] = linkedPair(`10gbit,${delay}ms`);
    const echo = (async () => {
      for (let i = 0; i < 5; i++) b.send("pong", await b.recv("ping"));
    })();
    const rtts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      a.send("ping", new Uint8Array(8));
      await a.recv("pong");
      rtts.push(performance.now() - t0);
    }
    await echo;
    for (const rtt of rtts) expect(rtt).toBeGreaterThanOrEqual(2 * delay - EARLY_MS);
    expect(rtts.sort((x, y) => x - y)[2]!).toBeLessThan(2 * delay + LATE_MS);
    await Promise.all([a.close(), b.close()]);
  });

  it("caps the bandwidth: N bytes take 8N/bandwidth plus the delay, and flush holds the sender to it", async () => {
    const bps = 100e6;
    const delay = 10;
    const [a, b] = linkedPair(`100mbit,${delay}ms`);
    const msg = 64 << 10;
    const count = 40; // 2.5 MiB: 210 ms at 100 Mbit/s
    const wire = count * (msg + FRAME_HEADER_BYTES + 4); // tag "bulk"
    const txMs = (wire * 8 * 1000) / bps;
    const t0 = performance.now();
    for (let i = 0; i < count; i++) a.send("bulk", new Uint8Array(msg));
    await a.flush();
    const flushed = performance.now() - t0;
    for (let i = 0; i < count; i++) await b.recv("bulk");
    const received = performance.now() - t0;
    // flush returns once the last byte has left (transmitted), before it arrives
    expect(flushed).toBeGreaterThanOrEqual(txMs - EARLY_MS);
    expect(flushed).toBeLessThan(txMs + LATE_MS);
    expect(received).toBeGreaterThanOrEqual(txMs + delay - EARLY_MS);
    expect(received).toBeLessThan(txMs + delay + LATE_MS);
    await Promise.all([a.close(), b.close()]);
  });

  it("shares the link between messages sent back to back, whatever their sizes, and keeps their order", async () => {
    const [a, b] = linkedPair("1gbit,2ms");
    const rng = new SeededRandom(testSeed());
    const sizes = Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? 100_000 + (rng.u32() % 200_000) : rng.u32() % 64));
    const t0 = performance.now();
    sizes.forEach((n, i) => {
      const m = new Uint8Array(n);
      if (n > 0) m[0] = i & 0xff;
      a.send(`m/${i % 5}`, m);
    });
    const wire = sizes.reduce((s, n) => s + n + FRAME_HEADER_BYTES + 3, 0); // tags "m/0".."m/4"
    for (let i = 0; i < sizes.length; i++) {
      const got = await b.recv(`m/${i % 5}`);
      expect(got.byteLength).toBe(sizes[i]);
      if (got.byteLength > 0) expect(got[0]).toBe(i & 0xff);
    }
    expect(performance.now() - t0).toBeGreaterThanOrEqual((wire * 8) / 1e6 + 2 - EARLY_MS);
    await Promise.all([a.close(), b.close()]);
  });

  it("counts messages when sent and when received, as the inner channel does once delivered", async () => {
    const [a, b] = linkedPair("1gbit,30ms");
    a.send("x", new Uint8Array(10));
    a.send("y", new Uint8Array(6));
    // Counted at once, although nothing has reached the inner channel yet.
    expect(a.stats).toMatchObject({ bytesSent: 16, messagesSent: 2 });
    const inner = a.inner;
    expect(inner.stats.messagesSent).toBe(0);
    await b.recv("x");
    await b.recv("y");
    b.send("z", new Uint8Array(3));
    await a.recv("z");
    expect(a.stats).toEqual({ bytesSent: 16, bytesReceived: 3, messagesSent: 2, messagesReceived: 1, rounds: 1 });
    expect(b.stats).toEqual({ bytesSent: 3, bytesReceived: 16, messagesSent: 1, messagesReceived: 2, rounds: 0 });
    expect(inner.stats).toMatchObject({ bytesSent: 16, messagesSent: 2, bytesReceived: 3 });
    await Promise.all([a.close(), b.close()]);
  });

  it("times a receive out as the inner channel does", async () => {
    const [a, b] = linkedPair("1gbit,300ms");
    a.send("late", new Uint8Array(1));
    await expect(b.recv("late", { timeoutMs: 50 })).rejects.toThrow(ChannelTimeoutError);
    await a.close();
  });

  it("emulates only the wrapped side's outgoing direction", async () => {
    const [raw0, b] = memoryPair();
    const a = emulateLink(raw0, parseLinkSpec("40ms"));
    let t0 = performance.now();
    b.send("fast", new Uint8Array(1));
    await a.recv("fast");
    expect(performance.now() - t0).toBeLessThan(40);
    t0 = performance.now();
    a.send("slow", new Uint8Array(1));
    await b.recv("slow");
    expect(performance.now() - t0).toBeGreaterThanOrEqual(40 - EARLY_MS);
    await a.close();
  });

  it("close lets messages in flight arrive first", async () => {
    const [a, b] = linkedPair("1gbit,50ms");
    a.send("last", new Uint8Array([9]));
    const t0 = performance.now();
    await a.close();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(50 - 2 * EARLY_MS);
    expect(a.closed).toBe(true);
    expect(Array.from(await b.recv("last"))).toEqual([9]);
    await expect(b.recv("more")).rejects.toThrow(ChannelClosedError);
  });

  it("fails the channel when the inner channel refuses a message at its arrival time", async () => {
    const [raw0, raw1] = memoryPair({ maxMessageBytes: 4 });
    const a = emulateLink(raw0, "5ms");
    const b = emulateLink(raw1, "5ms");
    const pending = b.recv("big", { timeoutMs: 5_000 });
    pending.catch(() => {});
    a.send("big", new Uint8Array(5)); // the memory channel checks the size only when it gets the message
    await new Promise((r) => setTimeout(r, 30));
    await expect(a.flush()).rejects.toThrow(/maxMessageBytes/);
    expect(a.closed).toBe(true);
    expect(() => a.send("next", new Uint8Array(1))).toThrow(/maxMessageBytes/);
    await expect(a.recv("any")).rejects.toThrow(/maxMessageBytes/);
    await expect(pending).rejects.toThrow(ChannelClosedError);
  });

  it("drops messages in flight when the peer hangs up, and reports the hang-up", async () => {
    const [a, b] = linkedPair("1gbit,20ms");
    a.send("lost", new Uint8Array(1));
    await b.inner.close();
    await new Promise((r) => setTimeout(r, 40));
    expect(a.closed).toBe(true);
    await expect(a.recv("x")).rejects.toThrow(/closed the channel/);
    expect(() => a.send("y", new Uint8Array(1))).toThrow(ChannelClosedError);
    await a.close();
  });

  it("checks its arguments", () => {
    const [a] = memoryPair();
    expect(() => emulateLink(a, "fast")).toThrow(/emulateLink: "fast" is neither a bandwidth nor a delay; expected/);
    expect(() => emulateLink(a, { bitsPerSecond: 0, delayMs: 1 })).toThrow(/bitsPerSecond must be a positive number/);
    expect(() => emulateLink(a, { bitsPerSecond: 1e6, delayMs: -1 })).toThrow(/delayMs must be a finite number/);
    const l = emulateLink(a, "1gbit,1ms");
    expect(() => l.send("", new Uint8Array(1))).toThrow(RangeError);
  });
});
