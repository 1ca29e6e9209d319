import { describe, expect, it } from "vitest";
import { memoryPair } from "@petace/network";
import { baseOtBothWays, baseOtReceive, baseOtSend, selectBytes } from "./base-ot.js";
import { OtProtocolError } from "./errors.js";
import { SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";

const bit = (a: Uint8Array, i: number) => (a[i >>> 3]! >>> (i & 7)) & 1;
const key = (a: Uint8Array, i: number) => Buffer.from(a.subarray(16 * i, 16 * i + 16)).toString("hex");

describe("base OT (Chou–Orlandi over ristretto255)", () => {
  it("the receiver gets k^c and not k^(1-c); all keys distinct", async () => {
    const rng = new SeededRandom(testSeed());
    const [c0, c1] = memoryPair();
    const n = 40;
    const choices = rng.bytes(5);
    const [s, r] = await Promise.all([baseOtSend(c0, n), baseOtReceive(c1, choices, n)]);
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) {
      const c = bit(choices, i);
      expect(key(r.k, i)).toBe(key(c ? s.k1 : s.k0, i));
      expect(key(r.k, i)).not.toBe(key(c ? s.k0 : s.k1, i));
      seen.add(key(s.k0, i)).add(key(s.k1, i));
    }
    expect(seen.size).toBe(2 * n);
    // one message each way
    expect(c0.stats.messagesSent).toBe(1);
    expect(c1.stats.messagesSent).toBe(1);
    expect(c1.stats.bytesSent).toBe(32 * n);
  });

  it("runs both directions in one message of each kind per party", async () => {
    const rng = new SeededRandom(testSeed());
    const [c0, c1] = memoryPair();
    const n = 16;
    const ch0 = rng.bytes(2);
    const ch1 = rng.bytes(2);
    const [a, b] = await Promise.all([baseOtBothWays(c0, n, ch0), baseOtBothWays(c1, n, ch1)]);
    for (let i = 0; i < n; i++) {
      expect(key(b.receiver.k, i)).toBe(key(bit(ch1, i) ? a.sender.k1 : a.sender.k0, i));
      expect(key(a.receiver.k, i)).toBe(key(bit(ch0, i) ? b.sender.k1 : b.sender.k0, i));
    }
    expect(c0.stats.messagesSent).toBe(2);
    expect(c0.stats.bytesSent).toBe(32 + 32 * n);
  });

  it("rejects a malformed point without echoing it", async () => {
    const [c0, c1] = memoryPair();
    c0.send("ot/base/S", new Uint8Array(32).fill(0xff));
    await expect(baseOtReceive(c1, new Uint8Array(1), 8)).rejects.toThrow(OtProtocolError);
  });

  it("validates arguments", async () => {
    const [c0] = memoryPair();
    await expect(baseOtSend(c0, 0)).rejects.toThrow(RangeError);
    await expect(baseOtReceive(c0, new Uint8Array(1), 9)).rejects.toThrow(/baseOtReceive/);
  });
});

describe("selectBytes (the base OT receiver's choice without a branch)", () => {
  it("picks a for 0 and b for 1, whole and byte by byte", () => {
    const a = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
    const b = Uint8Array.from({ length: 32 }, (_, i) => 255 - i * 3);
    expect(selectBytes(0, a, b)).toEqual(a);
    expect(selectBytes(1, a, b)).toEqual(b);
  });
});
