import { describe, expect, it } from "vitest";
import { hashLow64, hashLow64Pair, hashLsb, hashLsbPair, xorDelta } from "./blocks.js";
import { CrHash, SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";

describe("fused low-64 CR hashes", () => {
  it("equal the low 64 bits of CrHash.hash, for H(q) and H(q ⊕ Δ), across pass boundaries", () => {
    const rng = new SeededRandom(testSeed());
    const n = 9000;
    const q = rng.bytes(16 * n);
    const delta = rng.bytes(16);
    const ref0 = new BigUint64Array(new CrHash().hash(q).buffer);
    const ref1 = new BigUint64Array(new CrHash().hash(xorDelta(q, delta, new Uint8Array(q.length))).buffer);
    const a = hashLow64(q, n, new BigUint64Array(n));
    const h0 = new BigUint64Array(n);
    const h1 = new BigUint64Array(n);
    hashLow64Pair(q, delta, n, h0, h1);
    for (let j = 0; j < n; j++) {
      if (a[j] !== ref0[2 * j] || h0[j] !== ref0[2 * j] || h1[j] !== ref1[2 * j]) throw new Error(`block ${j} differs`);
    }
    expect(h0[17]).not.toBe(h1[17]);
  });

  it("hashLsb/hashLsbPair pack bit 0 of CrHash.hash", () => {
    const rng = new SeededRandom(testSeed());
    const n = 4096 + 96;
    const q = rng.bytes(16 * n);
    const delta = rng.bytes(16);
    const ref0 = new CrHash().hash(q);
    const ref1 = new CrHash().hash(xorDelta(q, delta, new Uint8Array(q.length)));
    const a = hashLsb(q, n, new Uint8Array(n / 8));
    const b0 = new Uint8Array(n / 8);
    const b1 = new Uint8Array(n / 8);
    hashLsbPair(q, delta, n, b0, b1);
    const bit = (x: Uint8Array, j: number) => (x[j >>> 3]! >>> (j & 7)) & 1;
    for (let j = 0; j < n; j++) {
      if (bit(a, j) !== (ref0[16 * j]! & 1) || bit(b0, j) !== (ref0[16 * j]! & 1) || bit(b1, j) !== (ref1[16 * j]! & 1))
        throw new Error(`block ${j} differs`);
    }
  });
});
