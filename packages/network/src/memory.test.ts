import { describe, expect, it } from "vitest";
import { memoryPair } from "@petace/network";
import { channelCompliance } from "../test/compliance.js";

channelCompliance("memory", async () => memoryPair());

describe("memoryPair", () => {
  it("passes aligned buffers without copying and copies unaligned views", async () => {
    const [a, b] = memoryPair();
    const words = new BigUint64Array([1n, 2n]);
    a.send("w", words);
    expect((await b.recv("w")).buffer).toBe(words.buffer);
    const bytes = new Uint8Array(9);
    a.send("u", bytes.subarray(1));
    expect((await b.recv("u")).buffer).not.toBe(bytes.buffer);
  });

  it("refuses a message above maxMessageBytes at send, and bad options at creation", () => {
    const [a] = memoryPair({ maxMessageBytes: 4 });
    expect(() => a.send("big", new Uint8Array(5))).toThrow(/maxMessageBytes/);
    expect(() => memoryPair({ timeoutMs: 0 })).toThrow(RangeError);
    expect(() => memoryPair({ maxMessageBytes: -1 })).toThrow(RangeError);
  });

  it("supports timeoutMs: Infinity (no timer)", async () => {
    const [a, b] = memoryPair({ timeoutMs: Infinity });
    const p = b.recv("x");
    a.send("x", new Uint8Array([3]));
    expect(Array.from(await p)).toEqual([3]);
  });
});
