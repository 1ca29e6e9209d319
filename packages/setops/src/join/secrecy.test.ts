/**
 * What each party of the private join receives must not depend on which of its keys matched. Runs
 * on tables of the same sizes that differ only in their overlap (0% and 100%; 50% for the outputs), with
 * the same private seeds and the same dealer seed at both parties:
 * - the sequence of messages each party receives (tags, lengths) is the same in every run, and
 *   equal to the one the public sizes give;
 * - every message of at least 64 bytes looks uniform (its fraction of one bits is within 6 standard
 *   deviations of 1/2), in every run, so no message carries structure that differs with the overlap
 *   (a value sent unmasked, or a mask reused across matched slots, would fail here);
 * - each party's output shares, split by whether their slot matched, look uniform in both groups
 *   (a share that is 0 or 1 where a slot matched would fail);
 * - what the layout party decodes from the OKVS (u_j and its payload shares, computed from its view)
 *   looks uniform in matched and unmatched slots alike (a target t_j or a payload mask left out
 *   would fail).
 * The KKRT OPRF runs for real (its base OTs' points are ristretto255 encodings: 255 uniform bits of
 * 256, far inside the bound).
 */
import { SeededRandom } from "@petace/primitives";
import { describe, expect, it } from "vitest";
import { type PartyRun, runPair } from "../../test/pair.js";
import { randomTables, side } from "../../test/tables.js";
import type { PrivateJoinResult } from "../api.js";
import { oprfReceive, oprfSend } from "../oprf.js";
import { privateJoinWith } from "./private-join.js";

const SEED = Number(process.env.PETACE_TEST_SEED ?? Date.now() % 1e9);
const N0 = 600;
const N1 = 500;

function ones(bytes: Uint8Array): number {
  let c = 0;
  for (const b of bytes) {
    let v = b;
    while (v) {
      v &= v - 1;
      c++;
    }
  }
  return c;
}

function looksUniform(bytes: Uint8Array): boolean {
  const bits = 8 * bytes.length;
  return Math.abs(ones(bytes) / bits - 0.5) < 6 * Math.sqrt(0.25 / bits);
}

type Run = PartyRun<{ result: PrivateJoinResult; decoded: BigUint64Array | null }>;

async function run(overlap: number): Promise<[Run, Run]> {
  // Same table sizes and columns in every run; the keys differ only in how many are shared.
  const tables = randomTables(new SeededRandom(SEED), N0, N1, overlap, 2, 2);
  const fixed = new SeededRandom(SEED ^ 0x5eed);
  const privateSeeds = [fixed.prgSeed(), fixed.prgSeed()] as const;
  const kkrt = { receive: oprfReceive, send: oprfSend };
  return runPair(
    async (ctx, p) => {
      let decoded: BigUint64Array | null = null;
      const result = await privateJoinWith(kkrt, ctx, side(tables[p]!), {}, (d) => {
        decoded = d.slice();
      });
      return { result, decoded };
    },
    { privateSeeds, dealerSeed: fixed.prgSeed() },
  );
}

describe(`privateJoin secrecy (seed ${SEED}; PETACE_TEST_SEED to replay)`, () => {
  it("gives each party the same messages, all uniform-looking, whatever the overlap", async () => {
    const runs = await Promise.all([run(0), run(1)]);
    for (const p of [0, 1] as const) {
      const shape = (r: [Run, Run]) => r[p].received.map((m) => `${m.tag}:${m.bytes.length}`);
      expect(shape(runs[1]), `party ${p}, seed ${SEED}`).toEqual(shape(runs[0]));
      for (const [k, r] of runs.entries()) {
        for (const m of r[p].received) {
          if (m.bytes.length < 64) continue;
          expect(looksUniform(m.bytes), `party ${p} run ${k} message ${m.tag} (${m.bytes.length} bytes), seed ${SEED}`).toBe(true);
        }
      }
    }
    // the header carries the public sizes only
    const header = runs[0][1].received.find((m) => m.tag.endsWith("/header"))!;
    expect([...new Uint32Array(header.bytes.slice().buffer)]).toEqual([N0, 2, 1, 0]);
  }, 120_000);

  it("gives each party shares and decoded values that look uniform in matched and unmatched slots alike", async () => {
    const [r0, r1] = await run(0.5);
    const [j0, j1] = [r0.result.result, r1.result.result];
    const slots = j0.slots;
    const matched = new Uint8Array(slots);
    for (let j = 0; j < slots; j++) matched[j] = Number(BigInt.asUintN(64, j0.matched[j]! + j1.matched[j]!));
    expect(matched.reduce((a, b) => a + b, 0)).toBe(N1 / 2);
    // the layout party's decoded u_j and s_{j,c}, one array per element of the OKVS value
    const dec = r0.result.decoded!;
    const w = dec.length / slots;
    const decoded = Array.from({ length: w }, (_, k) => dec.filter((_, i) => i % w === k));
    for (const cols of [
      [j0.matched, ...j0.otherColumns, ...decoded],
      [j1.matched, ...j1.otherColumns],
    ]) {
      for (const col of cols) {
        for (const want of [0, 1]) {
          const group = col.filter((_, j) => matched[j] === want);
          expect(looksUniform(new Uint8Array(group.buffer)), `seed ${SEED}`).toBe(true);
        }
      }
    }
    expect(r1.result.decoded).toBeNull();
  }, 120_000);
});
