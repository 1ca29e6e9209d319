import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { concatBits, concatRing, gatherBits, gatherRing, scatterBits, scatterRing, sliceBits, splitValue, wordCount } from "./values.js";

const bitsOf = (b: boolean[]): Uint32Array => {
  const out = new Uint32Array(wordCount(b.length) + 1).fill(0xdeadbeef); // junk past n must be ignored
  for (let i = 0; i < wordCount(b.length); i++) out[i] = 0;
  b.forEach((v, i) => {
    if (v) out[i >>> 5]! |= 1 << (i & 31);
  });
  if (b.length % 32 !== 0 && b.length > 0) out[wordCount(b.length) - 1]! |= 0xffffffff << (b.length % 32); // junk high bits
  return out;
};
const unbits = (w: Uint32Array, n: number): boolean[] => Array.from({ length: n }, (_, i) => ((w[i >>> 5]! >>> (i & 31)) & 1) === 1);

describe("packed bits", () => {
  it("concat then split gives the parts back, at any bit offsets", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.boolean(), { maxLength: 100 }), { maxLength: 6 }), (parts) => {
        const lens = parts.map((p) => p.length);
        const merged = concatBits(parts.map(bitsOf), lens);
        expect(
          unbits(
            merged,
            lens.reduce((a, b) => a + b, 0),
          ),
        ).toEqual(parts.flat());
        const back = splitValue(merged, lens);
        back.forEach((b, i) => {
          expect(unbits(b as Uint32Array, lens[i]!)).toEqual(parts[i]);
          expect(b.length).toBe(wordCount(lens[i]!));
        });
      }),
    );
  });

  it("slice clears bits past its length", () => {
    const s = sliceBits(new Uint32Array([0xffffffff, 0xffffffff]), 3, 40);
    expect(Array.from(s)).toEqual([0xffffffff, 0xff]);
  });

  it("gather and scatter follow the index arrays", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 80 }), fc.array(fc.nat(), { maxLength: 80 }), (b, raw) => {
        const idx = Uint32Array.from(raw.map((r) => r % b.length));
        expect(unbits(gatherBits(bitsOf(b), idx), idx.length)).toEqual(Array.from(idx, (j) => b[j]));
        const v = idx.map((_, i) => i % 3);
        const vb = Array.from(v, (x) => x === 0);
        const expected = b.slice();
        idx.forEach((j, i) => (expected[j] = vb[i]!));
        expect(unbits(scatterBits(bitsOf(b), b.length, idx, bitsOf(vb)), b.length)).toEqual(expected);
      }),
    );
  });
});

describe("ring values", () => {
  it("gather, scatter, concat and split copy whole 64-bit words", () => {
    const x = BigUint64Array.from([1n, 2n ** 63n + 5n, 2n ** 64n - 1n, 7n]);
    expect(Array.from(gatherRing(x, Uint32Array.from([2, 0, 1, 1])))).toEqual([2n ** 64n - 1n, 1n, 2n ** 63n + 5n, 2n ** 63n + 5n]);
    expect(Array.from(scatterRing(x, Uint32Array.from([3, 0]), BigUint64Array.from([9n, 2n ** 62n])))).toEqual([
      2n ** 62n,
      2n ** 63n + 5n,
      2n ** 64n - 1n,
      9n,
    ]);
    const m = concatRing([x, BigUint64Array.from([3n])]);
    expect(m.length).toBe(5);
    expect(splitValue(m, [4, 1]).map((p) => Array.from(p as BigUint64Array))).toEqual([Array.from(x), [3n]]);
  });
});
