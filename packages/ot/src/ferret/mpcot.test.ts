import { describe, expect, it } from "vitest";
import { SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { mpcotMessageBytes, mpcotReceive, mpcotSend } from "./mpcot.js";

/** Fake base COTs made in the clear (test only): q random, t = q ⊕ b·Δ. */
function fakeCots(rng: SeededRandom, m: number, delta: Uint8Array): { q: Uint8Array; t: Uint8Array; b: Uint8Array } {
  const q = rng.bytes(16 * m);
  const b = new Uint8Array(m).map(() => rng.u32() & 1);
  const t = q.slice();
  for (let j = 0; j < m; j++) if (b[j]) for (let i = 0; i < 16; i++) t[16 * j + i]! ^= delta[i]!;
  return { q, t, b };
}

describe("regular-noise MPCOT (t GGM single-point COTs)", () => {
  it("w = v ⊕ e·Δ with one noise position per tree, at the position the base choices pick", () => {
    const rng = new SeededRandom(testSeed());
    for (const [t, h] of [
      [1, 1],
      [3, 4],
      [7, 9],
    ] as const) {
      const p = { n: t << h, k: 1, t, h };
      const delta = rng.bytes(16);
      const { q, t: tb, b } = fakeCots(rng, t * h, delta);
      const { leaves: v, msg } = mpcotSend(p, q, delta);
      expect(msg.length).toBe(mpcotMessageBytes(p));
      const { leaves: w, positions } = mpcotReceive(p, tb, b, msg);
      for (let tau = 0; tau < t; tau++) {
        // α's bits, most significant first, are 1 − b for the tree's h base COTs.
        let alpha = 0;
        for (let i = 0; i < h; i++) alpha = (alpha << 1) | (1 - b[tau * h + i]!);
        expect(positions[tau]).toBe((tau << h) + alpha);
      }
      const noisy = new Set(positions);
      for (let j = 0; j < p.n; j++) {
        for (let i = 0; i < 16; i++) {
          const want = v[16 * j + i]! ^ (noisy.has(j) ? delta[i]! : 0);
          if (w[16 * j + i] !== want) throw new Error(`t=${t} h=${h}: leaf ${j} byte ${i} breaks w = v ⊕ e·Δ`);
        }
      }
      // Leaves are not trivially zero or repeated.
      expect(v.subarray(0, 16)).not.toEqual(v.subarray(16, 32));
    }
  });

  it("rejects a message of the wrong length", () => {
    const p = { n: 8, k: 1, t: 1, h: 3 };
    expect(() => mpcotReceive(p, new Uint8Array(48), new Uint8Array(3), new Uint8Array(10))).toThrow(/message has 10 bytes/);
  });
});
