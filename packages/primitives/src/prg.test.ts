import { describe, expect, it } from "vitest";
import { aesCtr } from "./aes.js";
import { Prg } from "./prg.js";

const seedOf = (k: number): Uint8Array => Uint8Array.from({ length: 16 }, (_, i) => (k * 37 + i * 11) & 0xff);
const eq = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0;

/** Chi-square of byte values against uniform (255 degrees of freedom: mean 255, sd ~22.6). */
function byteChi2(a: Uint8Array): number {
  const counts = new Float64Array(256);
  for (let i = 0; i < a.length; i++) counts[a[i]!]!++;
  const e = a.length / 256;
  let s = 0;
  for (let v = 0; v < 256; v++) s += (counts[v]! - e) ** 2 / e;
  return s;
}
/** Largest |z| over the 64 bit positions of the frequency of ones. */
function worstBitZ(r: BigUint64Array): number {
  const ones = new Float64Array(64);
  const w = new Uint32Array(r.buffer);
  for (let i = 0; i < w.length; i++) {
    const x = w[i]!;
    const base = (i & 1) * 32;
    for (let b = 0; b < 32; b++) ones[base + b]! += (x >>> b) & 1;
  }
  const n = r.length;
  return Math.max(...Array.from(ones, (c) => Math.abs(c - n / 2) / Math.sqrt(n / 4)));
}
const distinct = (r: BigUint64Array): number => new Set(r).size;

describe("Prg", () => {
  it("is AES-128-CTR with the seed as key and counter 0, on both backends", () => {
    const seed = seedOf(1);
    const want = aesCtr(seed, new Uint8Array(16), new Uint8Array(100), "node");
    expect(eq(new Prg(seed, "node").bytes(100), want)).toBe(true);
    expect(eq(new Prg(seed, "noble").bytes(100), want)).toBe(true);
  });

  it("gives one continuous stream across calls of any size, on both backends", () => {
    const sizes = [5, 11, 1, 0, 70_000, 3, 65_536, 17, 200_000, 9];
    const total = sizes.reduce((s, v) => s + v, 0);
    const whole = new Prg(seedOf(2), "node").bytes(total);
    for (const backend of ["node", "noble"] as const) {
      const p = new Prg(seedOf(2), backend);
      let off = 0;
      for (const n of sizes) {
        const part =
          n === 17
            ? (() => {
                const b = new Uint8Array(n + 1).subarray(1);
                p.fill(b);
                return b;
              })()
            : p.bytes(n);
        expect(eq(part, whole.subarray(off, off + n)), `${backend} call of ${n} at ${off}`).toBe(true);
        off += n;
      }
    }
    const a = new Prg(seedOf(2));
    expect(eq(Buffer.concat([a.bytes(5), a.bytes(11)]), whole.subarray(0, 16))).toBe(true);
    // ring() and bits() draw from the same stream
    const b = new Prg(seedOf(2));
    expect(eq(new Uint8Array(b.ring(3).buffer), whole.subarray(0, 24))).toBe(true);
    expect(eq(b.bits(16), whole.subarray(24, 26))).toBe(true);
  });

  it("different seeds give different streams", () => {
    expect(eq(new Prg(seedOf(3)).bytes(64), new Prg(seedOf(4)).bytes(64))).toBe(false);
    expect(eq(Prg.fromRandom().bytes(32), Prg.fromRandom().bytes(32))).toBe(false);
  });

  it("ring() looks uniform; the checks reject zeros and a repeated block", () => {
    const r = new Prg(seedOf(5)).ring(20_000);
    expect(worstBitZ(r)).toBeLessThan(5);
    expect(byteChi2(new Uint8Array(r.buffer))).toBeLessThan(400);
    expect(distinct(r)).toBe(r.length);
    // the same checks on broken generators fail
    const zeros = new BigUint64Array(20_000);
    expect(worstBitZ(zeros)).toBeGreaterThan(5);
    const repeated = new BigUint64Array(20_000).map((_, i) => r[i & 1]!);
    expect(byteChi2(new Uint8Array(repeated.buffer))).toBeGreaterThan(400);
    expect(distinct(repeated)).toBeLessThan(3);
  });

  it("bits() looks uniform and clears the unused high bits", () => {
    const n = 1 << 18;
    const b = new Prg(seedOf(6), "noble").bits(n);
    let ones = 0;
    for (const v of b) for (let j = 0; j < 8; j++) ones += (v >> j) & 1;
    expect(Math.abs(ones - n / 2) / Math.sqrt(n / 4)).toBeLessThan(5);
    expect(byteChi2(b)).toBeLessThan(400);
    const p = new Prg(seedOf(7));
    for (let i = 0; i < 50; i++) expect(p.bits(13)[1]! >> 5).toBe(0);
    expect(p.bits(0)).toHaveLength(0);
  });

  it("validates", () => {
    expect(() => new Prg(new Uint8Array(15))).toThrow(/^Prg: seed must be 16 bytes/);
    expect(() => new Prg("0123456789abcdef" as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => new Prg(seedOf(1)).bytes(-1)).toThrow(RangeError);
    expect(() => new Prg(seedOf(1)).ring(1.5)).toThrow(/^Prg.ring/);
  });
});
