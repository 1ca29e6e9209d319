import { describe, expect, it } from "vitest";
import { testSeed } from "@petace/testkit";
import { type AesBackend, aesCtr, defaultAesBackend, FixedKeyAes } from "./aes.js";
import { SeededRandom } from "./seeded.js";

const hex = (s: string): Uint8Array => Uint8Array.from(s.match(/../g)!.map((h) => parseInt(h, 16)));
const toHex = (a: Uint8Array): string => Array.from(a, (b) => b.toString(16).padStart(2, "0")).join("");
const BACKENDS: AesBackend[] = ["node", "noble"];

// NIST SP 800-38A, Appendix F.1.1 (ECB-AES128.Encrypt) and F.5.1 (CTR-AES128.Encrypt).
const KEY = hex("2b7e151628aed2a6abf7158809cf4f3c");
const PT = hex(
  "6bc1bee22e409f96e93d7e117393172a" +
    "ae2d8a571e03ac9c9eb76fac45af8e51" +
    "30c81c46a35ce411e5fbc1191a0a52ef" +
    "f69f2445df4f9b17ad2b417be66c3710",
);
const ECB_CT =
  "3ad77bb40d7a3660a89ecaf32466ef97" +
  "f5d3d58503b9699de785895a96fdbaaf" +
  "43b1cd7f598ece23881b00e3ed030688" +
  "7b0c785e27e8ad3f8223207104725dd4";
const CTR_IV = hex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
const CTR_CT =
  "874d6191b620e3261bef6864990db6ce" +
  "9806f66b7970fdff8617187bb9fffdff" +
  "5ae4df3edbd5d35e5b4f09020db03eab" +
  "1e031dda2fbe03d1792170a0f3009cee";

describe("defaultAesBackend", () => {
  it("is node under Node", () => expect(defaultAesBackend()).toBe("node"));
});

describe.each(BACKENDS)("FixedKeyAes (%s)", (backend) => {
  it("matches NIST SP 800-38A F.1.1 ECB-AES128", () => {
    const aes = new FixedKeyAes(KEY, backend);
    expect(toHex(aes.encryptBlocks(PT))).toBe(ECB_CT);
    // the same object again (noble cipher objects are single-use; ours must not be)
    expect(toHex(aes.encryptBlocks(PT))).toBe(ECB_CT);
    // one block at a time, in place, at a misaligned offset
    const buf = new Uint8Array(PT.length + 3);
    buf.set(PT, 3);
    const view = buf.subarray(3);
    for (let i = 0; i < 64; i += 16) aes.encryptBlocks(view.subarray(i, i + 16), view.subarray(i, i + 16));
    expect(toHex(view)).toBe(ECB_CT);
  });
  it("rejects bad keys and lengths", () => {
    expect(() => new FixedKeyAes(new Uint8Array(15), backend)).toThrow(RangeError);
    expect(() => new FixedKeyAes([1, 2] as unknown as Uint8Array, backend)).toThrow(TypeError);
    const aes = new FixedKeyAes(KEY, backend);
    expect(() => aes.encryptBlocks(new Uint8Array(17))).toThrow(/^FixedKeyAes.encryptBlocks/);
    expect(() => aes.encryptBlocks(new Uint8Array(16), new Uint8Array(32))).toThrow(RangeError);
    expect(aes.encryptBlocks(new Uint8Array(0))).toHaveLength(0);
  });
  it("encryptChunk gives the same blocks as encryptBlocks, up to one 64 KiB chunk", () => {
    const aes = new FixedKeyAes(KEY, backend);
    expect(toHex(aes.encryptChunk(PT))).toBe(ECB_CT);
    const data = new Uint8Array(64 * 1024).map((_, i) => (i * 131 + 7) & 255);
    const chunk = aes.encryptChunk(data);
    expect(chunk.byteOffset & 3).toBe(0);
    expect(Buffer.compare(chunk, aes.encryptBlocks(data))).toBe(0);
    expect(() => aes.encryptChunk(new Uint8Array(64 * 1024 + 16))).toThrow(/at most 65536/);
    expect(() => aes.encryptChunk(new Uint8Array(20))).toThrow(/multiple of 16/);
  });
  it("matches NIST SP 800-38A F.5.1 CTR-AES128", () => {
    const ks = aesCtr(KEY, CTR_IV, new Uint8Array(64), backend);
    expect(toHex(ks.map((k, i) => k ^ PT[i]!))).toBe(CTR_CT);
    // truncated keystream is a prefix
    const short = aesCtr(KEY, CTR_IV, new Uint8Array(37), backend);
    expect(toHex(short)).toBe(toHex(ks.subarray(0, 37)));
  });
});

describe("backends agree", () => {
  it("ECB over a large buffer (crosses node's 64 KiB chunks)", () => {
    const rng = new SeededRandom(testSeed());
    const key = rng.bytes(16);
    const data = rng.bytes(256 * 1024 + 48);
    const a = new FixedKeyAes(key, "node").encryptBlocks(data);
    const b = new FixedKeyAes(key, "noble").encryptBlocks(data);
    expect(toHex(a.subarray(-64))).toBe(toHex(b.subarray(-64)));
    expect(Buffer.compare(a, b)).toBe(0);
  });
  it("CTR with the 128-bit counter wrapping across words and past 2^128", () => {
    const rng = new SeededRandom(testSeed());
    for (const ivHex of ["000000000000000000000000fffffffe", "0000000000000000fffffffffffffffe", "fffffffffffffffffffffffffffffffe"]) {
      const iv = hex(ivHex);
      const key = rng.bytes(16);
      const a = aesCtr(key, iv, new Uint8Array(80), "node");
      const b = aesCtr(key, iv, new Uint8Array(80), "noble");
      expect(toHex(a)).toBe(toHex(b));
      // block 2 is AES(iv + 2): check against ECB on an explicitly incremented counter
      const ctr = iv.slice();
      for (let k = 0; k < 2; k++)
        for (let j = 15, c = 1; j >= 0 && c; j--) {
          const v = ctr[j]! + c;
          ctr[j] = v & 0xff;
          c = v >> 8;
        }
      expect(toHex(new FixedKeyAes(key, "noble").encryptBlocks(ctr))).toBe(toHex(a.subarray(32, 48)));
    }
  });
});
