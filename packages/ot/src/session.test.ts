import { describe, expect, it } from "vitest";
import { memoryPair, type Channel } from "@petace/network";
import { firstCotMismatch, firstOtMismatch } from "../test/check.js";
import { OtSession } from "./session.js";
import { otReceive, otSend, rotReceive, rotSend } from "./rot.js";
import { SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";

async function sessions(): Promise<[OtSession, OtSession, Channel, Channel]> {
  const [c0, c1] = memoryPair();
  const [s0, s1] = await Promise.all([OtSession.create(c0), OtSession.create(c1)]);
  return [s0, s1, c0, c1];
}

describe("OtSession: IKNP correlated OT in both directions", async () => {
  const [s0, s1, c0, c1] = await sessions();

  it("every COT satisfies t = q ⊕ r·Δ, across batches of odd sizes, in both directions", async () => {
    const rng = new SeededRandom(testSeed());
    for (const n of [1, 127, 128, 1000, 4099, 70_000]) {
      const r0 = rng.bytes((n + 7) >>> 3);
      const r1 = rng.bytes((n + 7) >>> 3);
      // Instance 0→1 and 1→0 at once, as the triple generators use them.
      const [[q0, t0], [t1, q1]] = await Promise.all([
        Promise.all([s0.cotSend(n), s0.cotReceive(r0, n)]),
        Promise.all([s1.cotReceive(r1, n), s1.cotSend(n)]),
      ]);
      expect(firstCotMismatch(q0, t1, r1, s0.delta, n)).toBe(-1);
      expect(firstCotMismatch(q1, t0, r0, s1.delta, n)).toBe(-1);
    }
  });

  it("the checker fails on a wrong Δ or a flipped bit", async () => {
    const rng = new SeededRandom(testSeed());
    const n = 300;
    const r = rng.bytes(38);
    const [q, t] = await Promise.all([s0.cotSend(n), s1.cotReceive(r, n)]);
    expect(firstCotMismatch(q, t, r, s0.delta, n)).toBe(-1);
    const wrong = s0.delta.slice();
    wrong[5]! ^= 0x10;
    // Δ enters exactly where r_j = 1: the first such j is reported.
    let firstOne = 0;
    while (((r[firstOne >>> 3]! >>> (firstOne & 7)) & 1) === 0) firstOne++;
    expect(firstCotMismatch(q, t, r, wrong, n)).toBe(firstOne);
    const flipped = t.slice();
    flipped[16 * 77 + 3]! ^= 1;
    expect(firstCotMismatch(q, flipped, r, s0.delta, n)).toBe(77);
    const rFlip = r.slice();
    rFlip[200 >>> 3]! ^= 1 << (200 & 7);
    expect(firstCotMismatch(q, t, rFlip, s0.delta, n)).toBe(200);
  });

  it("sends 16 bytes per COT (128 bits, the IKNP lower bound) in one message, and nothing back", async () => {
    const rng = new SeededRandom(testSeed());
    const n = 1 << 16;
    const before = [c0.stats.bytesSent, c1.stats.bytesSent, c0.stats.messagesSent, c1.stats.messagesSent];
    await Promise.all([s0.cotSend(n), s1.cotReceive(rng.bytes(n / 8), n)]);
    expect(c1.stats.bytesSent - before[1]!).toBe(16 * n);
    expect(c1.stats.messagesSent - before[3]!).toBe(1);
    expect(c0.stats.bytesSent - before[0]!).toBe(0);
    expect(c0.stats.messagesSent - before[2]!).toBe(0);
  });

  it("a large batch goes out in 2^18-OT messages and every COT still holds", async () => {
    const rng = new SeededRandom(testSeed());
    const n = (1 << 18) + 1000;
    const r = rng.bytes((n + 7) >>> 3);
    const m1 = c1.stats.messagesSent;
    const [q, t] = await Promise.all([s0.cotSend(n), s1.cotReceive(r, n)]);
    expect(c1.stats.messagesSent - m1).toBe(2);
    expect(firstCotMismatch(q, t, r, s0.delta, n)).toBe(-1);
  });

  it("random OT: the receiver gets m_r and not m_(1-r); messages look independent", async () => {
    const rng = new SeededRandom(testSeed());
    const n = 5000;
    const r = rng.bytes(n / 8);
    const [{ m0, m1 }, m] = await Promise.all([rotSend(s1, n), rotReceive(s0, r, n)]);
    expect(firstOtMismatch(m0, m1, m, r, n, 16)).toBe(-1);
    const notR = r.map((x) => ~x & 0xff);
    expect(firstOtMismatch(m0, m1, m, notR, n, 16)).toBe(0);
    // m0 ⊕ m1 is not the constant Δ (the hash broke the correlation): ~half its bits differ between OTs.
    let diff = 0;
    for (let b = 0; b < 16; b++) diff += popcount(m0[b]! ^ m1[b]! ^ (m0[16 + b]! ^ m1[16 + b]!));
    expect(diff).toBeGreaterThan(30);
    expect(diff).toBeLessThan(98);
  });

  it("chosen-message OT delivers m_r for widths 1..16", async () => {
    const rng = new SeededRandom(testSeed());
    for (const width of [1, 8, 16]) {
      const n = 777;
      const m0 = rng.bytes(n * width);
      const m1 = rng.bytes(n * width);
      const r = rng.bytes(98);
      const [, m] = await Promise.all([otSend(s0, m0, m1, n, width), otReceive(s1, r, n, width)]);
      expect(firstOtMismatch(m0, m1, m, r, n, width)).toBe(-1);
    }
  });

  it("rejects bad arguments with the routine's name", async () => {
    await expect(s0.cotReceive(new Uint8Array(1), 100)).rejects.toThrow(/cotReceive/);
    await expect(s0.cotSend(-1)).rejects.toThrow(RangeError);
    await expect(otSend(s0, new Uint8Array(3), new Uint8Array(3), 1, 17)).rejects.toThrow(/otSend: width/);
  });
});

function popcount(x: number): number {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
}
