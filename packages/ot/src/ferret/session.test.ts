import { describe, expect, it } from "vitest";
import { memoryPair, type Channel } from "@petace/network";
import { SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { firstCotMismatch } from "../../test/check.js";
import { INSECURE_TEST_PARAMS } from "../../test/ferret-params.js";
import { createCotSession } from "../cot-session.js";
import { OtSessionFailedError, OtProtocolError } from "../errors.js";
import { OtSession } from "../session.js";
import { OtExtensionMismatchError } from "./mode.js";
import { mpcotMessageBytes } from "./mpcot.js";
import { baseCount, FERRET_PARAMS } from "./params.js";
import { SilentOtSession } from "./session.js";

const P = INSECURE_TEST_PARAMS;
const usableMain = P.main.n - baseCount(P.main);

async function sessions(): Promise<[SilentOtSession, SilentOtSession, Channel, Channel]> {
  const [c0, c1] = memoryPair();
  const [s0, s1] = await Promise.all([SilentOtSession.create(c0, { params: P }), SilentOtSession.create(c1, { params: P })]);
  return [s0, s1, c0, c1];
}

describe("SilentOtSession: Ferret COTs with the IKNP session's Δ (small insecure test parameters)", async () => {
  it("every chosen-choice COT satisfies t = q ⊕ r·Δ in both directions, across several iterations", async () => {
    const [s0, s1] = await sessions();
    const rng = new SeededRandom(testSeed());
    // Sizes cross the pre iteration, then several main iterations, including one call spanning three.
    for (const n of [1, 127, 1000, 4099, 3 * usableMain + 5, 300]) {
      const r0 = rng.bytes((n + 7) >>> 3);
      const r1 = rng.bytes((n + 7) >>> 3);
      const [[q0, t0], [t1, q1]] = await Promise.all([
        Promise.all([s0.cotSend(n), s0.cotReceive(r0, n)]),
        Promise.all([s1.cotReceive(r1, n), s1.cotSend(n)]),
      ]);
      expect(q0.length).toBe(16 * Math.ceil(n / 128) * 128);
      expect(firstCotMismatch(q0, t1, r1, s0.delta, n)).toBe(-1);
      expect(firstCotMismatch(q1, t0, r0, s1.delta, n)).toBe(-1);
    }
    expect(s0.counts.sendIterations).toBeGreaterThanOrEqual(5);
    expect(s1.counts.receiveIterations).toBe(s0.counts.sendIterations);
  });

  it("random COTs: keys q ⊕ x·Δ with random choices x (about half ones), the same Δ as the IKNP bootstrap", async () => {
    const [s0, s1] = await sessions();
    const n = 2 * usableMain + 333;
    const [q, { choices, keys }] = await Promise.all([s0.rcotSend(n), s1.rcotReceive(n)]);
    expect(firstCotMismatch(q, keys, choices, s0.delta, n)).toBe(-1);
    let ones = 0;
    for (let j = 0; j < n; j++) ones += (choices[j >>> 3]! >>> (j & 7)) & 1;
    // Binomial(n, 1/2): 6 standard deviations either side.
    expect(Math.abs(ones - n / 2)).toBeLessThan(3 * Math.sqrt(n));
    // No key is served twice: the next COTs differ from these.
    const [q2] = await Promise.all([s0.rcotSend(n), s1.rcotReceive(n)]);
    expect(q2.subarray(0, 16)).not.toEqual(q.subarray(0, 16));
  });

  it("recycled keys let the next main iteration write over the last one's buffers; keys not recycled stay valid", async () => {
    const [s0, s1] = await sessions();
    const take = () => Promise.all([s0.rcotSend(128), s1.rcotReceive(128)]);
    // 128 divides both the pre iteration's 384 usable COTs and a main one's 3456: no call spans two.
    expect(((P.pre.n - baseCount(P.main)) % 128) + (usableMain % 128)).toBe(0);
    const perMain = usableMain / 128;
    const sendBuffers = new Set<ArrayBufferLike>();
    const receiveBuffers = new Set<ArrayBufferLike>();
    for (let i = 0; i < 3 + 3 * perMain; i++) {
      const [q, { choices, keys }] = await take();
      expect(firstCotMismatch(q, keys, choices, s0.delta, 128)).toBe(-1);
      if (q.buffer.byteLength === 16 * P.main.n) sendBuffers.add(q.buffer);
      if (keys.buffer.byteLength === 16 * P.main.n) receiveBuffers.add(keys.buffer);
      s0.recycle(q);
      s1.recycle(keys, new Uint8Array(16));
    }
    expect([s0.counts.sendIterations, s1.counts.receiveIterations]).toEqual([4, 4]);
    // Three main iterations, one buffer per side.
    expect([sendBuffers.size, receiveBuffers.size]).toEqual([1, 1]);
    const [held, heldR] = await take();
    const snapshot = [held.slice(), heldR.keys.slice(), heldR.choices.slice()];
    let last: [Uint8Array, Uint8Array] = [held, heldR.keys];
    for (let i = 0; i < perMain; i++) {
      const [q, { choices, keys }] = await take();
      expect(firstCotMismatch(q, keys, choices, s0.delta, 128)).toBe(-1);
      s0.recycle(q, q);
      s1.recycle(keys);
      last = [q, keys];
    }
    expect(s0.counts.sendIterations).toBe(6);
    // The views not recycled kept their iteration's buffers: the sixth iteration took fresh ones.
    expect([held, heldR.keys, heldR.choices]).toEqual(snapshot);
    expect(last[0].buffer).not.toBe(held.buffer);
    expect(last[1].buffer).not.toBe(heldR.keys.buffer);
    expect(firstCotMismatch(held, heldR.keys, heldR.choices, s0.delta, 128)).toBe(-1);
  });

  it("buffered counts the COTs each role serves before its next iteration: a request up to it runs none", async () => {
    const [s0, s1] = await sessions();
    expect(s0.buffered).toEqual({ send: 0, receive: 0 });
    await Promise.all([s0.rcotSend(100), s1.rcotReceive(100)]);
    // The pre iteration's output less the next main base, less the 100 taken.
    const left = P.pre.n - baseCount(P.main) - 100;
    expect(s0.buffered.send).toBe(left);
    expect(s1.buffered.receive).toBe(left);
    // The first call bootstrapped both instances: the other role holds its pre iteration's output.
    expect(s0.buffered.receive).toBe(left + 100);
    await Promise.all([s0.rcotSend(left), s1.rcotReceive(left)]);
    expect([s0.counts.sendIterations, s1.counts.receiveIterations]).toEqual([1, 1]);
    expect([s0.buffered.send, s1.buffered.receive]).toEqual([0, 0]);
    await Promise.all([s0.rcotSend(1), s1.rcotReceive(1)]);
    expect([s0.counts.sendIterations, s0.buffered.send, s1.buffered.receive]).toEqual([2, usableMain - 1, usableMain - 1]);
  });

  it("a main iteration sends exactly one t·(32h + 16)-byte message, and nothing back (channel counters)", async () => {
    const [s0, s1, c0, c1] = await sessions();
    // Bootstrap and drain the pre iteration's leftovers, then one whole main iteration.
    const left = P.pre.n - baseCount(P.main);
    await Promise.all([s0.rcotSend(left), s1.rcotReceive(left)]);
    const before = [c0.stats.bytesSent, c1.stats.bytesSent, c0.stats.messagesSent];
    const [q, { choices, keys }] = await Promise.all([s0.rcotSend(usableMain), s1.rcotReceive(usableMain)]);
    expect(firstCotMismatch(q, keys, choices, s0.delta, usableMain)).toBe(-1);
    expect(c0.stats.bytesSent - before[0]!).toBe(mpcotMessageBytes(P.main));
    expect(c0.stats.messagesSent - before[2]!).toBe(1);
    expect(c1.stats.bytesSent - before[1]!).toBe(0);
    // At the real parameters the same message is under 1 bit per served COT (bench/silent.bench.ts measures it).
    const { main } = FERRET_PARAMS;
    expect((8 * mpcotMessageBytes(main)) / (main.n - baseCount(main))).toBeLessThan(0.45);
  });

  it("an iteration message of the wrong length breaks the session with a clear error", async () => {
    const [a, b] = memoryPair();
    const [r0, r1] = await Promise.all([SilentOtSession.create(a, { params: P }), SilentOtSession.create(b, { params: P })]);
    // The bootstrap and the pre iteration, then party 1 needs a main iteration: party 0 plays a
    // peer that sends a short Ferret message instead.
    await Promise.all([r0.rcotSend(10), r1.rcotReceive(10)]);
    const bad = r1.rcotReceive(usableMain + 10);
    a.send(r0.msgTag("ferret", 0), new Uint8Array(7));
    await expect(bad).rejects.toThrow(OtProtocolError);
    await expect(r1.rcotReceive(1)).rejects.toThrow(OtSessionFailedError);
  });
});

describe("choosing the extension", () => {
  it("createCotSession gives sessions that interoperate, with the same signatures", async () => {
    const [c0, c1] = memoryPair();
    const [a, b] = await Promise.all([
      createCotSession(c0, { extension: "silent", params: P }),
      createCotSession(c1, { extension: "silent", params: P }),
    ]);
    expect(a).toBeInstanceOf(SilentOtSession);
    const rng = new SeededRandom(testSeed());
    const r = rng.bytes(100);
    const [q, t] = await Promise.all([a.cotSend(800), b.cotReceive(r, 800)]);
    expect(firstCotMismatch(q, t, r, a.delta, 800)).toBe(-1);
    const [d0, d1] = memoryPair();
    const [i0, i1] = await Promise.all([createCotSession(d0, { extension: "iknp" }), createCotSession(d1, { extension: "iknp" })]);
    expect(i0).toBeInstanceOf(OtSession);
    const [q2, t2] = await Promise.all([i0.cotSend(800), i1.cotReceive(r, 800)]);
    expect(firstCotMismatch(q2, t2, r, i0.delta, 800)).toBe(-1);
  });

  it("silent against iknp is refused on both sides with OtExtensionMismatchError", async () => {
    const [c0, c1] = memoryPair();
    const [r0, r1] = await Promise.allSettled([
      createCotSession(c0, { extension: "silent", params: P }),
      createCotSession(c1, { extension: "iknp" }),
    ]);
    expect(r0.status).toBe("rejected");
    expect(r1.status).toBe("rejected");
    const e0 = (r0 as PromiseRejectedResult).reason as Error;
    const e1 = (r1 as PromiseRejectedResult).reason as Error;
    expect(e0).toBeInstanceOf(OtExtensionMismatchError);
    expect(e0.message).toMatch(/runs the "silent" OT extension but the peer runs "iknp"/);
    expect(e1.message).toMatch(/runs the "iknp" OT extension but the peer runs "silent"/);
  });

  it("a peer of extension message format 1 (one instance bootstrapped at a time) is refused, naming both formats", async () => {
    const [c0, c1] = memoryPair();
    // What a format-1 peer sends first: "OX", version 1, silent.
    c1.send("ot/extension", Uint8Array.of(0x4f, 0x58, 1, 2));
    await expect(SilentOtSession.create(c0, { params: P })).rejects.toThrow(/peer uses extension message format 1, this party 2/);
  });

  it("random COTs taken sender side first on both sides: the bootstrap of both instances does not deadlock, and the COTs match", async () => {
    const [s0, s1] = await sessions();
    // Each party's first call is its sender side, as cot-pair.ts issues them: 3 main iterations.
    for (const n of [50, 3 * usableMain + 7]) {
      const [q0, q1] = await Promise.all([s0.rcotSend(n), s1.rcotSend(n)]);
      const [r1, r0] = await Promise.all([s1.rcotReceive(n), s0.rcotReceive(n)]);
      expect(firstCotMismatch(q0, r1.keys, r1.choices, s0.delta, n)).toBe(-1);
      expect(firstCotMismatch(q1, r0.keys, r0.choices, s1.delta, n)).toBe(-1);
    }
    expect(s0.counts.sendIterations).toBe(s1.counts.receiveIterations);
  });

  it("silent against a plain OtSession (no extension message) is refused with a clear error", async () => {
    const [c0, c1] = memoryPair();
    const [r0, r1] = await Promise.allSettled([SilentOtSession.create(c0, { params: P }), OtSession.create(c1)]);
    expect(r0.status).toBe("rejected");
    expect(r1.status).toBe("rejected");
    expect((r0 as PromiseRejectedResult).reason).toBeInstanceOf(OtExtensionMismatchError);
    expect(((r0 as PromiseRejectedResult).reason as Error).message).toMatch(/without the extension option/);
    // The plain IKNP side sees the extension message's tag where it expected its base OTs.
    expect(((r1 as PromiseRejectedResult).reason as Error).message).toMatch(/extension/);
  });

  it("rejects bad options with the routine's name", async () => {
    const [c0] = memoryPair();
    await expect(createCotSession(c0, { extension: "fast" as never })).rejects.toThrow(/createCotSession: extension must be/);
    await expect(SilentOtSession.create(c0, { params: { pre: P.pre, main: { ...P.main, n: 4095 } } })).rejects.toThrow(
      /params.main.n must be t·2\^h/,
    );
    await expect(SilentOtSession.create(c0, { params: { pre: { ...P.pre, n: 512, t: 4 }, main: P.main } })).rejects.toThrow(
      /params.pre.n \(512\) must cover/,
    );
  });
});
