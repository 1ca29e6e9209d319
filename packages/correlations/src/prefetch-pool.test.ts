import { describe, expect, it } from "vitest";
import { SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { PrefetchPool, type Ask } from "./prefetch-pool.js";

/**
 * A pool over a fake maker: item j of the whole stream has u64 column value j and bit (j mod 3 = 0),
 * so a take shows exactly which items it got. Asks resolve after `delay()` ms.
 */
function fakePool(batch: number, delay: () => number, parts = 1) {
  const asks: number[] = [];
  let made = 0;
  const ask: Ask = (n) => {
    asks.push(n);
    const per = Math.ceil(n / 256 / parts) * 256;
    const out = [];
    for (let left = n; left > 0; left -= per) {
      const size = Math.min(per, left);
      const first = made;
      made += size;
      const u64 = new BigUint64Array(size).map((_, j) => BigInt(first + j));
      const bits = new Uint8Array(size / 8);
      for (let j = 0; j < size; j++) if ((first + j) % 3 === 0) bits[j >>> 3]! |= 1 << (j & 7);
      out.push({ size, columns: new Promise<Uint8Array[]>((r) => setTimeout(() => r([new Uint8Array(u64.buffer), bits]), delay())) });
    }
    return out;
  };
  return { pool: new PrefetchPool("fake", ["u64", "bits"], ask, batch), asks };
}

const bit = (a: Uint8Array, i: number) => (a[i >>> 3]! >>> (i & 7)) & 1;

describe("PrefetchPool", () => {
  it("hands out consecutive items exactly once across asks, in whole bytes, high bits zero", async () => {
    const rng = new SeededRandom(testSeed());
    const { pool } = fakePool(2048, () => rng.u32() % 3, 2);
    let next = 0;
    for (let t = 0; t < 60; t++) {
      const n = rng.u32() % 700;
      const [u64, bits] = (await pool.take(n)) as [BigUint64Array, Uint8Array];
      expect(u64.length).toBe(n);
      expect(bits.length).toBe((n + 7) >>> 3);
      for (let j = 0; j < n; j++) {
        expect(u64[j]).toBe(BigInt(next + j));
        expect(bit(bits, j)).toBe((next + j) % 3 === 0 ? 1 : 0);
      }
      if (n & 7) expect(bits[bits.length - 1]! >>> (n & 7)).toBe(0);
      next += (n + 7) & ~7; // the rest of the last byte is dropped, never handed out
    }
    expect(pool.consumed).toBe(next);
  });

  it("asks the same sequence whatever the timing, ahead of demand, within the waste bound", async () => {
    const rng = new SeededRandom(testSeed());
    const plan = Array.from({ length: 80 }, () => rng.u32() % 3000);
    const run = async (delay: () => number, awaitEach: boolean) => {
      const { pool, asks } = fakePool(1 << 13, delay);
      const takes = [];
      for (const n of plan) {
        const t = pool.take(n);
        takes.push(t);
        if (awaitEach) await t;
        // Ahead of demand: after every take, at least one ask's worth is on its way or ready.
        expect(pool.ahead).toBeGreaterThanOrEqual(Math.min(1 << 13, Math.max(1024, pool.consumed)));
      }
      await Promise.all(takes);
      return { asks, pool };
    };
    const fast = await run(() => 0, true);
    const slow = await run(() => rng.u32() % 5, false);
    expect(slow.asks).toEqual(fast.asks);
    const { pool } = fast;
    expect(pool.asked - pool.consumed).toBeLessThan(2 * Math.min(1 << 13, Math.max(1024, pool.consumed)) + 3000);
    expect(Math.max(...fast.asks)).toBeLessThanOrEqual(Math.max(1 << 13, 3072));
  });

  it("serves a large take and reserve, splitting no ask beyond the size limit unless reserved whole", async () => {
    const { pool, asks } = fakePool(1024, () => 0);
    await pool.reserve(10_000);
    expect(asks).toEqual([10_240]);
    expect(pool.ahead).toBe(10_240);
    const [u64] = (await pool.take(12_000)) as [BigUint64Array];
    expect(u64[11_999]).toBe(11_999n);
    expect(asks.every((n) => n % 256 === 0)).toBe(true);
  });
});
