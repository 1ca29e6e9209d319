import { createCipheriv } from "node:crypto";
import { testSeed } from "@petace/testkit";
import { describe, expect, it } from "vitest";
import { CRHASH_KEY, CrHash } from "./crhash.js";
import { SeededRandom } from "./seeded.js";

const toHex = (a: Uint8Array): string => Buffer.from(a.buffer, a.byteOffset, a.length).toString("hex");

/** Random test bytes, from a seed the test reports if it fails. */
const testBytes = (n: number): Uint8Array => new SeededRandom(testSeed()).bytes(n);

// Slow references, one block at a time, straight from the formulas.
function pi(block: Uint8Array): Uint8Array {
  const c = createCipheriv("aes-128-ecb", CRHASH_KEY, null);
  c.setAutoPadding(false);
  return new Uint8Array(c.update(block));
}
function xor(a: Uint8Array, b: Uint8Array): Uint8Array {
  return a.map((v, i) => v ^ b[i]!);
}
function refHash(blocks: Uint8Array): Uint8Array {
  const out = new Uint8Array(blocks.length);
  for (let off = 0; off < blocks.length; off += 16) {
    const x = blocks.subarray(off, off + 16);
    const sigma = new Uint8Array(16);
    for (let j = 0; j < 8; j++) {
      sigma[j] = x[j]! ^ x[j + 8]!; // x_L ⊕ x_R
      sigma[j + 8] = x[j]!; // x_L
    }
    out.set(xor(pi(sigma), sigma), off);
  }
  return out;
}
function refTweaked(blocks: Uint8Array, tweakStart: bigint): Uint8Array {
  const out = new Uint8Array(blocks.length);
  for (let off = 0, k = 0n; off < blocks.length; off += 16, k++) {
    const i = (tweakStart + k) % (1n << 128n);
    const tweak = new Uint8Array(16);
    for (let j = 0; j < 16; j++) tweak[j] = Number((i >> BigInt(8 * j)) & 0xffn);
    const px = pi(blocks.subarray(off, off + 16));
    out.set(xor(pi(xor(px, tweak)), px), off);
  }
  return out;
}

describe("CrHash", () => {
  const node = new CrHash("node");
  const noble = new CrHash("noble");

  it("hash matches the per-block reference on both backends", () => {
    const x = testBytes(16 * 200);
    const want = toHex(refHash(x));
    expect(toHex(node.hash(x))).toBe(want);
    expect(toHex(noble.hash(x))).toBe(want);
  });

  it("tweakedHash matches the reference, including 32- and 128-bit tweak carries", () => {
    const x = testBytes(16 * 50);
    for (const t of [0n, 5n, 0xffff_fff0n, (1n << 128n) - 7n]) {
      const want = toHex(refTweaked(x, t));
      expect(toHex(node.tweakedHash(x, t))).toBe(want);
      expect(toHex(noble.tweakedHash(x, t))).toBe(want);
    }
    expect(toHex(node.tweakedHash(x, 12345))).toBe(toHex(refTweaked(x, 12345n)));
  });

  it("backends agree over several chunks, misaligned input and in place", () => {
    const n = 16 * 9000 + 16; // > two 64 KiB chunks
    const buf = new Uint8Array(n + 1);
    buf.set(testBytes(n), 1);
    const x = buf.subarray(1);
    const a = node.hash(x);
    const b = noble.hash(x);
    expect(Buffer.compare(a, b)).toBe(0);
    expect(toHex(a.subarray(-32))).toBe(toHex(refHash(x.subarray(-32))));
    const c = node.tweakedHash(x, 77n);
    expect(Buffer.compare(c, noble.tweakedHash(x, 77n))).toBe(0);
    expect(toHex(c.subarray(-16))).toBe(toHex(refTweaked(x.subarray(-16), 77n + BigInt(n / 16 - 1))));
    // 4-byte (not 8-byte) aligned input and output views
    const x4 = new Uint8Array(n + 4).subarray(4);
    x4.set(x);
    const o4 = new Uint8Array(n + 12).subarray(12);
    expect(Buffer.compare(noble.hash(x4, o4), a)).toBe(0);
    expect(Buffer.compare(node.tweakedHash(x4, 77n, o4), c)).toBe(0);
    const inPlace = x.slice();
    node.hash(inPlace, inPlace);
    expect(Buffer.compare(inPlace, a)).toBe(0);
  });

  it("the tweak and the input change the output", () => {
    const x = new Uint8Array(32); // two equal blocks
    const h = node.tweakedHash(x, 0);
    expect(toHex(h.subarray(0, 16))).not.toBe(toHex(h.subarray(16))); // tweaks 0 and 1
    expect(toHex(node.tweakedHash(x, 1).subarray(0, 16))).toBe(toHex(h.subarray(16)));
    const y = node.hash(x);
    expect(toHex(y.subarray(0, 16))).toBe(toHex(y.subarray(16)));
    x[3] = 1;
    expect(toHex(node.hash(x).subarray(0, 16))).not.toBe(toHex(y.subarray(0, 16)));
  });

  it("validates its arguments", () => {
    expect(() => node.hash(new Uint8Array(15))).toThrow(/^CrHash.hash.*multiple of 16/);
    expect(() => node.hash(new Uint8Array(16), new Uint8Array(32))).toThrow(RangeError);
    expect(() => node.tweakedHash(new Uint8Array(16), -1)).toThrow(RangeError);
    expect(() => node.tweakedHash(new Uint8Array(16), 1n << 128n)).toThrow(RangeError);
    expect(() => node.tweakedHash(new Uint8Array(16), "1" as unknown as number)).toThrow(TypeError);
    expect(() => new CrHash("wasm" as "node")).toThrow(TypeError);
  });
});
