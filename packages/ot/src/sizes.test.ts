/**
 * Sizes past 32 bits and what a session does after a failure: u sizes never wrap (they did at 2^25
 * OTs, `(KAPPA * n) >>> 3` = 0), requests past one extension step are split, sizes are checked before
 * any stream advances, and a session whose step failed refuses every later call.
 */
import { memoryPair } from "@petace/network";
import { SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { describe, expect, it } from "vitest";
import { firstCotMismatch, firstOtMismatch } from "../test/check.js";
import { BASE_OT_KEY_BYTES } from "./base-ot.js";
import { OtProtocolError, OtSessionFailedError } from "./errors.js";
import { IknpSender } from "./iknp.js";
import { randomOtsBothWays } from "./rot.js";
import { batchSizes, MAX_OT_BATCH, OtSession, uBytes } from "./session.js";

async function pair(maxBatch?: number) {
  const [c0, c1] = memoryPair();
  const opts = maxBatch === undefined ? {} : { maxBatch };
  const [s0, s1] = await Promise.all([OtSession.create(c0, opts), OtSession.create(c1, opts)]);
  return { s0, s1, c0, c1 };
}

/** One COT batch each way must still match: the streams are in step. */
async function inStep(s0: OtSession, s1: OtSession, rng: SeededRandom, n = 300) {
  const r = rng.bytes(Math.ceil(n / 8));
  const [q, t] = await Promise.all([s0.cotSend(n), s1.cotReceive(r, n)]);
  return firstCotMismatch(q, t, r, s0.delta, n);
}

describe("OT sizes", () => {
  it("u sizes are exact past 2^25 OTs; batchSizes splits in order", () => {
    expect(uBytes(2 ** 25)).toBe(2 ** 29);
    expect(uBytes(2 ** 31)).toBe(2 ** 35);
    expect(batchSizes(0, 1024)).toEqual([]);
    expect(batchSizes(5000, 1024)).toEqual([1024, 1024, 1024, 1024, 904]);
    expect(batchSizes(2048, 1024)).toEqual([1024, 1024]);
    expect(() => batchSizes(-1, 1024)).toThrow(/n must be a non-negative integer/);
  });

  it("IknpSender.expand states the right size for 2^25 OTs and advances nothing on a mismatch", () => {
    const base = { n: 128, choices: new Uint8Array(16), k: new Uint8Array(128 * BASE_OT_KEY_BYTES) };
    const a = new IknpSender(base);
    const b = new IknpSender(base);
    expect(() => a.expand(new Uint8Array(16), 2 ** 25)).toThrow(/u has 16 bytes, 33554432 OTs need 536870912/);
    // a's streams did not move: it still expands exactly like a fresh twin.
    const u = new Uint8Array(uBytes(128)).fill(7);
    expect(a.expand(u, 128)).toEqual(b.expand(u, 128));
  });

  it("a request past one extension step is refused before any state changes; the session stays usable", async () => {
    const rng = new SeededRandom(testSeed());
    const { s0, s1 } = await pair();
    expect(s0.maxBatch).toBe(MAX_OT_BATCH);
    // 2^25 OTs: refused at once, without allocating the 512 MiB it would take.
    expect(() => s1.receiverExtend(new Uint8Array(1), 2 ** 25)).toThrow(
      /OtSession.receiverExtend: 33554432 OTs exceed one extension step of this session \(at most 4194304\); split the request/,
    );
    expect(() => s0.senderExpand(new Uint8Array(16), 2 ** 25)).toThrow(/exceed one extension step/);
    expect(() => s1.receiverExtend(new Uint8Array(1), 300)).toThrow(/choices has 1 bytes, 300 OTs need 38/);
    expect(s0.counts).toEqual({ sent: 0, received: 0 });
    expect(s1.failed || s0.failed).toBe(false);
    expect(await inStep(s0, s1, rng)).toBe(-1);
  });

  it("with a small maxBatch, cotSend/cotReceive and random OTs split into steps and still match", async () => {
    const rng = new SeededRandom(testSeed());
    const { s0, s1, c1 } = await pair(1024);
    expect(() => s1.receiverExtend(rng.bytes(256), 2048)).toThrow(/2048 OTs exceed one extension step of this session \(at most 1024\)/);
    const n = 5000;
    const sent = c1.stats.messagesSent;
    expect(await inStep(s0, s1, rng, n)).toBe(-1);
    expect(c1.stats.messagesSent - sent).toBe(5); // 5 u messages of at most 1024 OTs
    const [r0, r1] = await Promise.all([randomOtsBothWays(s0, 3001), randomOtsBothWays(s1, 3001)]);
    expect(firstOtMismatch(r0.m0, r0.m1, r1.received, r1.choices, 3001, 16)).toBe(-1);
    expect(firstOtMismatch(r1.m0, r1.m1, r0.received, r0.choices, 3001, 16)).toBe(-1);
    await expect(OtSession.create(memoryPair()[0], { maxBatch: 1000 })).rejects.toThrow(/maxBatch must be a positive multiple of 1024/);
  });

  it("a session whose step failed refuses every later call with a clear error", async () => {
    const rng = new SeededRandom(testSeed());
    const { s0, s1 } = await pair();
    // A u of the wrong length: the peer's step and ours are out of step from here on.
    expect(() => s0.senderExpand(new Uint8Array(100), 128)).toThrow(OtProtocolError);
    expect(s0.failed).toBe(true);
    await expect(s0.cotSend(128)).rejects.toThrow(OtSessionFailedError);
    expect(() => s0.receiverExtend(rng.bytes(16), 128)).toThrow(
      /party 0, OtSession.receiverExtend: this OT session failed earlier \(OtProtocolError: .*\) and cannot be used again.*create a new session/,
    );
    expect(s1.failed).toBe(false);
  });
});
