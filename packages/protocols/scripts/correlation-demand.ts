/**
 * Measures the correlations each interactive operator draws from its provider per call, for each
 * comparison and truncation method, and prints the per-unit rates that `src/demand.ts` states
 * (RATES). Both parties run in this process over a memory channel with the insecure dealer, wrapped
 * so that every request is counted as the OT provider's pools count it (bit kinds in whole bytes);
 * which correlations a kernel asks for does not depend on the values. Checks that the counts are
 * linear in the operator's units (elements; compare-and-swaps for sorts and tournaments; products
 * for row products) at two sizes. Run after changing a kernel:
 *   pnpm exec tsx --conditions=source packages/protocols/scripts/correlation-demand.ts
 */
import { Prg } from "@petace/primitives";
import type { ComparisonMethod, TruncationMethod } from "../src/context.js";
import { DEMAND_KINDS, demandUnits, type DemandKind } from "../src/demand.js";
import type { OperatorId } from "../src/operators.js";
import type { Bits, Value } from "../src/values.js";
import { countingDealer, runPair } from "../test/pair.js";

type Shape = { inputs: ("arith" | "bool")[]; params: (size: number) => unknown; n: (size: number) => number };
const unary: Shape = { inputs: ["arith"], params: () => undefined, n: (s) => s };
const binary: Shape = { inputs: ["arith", "arith"], params: () => undefined, n: (s) => s };
/** Rows of 16: `out` output elements per row. */
const rows = (out: number, extra: object = {}): Shape => ({
  inputs: ["arith"],
  params: (s) => ({ rows: s / 16, cols: 16, ...extra }),
  n: (s) => (s / 16) * out,
});

const OPS: Partial<Record<OperatorId, Shape>> = {
  mul_ap: { inputs: ["arith"], params: () => ({ p: 3n << 16n }), n: (s) => s },
  mul_aa: binary,
  mulInt_aa: binary,
  square_a: unary,
  squareInt_a: unary,
  trunc_a: { inputs: ["arith"], params: () => ({ bits: 16 }), n: (s) => s },
  and_bb: { inputs: ["bool", "bool"], params: () => undefined, n: (s) => s },
  or_bb: { inputs: ["bool", "bool"], params: () => undefined, n: (s) => s },
  bit2a_b: { inputs: ["bool"], params: () => undefined, n: (s) => s },
  mul_ba: { inputs: ["bool", "arith"], params: () => undefined, n: (s) => s },
  select_baa: { inputs: ["bool", "arith", "arith"], params: () => undefined, n: (s) => s },
  msb_a: unary,
  eq_aa: binary,
  eq_ap: { inputs: ["arith"], params: () => ({ p: 5n }), n: (s) => s },
  reciprocal_a: unary,
  div_aa: binary,
  sqrt_a: unary,
  rsqrt_a: unary,
  exp_a: unary,
  log_a: unary,
  sigmoid_a: unary,
  tanh_a: unary,
  abs_a: unary,
  maximum_aa: binary,
  minimum_aa: binary,
  pow_a: { inputs: ["arith"], params: () => ({ k: 5 }), n: (s) => s },
  prod_a: rows(1),
  prodInt_a: rows(1),
  sort_a: rows(16, { descending: false }),
  argsort_a: rows(32, { descending: false }),
  max_a: rows(1),
  min_a: rows(1),
  argmax_a: rows(1),
  argmin_a: rows(1),
};

const SIZES = [1024, 4096];

async function measure(id: OperatorId, shape: Shape, size: number, comparison: ComparisonMethod, truncation: TruncationMethod) {
  const got = Object.fromEntries(DEMAND_KINDS.map((k) => [k, 0])) as Record<DemandKind, number>;
  const prg = new Prg(new Uint8Array(16));
  await runPair(
    async (k) => {
      const xs: Value[] = [];
      for (const kind of shape.inputs) {
        if (kind === "arith") xs.push(await k.input(0, k.party === 0 ? prg.ring(size).map((v) => (v >> 44n) + (1n << 16n)) : null, size));
        else xs.push(await k.inputBits(0, k.party === 0 ? (new Uint32Array(size / 32).fill(0x5a5a5a5a) as Bits) : null, size));
      }
      return k.run(id, xs, shape.params(size), shape.n(size));
    },
    { fracBits: 16, provider: countingDealer(got), comparison, truncation },
  );
  return got;
}

for (const truncation of ["exact", "stochastic"] as const) {
  for (const comparison of ["millionaire", "carry-tree"] as const) {
    const lines: string[] = [];
    for (const [id, shape] of Object.entries(OPS) as [OperatorId, Shape][]) {
      const rates: Partial<Record<DemandKind, number>>[] = [];
      for (const size of SIZES) {
        const got = await measure(id, shape, size, comparison, truncation);
        const units = demandUnits(id, shape.n(size), shape.params(size));
        if (units === undefined) throw new Error(`${id}: demandUnits knows no units`);
        const r: Partial<Record<DemandKind, number>> = {};
        for (const kind of DEMAND_KINDS) if (got[kind] > 0) r[kind] = got[kind] / units;
        rates.push(r);
      }
      const [a, b] = rates as [Partial<Record<DemandKind, number>>, Partial<Record<DemandKind, number>>];
      for (const kind of DEMAND_KINDS)
        if ((a[kind] ?? 0) !== (b[kind] ?? 0))
          throw new Error(`${id} (${comparison}, ${truncation}): ${kind} not linear: ${a[kind]} vs ${b[kind]} per unit`);
      const body = DEMAND_KINDS.filter((k) => a[k])
        .map((k) => `${k}: ${a[k]}`)
        .join(", ");
      lines.push(`    ${id}: { ${body} },`);
    }
    console.log(`  // truncation ${truncation}, comparison ${comparison}\n${lines.join("\n")}`);
  }
}
