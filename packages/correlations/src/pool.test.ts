import { describe, expect, it } from "vitest";
import { CorrelationPool, MAX_REFILL, MAX_REFILL_BYTES, type Column } from "./pool.js";

const bit = (a: Uint8Array, i: number) => (a[i >>> 3]! >>> (i & 7)) & 1;
const f = (id: bigint) => Number((id * 0x9e3779b97f4a7c15n) >> 17n) & 1; // a bit tied to the id

/** A producer numbering items 0, 1, 2, … in a u64 column, with a matching bit column. */
function counting(withBits: boolean) {
  let next = 0n;
  let calls = 0;
  const produce = async (n: number): Promise<Column[]> => {
    calls++;
    const ids = new BigUint64Array(n);
    const bits = new Uint8Array(n / 8);
    for (let i = 0; i < n; i++) {
      ids[i] = next++;
      bits[i >>> 3]! |= f(ids[i]!) << (i & 7);
    }
    return withBits ? [ids, bits] : [ids];
  };
  return { produce, calls: () => calls };
}

describe("CorrelationPool", () => {
  for (const withBits of [false, true]) {
    it(`hands out every item at most once across many refills (${withBits ? "bit + u64" : "u64"} columns)`, async () => {
      const src = counting(withBits);
      const pool = new CorrelationPool("t", withBits ? ["u64", "bits"] : ["u64"], src.produce, 256);
      const seen = new Set<bigint>();
      let last = -1n;
      const sizes = [1, 7, 8, 9, 255, 256, 257, 3, 1000, 0, 31, 513, 64, 5];
      for (let round = 0; round < 6; round++) {
        for (const n of sizes) {
          const cols = await pool.take(n);
          const ids = cols[0] as BigUint64Array;
          expect(ids.length).toBe(n);
          for (let i = 0; i < n; i++) {
            const id = ids[i]!;
            expect(seen.has(id)).toBe(false);
            expect(id > last).toBe(true); // FIFO
            seen.add(id);
            last = id;
            if (withBits) expect(bit(cols[1] as Uint8Array, i)).toBe(f(id));
          }
          if (withBits && n & 7) expect((cols[1] as Uint8Array)[(n - 1) >>> 3]! >>> (n & 7)).toBe(0);
        }
      }
      expect(pool.consumed).toBeLessThanOrEqual(pool.produced);
      expect(src.calls()).toBeGreaterThan(20);
    });
  }

  it("reserve refills once, keeps the unconsumed tail first, and take then needs no refill", async () => {
    const src = counting(true);
    const pool = new CorrelationPool("t", ["u64", "bits"], src.produce, 256);
    const first = (await pool.take(100))[0] as BigUint64Array;
    expect(pool.available).toBe(256 - 104); // 100 rounded up to whole bytes of bits
    await pool.reserve(5000);
    expect(src.calls()).toBe(2);
    expect(pool.available).toBeGreaterThanOrEqual(5000);
    const next = (await pool.take(5000))[0] as BigUint64Array;
    expect(src.calls()).toBe(2);
    expect(next[0]).toBe(104n);
    expect(first[99]).toBe(99n);
  });

  it("byte-wide columns keep each item's bytes together", async () => {
    let next = 0;
    const pool = new CorrelationPool(
      "t",
      [16, "u64"],
      async (n) => {
        const m = new Uint8Array(16 * n);
        const ids = new BigUint64Array(n);
        for (let i = 0; i < n; i++, next++) {
          m.fill(next & 0xff, 16 * i, 16 * i + 16);
          ids[i] = BigInt(next);
        }
        return [m, ids];
      },
      256,
    );
    for (const n of [3, 300, 1, 700]) {
      const [m, ids] = (await pool.take(n)) as [Uint8Array, BigUint64Array];
      for (let i = 0; i < n; i++) for (let b = 0; b < 16; b++) expect(m[16 * i + b]).toBe(Number(ids[i]! & 0xffn));
    }
  });

  it("starts with small refills that double up to the batch, serves a larger request in one refill, and caps a refill at MAX_REFILL", async () => {
    const sizes: number[] = [];
    let next = 0n;
    const produce = async (n: number): Promise<Column[]> => {
      sizes.push(n);
      const ids = new BigUint64Array(n);
      for (let i = 0; i < n; i++) ids[i] = next++;
      return [ids];
    };
    const pool = new CorrelationPool("t", ["u64"], produce, 4096);
    await pool.take(10); // a short program pays for 1024, not 4096
    expect(sizes).toEqual([1024]);
    await pool.take(1014 + 1); // the next refill doubles
    expect(sizes).toEqual([1024, 2048]);
    const big = (await pool.take(20_000))[0] as BigUint64Array; // one round trip, not many small ones
    expect(sizes.length).toBe(3);
    for (let i = 1; i < big.length; i++) expect(big[i]).toBe(big[i - 1]! + 1n); // in order, none skipped or repeated
    const huge = (await pool.take(MAX_REFILL + 1000))[0] as BigUint64Array; // never one refill past the cap
    expect(Math.max(...sizes)).toBe(MAX_REFILL);
    expect(huge[huge.length - 1]! - huge[0]!).toBe(BigInt(MAX_REFILL + 999));
    const refills = sizes.length;
    await pool.reserve(10_000); // an explicit reserve is served by one refill
    expect(sizes.length).toBe(refills + 1);
    expect(pool.available).toBeGreaterThanOrEqual(10_000);
  });

  it("a reservation queues a new batch behind what is left (nothing copied), and takes run across batches in order", async () => {
    for (const withBits of [false, true]) {
      const src = counting(withBits);
      const pool = new CorrelationPool("t", withBits ? ["u64", "bits"] : ["u64"], src.produce, 256);
      await pool.reserve(512);
      expect((await pool.take(256)).length).toBe(withBits ? 2 : 1);
      await pool.reserve(1000); // 256 left: a second batch of at least 744 queues behind them
      expect(src.calls()).toBe(2);
      expect(pool.available).toBeGreaterThanOrEqual(1000);
      // Inside the first batch (views), then across the two, then inside the second.
      for (const [n, first] of [
        [128, 256],
        [256, 384],
        [64, 640],
      ] as const) {
        const cols = await pool.take(n);
        const ids = cols[0] as BigUint64Array;
        expect(Array.from(ids, Number)).toEqual(Array.from({ length: n }, (_, i) => first + i));
        if (withBits) for (let i = 0; i < n; i++) expect(bit(cols[1] as Uint8Array, i), `item ${first + i}`).toBe(f(ids[i]!));
      }
    }
  });

  it("caps a refill at MAX_REFILL_BYTES for wide items, and releases a batch once it is used up", async () => {
    const sizes: number[] = [];
    const produce = async (n: number): Promise<Column[]> => {
      sizes.push(n);
      return [new Uint8Array(16 * n), new Uint8Array(16 * n), new Uint8Array((n + 7) >>> 3), new Uint8Array(16 * n)];
    };
    const pool = new CorrelationPool("rot", [16, 16, "bits", 16], produce, 1 << 18);
    expect(pool.maxRefill * 48.125).toBeLessThanOrEqual(MAX_REFILL_BYTES);
    expect(pool.maxRefill).toBeGreaterThanOrEqual(1 << 20); // a comparison's 2^20 random OTs in one refill
    await pool.take(pool.maxRefill + 1000);
    expect(Math.max(...sizes)).toBe(pool.maxRefill);
    expect(pool.heldBytes).toBeGreaterThan(0);
    await pool.take(pool.available);
    expect(pool.heldBytes).toBe(0);
  });

  it("hands a refill of exactly the request over without copying, in order and once", async () => {
    let next = 0n;
    const sizes: number[] = [];
    const produce = async (n: number): Promise<Column[]> => {
      sizes.push(n);
      const ids = new BigUint64Array(n);
      for (let i = 0; i < n; i++) ids[i] = next++;
      const bits = new Uint8Array(n >>> 3).fill(0xa5);
      return [ids, bits];
    };
    const pool = new CorrelationPool("t", ["u64", "bits"], produce, 1 << 16);
    const [a] = (await pool.take(4096)) as [BigUint64Array, Uint8Array];
    const [b, bits] = (await pool.take(4096)) as [BigUint64Array, Uint8Array];
    expect(sizes).toEqual([4096, 4096]);
    expect(a[0]).toBe(0n);
    expect(b[0]).toBe(4096n);
    expect(b[4095]).toBe(8191n);
    expect(bits.length).toBe(512);
    expect(pool.heldBytes).toBe(0);
    expect(pool.consumed).toBe(pool.produced);
  });
});
