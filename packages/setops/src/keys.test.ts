import { describe, expect, it } from "vitest";
import { SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { findDuplicate, hashKeys, KEY_BYTES } from "./keys.js";
import type { Key } from "./api.js";

function hex(k: Key): string {
  return Buffer.from(hashKeys([k])).toString("hex");
}

describe("hashKeys", () => {
  it("matches digests computed independently (Python hashlib: SHA-256(domain ‖ type ‖ encoding)[:16])", () => {
    // python3: hashlib.sha256(b"petace-ts/key/v1" + bytes([type]) + encoding).hexdigest()[:32]
    expect(hex("abc")).toBe("5dd0a19544b72eef7c67e1709e4cf993");
    expect(hex("caf\u00e9")).toBe("40abef1ade24ae655abec04dc528c692");
    expect(hex(1)).toBe("bd28d5c61a6b89f3d82967c99d319230");
    expect(hex(-256)).toBe("17cd1cafc2e5c399b00a4a2f739e9dda");
    expect(hex(2n ** 64n + 1n)).toBe("77a10dc6c1a991abe364cb62bbe75a64");
    expect(hex(0.5)).toBe("bf7c386bb1817ef2381a62063d536d92");
    expect(hex(0)).toBe("96cf422f303551e8b66e7302ebfa0159");
  });

  it("numbers and bigints compare by value; strings never equal numbers", () => {
    expect(hex(1)).toBe(hex(1.0));
    expect(hex(1)).toBe(hex(1n));
    expect(hex(-0)).toBe(hex(0));
    expect(hex(2 ** 60)).toBe(hex(2n ** 60n));
    expect(hex(-(2 ** 70))).toBe(hex(-(2n ** 70n)));
    expect(hex(1e300)).toBe(hex(BigInt(1e300)));
    expect(hex(Number.MAX_SAFE_INTEGER)).toBe(hex(BigInt(Number.MAX_SAFE_INTEGER)));
    expect(hex(1)).not.toBe(hex("1"));
    expect(hex(1)).not.toBe(hex(-1));
    expect(hex(0.5)).not.toBe(hex(1));
    expect(hex(256)).not.toBe(hex(1));
    expect(hex("")).not.toBe(hex(0));
    // a bigint of any length
    const big = 7n ** 500n;
    expect(hex(big)).not.toBe(hex(big + 1n));
  });

  it("strings compare after NFC; case and spaces are kept", () => {
    expect(hex("caf\u00e9")).toBe(hex("cafe\u0301"));
    expect(hex("Alice")).not.toBe(hex("alice"));
    expect(hex("a b")).not.toBe(hex("ab"));
    expect(hex("😀")).toBe(hex("\ud83d\ude00"));
    expect(hex("x".repeat(5000))).not.toBe(hex("x".repeat(5001)));
  });

  it("gives 16 bytes per row in row order, for a mixed table", () => {
    const keys: Key[] = ["a", 1, 2n, 0.25, "é"];
    const h = hashKeys(keys);
    expect(h.length).toBe(keys.length * KEY_BYTES);
    keys.forEach((k, i) => expect(Buffer.from(h.subarray(16 * i, 16 * i + 16)).toString("hex")).toBe(hex(k)));
  });

  it("refuses duplicates naming both rows and not the key", () => {
    const keys: Key[] = Array.from({ length: 100 }, (_, i) => `secret-${i}`);
    keys[93] = "secret-17";
    expect(() => hashKeys(keys, { table: "customers" })).toThrow('hashKeys (table "customers"): rows 17 and 93 have the same key');
    try {
      hashKeys(keys);
    } catch (e) {
      expect(String(e)).not.toContain("secret");
    }
    expect(() => hashKeys([1, "x", 1n])).toThrow(/rows 0 and 2 have the same key/);
    expect(() => hashKeys(["caf\u00e9", "cafe\u0301"])).toThrow(/rows 0 and 1/);
  });

  it("refuses NaN, infinities, lone surrogates and other types, naming the row", () => {
    expect(() => hashKeys([1, Number.NaN])).toThrow(/row 1 is NaN or infinite/);
    expect(() => hashKeys([Number.POSITIVE_INFINITY])).toThrow(/row 0 is NaN or infinite/);
    expect(() => hashKeys(["ok", "\ud800x"])).toThrow(/row 1 is a string with a lone surrogate/);
    expect(() => hashKeys([1, null as never])).toThrow(TypeError);
    expect(() => hashKeys([true as never])).toThrow(/row 0 is boolean; keys must be strings, numbers or bigints/);
    expect(() => hashKeys("abc" as never)).toThrow(/keys must be an array/);
  });

  it("findDuplicate agrees with a plaintext set on random tables", () => {
    const rng = new SeededRandom(testSeed());
    for (const n of [0, 1, 2, 1000, 20000]) {
      const keys = Array.from({ length: n }, () => rng.int(0, 4 * n + 1));
      const seen = new Map<number, number>();
      let expected: [number, number] | null = null;
      for (let i = 0; i < n && !expected; i++) {
        const j = seen.get(keys[i]!);
        if (j !== undefined) expected = [j, i];
        else seen.set(keys[i]!, i);
      }
      const h = new Uint8Array(n * 16);
      keys.forEach((k, i) => h.set(hashKeysNoCheck(k), 16 * i));
      expect(findDuplicate(h)).toEqual(expected);
    }
  });
});

const cache = new Map<number, Uint8Array>();
function hashKeysNoCheck(k: number): Uint8Array {
  let h = cache.get(k);
  if (!h) cache.set(k, (h = hashKeys([k])));
  return h;
}
