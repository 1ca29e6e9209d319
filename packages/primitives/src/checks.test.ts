import { describe, expect, it } from "vitest";
import { checkBytes, checkCount, checkDim, checkFracBits, checkInt, checkParty } from "./checks.js";

const message = (f: () => void): string => {
  try {
    f();
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
  return "no error";
};

describe("argument checks", () => {
  it("checkCount: a non-negative safe integer named n, or the bounds given", () => {
    checkCount("f", 0);
    checkCount("f", 2 ** 31, { max: 2 ** 31 });
    expect(message(() => checkCount("f", "3"))).toBe("TypeError: f: n must be a number");
    expect(message(() => checkCount("f", -1))).toBe("RangeError: f: n must be a non-negative integer, got -1");
    expect(message(() => checkCount("f", 1.5))).toBe("RangeError: f: n must be a non-negative integer, got 1.5");
    expect(message(() => checkCount("f", 2 ** 53))).toMatch(/^RangeError: f: n must be a non-negative integer/);
    expect(message(() => checkCount("f", 2 ** 31 + 1, { max: 2 ** 31 }))).toBe(
      "RangeError: f: n must be an integer in [0, 2^31], got 2147483649",
    );
    expect(message(() => checkCount("f", 0, { min: 1, max: 1 << 20 }))).toBe("RangeError: f: n must be an integer in [1, 2^20], got 0");
    expect(message(() => checkCount("D.f", -2, { name: "count" }))).toBe("RangeError: D.f: count must be a non-negative integer, got -2");
    expect(message(() => checkCount("f", 0, { min: 1 }))).toBe("RangeError: f: n must be a positive integer, got 0");
  });

  it("checkDim and checkInt name the argument; `below` is an exclusive bound", () => {
    checkDim("g", "rows", 0);
    expect(message(() => checkDim("g", "cols", NaN))).toBe("RangeError: g: cols must be a non-negative integer, got NaN");
    expect(message(() => checkDim("g", "m", 0, { min: 1, max: 1 << 20 }))).toBe("RangeError: g: m must be an integer in [1, 2^20], got 0");
    checkInt("h", "k", 63, { below: 64 });
    expect(message(() => checkInt("h", "k", 64, { below: 64 }))).toBe("RangeError: h: k must be an integer in [0, 64), got 64");
    expect(message(() => checkInt("h", "k", 100, { max: 16, min: 1 }))).toBe("RangeError: h: k must be an integer in [1, 16], got 100");
  });

  it("checkBytes: a Uint8Array, of a given length when asked", () => {
    checkBytes("b", "seed", new Uint8Array(16), 16);
    expect(message(() => checkBytes("b", "seed", [1, 2]))).toBe("TypeError: b: seed must be a Uint8Array");
    expect(message(() => checkBytes("b", "seed", Buffer.alloc(3), 16))).toBe("RangeError: b: seed must have 16 bytes, got 3");
  });

  it("checkParty: 0 or 1, a RangeError for anything else (the message network's assertParty gave)", () => {
    checkParty("p", 0);
    checkParty("p", 1);
    expect(message(() => checkParty("connectTcp", 2))).toBe("RangeError: connectTcp: party must be 0 or 1, got 2");
    expect(message(() => checkParty("x", "1"))).toBe("RangeError: x: party must be 0 or 1, got 1");
    expect(message(() => checkParty("x", undefined))).toBe("RangeError: x: party must be 0 or 1, got undefined");
  });

  it("checkFracBits: [1, 40] with ProtocolContext's and Duet's message by default; other ranges on request", () => {
    checkFracBits("ProtocolContext.create", 16);
    expect(message(() => checkFracBits("ProtocolContext.create", 41))).toBe(
      "RangeError: ProtocolContext.create: fracBits must be an integer in [1, 40], got 41",
    );
    expect(message(() => checkFracBits("Duet.create", 0))).toBe("RangeError: Duet.create: fracBits must be an integer in [1, 40], got 0");
    expect(message(() => checkFracBits("Duet.create", 2.5))).toBe(
      "RangeError: Duet.create: fracBits must be an integer in [1, 40], got 2.5",
    );
    expect(message(() => checkFracBits("encodeFixed", 64, { min: 0, below: 64 }))).toBe(
      "RangeError: encodeFixed: fracBits must be an integer in [0, 64), got 64",
    );
    expect(message(() => checkFracBits("encodeFixed", "16"))).toBe("TypeError: encodeFixed: fracBits must be a number");
  });
});
