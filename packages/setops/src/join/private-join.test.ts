import type { PartyId } from "@petace/network";
import { SeededRandom } from "@petace/primitives";
import { describe, expect, it } from "vitest";
import { insecureFakeOprf } from "../../test/fake-oprf.js";
import { runPair } from "../../test/pair.js";
import { checkJoin, randomTables, side } from "../../test/tables.js";
import { hashKeys } from "../keys.js";
import { cuckooBins } from "../cuckoo.js";
import { privateJoin, privateJoinWith } from "./private-join.js";

const SEED = Number(process.env.PETACE_TEST_SEED ?? Date.now() % 1e9);
const oprf = insecureFakeOprf();

interface Case {
  nA: number;
  nB: number;
  overlap: number;
  colsA: number;
  colsB: number;
  layout: PartyId;
  numbers?: boolean;
}

const CASES: Case[] = [
  { nA: 300, nB: 200, overlap: 0, colsA: 2, colsB: 3, layout: 0 },
  { nA: 300, nB: 200, overlap: 0.5, colsA: 2, colsB: 3, layout: 0 },
  { nA: 250, nB: 250, overlap: 1, colsA: 1, colsB: 2, layout: 0 },
  { nA: 120, nB: 700, overlap: 0.5, colsA: 3, colsB: 1, layout: 1, numbers: true },
  { nA: 2000, nB: 1500, overlap: 0.5, colsA: 1, colsB: 4, layout: 0 },
  { nA: 1, nB: 1, overlap: 1, colsA: 1, colsB: 1, layout: 0 },
  { nA: 40, nB: 0, overlap: 0, colsA: 1, colsB: 2, layout: 0 },
  { nA: 0, nB: 40, overlap: 0, colsA: 2, colsB: 1, layout: 0 },
  { nA: 64, nB: 64, overlap: 0.5, colsA: 0, colsB: 0, layout: 1 },
];

describe(`privateJoin against a plaintext join (seed ${SEED}; PETACE_TEST_SEED to replay)`, () => {
  it.each(CASES)("$nA × $nB rows, overlap $overlap, $colsA + $colsB columns, layout party $layout", async (c) => {
    const rng = new SeededRandom(SEED + c.nA * 7 + c.nB);
    const tables = randomTables(rng, c.nA, c.nB, c.overlap, c.colsA, c.colsB, c.numbers);
    const runs = await runPair((ctx, p) => privateJoinWith(oprf, ctx, side(tables[p]!), { layoutParty: c.layout }));
    const results = [runs[0].result, runs[1].result] as const;
    expect(results[0].slots).toBe(cuckooBins(tables[c.layout].keys.length));
    expect(checkJoin(results, tables, c.layout), `seed ${SEED}`).toBeNull();
  });

  it.each([0, 1] as const)("runs with the KKRT OPRF and the dealer-free OT correlations, layout party %i", async (layout) => {
    const rng = new SeededRandom(SEED + 1 + layout);
    const tables = randomTables(rng, 200, 300, 0.5, 1, 2, layout === 1);
    const runs = await runPair((ctx, p) => privateJoin(ctx, side(tables[p]!), { layoutParty: layout }), { provider: "ot" });
    expect(checkJoin([runs[0].result, runs[1].result], tables, layout), `seed ${SEED}`).toBeNull();
  });

  it("refuses duplicate keys, naming the rows at their owner and the owner at the peer", async () => {
    // hashKeys refuses duplicates itself: build hashed keys with row 3 a copy of row 1
    const keys = new Uint8Array(64);
    keys.set(hashKeys(["a", "b", "c"]));
    keys.copyWithin(48, 16, 32);
    const cols = [new BigUint64Array(4)];
    const other = { keys: hashKeys(["x", "y"]), columns: [] };
    const runs = await runPair((ctx, p) =>
      privateJoinWith(oprf, ctx, p === 1 ? { keys, columns: cols } : other).then(
        () => "no error",
        (e: Error) => e.message,
      ),
    );
    expect(runs[1].result).toMatch(/party 1's table: rows 1 and 3 have the same key/);
    expect(runs[0].result).toMatch(/party 1 refused its table/);
  });

  it("refuses layout parties that differ between the two calls", async () => {
    const rng = new SeededRandom(SEED + 2);
    const tables = randomTables(rng, 10, 10, 0.5, 1, 1);
    const runs = await runPair((ctx, p) =>
      privateJoinWith(oprf, ctx, side(tables[p]!), { layoutParty: p }).then(
        () => "no error",
        (e: Error) => e.message,
      ),
    );
    expect(runs[0].result).toMatch(/party 0 passed layoutParty 0, party 1 1: both must pass the same/);
    expect(runs[1].result).toMatch(/party 1 passed layoutParty 1, party 0 0: both must pass the same/);
  });

  it("checks its arguments", async () => {
    const bad = runPair((ctx) => privateJoinWith(oprf, ctx, { keys: new Uint8Array(17), columns: [] }));
    await expect(bad).rejects.toThrow(/keys has 17 bytes, not a multiple of 16/);
    const bad2 = runPair((ctx) => privateJoinWith(oprf, ctx, { keys: new Uint8Array(32), columns: [new BigUint64Array(3)] }));
    await expect(bad2).rejects.toThrow(/column 0 has 3 elements, the table has 2 rows/);
  });
});
