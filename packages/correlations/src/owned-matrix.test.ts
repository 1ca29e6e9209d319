import { describe, expect, it } from "vitest";
import { memoryPair, type PartyId } from "@petace/network";
import { type CotSession, type FerretParamSets, OtSession, paddedCount, SilentOtSession } from "@petace/ot";
import { InsecureDealerProvider } from "./insecure-dealer.js";
import { ownedMatrixTripleFromCot } from "./owned-matrix.js";
import type { OwnedMatrixTriple } from "./provider.js";

/** Small Ferret sets: fast, and NO security (tests only). */
const P: FerretParamSets = {
  main: { n: 1 << 15, k: 2048, t: 64, h: 9 },
  pre: { n: 4096, k: 512, t: 16, h: 8 },
};

const M64 = (1n << 64n) - 1n;

/** Throws unless the shares of C sum to R·S (R at the owner, S at the other party). */
function check(t: [OwnedMatrixTriple, OwnedMatrixTriple], owner: PartyId, m: number, k: number, n: number): void {
  const R = t[owner].mine,
    S = t[1 - owner]!.mine;
  expect(R.length).toBe(m * k);
  expect(S.length).toBe(k * n);
  for (let r = 0; r < m; r++)
    for (let c = 0; c < n; c++) {
      let want = 0n;
      for (let l = 0; l < k; l++) want += R[r * k + l]! * S[l * n + c]!;
      if (((t[0].c[r * n + c]! + t[1].c[r * n + c]!) & M64) !== (want & M64))
        throw new Error(`C[${r}][${c}] is wrong for ${m}×${k}×${n}, owner ${owner}`);
    }
}

const SHAPES = [
  [1, 1, 1],
  [3, 5, 2],
  [7, 1, 9],
  [100, 7, 5],
  [10, 300, 1], // a transposed data block: many entries of S, several chunks
  [2050, 3, 1], // one pass (matrix.ts would take three row blocks)
  [8200, 1, 2], // two row blocks, the last of 8 rows
] as const;

async function run(s0: CotSession, s1: CotSession): Promise<void> {
  for (const owner of [0, 1] as const)
    for (const [m, k, n] of SHAPES) {
      const t = await Promise.all([ownedMatrixTripleFromCot(s0, owner, m, k, n), ownedMatrixTripleFromCot(s1, owner, m, k, n)]);
      check(t, owner, m, k, n);
    }
}

describe("owned matrix triples (one Gilboa cross term, R at the owner, S at the other party)", () => {
  it("C = R·S on IKNP, either party the owner, and only the other party sends COT bytes", async () => {
    const [c0, c1] = memoryPair();
    const [s0, s1] = await Promise.all([OtSession.create(c0), OtSession.create(c1)]);
    await run(s0, s1);
    // Owner 0, 100×7×5: party 0 sends the corrections (260 B per virtual product), party 1 the IKNP columns.
    const [b0, b1] = [c0.stats.bytesSent, c1.stats.bytesSent];
    await Promise.all([ownedMatrixTripleFromCot(s0, 0, 100, 7, 5), ownedMatrixTripleFromCot(s1, 0, 100, 7, 5)]);
    expect(c0.stats.bytesSent - b0).toBe(260 * 100 * 7 * 5);
    expect(c1.stats.bytesSent - b1).toBe(16 * paddedCount(64 * 7 * 5));
  });

  it("C = R·S on silent OT", async () => {
    const [c0, c1] = memoryPair();
    const [s0, s1] = await Promise.all([SilentOtSession.create(c0, { params: P }), SilentOtSession.create(c1, { params: P })]);
    await run(s0, s1);
  });

  it("the insecure dealer's owned triples are consistent, and bad arguments are refused", async () => {
    const seed = new Uint8Array(16).fill(3);
    const d = [new InsecureDealerProvider(0, seed), new InsecureDealerProvider(1, seed)] as const;
    for (const owner of [0, 1, 1, 0] as const) {
      const t = await Promise.all([d[0].ownedMatrixTriple(owner, 4, 3, 2), d[1].ownedMatrixTriple(owner, 4, 3, 2)]);
      check(t, owner, 4, 3, 2);
    }
    // Shapes are checked before the session is used.
    await expect(ownedMatrixTripleFromCot({} as CotSession, 0, 0, 1, 1)).rejects.toThrow(/ownedMatrixTriple: m/);
    await expect(ownedMatrixTripleFromCot({} as CotSession, 2 as PartyId, 1, 1, 1)).rejects.toThrow(/owner must be 0 or 1/);
  });
});
