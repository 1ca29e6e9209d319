import { describe, expect, it } from "vitest";
import { ChannelClosedError, ChannelTimeoutError, exchangeU64, memoryPair, ProtocolMismatchError, recvU64 } from "@petace/network";

describe("memoryPair", () => {
  it("delivers tagged messages in order and counts bytes, messages and rounds", async () => {
    const [a, b] = memoryPair();
    a.send("x", new Uint8Array([1, 2, 3]));
    a.send("y", new BigUint64Array([5n, 2n ** 64n - 1n]));
    expect(Array.from(await b.recv("x"))).toEqual([1, 2, 3]);
    expect(Array.from(await recvU64(b, "y"))).toEqual([5n, 2n ** 64n - 1n]);
    expect(a.stats).toMatchObject({ bytesSent: 19, messagesSent: 2, rounds: 0 });
    expect(b.stats).toMatchObject({ bytesReceived: 19, messagesReceived: 2, rounds: 0 });
    const [ra, rb] = await Promise.all([exchangeU64(a, "z", new BigUint64Array([7n])), exchangeU64(b, "z", new BigUint64Array([9n]))]);
    expect(ra[0]).toBe(9n);
    expect(rb[0]).toBe(7n);
    expect(a.stats.rounds).toBe(1);
    expect(b.stats.rounds).toBe(1);
  });

  it("reports a tag mismatch naming both tags", async () => {
    const [a, b] = memoryPair();
    a.send("mul/open", new Uint8Array(8));
    await expect(b.recv("less/open")).rejects.toThrow(ProtocolMismatchError);
    await expect(b.recv("anything")).rejects.toThrow(/mul\/open/);
  });

  it("times out instead of hanging, and rejects after the peer closes", async () => {
    const [a, b] = memoryPair({ timeoutMs: 50 });
    await expect(b.recv("never")).rejects.toThrow(ChannelTimeoutError);
    const pending = a.recv("later");
    a.send("q", new Uint8Array(1));
    await b.close();
    await expect(pending).rejects.toThrow(ChannelClosedError);
    expect(() => b.send("after", new Uint8Array(1))).toThrow(ChannelClosedError);
  });

  it("returns 8-byte aligned buffers for unaligned sends", async () => {
    const [a, b] = memoryPair();
    const big = new Uint8Array(17);
    big.set([1, 2, 3, 4, 5, 6, 7, 8], 1);
    a.send("u", big.subarray(1, 9));
    const got = await b.recv("u");
    expect(got.byteOffset % 8).toBe(0);
    expect(Array.from(got)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
