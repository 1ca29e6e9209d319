import { describe, expect, it } from "vitest";
import { Prg, SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { lpnEncodeReceive, lpnEncodeSend, lpnSeed } from "./lpn.js";
import { LPN_DEGREE } from "./params.js";

/** The code in plain, slow form: row i's positions are ⌊w·k / 2^32⌋ of ten keystream words. */
function referencePositions(n: number, k: number): number[][] {
  const ks = new Prg(lpnSeed({ n, k, t: 1, h: 0 })).bytes(4 * LPN_DEGREE * n);
  const dv = new DataView(ks.buffer);
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < LPN_DEGREE; j++) row.push(Math.floor((dv.getUint32(4 * (LPN_DEGREE * i + j), true) * k) / 2 ** 32));
    rows.push(row);
  }
  return rows;
}

describe("Ferret's local linear code", () => {
  it("matches the plain reference on keys and choice bits, across chunks and base segments", () => {
    const rng = new SeededRandom(testSeed());
    // More than one chunk of 2^16 outputs, and a base of two 2^15-block segments.
    const n = 70_000;
    const k = 40_000;
    const p = { n, k, t: 1, h: 0 };
    const base = rng.bytes(16 * k);
    const bits = new Uint8Array(k).map(() => rng.u32() & 1);
    const noise = rng.bytes(16 * n);
    const noiseBits = new Uint8Array(n).map(() => rng.u32() & 1);
    const out = noise.slice();
    lpnEncodeSend(p, base, out);
    const outR = noise.slice();
    const outBits = noiseBits.slice();
    lpnEncodeReceive(p, base, bits, outR, outBits);
    expect(outR).toEqual(out);
    const rows = referencePositions(n, k);
    for (let i = 0; i < n; i++) {
      const want = noise.slice(16 * i, 16 * i + 16);
      let c = noiseBits[i]!;
      for (const x of rows[i]!) {
        for (let b = 0; b < 16; b++) want[b]! ^= base[16 * x + b]!;
        c ^= bits[x]!;
      }
      if (c !== outBits[i]) throw new Error(`choice bit ${i} differs from the reference`);
      for (let b = 0; b < 16; b++) if (out[16 * i + b] !== want[b]) throw new Error(`output ${i} byte ${b} differs from the reference`);
    }
  });
});
