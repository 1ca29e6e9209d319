/**
 * Online costs of the share protocols, per call, as the operator table declares them: rounds and
 * bytes each party sends (correlations excluded). Composite operators add up the costs of the
 * protocols they run one after another, in the order their kernel runs them, so a change of
 * protocol that changes the messages fails the compliance suite until its cost is restated here.
 * W = ceil(n/32): boolean shares travel as packed 32-bit words.
 */
import type { PartyId } from "@petace/network";
import { each, FREE, repeat, seq, type Cost, type CostEnv } from "./operator.js";
import { sincosShift } from "./kernels/sincos.js";
import { wordCount } from "./values.js";

/** One message of `bytes` from the party that is not `to`; no round on either side. */
export function oneWay(to: PartyId, bytes: number): Cost {
  return { rounds: 0, bytes: to === 0 ? [0, bytes] : [bytes, 0] };
}

/**
 * The carry out of the low `bits` bits of the shares' sum (kernels/carry.ts). Millionaires'
 * protocol: L = ⌈bits/4⌉ leaves, half the elements with each party as sender (its L table words),
 * the other half as receiver (its L 4-bit choices, packed), then the carry tree over the L leaves.
 * Carry tree: one generate AND of `bits` planes, then the tree over them.
 */
export function carry(n: number, bits: number, env: CostEnv): Cost {
  const W = wordCount(n);
  if (env.comparison === "carry-tree") return seq(each(1, 8 * bits * W), carryTree(bits, W));
  const L = Math.ceil(bits / 4);
  const s0 = Math.ceil(n / 2),
    s1 = n - s0;
  // party 0 sends the leaf tables of its s0 elements and the packed leaf choices of the other s1.
  const leaves = (sent: number, received: number): number => 4 * L * sent + 4 * Math.ceil((L * received) / 8);
  return seq({ rounds: 2, bytes: [leaves(s0, s1), leaves(s1, s0)] }, carryTree(L, W));
}

/** planes.ts's carry tree over `count` groups: per level, pairs + (pairs − 1) ANDs of W words. */
function carryTree(count: number, W: number): Cost {
  let c = FREE;
  for (let g = count; g > 1; g = (g >>> 1) + (g & 1)) c = seq(c, each(1, 8 * W * (2 * (g >>> 1) - 1)));
  return c;
}

/**
 * Truncation by s bits (kernels/truncate.ts). Exact: the carry of the low s bits, then the wrap
 * bit's and the carry's daBit openings in one message. Stochastic: the wrap bit's opening alone.
 */
export function trunc(n: number, s: number, env: CostEnv): Cost {
  const W = wordCount(n);
  return env.truncation === "stochastic" ? each(1, 4 * W) : seq(carry(n, s, env), each(1, 8 * W));
}
/** Beaver product: d and e opened. */
export const mulInt = (n: number): Cost => each(1, 16 * n);
/** Fixed-point product: Beaver, then truncation by the fraction bits. */
export const mul = (n: number, env: CostEnv): Cost => seq(mulInt(n), trunc(n, env.fracBits, env));
/**
 * Products and squares in one round (kernels/square.ts): d and e opened per product, one element per
 * square with a square pair, two (a Beaver product x·x) without.
 */
export const mulSquareInt = (products: number, squares: number, env: CostEnv): Cost =>
  each(1, 16 * products + (env.squarePairs ? 8 : 16) * squares);
/** Square: one opening per element with square pairs. */
export const squareInt = (n: number, env: CostEnv): Cost => mulSquareInt(0, n, env);
/** Fixed-point square: square, then truncation by the fraction bits. */
export const square = (n: number, env: CostEnv): Cost => seq(squareInt(n, env), trunc(n, env.fracBits, env));
/**
 * Matrix Beaver product: D (m×k) and E (k×n) opened. A later product with the same left operand
 * opens E only (kernels/matrix-mask.ts): this is the first product's cost.
 */
export const matmulInt = (m: number, k: number, n: number): Cost => each(1, 8 * (m * k + k * n));
/**
 * Product with a left operand one party holds (kernels/owned-product.ts): D = P − R (m×k) from the
 * owner, E = Y − S (k×n) from the other party, in one round.
 */
export const ownedMatmulInt = (m: number, k: number, n: number, owner: PartyId): Cost => ({
  rounds: 1,
  bytes: owner === 0 ? [8 * m * k, 8 * k * n] : [8 * k * n, 8 * m * k],
});
/** AND of packed words: d and e opened. */
export const and = (n: number): Cost => each(1, 8 * wordCount(n));
/** sin/cos (kernels/sincos.ts): one Beaver round of 2n elements, then a truncation by 2k − f bits. */
export const sincos = (n: number, env: CostEnv): Cost => seq(mulInt(2 * n), trunc(n, sincosShift(env.fracBits), env));
/** Bit to arithmetic with a daBit: one opened bit per element. */
export const bit2a = (n: number): Cost => each(1, 4 * wordCount(n));

/**
 * Bit injection of `payloads` arithmetic vectors (at most two) by one bit vector: the OT
 * multiplexer (choice bits, then two masked messages per payload) or B2A then Beaver; both cost the
 * same on the wire.
 */
export const bitMul = (n: number, payloads: number): Cost => each(2, 4 * wordCount(n) + 16 * payloads * n);

/**
 * MSB: the carry into bit 63 (millionaires' protocol: 16 leaves, a 26-AND tree, 6 rounds; carry
 * tree: 63 generate planes and 118 tree planes, 7 rounds).
 */
export const msb = (n: number, env: CostEnv): Cost => carry(n, 63, env);

/** Equality with zero: an AND tree over 64 bit planes. */
export const eqz = (n: number): Cost => each(6, 63 * 8 * wordCount(n));

/** A row-product tree: one batched product per level. */
export function prod(rows: number, cols: number, fixed: boolean, env: CostEnv): Cost {
  let c = FREE;
  for (let width = cols; width > 1; width = (width + 1) >>> 1) {
    const pairs = rows * (width >>> 1);
    c = seq(c, fixed ? mul(pairs, env) : mulInt(pairs));
  }
  return c;
}

/** Bitonic sort of rows padded to a power of two: each layer one msb and one bit injection. */
export function sort(rows: number, cols: number, payloads: number, env: CostEnv): Cost {
  let N = 1;
  while (N < cols) N <<= 1;
  const m = rows * (N >>> 1);
  let layers = 0;
  for (let k = 2; k <= N; k <<= 1) for (let j = k >>> 1; j > 0; j >>>= 1) layers++;
  return repeat(seq(msb(m, env), bitMul(m, payloads)), layers);
}

/** A tournament over each row: each level one msb and one bit injection. */
export function tournament(rows: number, cols: number, payloads: number, env: CostEnv): Cost {
  let c = FREE;
  for (let width = cols; width > 1; width = (width + 1) >>> 1) {
    const m = rows * (width >>> 1);
    c = seq(c, msb(m, env), bitMul(m, payloads));
  }
  return c;
}

/**
 * The nonlinear functions: rounds, and bytes per element each party sends, for each truncation and
 * comparison method. Their kernels chain normalisation, A2B, polynomial evaluation and truncations,
 * all element-wise, so the bytes grow linearly in n; the figures are exact for n a multiple of 32
 * (the inner steps pack bits of different multiples of n into words, which rounds other n up by a
 * few words) and are the sums over the chain, measured with square pairs by
 * `scripts/nonlinear-costs.ts` and stated here. Without square pairs each of the chain's squares
 * costs a Beaver product, 8 bytes more per element (the same rounds).
 */
interface Linear {
  readonly rounds: number;
  readonly perElement: number;
  /** Squares per element in the chain: floor(log2 d) in a degree-d polynomial's powers, 2 in Goldschmidt. */
  readonly squares: number;
}

const linear = (c: Linear, n: number, env: CostEnv): Cost =>
  each(c.rounds, Math.ceil(c.perElement * n) + (env.squarePairs ? 0 : 8 * c.squares * n));

type Nonlinear = "reciprocal" | "div" | "sqrt" | "rsqrt" | "exp" | "log" | "sigmoid";
type Table = Record<Nonlinear, Linear>;

const EXACT: Record<CostEnv["comparison"], Table> = {
  millionaire: {
    reciprocal: { rounds: 51, perElement: 617.625, squares: 2 },
    div: { rounds: 56, perElement: 683.625, squares: 2 },
    sqrt: { rounds: 57, perElement: 900.625, squares: 3 },
    rsqrt: { rounds: 51, perElement: 874.375, squares: 3 },
    exp: { rounds: 42, perElement: 399.125, squares: 2 },
    log: { rounds: 43, perElement: 837.625, squares: 3 },
    sigmoid: { rounds: 63, perElement: 832.25, squares: 3 },
  },
  "carry-tree": {
    reciprocal: { rounds: 56, perElement: 618.625, squares: 2 },
    div: { rounds: 62, perElement: 682.375, squares: 2 },
    sqrt: { rounds: 63, perElement: 907.375, squares: 3 },
    rsqrt: { rounds: 56, perElement: 881.375, squares: 3 },
    exp: { rounds: 48, perElement: 413.875, squares: 2 },
    log: { rounds: 47, perElement: 846.125, squares: 3 },
    sigmoid: { rounds: 72, perElement: 851.25, squares: 3 },
  },
};

const STOCHASTIC_SHARED = {
  reciprocal: { rounds: 26, perElement: 409.125, squares: 2 },
  div: { rounds: 27, perElement: 441.375, squares: 2 },
  sqrt: { rounds: 27, perElement: 433.5, squares: 3 },
  rsqrt: { rounds: 25, perElement: 417.375, squares: 3 },
  log: { rounds: 23, perElement: 401.25, squares: 3 },
} as const;

const STOCHASTIC: Record<CostEnv["comparison"], Table> = {
  millionaire: {
    ...STOCHASTIC_SHARED,
    exp: { rounds: 23, perElement: 182.875, squares: 2 },
    sigmoid: { rounds: 30, perElement: 529, squares: 3 },
  },
  "carry-tree": {
    ...STOCHASTIC_SHARED,
    exp: { rounds: 24, perElement: 185.625, squares: 2 },
    sigmoid: { rounds: 31, perElement: 537.25, squares: 3 },
  },
};

const NONLINEAR: Record<CostEnv["truncation"], Record<CostEnv["comparison"], Table>> = { exact: EXACT, stochastic: STOCHASTIC };
const nonlinear = (env: CostEnv): Table => NONLINEAR[env.truncation][env.comparison];

export const reciprocal = (n: number, env: CostEnv): Cost => linear(nonlinear(env).reciprocal, n, env);
export const div = (n: number, env: CostEnv): Cost => linear(nonlinear(env).div, n, env);
export const sqrt = (n: number, env: CostEnv): Cost => linear(nonlinear(env).sqrt, n, env);
export const rsqrt = (n: number, env: CostEnv): Cost => linear(nonlinear(env).rsqrt, n, env);
export const exp = (n: number, env: CostEnv): Cost => linear(nonlinear(env).exp, n, env);
export const log = (n: number, env: CostEnv): Cost => linear(nonlinear(env).log, n, env);
export const sigmoid = (n: number, env: CostEnv): Cost => linear(nonlinear(env).sigmoid, n, env);

/** Square-and-multiply: one batched round (a square, and the running product) per exponent bit below the top one; a reciprocal for k < 0. */
export function pow(n: number, k: number, env: CostEnv): Cost {
  if (k === 0) return FREE;
  if (k < 0) return seq(pow(n, -k, env), reciprocal(n, env));
  let c = FREE;
  let acc = false;
  let e = k;
  for (;;) {
    const bit = e & 1;
    e = Math.floor(e / 2);
    if (e === 0) return bit && acc ? seq(c, mul(n, env)) : c;
    if (bit && acc) c = seq(c, mulSquareInt(n, n, env), trunc(2 * n, env.fracBits, env));
    else {
      if (bit) acc = true;
      c = seq(c, square(n, env));
    }
  }
}
