import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deriveSeed, hashToBytes, sha256 } from "./hash.js";

const toHex = (a: Uint8Array): string => Buffer.from(a.buffer, a.byteOffset, a.length).toString("hex");
const nodeSha = (d: Uint8Array): string => createHash("sha256").update(d).digest("hex");
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe("sha256", () => {
  it("matches FIPS 180-2 vectors and node:crypto on both sides of the backend switch", () => {
    expect(toHex(sha256(utf8("abc")))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(toHex(sha256(new Uint8Array(0)))).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    for (const n of [1, 55, 56, 64, 127, 128, 129, 5000]) {
      const d = Uint8Array.from({ length: n }, (_, i) => (i * 7 + n) & 0xff);
      const h = sha256(d);
      expect(h).toHaveLength(32);
      expect(Object.getPrototypeOf(h)).toBe(Uint8Array.prototype);
      expect(toHex(h)).toBe(nodeSha(d));
    }
  });
  it("validates", () => expect(() => sha256("abc" as unknown as Uint8Array)).toThrow(/^sha256/));
});

describe("deriveSeed", () => {
  const seed = Uint8Array.from({ length: 16 }, (_, i) => i);
  it("is the first 16 bytes of SHA-256(label ‖ 0 ‖ seed)", () => {
    const d = deriveSeed(seed, "triples");
    expect(d).toHaveLength(16);
    expect(toHex(d)).toBe(nodeSha(Buffer.concat([utf8("triples"), Uint8Array.of(0), seed])).slice(0, 32));
  });
  it("separates labels and seeds", () => {
    expect(toHex(deriveSeed(seed, "a"))).not.toBe(toHex(deriveSeed(seed, "b")));
    expect(toHex(deriveSeed(seed, "a"))).not.toBe(
      toHex(
        deriveSeed(
          seed.map((v) => v ^ 1),
          "a",
        ),
      ),
    );
    expect(() => deriveSeed(seed, "a\0b")).toThrow(RangeError);
    expect(() => deriveSeed(seed, 3 as unknown as string)).toThrow(TypeError);
  });
});

describe("hashToBytes", () => {
  it("is MGF1-SHA-256", () => {
    const data = utf8("petace");
    const want = [0, 1, 2].map((i) => nodeSha(Buffer.concat([data, Uint8Array.of(0, 0, 0, i)]))).join("");
    expect(toHex(hashToBytes(data, 96))).toBe(want);
    expect(toHex(hashToBytes(data, 40))).toBe(want.slice(0, 80));
    expect(hashToBytes(data, 0)).toHaveLength(0);
    expect(() => hashToBytes(data, -1)).toThrow(/^hashToBytes/);
  });
});
