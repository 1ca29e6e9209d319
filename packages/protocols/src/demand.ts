/**
 * The correlations one call of an operator draws from its provider, stated once per operator, so
 * the VM can ask for a whole batch's correlations in one prefetch before the batch's online rounds
 * (with the in-thread OT provider a refill in the middle of a kernel is a chain of round trips on
 * the same channel, between two online rounds).
 *
 * Rates per unit (an element; a compare-and-swap of a sort or tournament; a product of a row
 * product), measured by `scripts/correlation-demand.ts` for every comparison and truncation method
 * with a provider that has square pairs, daBits and random OTs, at the default 16 fractional bits.
 * Where a call falls outside that (another scale, a truncation by other than the fraction bits, a
 * provider without those members, an operator not in the table), `correlationDemand` says
 * `undefined` and the kernel's provider refills on demand, as before: a prefetch is only ever an
 * advance of what the kernel would ask for anyway, never a change to what it computes.
 *
 * Everything here depends on public values only (operator, sizes, parameters, methods), so both
 * parties, running the same program, compute the same demand and make the same refills (SPMD).
 */
import type { CostEnv } from "./context.js";
import type { OperatorId } from "./operators.js";

export const DEMAND_KINDS = ["arith", "bool", "daBits", "randomOts", "squares"] as const;
export type DemandKind = (typeof DEMAND_KINDS)[number];
/** Items per kind, as the provider's `reserve` takes them. */
export type Demand = Partial<Record<DemandKind, number>>;

/** Boolean steps work on packed 32-bit words: a step on m elements draws bit correlations for a whole number of words. */
const padded = (m: number): number => Math.ceil(m / 32) * 32;

/** Compare-and-swaps of a bitonic network on rows padded to a power of two, each layer padded to whole words. */
function bitonic(rows: number, cols: number): number {
  let N = 1;
  while (N < cols) N <<= 1;
  let layers = 0;
  for (let k = 2; k <= N; k <<= 1) for (let j = k >>> 1; j > 0; j >>>= 1) layers++;
  return layers * padded(rows * (N >>> 1));
}

/** Pairs over the levels of a tree that halves each row (tournaments, row products), each level padded to whole words. */
function tree(rows: number, cols: number): number {
  let pairs = 0;
  for (let width = cols; width > 1; width = (width + 1) >>> 1) pairs += padded(rows * (width >>> 1));
  return pairs;
}

/**
 * Units of one call of `id` with n output elements (see the file comment), rounded up to whole
 * words as the kernels' boolean steps round them; undefined for operators without rates.
 */
export function demandUnits(id: string, n: number, params: unknown): number | undefined {
  const p = params as { rows: number; cols: number };
  switch (id) {
    case "sort_a":
    case "argsort_a":
      return bitonic(p.rows, p.cols);
    case "max_a":
    case "min_a":
    case "argmax_a":
    case "argmin_a":
    case "prod_a":
    case "prodInt_a":
      return tree(p.rows, p.cols);
    default:
      return padded(n);
  }
}

type Rates = Partial<Record<OperatorId, Demand>>;

const RATES: Record<CostEnv["truncation"], Record<CostEnv["comparison"], Rates>> = {
  exact: {
    millionaire: {
      mul_ap: { bool: 4, daBits: 2, randomOts: 8 },
      mul_aa: { arith: 1, bool: 4, daBits: 2, randomOts: 8 },
      mulInt_aa: { arith: 1 },
      square_a: { bool: 4, daBits: 2, randomOts: 8, squares: 1 },
      squareInt_a: { squares: 1 },
      trunc_a: { bool: 4, daBits: 2, randomOts: 8 },
      and_bb: { bool: 1 },
      or_bb: { bool: 1 },
      bit2a_b: { daBits: 1 },
      mul_ba: { randomOts: 1 },
      select_baa: { randomOts: 1 },
      msb_a: { bool: 26, randomOts: 32 },
      eq_aa: { bool: 63 },
      eq_ap: { bool: 63 },
      reciprocal_a: { arith: 6, bool: 1454, daBits: 111, randomOts: 114, squares: 2 },
      div_aa: { arith: 8, bool: 1471, daBits: 115, randomOts: 140, squares: 2 },
      sqrt_a: { arith: 7, bool: 2415, daBits: 117, randomOts: 130, squares: 3 },
      rsqrt_a: { arith: 6, bool: 2411, daBits: 115, randomOts: 122, squares: 3 },
      exp_a: { arith: 6, bool: 238, daBits: 39, randomOts: 198, squares: 2 },
      log_a: { arith: 5, bool: 2401, daBits: 113, randomOts: 106, squares: 3 },
      sigmoid_a: { arith: 22, bool: 313, daBits: 54, randomOts: 330, squares: 3 },
      tanh_a: { arith: 22, bool: 313, daBits: 54, randomOts: 330, squares: 3 },
      abs_a: { bool: 26, randomOts: 33 },
      maximum_aa: { bool: 26, randomOts: 33 },
      minimum_aa: { bool: 26, randomOts: 33 },
      pow_a: { arith: 1, bool: 12, daBits: 6, randomOts: 24, squares: 2 },
      prod_a: { arith: 1, bool: 4, daBits: 2, randomOts: 8 },
      prodInt_a: { arith: 1 },
      sort_a: { bool: 26, randomOts: 33 },
      argsort_a: { bool: 26, randomOts: 33 },
      max_a: { bool: 26, randomOts: 33 },
      min_a: { bool: 26, randomOts: 33 },
      argmax_a: { bool: 26, randomOts: 33 },
      argmin_a: { bool: 26, randomOts: 33 },
    },
    "carry-tree": {
      mul_ap: { bool: 42, daBits: 2 },
      mul_aa: { arith: 1, bool: 42, daBits: 2 },
      mulInt_aa: { arith: 1 },
      square_a: { bool: 42, daBits: 2, squares: 1 },
      squareInt_a: { squares: 1 },
      trunc_a: { bool: 42, daBits: 2 },
      and_bb: { bool: 1 },
      or_bb: { bool: 1 },
      bit2a_b: { daBits: 1 },
      mul_ba: { randomOts: 1 },
      select_baa: { randomOts: 1 },
      msb_a: { bool: 181 },
      eq_aa: { bool: 63 },
      eq_ap: { bool: 63 },
      reciprocal_a: { arith: 6, bool: 1971, daBits: 111, squares: 2 },
      div_aa: { arith: 8, bool: 2096, daBits: 115, squares: 2 },
      sqrt_a: { arith: 7, bool: 3027, daBits: 117, squares: 3 },
      rsqrt_a: { arith: 6, bool: 2988, daBits: 115, squares: 3 },
      exp_a: { arith: 6, bool: 1188, daBits: 39, squares: 2 },
      log_a: { arith: 5, bool: 2912, daBits: 113, squares: 3 },
      sigmoid_a: { arith: 22, bool: 1874, daBits: 54, squares: 3 },
      tanh_a: { arith: 22, bool: 1874, daBits: 54, squares: 3 },
      abs_a: { bool: 181, randomOts: 1 },
      maximum_aa: { bool: 181, randomOts: 1 },
      minimum_aa: { bool: 181, randomOts: 1 },
      pow_a: { arith: 1, bool: 126, daBits: 6, squares: 2 },
      prod_a: { arith: 1, bool: 42, daBits: 2 },
      prodInt_a: { arith: 1 },
      sort_a: { bool: 181, randomOts: 1 },
      argsort_a: { bool: 181, randomOts: 1 },
      max_a: { bool: 181, randomOts: 1 },
      min_a: { bool: 181, randomOts: 1 },
      argmax_a: { bool: 181, randomOts: 1 },
      argmin_a: { bool: 181, randomOts: 1 },
    },
  },
  stochastic: {
    millionaire: {
      mul_ap: { daBits: 1 },
      mul_aa: { arith: 1, daBits: 1 },
      mulInt_aa: { arith: 1 },
      square_a: { daBits: 1, squares: 1 },
      squareInt_a: { squares: 1 },
      trunc_a: { daBits: 1 },
      and_bb: { bool: 1 },
      or_bb: { bool: 1 },
      bit2a_b: { daBits: 1 },
      mul_ba: { randomOts: 1 },
      select_baa: { randomOts: 1 },
      msb_a: { bool: 26, randomOts: 32 },
      eq_aa: { bool: 63 },
      eq_ap: { bool: 63 },
      reciprocal_a: { arith: 6, bool: 1152, daBits: 73, squares: 2 },
      div_aa: { arith: 8, bool: 1152, daBits: 75, squares: 2 },
      sqrt_a: { arith: 7, bool: 1152, daBits: 76, squares: 3 },
      rsqrt_a: { arith: 6, bool: 1152, daBits: 75, squares: 3 },
      exp_a: { arith: 6, bool: 125, daBits: 29, randomOts: 32, squares: 2 },
      log_a: { arith: 5, bool: 1152, daBits: 74, squares: 3 },
      sigmoid_a: { arith: 22, bool: 161, daBits: 38, randomOts: 96, squares: 3 },
      tanh_a: { arith: 22, bool: 161, daBits: 38, randomOts: 96, squares: 3 },
      abs_a: { bool: 26, randomOts: 33 },
      maximum_aa: { bool: 26, randomOts: 33 },
      minimum_aa: { bool: 26, randomOts: 33 },
      pow_a: { arith: 1, daBits: 3, squares: 2 },
      prod_a: { arith: 1, daBits: 1 },
      prodInt_a: { arith: 1 },
      sort_a: { bool: 26, randomOts: 33 },
      argsort_a: { bool: 26, randomOts: 33 },
      max_a: { bool: 26, randomOts: 33 },
      min_a: { bool: 26, randomOts: 33 },
      argmax_a: { bool: 26, randomOts: 33 },
      argmin_a: { bool: 26, randomOts: 33 },
    },
    "carry-tree": {
      mul_ap: { daBits: 1 },
      mul_aa: { arith: 1, daBits: 1 },
      mulInt_aa: { arith: 1 },
      square_a: { daBits: 1, squares: 1 },
      squareInt_a: { squares: 1 },
      trunc_a: { daBits: 1 },
      and_bb: { bool: 1 },
      or_bb: { bool: 1 },
      bit2a_b: { daBits: 1 },
      mul_ba: { randomOts: 1 },
      select_baa: { randomOts: 1 },
      msb_a: { bool: 181 },
      eq_aa: { bool: 63 },
      eq_ap: { bool: 63 },
      reciprocal_a: { arith: 6, bool: 1152, daBits: 73, squares: 2 },
      div_aa: { arith: 8, bool: 1152, daBits: 75, squares: 2 },
      sqrt_a: { arith: 7, bool: 1152, daBits: 76, squares: 3 },
      rsqrt_a: { arith: 6, bool: 1152, daBits: 75, squares: 3 },
      exp_a: { arith: 6, bool: 280, daBits: 29, squares: 2 },
      log_a: { arith: 5, bool: 1152, daBits: 74, squares: 3 },
      sigmoid_a: { arith: 22, bool: 626, daBits: 38, squares: 3 },
      tanh_a: { arith: 22, bool: 626, daBits: 38, squares: 3 },
      abs_a: { bool: 181, randomOts: 1 },
      maximum_aa: { bool: 181, randomOts: 1 },
      minimum_aa: { bool: 181, randomOts: 1 },
      pow_a: { arith: 1, daBits: 3, squares: 2 },
      prod_a: { arith: 1, daBits: 1 },
      prodInt_a: { arith: 1 },
      sort_a: { bool: 181, randomOts: 1 },
      argsort_a: { bool: 181, randomOts: 1 },
      max_a: { bool: 181, randomOts: 1 },
      min_a: { bool: 181, randomOts: 1 },
      argmax_a: { bool: 181, randomOts: 1 },
      argmin_a: { bool: 181, randomOts: 1 },
    },
  },
};

/** The fraction bits the rates were measured at. */
const RATES_FRAC_BITS = 16;
/**
 * Slack per kind and call: a kernel's requests of bit kinds are taken in whole bytes, which the
 * per-unit rates (taken at multiples of 1024 units) do not show.
 */
const SLACK = 256;

/**
 * What one call of operator `id` on n output elements draws from the provider, or undefined when
 * unknown (the provider then refills on demand).
 */
export function correlationDemand(id: string, n: number, params: unknown, env: CostEnv): Demand | undefined {
  if (!env.randomOts || !env.squarePairs || env.fracBits !== RATES_FRAC_BITS) return undefined;
  if (id === "trunc_a" && (params as { bits: number }).bits !== RATES_FRAC_BITS) return undefined;
  if (id === "pow_a" && (params as { k: number }).k !== 5) return undefined;
  const rates = RATES[env.truncation][env.comparison][id as OperatorId];
  if (rates === undefined) return undefined;
  const units = demandUnits(id, n, params);
  if (units === undefined || units === 0) return {};
  const out: Demand = {};
  for (const kind of DEMAND_KINDS) {
    const r = rates[kind];
    if (r) out[kind] = Math.ceil(r * units) + SLACK;
  }
  return out;
}
