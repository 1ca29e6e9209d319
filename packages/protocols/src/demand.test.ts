/**
 * The demand the table states (demand.ts) against what the kernels draw from a counting provider:
 * never less for any kind (a prefetch that falls short leaves a refill in the online phase), and
 * no more than the per-call slack above it (a prefetch that overshoots makes correlations early
 * that the program may never use). At sizes that are not multiples of the bit packing, where the
 * kernels' requests round up to whole bytes.
 */
import { Prg, SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { describe, expect, it } from "vitest";
import type { ComparisonMethod, CostEnv, TruncationMethod } from "./context.js";
import { correlationDemand, DEMAND_KINDS } from "./demand.js";
import type { OperatorId } from "./operators.js";
import type { Bits, Value } from "./values.js";
import { countingDealer, runPair, type DemandCounts } from "../test/pair.js";

const seed = testSeed();
const prg = new Prg(new SeededRandom(seed).prgSeed());

interface Case {
  id: OperatorId;
  inputs: ("arith" | "bool")[];
  params?: unknown;
  /** Output elements for `size` input elements (default: the same). */
  out?: (size: number) => number;
}

/**
 * What a stated demand may exceed the drawn one by: the per-call slack, and the padding of every
 * step to whole words (the rates are per padded unit; kinds a step draws per element overshoot by
 * up to 31 units per step, 2.4% at 1000 elements).
 */
const SLACK_ALLOWED = 4096;
const OVER_ALLOWED = 0.04;

const CASES: Case[] = [
  { id: "mul_aa", inputs: ["arith", "arith"] },
  { id: "trunc_a", inputs: ["arith"], params: { bits: 16 } },
  { id: "and_bb", inputs: ["bool", "bool"] },
  { id: "select_baa", inputs: ["bool", "arith", "arith"] },
  { id: "msb_a", inputs: ["arith"] },
  { id: "eq_ap", inputs: ["arith"], params: { p: 3n } },
  { id: "exp_a", inputs: ["arith"] },
  { id: "sigmoid_a", inputs: ["arith"] },
  { id: "div_aa", inputs: ["arith", "arith"] },
  { id: "sort_a", inputs: ["arith"], params: { rows: 3, cols: 11, descending: false }, out: (s) => s },
  { id: "argmax_a", inputs: ["arith"], params: { rows: 3, cols: 11 }, out: (s) => s / 11 },
];

async function counted(c: Case, size: number, comparison: ComparisonMethod, truncation: TruncationMethod): Promise<DemandCounts> {
  const got: DemandCounts = { arith: 0, bool: 0, daBits: 0, randomOts: 0, squares: 0 };
  const data = prg.ring(size).map((v) => (v >> 44n) + (1n << 16n));
  await runPair(
    async (k) => {
      const xs: Value[] = [];
      for (const kind of c.inputs) {
        if (kind === "arith") xs.push(await k.input(0, k.party === 0 ? data : null, size));
        else xs.push(await k.inputBits(0, k.party === 0 ? (new Uint32Array(Math.ceil(size / 32)).fill(0x5a5a5a5a) as Bits) : null, size));
      }
      return k.run(c.id, xs, c.params, (c.out ?? ((s) => s))(size));
    },
    { fracBits: 16, provider: countingDealer(got), comparison, truncation },
  );
  return got;
}

describe("correlation demand stated per operator", () => {
  for (const truncation of ["exact", "stochastic"] as const)
    for (const comparison of ["millionaire", "carry-tree"] as const)
      it(`covers what the kernels draw (${truncation} truncation, ${comparison}; seed ${seed})`, { timeout: 60_000 }, async () => {
        const env: CostEnv = { fracBits: 16, comparison, randomOts: true, squarePairs: true, truncation };
        const wrong: string[] = [];
        for (const c of CASES) {
          const size = c.id === "sort_a" || c.id === "argmax_a" ? 33 : 1000;
          const got = await counted(c, size, comparison, truncation);
          const n = (c.out ?? ((s) => s))(size);
          const stated = correlationDemand(c.id, n, c.params, env);
          if (stated === undefined) {
            wrong.push(`${c.id}: no demand stated`);
            continue;
          }
          for (const kind of DEMAND_KINDS) {
            const s = stated[kind] ?? 0;
            // Never short; above by at most the slack (bit kinds' byte rounding, packed words).
            const ok = got[kind] === 0 ? s === 0 : s >= got[kind] && s - got[kind] <= SLACK_ALLOWED + OVER_ALLOWED * got[kind];
            if (!ok) wrong.push(`${c.id} ${kind}: stated ${s}, drawn ${got[kind]}`);
          }
        }
        expect(wrong).toEqual([]);
      });

  it("is unknown where the rates were not measured, so the provider refills on demand", () => {
    const env: CostEnv = { fracBits: 16, comparison: "millionaire", randomOts: true, squarePairs: true, truncation: "exact" };
    expect(correlationDemand("mul_aa", 10, undefined, { ...env, fracBits: 20 })).toBeUndefined();
    expect(correlationDemand("mul_aa", 10, undefined, { ...env, squarePairs: false })).toBeUndefined();
    expect(correlationDemand("trunc_a", 10, { bits: 8 }, env)).toBeUndefined();
    expect(correlationDemand("matmul_aa", 10, { m: 2, k: 5, n: 5 }, env)).toBeUndefined();
    expect(correlationDemand("add_aa", 10, undefined, env)).toBeUndefined();
  });
});
