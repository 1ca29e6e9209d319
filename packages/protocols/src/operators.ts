/**
 * The operator table: every operator the VM can run, stated once, with its share kinds, output
 * rule, merge rule, online cost (per call of n output elements, correlations excluded) and the
 * function that runs it on shares. The plaintext reference backend implements the same ids
 * (`ref/operators.ts`); the compliance suite checks every entry against it and checks the declared
 * cost against the channel's counters.
 *
 * Ids: `a` arithmetic shares, `b` boolean shares, `p` a public operand (see operator.ts). Where an
 * operator is fixed point its integer twin says so (`mul_aa` truncates, `mulInt_aa` does not).
 * Each kernel's file is named for its operator and documents its protocol, paper and range.
 */
import type { PartyId } from "@petace/network";
import { abs } from "./kernels/abs.js";
import { tournament } from "./kernels/argmax.js";
import * as arith from "./kernels/arith.js";
import { bitToArith } from "./kernels/bit2a.js";
import * as bool from "./kernels/boolean.js";
import { div } from "./kernels/div.js";
import { eq, eqPublic } from "./kernels/equal.js";
import { exp } from "./kernels/exp.js";
import * as io from "./kernels/io.js";
import { log } from "./kernels/log.js";
import { matmulFixed, matmulRaw } from "./kernels/matmul.js";
import { ownedMatmulFixed } from "./kernels/owned-product.js";
import { maximum, minimum } from "./kernels/maximum.js";
import { msb } from "./kernels/msb.js";
import { mulFixed, mulRaw } from "./kernels/mul.js";
import { pow } from "./kernels/pow.js";
import { prodRows } from "./kernels/prod.js";
import { reciprocal } from "./kernels/reciprocal.js";
import { addRandom } from "./kernels/add-random.js";
import { bitMul, select } from "./kernels/select.js";
import { sigmoid } from "./kernels/sigmoid.js";
import { sincos } from "./kernels/sincos.js";
import { squareFixed, squareRaw } from "./kernels/square.js";
import { argsort, sort } from "./kernels/sort.js";
import { rsqrt, sqrt } from "./kernels/sqrt.js";
import { tanh } from "./kernels/tanh.js";
import { truncate } from "./kernels/truncate.js";
import {
  checkPublic,
  checkPublicBits,
  checkRows,
  each,
  elementwise,
  FREE,
  mergePublic,
  rowSlicing,
  seq,
  slicePublic,
  slicePublicBits,
  stackRows,
  type Cost,
  type CostEnv,
  type Operator,
  type PublicBitsParam,
  type PublicParam,
  type RowsParams,
  type Slicing,
} from "./operator.js";
import * as cost from "./costs.js";
import { concatValues, gatherValue, scatterBits, scatterRing, wordCount, type Bits, type Kind, type Ring } from "./values.js";

const A = ["arith"] as const;
const AA = ["arith", "arith"] as const;
const B = ["bool"] as const;
const BB = ["bool", "bool"] as const;

const checkP = (id: string) => (params: PublicParam, n: number) => checkPublic(id, params.p, n);
const checkBits = (id: string) => (params: PublicBitsParam, n: number) => checkPublicBits(id, params.p, n);

export interface InputParams {
  owner: PartyId;
}
export interface RevealToParams {
  to: PartyId;
}
export interface TruncParams {
  bits: number;
}
export interface RandomParams {
  /** Each party's share of the random value is uniform in [0, 2^bits). */
  bits: number;
}
export interface MatmulParams {
  m: number;
  k: number;
  n: number;
}
export interface OwnedMatmulParams extends MatmulParams {
  /** The party holding the left operand in plaintext (its share; the other party's share is zero). */
  owner: PartyId;
}
export interface PowParams {
  /** Public integer exponent (negative: reciprocal of the power). */
  k: number;
}
export interface SortParams extends RowsParams {
  descending: boolean;
}
export interface IndexParams {
  /** Flat source positions, one per output element. */
  idx: Uint32Array;
}
export interface ConcatParams {
  lens: readonly number[];
}

/** Output elements [from, to) of a gather read the input range their indices span. */
const gatherSlicing: Slicing<IndexParams> = {
  outUnit: () => 1,
  at({ idx }, from, to) {
    const part = idx.subarray(from, to);
    if (part.length === 0) return { lo: 0, hi: 0, params: { idx: part } };
    let lo = part[0]!,
      hi = lo;
    for (const j of part) {
      if (j < lo) lo = j;
      if (j > hi) hi = j;
    }
    return { lo, hi: hi + 1, params: { idx: part.map((j) => j - lo) } };
  },
  gathers: true,
};

/** An input: made from the owner's data (xs = [data] at the owner, [] at the other party). */
function inputOp(id: string, kind: Kind): Operator<InputParams> {
  return {
    id,
    interactive: false,
    out: (_inputs, _p) => {
      throw new RangeError(`${id}: made by the VM's input, not applied to operands`);
    },
    key: ({ owner }) => String(owner),
    cost: () => FREE,
    run: (ctx, xs, { owner }, n) =>
      kind === "arith"
        ? io.input(ctx, owner, (xs[0] as Ring | undefined) ?? null, n)
        : io.inputBits(ctx, owner, (xs[0] as Bits | undefined) ?? null, n),
  };
}

function matmulOp(id: string, fixed: boolean): Operator<MatmulParams> {
  return {
    id,
    interactive: true,
    out(inputs, { m, k, n }) {
      const [x, y] = inputs;
      if (inputs.length !== 2 || !x || !y) throw new RangeError(`${id}: expected 2 operands`);
      if (x.kind !== "arith" || y.kind !== "arith") throw new TypeError(`${id}: operands must hold arithmetic shares`);
      if (x.n !== m * k || y.n !== k * n)
        throw new RangeError(`${id}: operands of ${x.n} and ${y.n} elements do not form ${m}×${k} and ${k}×${n}`);
      return { n: m * n, kind: "arith" };
    },
    key: ({ m, k, n }) => `${m}x${k}x${n}`,
    cost: (_n, p, env) =>
      fixed ? seq(cost.matmulInt(p.m, p.k, p.n), cost.trunc(p.m * p.n, env.fracBits, env)) : cost.matmulInt(p.m, p.k, p.n),
    run: (ctx, xs, { m, k, n }) => (fixed ? matmulFixed : matmulRaw)(ctx, xs[0] as Ring, xs[1] as Ring, m, k, n),
  };
}

/** An operator on rows of a rows×cols value giving one element per row. */
function rowsOp(
  id: string,
  interactive: boolean,
  c: (p: RowsParams, env: CostEnv) => Cost,
  run: (ctx: Parameters<Operator["run"]>[0], x: Ring, p: RowsParams) => Ring | Promise<Ring>,
  additive = false,
): Operator<RowsParams> {
  return {
    id,
    interactive,
    out(inputs, params) {
      checkRows(id, inputs, params);
      if (params.cols < 1) throw new RangeError(`${id}: rows must not be empty`);
      return { n: params.rows, kind: "arith" };
    },
    key: ({ cols }) => String(cols),
    ...(interactive ? { merge: stackRows<RowsParams> } : {}),
    slice: rowSlicing<RowsParams>(additive),
    cost: (_n, p, env) => c(p, env),
    run: (ctx, xs, p) => run(ctx, xs[0] as Ring, p),
  };
}

/** A fixed-point function of one arithmetic operand. */
const unary = (
  id: string,
  c: (n: number, env: CostEnv) => Cost,
  run: (ctx: Parameters<Operator["run"]>[0], x: Ring) => Promise<Ring>,
): Operator =>
  elementwise({ id, in: A, out: "arith", interactive: true, cost: (n, _p, env) => c(n, env), run: (ctx, xs) => run(ctx, xs[0] as Ring) });

export const operators = {
  // ---------------------------------------------------------------- input and output
  /** Shares n ring elements owned by `owner` (no message: the mask is jointly seeded). */
  input_a: inputOp("input_a", "arith"),
  /** Shares n packed bits owned by `owner`. */
  input_b: inputOp("input_b", "bool"),
  /** Opens arithmetic shares to both parties. */
  reveal_a: elementwise({
    id: "reveal_a",
    in: A,
    out: "arith",
    interactive: true,
    cost: (n) => each(1, 8 * n),
    run: (ctx, xs) => io.reveal(ctx, xs[0] as Ring),
  }),
  /** Opens boolean shares to both parties. */
  reveal_b: elementwise({
    id: "reveal_b",
    in: B,
    out: "bool",
    interactive: true,
    cost: (n) => each(1, 4 * wordCount(n)),
    run: (ctx, xs, _p, n) => io.revealBits(ctx, xs[0] as Bits, n),
  }),
  /** Opens arithmetic shares to party `to` only (the other party's result is null). */
  revealTo_a: elementwise<RevealToParams>({
    id: "revealTo_a",
    in: A,
    out: "arith",
    interactive: true,
    key: ({ to }) => String(to),
    cost: (n, { to }) => cost.oneWay(to, 8 * n),
    run: (ctx, xs, { to }) => io.revealTo(ctx, xs[0] as Ring, to),
  }),
  /** Opens boolean shares to party `to` only. */
  revealTo_b: elementwise<RevealToParams>({
    id: "revealTo_b",
    in: B,
    out: "bool",
    interactive: true,
    key: ({ to }) => String(to),
    cost: (n, { to }) => cost.oneWay(to, 4 * wordCount(n)),
    run: (ctx, xs, { to }, n) => io.revealBitsTo(ctx, xs[0] as Bits, n, to),
  }),

  // ---------------------------------------------------------------- layout: moves elements of either kind, no message
  /** out[i] = x[idx[i]]. */
  gather: {
    id: "gather",
    interactive: false,
    out(inputs, { idx }) {
      const x = inputs[0];
      if (inputs.length !== 1 || !x) throw new RangeError("gather: expected 1 operand");
      if (!(idx instanceof Uint32Array)) throw new TypeError("gather: idx must be a Uint32Array");
      return { n: idx.length, kind: x.kind };
    },
    key: ({ idx }) => String(idx.length),
    slice: gatherSlicing,
    cost: () => FREE,
    run: (_ctx, xs, { idx }) => gatherValue(xs[0]!, idx),
  } satisfies Operator<IndexParams>,
  /** A copy of x with x[idx[i]] = v[i] (a later i wins on repeats). */
  scatter: {
    id: "scatter",
    interactive: false,
    out(inputs, { idx }) {
      const [x, v] = inputs;
      if (inputs.length !== 2 || !x || !v) throw new RangeError("scatter: expected 2 operands");
      if (x.kind !== v.kind) throw new TypeError(`scatter: target holds ${x.kind} shares, values hold ${v.kind}`);
      if (v.n !== idx.length) throw new RangeError(`scatter: ${v.n} values for ${idx.length} positions`);
      return { n: x.n, kind: x.kind };
    },
    key: ({ idx }) => String(idx.length),
    cost: () => FREE,
    run: (_ctx, xs, { idx }, n) =>
      xs[0] instanceof BigUint64Array ? scatterRing(xs[0], idx, xs[1] as Ring) : scatterBits(xs[0] as Bits, n, idx, xs[1] as Bits),
  } satisfies Operator<IndexParams>,
  /** The operands one after another (flat). */
  concat: {
    id: "concat",
    interactive: false,
    out(inputs, { lens }) {
      const kind = inputs[0]?.kind ?? "arith";
      if (lens.length !== inputs.length || inputs.some((x, i) => x.n !== lens[i]))
        throw new RangeError("concat: lens must list the operands' lengths");
      let n = 0;
      for (const x of inputs) {
        if (x.kind !== kind) throw new TypeError(`concat: operands hold ${kind} and ${x.kind} shares`);
        n += x.n;
      }
      return { n, kind };
    },
    key: ({ lens }) => lens.join(","),
    cost: () => FREE,
    run: (_ctx, xs, { lens }) => concatValues(xs[0] instanceof Uint32Array ? "bool" : "arith", xs, lens),
  } satisfies Operator<ConcatParams>,

  // ---------------------------------------------------------------- arithmetic, local (fixed point and integers alike)
  add_aa: elementwise({
    id: "add_aa",
    in: AA,
    out: "arith",
    interactive: false,
    cost: () => FREE,
    run: (_c, xs) => arith.add(xs[0] as Ring, xs[1] as Ring),
  }),
  sub_aa: elementwise({
    id: "sub_aa",
    in: AA,
    out: "arith",
    interactive: false,
    cost: () => FREE,
    run: (_c, xs) => arith.sub(xs[0] as Ring, xs[1] as Ring),
  }),
  neg_a: elementwise({ id: "neg_a", in: A, out: "arith", interactive: false, cost: () => FREE, run: (_c, xs) => arith.neg(xs[0] as Ring) }),
  /** x + p. */
  add_ap: elementwise<PublicParam>({
    id: "add_ap",
    in: A,
    out: "arith",
    interactive: false,
    check: checkP("add_ap"),
    slice: slicePublic,
    cost: () => FREE,
    run: (c, xs, { p }) => arith.addPublic(c, xs[0] as Ring, p),
  }),
  /** p − x. */
  sub_pa: elementwise<PublicParam>({
    id: "sub_pa",
    in: A,
    out: "arith",
    interactive: false,
    check: checkP("sub_pa"),
    slice: slicePublic,
    cost: () => FREE,
    run: (c, xs, { p }) => arith.subFromPublic(c, p, xs[0] as Ring),
  }),
  /** Ring product with public integers: exact. */
  mulInt_ap: elementwise<PublicParam>({
    id: "mulInt_ap",
    in: A,
    out: "arith",
    interactive: false,
    check: checkP("mulInt_ap"),
    slice: slicePublic,
    cost: () => FREE,
    run: (_c, xs, { p }) => arith.mulPublicInt(xs[0] as Ring, p),
  }),
  /** Row sums of rows×cols. */
  sum_a: rowsOp(
    "sum_a",
    false,
    () => FREE,
    (_c, x, { rows, cols }) => arith.sumRows(x, rows, cols),
    true,
  ),

  // ---------------------------------------------------------------- arithmetic, interactive
  /** Fixed-point product with public fixed-point values (one truncation). */
  mul_ap: elementwise<PublicParam>({
    id: "mul_ap",
    in: A,
    out: "arith",
    interactive: true,
    check: checkP("mul_ap"),
    slice: slicePublic,
    merge: mergePublic,
    cost: (n, _p, env) => cost.trunc(n, env.fracBits, env),
    run: (c, xs, { p }) => truncate(c, arith.mulPublicInt(xs[0] as Ring, p), c.fracBits),
  }),
  /** Fixed-point product (Beaver, then truncation). */
  mul_aa: elementwise({
    id: "mul_aa",
    in: AA,
    out: "arith",
    interactive: true,
    cost: (n, _p, env) => cost.mul(n, env),
    run: (c, xs) => mulFixed(c, xs[0] as Ring, xs[1] as Ring),
  }),
  /** Integer product mod 2^64 (Beaver). */
  mulInt_aa: elementwise({
    id: "mulInt_aa",
    in: AA,
    out: "arith",
    interactive: true,
    cost: (n) => cost.mulInt(n),
    run: (c, xs) => mulRaw(c, xs[0] as Ring, xs[1] as Ring),
  }),
  /** Fixed-point square (a square pair: one opening, then truncation). */
  square_a: elementwise({
    id: "square_a",
    in: A,
    out: "arith",
    interactive: true,
    cost: (n, _p, env) => cost.square(n, env),
    run: (c, xs) => squareFixed(c, xs[0] as Ring),
  }),
  /** Integer square mod 2^64 (a square pair). */
  squareInt_a: elementwise({
    id: "squareInt_a",
    in: A,
    out: "arith",
    interactive: true,
    cost: (n, _p, env) => cost.squareInt(n, env),
    run: (c, xs) => squareRaw(c, xs[0] as Ring),
  }),
  /** Signed division by 2^bits (fixed point to fewer fractional bits, or to an integer). */
  trunc_a: elementwise<TruncParams>({
    id: "trunc_a",
    in: A,
    out: "arith",
    interactive: true,
    key: ({ bits }) => String(bits),
    check: ({ bits }) => {
      if (!Number.isInteger(bits) || bits < 1 || bits > 61)
        throw new RangeError(`trunc_a: bits must be an integer in [1, 61], got ${bits}`);
    },
    cost: (n, { bits }, env) => cost.trunc(n, bits, env),
    run: (c, xs, { bits }) => truncate(c, xs[0] as Ring, bits),
  }),
  /** Fixed-point (m×k)·(k×n) with a matrix triple; a repeated left operand keeps its mask (D opened once). */
  matmul_aa: matmulOp("matmul_aa", true),
  /** Integer (m×k)·(k×n) mod 2^64. */
  matmulInt_aa: matmulOp("matmulInt_aa", false),
  /**
   * Fixed-point (m×k)·(k×n) whose left operand party `owner` holds in plaintext (its share, the
   * other party's zero): one cross term with an owned matrix triple, no mask of the left operand.
   */
  matmul_oa: {
    id: "matmul_oa",
    interactive: true,
    out(inputs, { m, k, n, owner }: OwnedMatmulParams) {
      const [x, y] = inputs;
      if (inputs.length !== 2 || !x || !y) throw new RangeError("matmul_oa: expected 2 operands");
      if (x.kind !== "arith" || y.kind !== "arith") throw new TypeError("matmul_oa: operands must hold arithmetic shares");
      if (owner !== 0 && owner !== 1) throw new RangeError(`matmul_oa: owner must be 0 or 1, got ${String(owner)}`);
      if (x.n !== m * k || y.n !== k * n)
        throw new RangeError(`matmul_oa: operands of ${x.n} and ${y.n} elements do not form ${m}×${k} and ${k}×${n}`);
      return { n: m * n, kind: "arith" };
    },
    key: ({ m, k, n, owner }: OwnedMatmulParams) => `${m}x${k}x${n}@${owner}`,
    cost: (_n, p: OwnedMatmulParams, env) => seq(cost.ownedMatmulInt(p.m, p.k, p.n, p.owner), cost.trunc(p.m * p.n, env.fracBits, env)),
    run: (ctx, xs, { m, k, n, owner }: OwnedMatmulParams) => ownedMatmulFixed(ctx, xs[0] as Ring, xs[1] as Ring, owner, m, k, n),
  } satisfies Operator<OwnedMatmulParams>,
  /** Fixed-point row products (a multiplication tree). */
  prod_a: rowsOp(
    "prod_a",
    true,
    (p, env) => cost.prod(p.rows, p.cols, true, env),
    (c, x, { rows, cols }) => prodRows(c, x, rows, cols, true),
  ),
  /** Integer row products. */
  prodInt_a: rowsOp(
    "prodInt_a",
    true,
    (p, env) => cost.prod(p.rows, p.cols, false, env),
    (c, x, { rows, cols }) => prodRows(c, x, rows, cols, false),
  ),

  // ---------------------------------------------------------------- boolean, on packed bits
  xor_bb: elementwise({
    id: "xor_bb",
    in: BB,
    out: "bool",
    interactive: false,
    cost: () => FREE,
    run: (_c, xs) => bool.xor(xs[0] as Bits, xs[1] as Bits),
  }),
  not_b: elementwise({ id: "not_b", in: B, out: "bool", interactive: false, cost: () => FREE, run: (c, xs) => bool.not(c, xs[0] as Bits) }),
  xor_bp: elementwise<PublicBitsParam>({
    id: "xor_bp",
    in: B,
    out: "bool",
    interactive: false,
    check: checkBits("xor_bp"),
    slice: slicePublicBits,
    cost: () => FREE,
    run: (c, xs, { p }, n) => bool.xorPublic(c, xs[0] as Bits, p.subarray(0, wordCount(n))),
  }),
  and_bp: elementwise<PublicBitsParam>({
    id: "and_bp",
    in: B,
    out: "bool",
    interactive: false,
    check: checkBits("and_bp"),
    slice: slicePublicBits,
    cost: () => FREE,
    run: (_c, xs, { p }, n) => bool.andPublic(xs[0] as Bits, p.subarray(0, wordCount(n))),
  }),
  and_bb: elementwise({
    id: "and_bb",
    in: BB,
    out: "bool",
    interactive: true,
    cost: (n) => cost.and(n),
    run: (c, xs) => bool.and(c, xs[0] as Bits, xs[1] as Bits),
  }),
  or_bb: elementwise({
    id: "or_bb",
    in: BB,
    out: "bool",
    interactive: true,
    cost: (n) => cost.and(n),
    run: (c, xs) => bool.or(c, xs[0] as Bits, xs[1] as Bits),
  }),

  // ---------------------------------------------------------------- conversions
  /** Bits to the integers 0/1 (scale them for fixed point with `mulInt_ap`). */
  bit2a_b: elementwise({
    id: "bit2a_b",
    in: B,
    out: "arith",
    interactive: true,
    cost: (n) => cost.bit2a(n),
    run: (c, xs, _p, n) => bitToArith(c, xs[0] as Bits, n),
  }),
  /** b ? x : 0 (bit injection). */
  mul_ba: elementwise({
    id: "mul_ba",
    in: ["bool", "arith"],
    out: "arith",
    interactive: true,
    cost: (n) => cost.bitMul(n, 1),
    run: (c, xs) => bitMul(c, xs[0] as Bits, xs[1] as Ring),
  }),
  /** c ? x : y. */
  select_baa: elementwise({
    id: "select_baa",
    in: ["bool", "arith", "arith"],
    out: "arith",
    interactive: true,
    cost: (n) => cost.bitMul(n, 1),
    run: (c, xs) => select(c, xs[0] as Bits, xs[1] as Ring, xs[2] as Ring),
  }),

  // ---------------------------------------------------------------- comparison (domain: |x − y| < 2^63 as signed values)
  /** x < 0: comparisons are msb of a difference. */
  msb_a: elementwise({
    id: "msb_a",
    in: A,
    out: "bool",
    interactive: true,
    cost: (n, _p, env) => cost.msb(n, env),
    run: (c, xs) => msb(c, xs[0] as Ring),
  }),
  eq_aa: elementwise({
    id: "eq_aa",
    in: AA,
    out: "bool",
    interactive: true,
    cost: (n) => cost.eqz(n),
    run: (c, xs) => eq(c, xs[0] as Ring, xs[1] as Ring),
  }),
  eq_ap: elementwise<PublicParam>({
    id: "eq_ap",
    in: A,
    out: "bool",
    interactive: true,
    check: checkP("eq_ap"),
    slice: slicePublic,
    merge: mergePublic,
    cost: (n) => cost.eqz(n),
    run: (c, xs, { p }) => eqPublic(c, xs[0] as Ring, p),
  }),

  // ---------------------------------------------------------------- nonlinear, fixed point (ranges and errors in each kernel's file)
  reciprocal_a: unary("reciprocal_a", cost.reciprocal, reciprocal),
  div_aa: elementwise({
    id: "div_aa",
    in: AA,
    out: "arith",
    interactive: true,
    cost: (n, _p, env) => cost.div(n, env),
    run: (c, xs) => div(c, xs[0] as Ring, xs[1] as Ring),
  }),
  sqrt_a: unary("sqrt_a", cost.sqrt, sqrt),
  rsqrt_a: unary("rsqrt_a", cost.rsqrt, rsqrt),
  exp_a: unary("exp_a", cost.exp, exp),
  log_a: unary("log_a", cost.log, log),
  sigmoid_a: unary("sigmoid_a", cost.sigmoid, sigmoid),
  tanh_a: unary("tanh_a", cost.sigmoid, tanh),
  /** sin x (radians), any x: reduced modulo 2π by the ring's wrap, then the angle-addition identity. */
  sin_a: unary("sin_a", cost.sincos, (c, x) => sincos(c, x, false)),
  /** cos x (radians), as sin_a. */
  cos_a: unary("cos_a", cost.sincos, (c, x) => sincos(c, x, true)),
  /** x + r, r = r0 + r1 with r_i uniform in [0, 2^bits) from party i's private PRG: r mod 2^bits uniform and known to no one. */
  addRandom_a: elementwise<RandomParams>({
    id: "addRandom_a",
    in: A,
    out: "arith",
    // No message, but not a pure function of its inputs: the VM recomputes local operators where
    // they are consumed, and each recomputation would draw afresh. Scheduled as interactive, it
    // runs once and its value is kept.
    interactive: true,
    key: ({ bits }) => String(bits),
    check: ({ bits }) => {
      if (!Number.isInteger(bits) || bits < 1 || bits > 62)
        throw new RangeError(`addRandom_a: bits must be an integer in [1, 62], got ${bits}`);
    },
    cost: () => FREE,
    run: (c, xs, { bits }) => addRandom(c, xs[0] as Ring, bits),
  }),
  /** |x|, any scale. */
  abs_a: unary("abs_a", (n, env) => seq(cost.msb(n, env), cost.bitMul(n, 1)), abs),
  /** Any scale (both operands the same). */
  maximum_aa: elementwise({
    id: "maximum_aa",
    in: AA,
    out: "arith",
    interactive: true,
    cost: (n, _p, env) => seq(cost.msb(n, env), cost.bitMul(n, 1)),
    run: (c, xs) => maximum(c, xs[0] as Ring, xs[1] as Ring),
  }),
  minimum_aa: elementwise({
    id: "minimum_aa",
    in: AA,
    out: "arith",
    interactive: true,
    cost: (n, _p, env) => seq(cost.msb(n, env), cost.bitMul(n, 1)),
    run: (c, xs) => minimum(c, xs[0] as Ring, xs[1] as Ring),
  }),
  /** x^k for a public integer k. */
  pow_a: elementwise<PowParams>({
    id: "pow_a",
    in: A,
    out: "arith",
    interactive: true,
    key: ({ k }) => String(k),
    check: ({ k }) => {
      if (!Number.isSafeInteger(k)) throw new RangeError(`pow_a: exponent must be a safe integer, got ${k}`);
    },
    cost: (n, { k }, env) => cost.pow(n, k, env),
    run: (c, xs, { k }) => pow(c, xs[0] as Ring, k),
  }),

  // ---------------------------------------------------------------- order statistics on rows (no comparison outcome revealed)
  /** Sorted rows (bitonic network). */
  sort_a: {
    id: "sort_a",
    interactive: true,
    out(inputs, params) {
      checkRows("sort_a", inputs, params);
      return { n: params.rows * params.cols, kind: "arith" };
    },
    key: ({ cols, descending }) => `${cols}${descending ? "d" : "a"}`,
    merge: stackRows<SortParams>,
    slice: {
      outUnit: ({ cols }) => cols,
      at: (p, from, to) => ({ lo: from, hi: to, params: { ...p, rows: (to - from) / p.cols } }),
    },
    cost: (_n, p, env) => cost.sort(p.rows, p.cols, 1, env),
    run: (c, xs, { rows, cols, descending }) => sort(c, xs[0] as Ring, rows, cols, descending),
  } satisfies Operator<SortParams>,
  /** Sorted values (rows×cols), then the integer source column of each (rows×cols). */
  argsort_a: {
    id: "argsort_a",
    interactive: true,
    out(inputs, params) {
      checkRows("argsort_a", inputs, params);
      return { n: 2 * params.rows * params.cols, kind: "arith" };
    },
    key: ({ rows, cols, descending }) => `${rows}x${cols}${descending ? "d" : "a"}`,
    cost: (_n, p, env) => cost.sort(p.rows, p.cols, 2, env),
    async run(c, xs, { rows, cols, descending }) {
      const { values, indices } = await argsort(c, xs[0] as Ring, rows, cols, descending);
      const out = new BigUint64Array(2 * rows * cols);
      out.set(values, 0);
      out.set(indices, rows * cols);
      return out;
    },
  } satisfies Operator<SortParams>,
  /** Row maxima (any scale). */
  max_a: rowsOp(
    "max_a",
    true,
    (p, env) => cost.tournament(p.rows, p.cols, 1, env),
    async (c, x, { rows, cols }) => (await tournament(c, x, rows, cols, "max", false)).values,
  ),
  min_a: rowsOp(
    "min_a",
    true,
    (p, env) => cost.tournament(p.rows, p.cols, 1, env),
    async (c, x, { rows, cols }) => (await tournament(c, x, rows, cols, "min", false)).values,
  ),
  /** Integer index of each row's first maximum. */
  argmax_a: rowsOp(
    "argmax_a",
    true,
    (p, env) => cost.tournament(p.rows, p.cols, 2, env),
    async (c, x, { rows, cols }) => (await tournament(c, x, rows, cols, "max", true)).indices,
  ),
  argmin_a: rowsOp(
    "argmin_a",
    true,
    (p, env) => cost.tournament(p.rows, p.cols, 2, env),
    async (c, x, { rows, cols }) => (await tournament(c, x, rows, cols, "min", true)).indices,
  ),
} as const;

export type Operators = typeof operators;
export type OperatorId = keyof Operators;

// The table's own consistency: every entry is keyed by its id (checked once at load).
for (const [key, op] of Object.entries(operators)) {
  if (op.id !== key) throw new Error(`operators: entry ${key} has id ${op.id}`);
}
