import { Prg, SeededRandom } from "@petace/primitives";
import { describe, expect, it } from "vitest";
import { okvsDecode, okvsEncode, okvsShape } from "./okvs.js";

const SEED = Number(process.env.PETACE_TEST_SEED ?? Date.now() % 1e9);

function randomWords(rng: SeededRandom): (words: number) => Uint32Array {
  return (words) => {
    const b = rng.bytes(4 * words);
    return new Uint32Array(b.buffer, b.byteOffset, words);
  };
}

describe(`okvs (seed ${SEED})`, () => {
  it.each([0, 1, 2, 3, 7, 50, 1000, 30000])("decodes each of %i keys to its value", (n) => {
    const rng = new SeededRandom(SEED + n);
    const keys = rng.bytes(16 * n);
    for (const ww of [2, 3, 8]) {
      const values = randomWords(rng)(n * ww);
      const seed = rng.bytes(16);
      const table = okvsEncode(keys, values, n, ww, seed, randomWords(rng));
      expect(table, `seed ${SEED}`).not.toBeNull();
      expect(table!.length).toBe(okvsShape(n).cells * ww);
      const got = okvsDecode(table!, keys, n, n, ww, seed);
      expect(got, `seed ${SEED}, n ${n}, ww ${ww}`).toEqual(values);
    }
  });

  it("solves a 2-core: keys that share their three cells are told apart by the dense part", () => {
    // With 3 keys in 3·(ceil(3.9/3)+2) = 9 sparse cells, many seeds give a non-empty 2-core; all must decode.
    const rng = new SeededRandom(SEED);
    let cores = 0;
    for (let trial = 0; trial < 200; trial++) {
      const n = 2 + (trial % 5);
      const keys = rng.bytes(16 * n);
      const values = randomWords(rng)(n * 2);
      const seed = rng.bytes(16);
      const table = okvsEncode(keys, values, n, 2, seed, randomWords(rng));
      expect(table, `seed ${SEED}, trial ${trial}`).not.toBeNull();
      expect(okvsDecode(table!, keys, n, n, 2, seed)).toEqual(values);
      cores++;
    }
    expect(cores).toBe(200);
  });

  it("decodes keys that were not encoded to values that look uniform (the table hides the keys)", () => {
    const rng = new SeededRandom(SEED ^ 0x55);
    const n = 4000;
    const keys = rng.bytes(16 * n);
    const values = new Prg(rng.prgSeed()).bytes(8 * n);
    const seed = rng.bytes(16);
    const table = okvsEncode(keys, new Uint32Array(values.buffer), n, 2, seed, randomWords(rng))!;
    const others = okvsDecode(table, rng.bytes(16 * n), n, n, 2, seed);
    // fraction of one bits within 6 standard deviations of 1/2 (64 000 bits per word position)
    let ones = 0;
    for (const w of others) for (let b = 0; b < 32; b++) ones += (w >>> b) & 1;
    const bits = others.length * 32;
    expect(Math.abs(ones / bits - 0.5)).toBeLessThan(6 * Math.sqrt(0.25 / bits));
  });
});
