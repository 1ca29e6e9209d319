/**
 * exp(x) on shares, by range reduction to 2^y = 2^k·2^r (the structure of SecretFlow SPU's and
 * MP-SPDZ's exp2, with a leak-free integer part). Semi-honest.
 *
 * 1. Clamp below: exp(x) = 0 for x < −C, C = (f + 2)·ln 2 + 1, below which exp(x) < 2^−f rounds to
 *    0: below = msb(x + C), whose carry is computed in one batch with step 2's truncation (no rounds
 *    of its own with the exact truncation), and 2^k is multiplied by 1 − below (step 3).
 *    What steps 2–4 make of x < −C (k out of the decomposition's range, y's truncation out of its
 *    range for x < −2^(62−f−40)) is multiplied by 0.
 * 2. y = x·log2(e); k = y/2^f rounded, r = y − k (one batched truncation; k is the nearest integer
 *    to y, so r ∈ [−1/2, 1/2] up to y's rounding; with the stochastic opt-in ⌊y⌋ or ⌊y⌋ + 1, r ∈ (−1, 1]).
 * 3. One-hot of k's low nibble l (times 1 − below) and of its high nibble h ∈ {−1, 0, …}: an 8-bit
 *    A2B and two 2-level decodings in 6 AND steps (smallbits.ts), which ride on the AND rounds of
 *    step 4's truncations (their carry trees), and the B2A of the lines, which rides on the opening
 *    of the truncation that finishes them (no rounds of their own with the exact truncation and
 *    the millionaires' protocol or the carry tree; 7 with the stochastic truncation, whose rounds
 *    have no ANDs). 2^k = (Σ_l [l]·2^l)·(Σ_h [h]·2^(16h)), an exact integer product riding on the
 *    polynomial's last Beaver round. Values k < −16 match no indicator and give 0.
 * 4. 2^r by a degree-7 Chebyshev polynomial on [−1.05, 1.05] (rel. error 2^−25) at 24 fractional
 *    bits (3 levels of powers, each a product and a truncation, then one truncation).
 * 5. exp = 2^r·2^k (a product and a truncation).
 *
 * Valid range: x ≤ X_MAX = (59 − 2f)·ln 2 (18.7 for f = 16); above it the result is wrong.
 * Every x below −C gives 0. Error: relative ≈ 2^−(f+1) plus ≤ 2 ulp absolute (see README).
 * Cost: declared in costs.ts (figures from scripts/nonlinear-costs.ts); the chain is step 2's
 * truncation, the polynomial's levels and step 5 (step 3 rides on them).
 */
import type { ProtocolContext } from "../context.js";
import { openedToArith } from "./bit2a.js";
import { daBits } from "./correlated.js";
import { concatRing, concatWords } from "../values.js";
import { chebyshevFit } from "./fit.js";
import type { Bits } from "./bits.js";
import { not } from "./boolean.js";
import { mulRaw } from "./mul.js";
import { polyEval, POLY_FRAC_BITS, type Rider } from "./poly.js";
import { addScalar, mulScalar, type Ring } from "./ring.js";
import { byteIndicatorSteps, rideSteps } from "./smallbits.js";
import { truncate, truncateWithMsb } from "./truncate.js";

const EXP2_FIT = chebyshevFit((r) => 2 ** r, -1.05, 1.05, 7);
/** Coefficients in r itself (the fit is centred at 0). */
const EXP2_COEFFS = EXP2_FIT.coeffs.map((c, k) => c / EXP2_FIT.half ** k);
/** Levels of the degree-7 polynomial's powers (poly.ts): ⌈log2 7⌉. */
const POWER_LEVELS = 3;

export function expMax(f: number): number {
  return (59 - 2 * f) * Math.LN2;
}

/** C: exp(x) < 2^−f for x < −C. */
export function expFloor(f: number): number {
  return (f + 2) * Math.LN2 + 1;
}

export async function exp(ctx: ProtocolContext, x: Ring): Promise<Ring> {
  checkFrac(ctx.fracBits);
  // below = [x < −C] = msb(x + C), computed with step 2's truncation; the result is multiplied by
  // 1 − below at the end, so what steps 2–4 make of x < −C (k and r out of range) does not matter.
  const C = BigInt(Math.round(expFloor(ctx.fracBits) * 2 ** ctx.fracBits));
  return expCore(ctx, x, ctx.party === 0 ? addScalar(x, C) : x.slice());
}

/**
 * The range reduction and the polynomial are fitted and tested at the default f = 16 only: probed at
 * f = 8, 12 and 20 they lose hundreds of ulps or wrap, so other settings are refused, not computed.
 */
export function checkExpFrac(fn: string, f: number): void {
  if (f !== 16)
    throw new RangeError(
      `${fn}: supported at fracBits = 16 (the default) only, the context has ${f}; create the VM with fracBits 16 for exp, sigmoid, tanh, softmax and the routines built on them`,
    );
}

function checkFrac(f: number): void {
  checkExpFrac("exp", f);
}

/** Fractional bits of log2(e) in step 2's raw product. */
const FL = 24;

/**
 * Step 2's raw values for x (local): y's and k's, to be truncated together by `reduceShift(f)`
 * (y's scaled up to k's shift).
 */
export function reduceRaw(f: number, x: Ring): Ring {
  const n = x.length;
  const raw = mulScalar(x, BigInt(Math.round(Math.LOG2E * 2 ** FL)));
  const both = new BigUint64Array(2 * n);
  both.set(mulScalar(raw, 1n << BigInt(f)), 0);
  both.set(raw, n);
  return both;
}

export const reduceShift = (f: number): number => FL + f;

/** y = x·log2(e) at f bits and k = round(y) for a public x (what step 2 gives for it). */
export function reducePublic(f: number, x: bigint): { y: bigint; k: bigint } {
  const raw = x * BigInt(Math.round(Math.LOG2E * 2 ** FL));
  const round = (v: bigint, s: number): bigint => (v + (1n << BigInt(s - 1))) >> BigInt(s);
  return { y: round(raw, FL), k: round(raw, FL + f) };
}

/** Steps 2–5, with step 1's msb (of `shifted` = x + C) inside step 2. */
async function expCore(ctx: ProtocolContext, xc: Ring, shifted: Ring): Promise<Ring> {
  const f = ctx.fracBits;
  const n = xc.length;
  // 2. y = x·log2(e) at f bits and k = y / 2^f, from one raw product (and the clamp's msb).
  const both = reduceRaw(f, xc);
  const { t: tr, msb: below } = await truncateWithMsb(ctx, both, reduceShift(f), shifted);
  return expOfParts(ctx, tr.subarray(n), tr.subarray(0, n), below);
}

/**
 * Steps 3–5: 2^y from k = round(y) and y at f bits (y − k·2^f ∈ [−1/2, 1/2] up to rounding; k small
 * as step 1 makes it), times 1 − below when `below` (XOR-shared bits) is given.
 */
export async function expOfParts(ctx: ProtocolContext, k: Ring, y: Ring, below: Bits | null): Promise<Ring> {
  return (await expOfPartsWith(ctx, k, y, below, [])).e;
}

/**
 * A separable function of k's nibbles, g(l, h) = lo(l)·hi(h) (integers; h = −1 for the nibble 15),
 * computed from the same one-hot: `scaled` asks for trunc(2^r·g) at step 5's shift (g in the
 * place of 2^k's integer), otherwise g itself (an exact integer). Zero where no indicator matches.
 */
export interface NibbleWeights {
  readonly lo: (l: number) => bigint;
  readonly hi: (h: number) => bigint;
  readonly scaled: boolean;
}

/**
 * `expOfParts` and, riding on its rounds, the requested nibble functions (in order): the integer
 * ones ride on the powers' last Beaver round with wl·wh, the scaled ones on step 5's product and
 * truncation.
 */
export async function expOfPartsWith(
  ctx: ProtocolContext,
  k: Ring,
  y: Ring,
  below: Bits | null,
  extras: readonly NibbleWeights[],
): Promise<{ e: Ring; extras: Ring[] }> {
  const f = ctx.fracBits;
  const n = k.length;
  const fi = POLY_FRAC_BITS;
  const fp = f + 1; // 2^r precision
  const fb = f; // 2^k precision
  const r = new BigUint64Array(n);
  const unit = 1n << BigInt(f);
  for (let i = 0; i < n; i++) r[i] = BigInt.asUintN(64, y[i]! - k[i]! * unit);

  // 3. 2^k from the one-hot of k's two nibbles (times 1 − below): AND steps riding on the
  // polynomial's truncations' AND rounds, then (at its last level) the B2A of the lines.
  const hMax = Math.floor((59 - 2 * f) / 16);
  const hValues = [15]; // h = −1
  for (let h = 0; h <= hMax; h++) hValues.push(h);
  const W = (n + 31) >>> 5;
  const lineBits = 32 * W * (16 + hValues.length);
  // The lines' B2A (daBits, opened masked) rides on the opening of the truncation whose AND round
  // finishes the steps; if none does (stochastic truncation), it is opened on its own at the end.
  const db = await daBits(ctx, lineBits);
  let masked: Uint32Array | null = null,
    ind: Ring | null = null;
  const p0 = ctx.party === 0;
  const opened = (theirs: Uint32Array): void => {
    for (let i = 0; i < theirs.length; i++) masked![i]! ^= theirs[i]!;
    ind = openedToArith(p0, masked!, db.arith, lineBits);
  };
  const steps = byteIndicatorSteps(ctx.party, k, hValues, below ? not(ctx, below) : null);
  const finish = rideSteps(
    ctx,
    (function* () {
      const { lo, hi } = yield* steps;
      masked = concatWords([...lo, ...hi]);
      for (let i = 0; i < masked.length; i++) masked[i]! ^= db.bits[i]!;
      ctx.openRider = { words: masked.slice(), done: opened };
    })(),
  );
  const twoKFactors = async (): Promise<readonly [Ring, Ring]> => {
    await finish();
    if (!ind) {
      ctx.openRider = null;
      const tag = ctx.op("b2a-bit");
      ctx.channel.send(tag("open"), masked!.slice());
      opened(await ctx.recvWords(tag("open"), masked!.length));
    }
    const factor = (lo: (l: number) => bigint, hi: (h: number) => bigint): [Ring, Ring] => {
      const wl = new BigUint64Array(n),
        wh = new BigUint64Array(n);
      for (let v = 0; v < 16; v++) axpyStrided(wl, BigInt.asUintN(64, lo(v)), ind!, v * 32 * W);
      hValues.forEach((hv, j) => axpyStrided(wh, BigInt.asUintN(64, hi(hv === 15 ? -1 : hv)), ind!, (16 + j) * 32 * W));
      return [wl, wh];
    };
    const pairs = [
      factor(
        (l) => 1n << BigInt(l),
        (h) => 1n << BigInt(fb + 16 * h),
      ),
      ...extras.map((x) => factor(x.lo, x.hi)),
    ];
    return [concatRing(pairs.map((p) => p[0])), concatRing(pairs.map((p) => p[1]))];
  };

  // 4. 2^r at fp bits; the fit's variable is r / half, folded into the coefficients. 2^k = wl·wh,
  // an exact integer product, rides on the powers' last Beaver round (Rider.give is called before it).
  let ks: Ring = new BigUint64Array(0);
  const rider: Rider = {
    give: (level) => (level === POWER_LEVELS - 1 ? twoKFactors() : null),
    take: (_level, p) => {
      ks = p;
    },
  };
  const rfi = mulScalar(r, 1n << BigInt(fi - f));
  const twoR = await polyEval(ctx, rfi, EXP2_COEFFS, fi, fp, EXP2_FIT.half, rider);
  const part = (j: number): Ring => ks.subarray(j * n, (j + 1) * n);
  const scaledIdx = [0];
  extras.forEach((x, j) => {
    if (x.scaled) scaledIdx.push(j + 1);
  });

  // 5. Products (2^r·2^k and the scaled extras), one truncation.
  const lhs = concatRing(scaledIdx.map(() => twoR)),
    rhs = concatRing(scaledIdx.map(part));
  const out = await truncate(ctx, await mulRaw(ctx, lhs, rhs), fp + fb - f);
  const res: Ring[] = [];
  let si = 1;
  extras.forEach((x, j) => {
    if (!x.scaled) return void res.push(part(j + 1).slice());
    res.push(out.slice(si * n, (si + 1) * n));
    si++;
  });
  return { e: out.slice(0, n), extras: res };
}

/** out[i] += s·ind[off + i]. */
function axpyStrided(out: Ring, s: bigint, ind: Ring, off: number): void {
  for (let i = 0; i < out.length; i++) out[i] = BigInt.asUintN(64, out[i]! + s * ind[off + i]!);
}
