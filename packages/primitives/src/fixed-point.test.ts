import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_FRAC_BITS,
  decodeFixed,
  decodeInt64,
  decodeInt64ToNumbers,
  encodeFixed,
  encodeInt64,
  ringFromBigInts,
  ringToBigInts,
} from "@petace/primitives";

const M = 1n << 64n;
const mod = (x: bigint): bigint => ((x % M) + M) % M;
const signed = (x: bigint): bigint => (x >= 1n << 63n ? x - M : x);

// Reference rounding, written independently of the implementation: floor, then look at the
// (exact) fraction; ties go to the even neighbour.
function roundHalfEvenRef(v: number): bigint {
  const fl = Math.floor(v);
  const frac = v - fl;
  let r = fl;
  if (frac > 0.5 || (frac === 0.5 && fl % 2 !== 0)) r = fl + 1;
  return BigInt(r);
}
const encodeRef = (x: number, f: number): bigint => mod(roundHalfEvenRef(x * 2 ** f));

const FRAC_BITS = [0, 16, 20, 24];

// Encodes through both input paths (number[] and Float64Array), which must agree.
function enc(xs: number[], f?: number): bigint[] {
  const viaArray = ringToBigInts(encodeFixed(xs, f));
  expect(ringToBigInts(encodeFixed(new Float64Array(xs), f))).toEqual(viaArray);
  return viaArray;
}

// Expects both input paths to throw the same error.
function expectBothThrow(xs: number[], f: number, err: RegExp | typeof RangeError): void {
  expect(() => encodeFixed(xs, f)).toThrow(err);
  expect(() => encodeFixed(new Float64Array(xs), f)).toThrow(err);
}

describe("encodeFixed / decodeFixed", () => {
  it("DEFAULT_FRAC_BITS is 16 and is the default", () => {
    expect(DEFAULT_FRAC_BITS).toBe(16);
    expect(ringToBigInts(encodeFixed([1]))).toEqual([1n << 16n]);
    expect(decodeFixed(ringFromBigInts([3n << 15n]))[0]).toBe(1.5);
  });

  it("encodes exact values and negatives in two's complement", () => {
    expect(enc([0, 1, -1, 1.5, -2.25, 2 ** -16, -(2 ** -16), -0], 16)).toEqual([
      0n,
      65536n,
      M - 65536n,
      98304n,
      M - 147456n,
      1n,
      M - 1n,
      0n,
    ]);
    expect(enc([3, -3], 0)).toEqual([3n, M - 3n]);
  });

  it("rounds to nearest with ties to even, on both signs and near 2^51 / 2^52", () => {
    const u = 2 ** -16;
    expect(enc([0.5 * u, 1.5 * u, 2.5 * u, 0.49 * u, 0.51 * u, -0.5 * u, -1.5 * u, -2.5 * u, -0.51 * u], 16).map(signed)).toEqual([
      0n,
      2n,
      2n,
      0n,
      1n,
      0n,
      -2n,
      -2n,
      -1n,
    ]);
    // with f = 0 the float itself is the scaled value: check the large-value rounding path
    const big = [
      2 ** 51 - 0.5,
      2 ** 51 - 1.5,
      2 ** 51 + 0.5,
      2 ** 51 + 1.5,
      2 ** 52 - 0.5,
      2 ** 52 - 1.5,
      2 ** 52 + 2,
      2 ** 53 + 2,
      2 ** 62 + 2 ** 10,
    ];
    const vals = [...big, ...big.map((x) => -x)];
    expect(enc(vals, 0)).toEqual(vals.map((x) => encodeRef(x, 0)));
    expect(enc([2 ** 51 + 0.5, 2 ** 51 + 1.5, -(2 ** 52 - 0.5)], 0).map(signed)).toEqual([2n ** 51n, 2n ** 51n + 2n, -(2n ** 52n)]);
  });

  it("matches the reference encoding and round-trips within 2^-(f+1) (property)", () => {
    for (const f of FRAC_BITS) {
      const lim = 2 ** (62 - f);
      fc.assert(
        fc.property(
          fc.array(
            fc.oneof(
              fc.double({ min: -lim, max: lim, noNaN: true }),
              fc.double({ min: -1000, max: 1000, noNaN: true }),
              fc.integer({ min: -(2 ** 20), max: 2 ** 20 }).map((i) => (i + 0.5) * 2 ** -f),
            ),
            { maxLength: 30 },
          ),
          (xs) => {
            expect(enc(xs, f)).toEqual(xs.map((x) => encodeRef(x, f)));
            const dec = decodeFixed(encodeFixed(xs, f), f);
            for (let i = 0; i < xs.length; i++) {
              // the error bound holds where the encoding is exact in float64 (|x·2^f| < 2^53)
              if (Math.abs(xs[i]! * 2 ** f) < 2 ** 53) expect(Math.abs(dec[i]! - xs[i]!)).toBeLessThanOrEqual(2 ** -(f + 1));
              else expect(dec[i]).toBe(xs[i]);
            }
          },
        ),
        { numRuns: 60 },
      );
    }
  });

  it("accepts the largest value that fits and refuses the smallest that does not", () => {
    for (const f of FRAC_BITS) {
      const largest = (2 ** 63 - 1024) * 2 ** -f; // the float just below 2^(63-f)
      expect(enc([largest, -largest], f)).toEqual([(1n << 63n) - 1024n, M - ((1n << 63n) - 1024n)]);
      expect(Array.from(decodeFixed(encodeFixed([largest, -largest], f), f))).toEqual([largest, -largest]);
      expectBothThrow([2 ** (63 - f)], f, RangeError);
      expectBothThrow([-(2 ** (63 - f))], f, RangeError);
      expectBothThrow([0, 2 ** (63 - f)], f, new RegExp(`^encodeFixed: values\\[1\\] is out of range: .*2\\^${63 - f}`));
    }
  });

  it("refuses NaN and infinities, naming the index but not the value", () => {
    for (const bad of [Number.NaN, Infinity, -Infinity]) {
      expectBothThrow([1, 2, bad], 16, /^encodeFixed: values\[2\] is NaN or infinite$/);
    }
    try {
      encodeFixed([0.25, 123456789.125e10]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RangeError);
      expect(String((e as Error).message)).not.toMatch(/1234|e\+|125/);
    }
  });

  it("treats number arrays, Float64Array and Float32Array alike", () => {
    const xs = [0.1, -7.75, 1e6, -3e-5, 2.5];
    const want = ringToBigInts(encodeFixed(xs, 20));
    expect(ringToBigInts(encodeFixed(new Float64Array(xs), 20))).toEqual(want);
    const f32 = new Float32Array(xs);
    expect(ringToBigInts(encodeFixed(f32, 20))).toEqual(Array.from(f32, (x) => encodeRef(x, 20)));
  });

  it("writes into out and checks arguments", () => {
    const out = new BigUint64Array(2).fill(99n);
    expect(encodeFixed([1, -1], 16, out)).toBe(out);
    expect(ringToBigInts(out)).toEqual([65536n, M - 65536n]);
    const dout = new Float64Array(2);
    expect(decodeFixed(out, 16, dout)).toBe(dout);
    expect(Array.from(dout)).toEqual([1, -1]);
    expect(() => encodeFixed([1, 2], 16, new BigUint64Array(3))).toThrow(/^encodeFixed: out has 3 elements, expected 2/);
    expect(() => encodeFixed([1], 16, new BigInt64Array(1) as unknown as BigUint64Array)).toThrow(TypeError);
    expect(() => decodeFixed(out, 16, new Float64Array(3))).toThrow(RangeError);
    expect(() => decodeFixed(new BigInt64Array(1) as unknown as BigUint64Array)).toThrow(/^decodeFixed: a must/);
    for (const f of [-1, 64, 2.5]) {
      expect(() => encodeFixed([1], f)).toThrow(/^encodeFixed: fracBits/);
      expect(() => decodeFixed(out, f)).toThrow(RangeError);
    }
    expect(() => encodeFixed([1], "16" as unknown as number)).toThrow(TypeError);
    expect(() => encodeFixed([1, "2" as unknown as number])).toThrow(/^encodeFixed: values\[1\] is not a number/);
    expect(() => encodeFixed(5 as unknown as number[])).toThrow(TypeError);
  });

  it("decodes ring edge values with the signed reading", () => {
    const a = ringFromBigInts([0n, 1n, (1n << 63n) - 1n, 1n << 63n, M - 1n]);
    for (const f of FRAC_BITS) {
      expect(Array.from(decodeFixed(a, f))).toEqual([0, 2 ** -f, 2 ** (63 - f), -(2 ** (63 - f)), -(2 ** -f)]);
    }
  });

  it("decodes exactly like Number(signed bigint)·2^-f on random ring elements (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: M - 1n }), { maxLength: 30 }), fc.constantFrom(...FRAC_BITS), (xs, f) => {
        expect(Array.from(decodeFixed(ringFromBigInts(xs), f))).toEqual(xs.map((x) => Number(signed(x)) * 2 ** -f));
      }),
    );
  });

  it("works on views at an offset", () => {
    const buf = new BigUint64Array(6);
    const view = buf.subarray(2, 5);
    encodeFixed([1, 2, 3], 16, view);
    expect(ringToBigInts(buf)).toEqual([0n, 0n, 65536n, 131072n, 196608n, 0n]);
    expect(Array.from(decodeFixed(buf.subarray(3, 5)))).toEqual([2, 3]);
  });
});

describe("encodeInt64 / decodeInt64", () => {
  it("encodes safe integers, bigints and mixed arrays in two's complement", () => {
    const S = Number.MAX_SAFE_INTEGER;
    expect(ringToBigInts(encodeInt64([0, 1, -1, S, -S, 2 ** 32, -(2 ** 32) - 1]))).toEqual([
      0n,
      1n,
      M - 1n,
      BigInt(S),
      M - BigInt(S),
      1n << 32n,
      M - (1n << 32n) - 1n,
    ]);
    expect(ringToBigInts(encodeInt64([5n, -(1n << 63n), (1n << 63n) - 1n, -3]))).toEqual([5n, 1n << 63n, (1n << 63n) - 1n, M - 3n]);
    expect(ringToBigInts(encodeInt64(new Float64Array([-7, 8])))).toEqual([M - 7n, 8n]);
    expect(ringToBigInts(encodeInt64(new BigInt64Array([-7n, 8n])))).toEqual([M - 7n, 8n]);
    expect(ringToBigInts(encodeInt64(new Int32Array([-7, 8])))).toEqual([M - 7n, 8n]);
  });

  it("matches the bigint reference on random safe integers (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.maxSafeInteger(), { maxLength: 30 }), (xs) => {
        expect(ringToBigInts(encodeInt64(xs))).toEqual(xs.map((x) => mod(BigInt(x))));
        expect(ringToBigInts(encodeInt64(new Float64Array(xs)))).toEqual(xs.map((x) => mod(BigInt(x))));
      }),
    );
  });

  it("refuses unsafe or fractional numbers, out-of-range bigints and other types", () => {
    for (const bad of [2 ** 53, -(2 ** 53), 1.5, Number.NaN, Infinity]) {
      expect(() => encodeInt64([0, bad])).toThrow(/^encodeInt64: values\[1\] is not a safe integer$/);
      expect(() => encodeInt64(new Float64Array([bad]))).toThrow(RangeError);
    }
    expect(() => encodeInt64([1n << 63n])).toThrow(/^encodeInt64: values\[0\] is outside \[-2\^63, 2\^63\)$/);
    expect(() => encodeInt64([-(1n << 63n) - 1n])).toThrow(RangeError);
    expect(() => encodeInt64(["1" as unknown as number])).toThrow(TypeError);
    expect(() => encodeInt64([1], new BigUint64Array(2))).toThrow(RangeError);
  });

  it("decodeInt64 is a signed view of the same memory", () => {
    const a = ringFromBigInts([M - 1n, 5n, 1n << 63n]);
    const v = decodeInt64(a);
    expect(Array.from(v)).toEqual([-1n, 5n, -(1n << 63n)]);
    a[1] = M - 5n;
    expect(v[1]).toBe(-5n);
    expect(decodeInt64(a.subarray(1)).length).toBe(2);
    expect(() => decodeInt64(new BigInt64Array(1) as unknown as BigUint64Array)).toThrow(TypeError);
  });

  it("decodeInt64ToNumbers matches Number(signed) including beyond 2^53 (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.bigInt({ min: 0n, max: M - 1n }), fc.constantFrom(0n, M - 1n, 1n << 63n, (1n << 53n) + 1n)), {
          maxLength: 30,
        }),
        (xs) => {
          expect(Array.from(decodeInt64ToNumbers(ringFromBigInts(xs)))).toEqual(xs.map((x) => Number(signed(x))));
        },
      ),
    );
    const out = new Float64Array(1);
    expect(decodeInt64ToNumbers(ringFromBigInts([M - 2n]), out)).toBe(out);
    expect(out[0]).toBe(-2);
  });
});
