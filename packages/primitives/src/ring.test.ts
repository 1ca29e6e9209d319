import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ringAdd,
  ringAddScalar,
  ringDot,
  ringFromBigInts,
  ringMatmul,
  ringMul,
  ringMulScalar,
  ringNeg,
  ringShl,
  ringShrArith,
  ringShrLogical,
  ringSub,
  ringSum,
  ringSumAxis,
  ringToBigInts,
  toSigned,
  SeededRandom,
} from "@petace/primitives";
import { testSeed } from "@petace/testkit";

// Plaintext reference: arbitrary-precision bigints reduced mod 2^64 by hand (not via typed arrays).
const M = 1n << 64n;
const mod = (x: bigint): bigint => ((x % M) + M) % M;
const signed = (x: bigint): bigint => (x >= 1n << 63n ? x - M : x);

const EDGES = [0n, 1n, 2n, (1n << 63n) - 1n, 1n << 63n, (1n << 63n) + 1n, M - 1n, M - 2n, 1n << 32n, (1n << 32n) - 1n];
const u64 = fc.oneof(fc.constantFrom(...EDGES), fc.bigInt({ min: 0n, max: M - 1n }));
const pair = fc
  .integer({ min: 0, max: 40 })
  .chain((n) => fc.tuple(fc.array(u64, { minLength: n, maxLength: n }), fc.array(u64, { minLength: n, maxLength: n })));

/** Random ring values for one test (its seed is reported if it fails). */
const seeded = (): SeededRandom => new SeededRandom(testSeed());

const arr = (xs: bigint[]) => ringFromBigInts(xs);
const list = (a: BigUint64Array) => ringToBigInts(a);

describe("element-wise binary ops", () => {
  const cases = [
    ["ringAdd", ringAdd, (x: bigint, y: bigint) => mod(x + y)],
    ["ringSub", ringSub, (x: bigint, y: bigint) => mod(x - y)],
    ["ringMul", ringMul, (x: bigint, y: bigint) => mod(x * y)],
  ] as const;
  for (const [name, op, ref] of cases) {
    it(`${name} matches the bigint reference`, () => {
      fc.assert(
        fc.property(pair, ([xs, ys]) => {
          expect(list(op(arr(xs), arr(ys)))).toEqual(xs.map((x, i) => ref(x, ys[i]!)));
        }),
      );
    });

    it(`${name} writes into out, which may alias either input`, () => {
      const xs = [...EDGES, 12345n];
      const ys = [...EDGES].reverse().concat([M - 99n]);
      const want = xs.map((x, i) => ref(x, ys[i]!));
      const out = new BigUint64Array(xs.length);
      expect(op(arr(xs), arr(ys), out)).toBe(out);
      expect(list(out)).toEqual(want);
      const a = arr(xs);
      expect(op(a, arr(ys), a)).toBe(a);
      expect(list(a)).toEqual(want);
      const b = arr(ys);
      expect(op(arr(xs), b, b)).toBe(b);
      expect(list(b)).toEqual(want);
      const c = arr(xs);
      expect(list(op(c, c, c))).toEqual(xs.map((x) => ref(x, x)));
    });

    it(`${name} refuses mismatched lengths, wrong types and partial overlaps`, () => {
      expect(() => op(new BigUint64Array(3), new BigUint64Array(4))).toThrow(RangeError);
      expect(() => op(new BigUint64Array(3), new BigUint64Array(4))).toThrow(new RegExp(`^${name}: length mismatch`));
      expect(() => op(new BigUint64Array(3), new BigUint64Array(3), new BigUint64Array(2))).toThrow(RangeError);
      expect(() => op(new BigInt64Array(3) as unknown as BigUint64Array, new BigUint64Array(3))).toThrow(TypeError);
      expect(() => op(new BigUint64Array(3), [1n, 2n, 3n] as unknown as BigUint64Array)).toThrow(new RegExp(`^${name}: b must`));
      const buf = new BigUint64Array(5);
      expect(() => op(buf.subarray(0, 4), buf.subarray(0, 4), buf.subarray(1, 5))).toThrow(/partially overlaps/);
      // Two views at the same offset are the same memory, so they are allowed.
      expect(() => op(buf.subarray(1, 5), new BigUint64Array(4), new BigUint64Array(buf.buffer, 8, 4))).not.toThrow();
    });
  }
});

describe("unary and scalar ops", () => {
  const list64 = fc.array(u64, { maxLength: 40 });

  it("ringNeg matches -x mod 2^64 and may work in place", () => {
    fc.assert(
      fc.property(list64, (xs) => {
        expect(list(ringNeg(arr(xs)))).toEqual(xs.map((x) => mod(-x)));
        const a = arr(xs);
        ringNeg(a, a);
        expect(list(a)).toEqual(xs.map((x) => mod(-x)));
      }),
    );
  });

  const scalar = fc.oneof(
    fc.constantFrom(0n, 1n, -1n, M, M + 3n, -(1n << 70n) - 5n, 1n << 63n),
    fc.bigInt({ min: -(1n << 80n), max: 1n << 80n }),
  );
  it("ringAddScalar / ringMulScalar take s mod 2^64 (negative and large s)", () => {
    fc.assert(
      fc.property(list64, scalar, (xs, s) => {
        expect(list(ringAddScalar(arr(xs), s))).toEqual(xs.map((x) => mod(x + s)));
        expect(list(ringMulScalar(arr(xs), s))).toEqual(xs.map((x) => mod(x * s)));
        const a = arr(xs);
        expect(ringMulScalar(a, s, a)).toBe(a);
        expect(list(a)).toEqual(xs.map((x) => mod(x * s)));
      }),
    );
  });

  it("scalar ops check their arguments", () => {
    expect(() => ringAddScalar(new BigUint64Array(2), 1 as unknown as bigint)).toThrow(/^ringAddScalar: s must be a bigint/);
    expect(() => ringMulScalar(new BigUint64Array(2), 1n, new BigUint64Array(3))).toThrow(RangeError);
    expect(() => ringNeg(new Float64Array(2) as unknown as BigUint64Array)).toThrow(TypeError);
  });
});

describe("shifts", () => {
  const values = [...EDGES, ...seeded().ring(24)];
  const ks = Array.from({ length: 64 }, (_, k) => k);

  it("ringShl is x·2^k mod 2^64 for every k", () => {
    for (const k of ks) expect(list(ringShl(arr(values), k)), `k=${k}`).toEqual(values.map((x) => mod(x << BigInt(k))));
  });

  it("ringShrLogical shifts in zeros for every k", () => {
    for (const k of ks) expect(list(ringShrLogical(arr(values), k)), `k=${k}`).toEqual(values.map((x) => x >> BigInt(k)));
  });

  it("ringShrArith shifts in the sign bit for every k", () => {
    for (const k of ks) expect(list(ringShrArith(arr(values), k)), `k=${k}`).toEqual(values.map((x) => mod(signed(x) >> BigInt(k))));
  });

  it("shifts work in place and into a separate out, including k = 0", () => {
    for (const [op, ref] of [
      [ringShl, (x: bigint, k: number) => mod(x << BigInt(k))],
      [ringShrLogical, (x: bigint, k: number) => x >> BigInt(k)],
      [ringShrArith, (x: bigint, k: number) => mod(signed(x) >> BigInt(k))],
    ] as const) {
      for (const k of [0, 1, 31, 32, 33, 63]) {
        const a = arr(values);
        expect(op(a, k, a)).toBe(a);
        expect(list(a)).toEqual(values.map((x) => ref(x, k)));
        const out = new BigUint64Array(values.length);
        expect(op(arr(values), k, out)).toBe(out);
        expect(list(out)).toEqual(values.map((x) => ref(x, k)));
      }
    }
  });

  it("shifts work on views at an offset", () => {
    const buf = arr(values);
    const view = buf.subarray(3, 11);
    expect(list(ringShrArith(view, 40))).toEqual(values.slice(3, 11).map((x) => mod(signed(x) >> 40n)));
  });

  it("refuses k outside [0, 64)", () => {
    for (const op of [ringShl, ringShrLogical, ringShrArith]) {
      for (const k of [-1, 64, 1.5, Number.NaN]) expect(() => op(new BigUint64Array(2), k)).toThrow(RangeError);
      expect(() => op(new BigUint64Array(2), "3" as unknown as number)).toThrow(TypeError);
      expect(() => op(new BigUint64Array(2), 64)).toThrow(new RegExp(`^${op.name}: k must`));
    }
  });
});

describe("reductions", () => {
  it("ringDot and ringSum match the bigint reference", () => {
    fc.assert(
      fc.property(pair, ([xs, ys]) => {
        expect(ringDot(arr(xs), arr(ys))).toBe(mod(xs.reduce((s, x, i) => s + x * ys[i]!, 0n)));
        expect(ringSum(arr(xs))).toBe(mod(xs.reduce((s, x) => s + x, 0n)));
      }),
    );
  });

  it("ringSum carries correctly across its internal chunks (> 2^20 elements of 2^64 - 1)", () => {
    const n = (1 << 20) * 2 + 5;
    const a = new BigUint64Array(n).fill(M - 1n);
    expect(ringSum(a)).toBe(mod(-BigInt(n)));
    a[7] = 1n << 63n;
    expect(ringSum(a)).toBe(mod(-BigInt(n) + 1n + (1n << 63n)));
  });

  it("ringSum matches the reference on a large random array", () => {
    const a = seeded().ring((1 << 20) + 3);
    let want = 0n;
    for (const x of a) want += x;
    expect(ringSum(a)).toBe(mod(want));
  });

  it("empty inputs give 0; mismatched lengths are refused", () => {
    expect(ringSum(new BigUint64Array(0))).toBe(0n);
    expect(ringDot(new BigUint64Array(0), new BigUint64Array(0))).toBe(0n);
    expect(() => ringDot(new BigUint64Array(2), new BigUint64Array(3))).toThrow(/^ringDot: length mismatch/);
    expect(() => ringSum([1n] as unknown as BigUint64Array)).toThrow(TypeError);
  });
});

// Reference for ringSumAxis: walk every element by its multi-index.
function sumAxisRef(a: BigUint64Array, shape: number[], axis: number): bigint[] {
  const outShape = shape.filter((_, d) => d !== axis);
  const outSize = outShape.reduce((p, s) => p * s, 1);
  const out = new Array<bigint>(outSize).fill(0n);
  for (let flat = 0; flat < a.length; flat++) {
    let rem = flat;
    const idx = new Array<number>(shape.length);
    for (let d = shape.length - 1; d >= 0; d--) {
      idx[d] = rem % shape[d]!;
      rem = Math.floor(rem / shape[d]!);
    }
    let o = 0;
    for (let d = 0; d < shape.length; d++) if (d !== axis) o = o * shape[d]! + idx[d]!;
    out[o] = mod(out[o]! + a[flat]!);
  }
  return out;
}

describe("ringSumAxis", () => {
  const shapes = [[7], [1], [0], [3, 4], [4, 1], [1, 5], [2, 3, 4], [3, 1, 2], [2, 0, 3], [2, 3, 4, 5]];
  it("matches the reference on every axis of 1-D to 4-D shapes (negative axes too)", () => {
    const rng = seeded();
    for (const shape of shapes) {
      const size = shape.reduce((p, s) => p * s, 1);
      const a = rng.ring(size);
      a[0] = size > 0 ? M - 1n : 0n;
      for (let axis = 0; axis < shape.length; axis++) {
        const want = sumAxisRef(a, shape, axis);
        expect(list(ringSumAxis(a, shape, axis)), `shape ${shape} axis ${axis}`).toEqual(want);
        expect(list(ringSumAxis(a, shape, axis - shape.length)), `shape ${shape} axis ${axis - shape.length}`).toEqual(want);
      }
    }
  });

  it("writes into out, which may overlap the input", () => {
    const shape = [3, 4, 5];
    const input = seeded().ring(60);
    for (let axis = 0; axis < 3; axis++) {
      const want = sumAxisRef(input, shape, axis);
      const a = input.slice();
      const out = a.subarray(0, want.length);
      expect(ringSumAxis(a, shape, axis, out)).toBe(out);
      expect(list(out)).toEqual(want);
      const b = input.slice();
      const out2 = b.subarray(60 - want.length);
      ringSumAxis(b, shape, axis, out2);
      expect(list(out2)).toEqual(want);
    }
  });

  it("a zero-length axis gives zeros, even in a dirty out", () => {
    const out = new BigUint64Array(6).fill(7n);
    expect(list(ringSumAxis(new BigUint64Array(0), [2, 0, 3], 1, out))).toEqual([0n, 0n, 0n, 0n, 0n, 0n]);
  });

  it("refuses bad shapes, axes and out", () => {
    const a = new BigUint64Array(6);
    expect(() => ringSumAxis(a, [2, 4], 0)).toThrow(/^ringSumAxis: shape \[2, 4\] has 8 elements/);
    expect(() => ringSumAxis(a, [2, 3], 2)).toThrow(RangeError);
    expect(() => ringSumAxis(a, [2, 3], -3)).toThrow(RangeError);
    expect(() => ringSumAxis(a, [2, 3], 0.5)).toThrow(RangeError);
    expect(() => ringSumAxis(new BigUint64Array(1), [], 0)).toThrow(RangeError);
    expect(() => ringSumAxis(a, [2, -3], 0)).toThrow(RangeError);
    expect(() => ringSumAxis(a, [2, 3], 0, new BigUint64Array(2))).toThrow(/^ringSumAxis: out has 2 elements, expected 3/);
    expect(() => ringSumAxis(a, "23" as unknown as number[], 0)).toThrow(TypeError);
  });
});

function matmulRef(a: BigUint64Array, b: BigUint64Array, m: number, k: number, n: number): bigint[] {
  const out: bigint[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0n;
      for (let p = 0; p < k; p++) s += a[i * k + p]! * b[p * n + j]!;
      out.push(mod(s));
    }
  }
  return out;
}

describe("ringMatmul", () => {
  it("matches the naive triple loop for all small shapes (odd rows, k mod 4 remainders, zeros)", () => {
    const rng = seeded();
    for (let m = 0; m <= 5; m++) {
      for (let k = 0; k <= 9; k++) {
        for (let n = 0; n <= 4; n++) {
          const a = rng.ring(m * k);
          const b = rng.ring(k * n);
          if (a.length > 0) a[0] = M - 1n;
          if (b.length > 0) b[b.length - 1] = 1n << 63n;
          expect(list(ringMatmul(a, b, m, k, n)), `${m}x${k}x${n}`).toEqual(matmulRef(a, b, m, k, n));
        }
      }
    }
  });

  it("matches the reference at 17x23x13 and with edge values only", () => {
    const rng = seeded();
    const a = rng.ring(17 * 23);
    const b = rng.ring(23 * 13);
    expect(list(ringMatmul(a, b, 17, 23, 13))).toEqual(matmulRef(a, b, 17, 23, 13));
    const e = arr(EDGES.slice(0, 8));
    const f = arr(EDGES.slice(2, 10));
    expect(list(ringMatmul(e, f, 2, 4, 2))).toEqual(matmulRef(e, f, 2, 4, 2));
  });

  it("overwrites a dirty out and handles out aliasing an input", () => {
    const rng = seeded();
    const a = rng.ring(36);
    const b = rng.ring(36);
    const want = matmulRef(a, b, 6, 6, 6);
    const out = new BigUint64Array(36).fill(123n);
    expect(ringMatmul(a, b, 6, 6, 6, out)).toBe(out);
    expect(list(out)).toEqual(want);
    const a2 = a.slice();
    expect(list(ringMatmul(a2, b, 6, 6, 6, a2))).toEqual(want);
    const b2 = b.slice();
    expect(list(ringMatmul(a, b2, 6, 6, 6, b2))).toEqual(want);
  });

  it("refuses inconsistent sizes", () => {
    expect(() => ringMatmul(new BigUint64Array(6), new BigUint64Array(6), 2, 3, 3)).toThrow(/^ringMatmul: b has 6 elements, expected k\*n/);
    expect(() => ringMatmul(new BigUint64Array(5), new BigUint64Array(6), 2, 3, 2)).toThrow(/^ringMatmul: a has 5/);
    expect(() => ringMatmul(new BigUint64Array(6), new BigUint64Array(6), 2, 3, 2, new BigUint64Array(5))).toThrow(RangeError);
    expect(() => ringMatmul(new BigUint64Array(6), new BigUint64Array(6), 2, 3, -2)).toThrow(RangeError);
  });

  it("256x256x256 is right (its speed is measured by the benchmarks, not asserted here)", () => {
    const rng = seeded();
    const a = rng.ring(256 * 256);
    const b = rng.ring(256 * 256);
    const c = ringMatmul(a, b, 256, 256, 256);
    // spot-check one entry against the reference
    let s = 0n;
    for (let p = 0; p < 256; p++) s += a[77 * 256 + p]! * b[p * 256 + 201]!;
    expect(c[77 * 256 + 201]).toBe(mod(s));
  });
});

describe("helpers", () => {
  it("ringFromBigInts reduces mod 2^64, ringToBigInts reads unsigned, toSigned reads two's complement", () => {
    const a = ringFromBigInts([-1n, M, M + 5n, -(1n << 63n), 7n]);
    expect(ringToBigInts(a)).toEqual([M - 1n, 0n, 5n, 1n << 63n, 7n]);
    expect(ringToBigInts(a).map(toSigned)).toEqual([-1n, 0n, 5n, -(1n << 63n), 7n]);
    expect(toSigned((1n << 63n) - 1n)).toBe((1n << 63n) - 1n);
    expect(toSigned(1n << 63n)).toBe(-(1n << 63n));
    expect(ringFromBigInts(new Set([1n, 2n])).length).toBe(2);
  });

  it("helpers check their arguments", () => {
    expect(() => ringFromBigInts([1n, 2 as unknown as bigint])).toThrow(/^ringFromBigInts: element 1 is not a bigint/);
    expect(() => ringFromBigInts(5 as unknown as bigint[])).toThrow(TypeError);
    expect(() => toSigned(1 as unknown as bigint)).toThrow(TypeError);
    expect(() => ringToBigInts([1n] as unknown as BigUint64Array)).toThrow(TypeError);
  });
});
