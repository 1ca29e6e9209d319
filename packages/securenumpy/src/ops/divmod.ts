/**
 * Exact integer parts on shares, the lowering of floor, round, floorDivide, remainder and fmod:
 * ⌊x⌋ of a fixed-point node, and x = q·p + r with q = ⌊x/p⌋ (NumPy's floor division, so r has the
 * divisor's sign) for public and secret divisors.
 *
 * ⌊x⌋ is one exact truncation (@petace/protocols `kernels/truncate.ts`, the carry of SIRNN's exact
 * truncation, Rathee et al., S&P 2021): the truncation rounds to nearest with ties up, so
 * truncating x − 1/2 gives the floor. Under the stochastic truncation opt-in the truncation returns
 * ⌊x⌋ or ⌊x⌋ + 1, and one comparison corrects it (as `astype("int64")` does).
 *
 * The quotient by a public divisor: a coarse estimate round(x·m1 / 2^s1) with m1 ≈ 2^s1/p (x·m1
 * must fit the truncation's range), a fine one of the remainder's quotient (small, so its m2 can
 * carry more bits), off by at most one together, then one correction whose two comparisons share
 * one msb call. By a secret divisor: the floor of the division kernel's quotient (within 1 ulp of
 * the exact one), corrected the same way with the divisor's secret sign. Only the operands' public
 * sizes and the public divisor choose the shifts.
 */
import { ops, type Node, type Public } from "@petace/duet";
import type { Graph } from "../core/graph.js";

/** 2^k as a ring constant. */
const pow2 = (k: number): bigint => 1n << BigInt(k);
const u64 = (v: bigint): bigint => BigInt.asUintN(64, v);

/**
 * ⌊x⌋ of a fixed-point node as an integer node (ring units), exact for |x| < 2^(62−f) (2^46 for
 * f = 16). Exact truncation: 5 rounds (f = 16); stochastic opt-in: 12.
 */
export function floorInt(g: Graph, x: Node): Node {
  const f = g.vm.fracBits;
  if (g.vm.truncation === "exact") return g.apply(ops.trunc_a, [g.apply(ops.add_ap, [x], { p: u64(-pow2(f - 1)) })], { bits: f });
  const t = g.apply(ops.trunc_a, [x], { bits: f }); // ⌊x⌋ or ⌊x⌋ + 1
  const over = g.op(ops.msb_a, g.op(ops.sub_aa, x, g.apply(ops.mulInt_ap, [t], { p: pow2(f) })));
  return g.op(ops.sub_aa, t, g.op(ops.bit2a_b, over));
}

/** ⌊x + 1/2⌋ of a fixed-point node as an integer node (the exact truncation itself). */
export function roundUpInt(g: Graph, x: Node): Node {
  const f = g.vm.fracBits;
  return g.vm.truncation === "exact" ? g.apply(ops.trunc_a, [x], { bits: f }) : floorInt(g, g.apply(ops.add_ap, [x], { p: pow2(f - 1) }));
}

/**
 * x rounded to the nearest integer, ties to even (NumPy's `round`/`rint`), as an integer node:
 * ⌊x + 1/2⌋ minus one where x + 1/2 is an odd integer, i.e. where the low f + 1 bits of
 * X + 2^(f−1) are 2^f (an equality on those bits shifted to the top).
 * Exact; 12 rounds (f = 16).
 */
export function roundEvenInt(g: Graph, x: Node): Node {
  const f = g.vm.fracBits;
  const z = roundUpInt(g, x);
  const shifted = g.apply(ops.mulInt_ap, [g.apply(ops.add_ap, [x], { p: u64(pow2(f - 1) - pow2(f)) })], { p: pow2(63 - f) });
  const oddTie = g.op(ops.bit2a_b, g.apply(ops.eq_ap, [shifted], { p: 0n }));
  return g.op(ops.sub_aa, z, oddTie);
}

export interface DivMod {
  /** ⌊x/p⌋, an integer node (ring units). */
  q: Node;
  /** x − q·p, in x's scale, with the divisor's sign (0 ≤ r < p, or p < r ≤ 0). */
  r: Node;
}

/** |x| < 2^46 ring units: the range of ⌊x⌋ too (2^(62−f) for f = 16). */
const RANGE_BITS = 46;

/**
 * The largest s such that |x|·m < 2^61.9 for every |x| ≤ R and m = round(2^s/p), and at most 58,
 * so that the truncation by s, which needs its input below 2^62 − 2^(s−1), is in range.
 */
function shiftFor(R: number, minAbs: number): number {
  return Math.min(58, Math.floor(Math.log2((2 ** 61.9 / R - 1) * minAbs)));
}

/**
 * round(x·m / 2^s) (exact truncation) or ⌊x·m / 2^s⌋ + {0, 1} (stochastic; ⌊(x·m − 2^(s−1)) / 2^s⌋
 * + {0, 1} when `centred`, the last estimate's), with m = round(2^s/p) per element: within
 * R/2^(s+1) + 1/2 (exact) or R/2^(s+1) + 1 (stochastic) of x/p for |x| ≤ R.
 */
function estimate(g: Graph, x: Node, P: readonly bigint[], s: number, centred: boolean): Node {
  const m =
    P.length > 1
      ? BigUint64Array.from(P, (v) => u64(BigInt(Math.round(2 ** s / Number(v)))))
      : u64(BigInt(Math.round(2 ** s / Number(P[0]!))));
  const xm = g.apply(ops.mulInt_ap, [x], { p: m });
  const shift = g.vm.truncation !== "exact" && centred;
  return g.apply(ops.trunc_a, [shift ? g.apply(ops.add_ap, [xm], { p: u64(-pow2(s - 1)) }) : xm], { bits: s });
}

/**
 * x = q·p + r for a public non-zero divisor (ring values in x's scale, one per element or one for
 * all, either sign). Exact for |x| < 2^46 ring units (float64: |x| < 2^(46−f), 2^30 for f = 16;
 * int64: |x| < 2^46). Two estimates of the quotient, the second on the first's remainder, then one
 * correction; where the divisors' magnitudes spread too widely for the second estimate (an int64
 * divisor array such as [1, 1000]), one estimate, exact for |x| < 2^30 ring units (2^29 under the
 * stochastic opt-in).
 * Cost (f = 16, exact truncation): two truncations, one msb call of 2n, a bit conversion: 19–20
 * rounds and ≈ 120–140 B per element.
 */
export function divmodPublic(g: Graph, x: Node, p: Public): DivMod {
  const P = typeof p === "bigint" ? [BigInt.asIntN(64, p)] : Array.from(new BigInt64Array(p.buffer, p.byteOffset, p.length));
  const abs = P.map((v) => (v < 0n ? -v : v));
  const minAbs = Number(abs.reduce((m, v) => (v < m ? v : m)));
  const maxAbs = Number(abs.reduce((m, v) => (v > m ? v : m)));
  const ring = (vs: readonly bigint[]): Public => (P.length > 1 ? BigUint64Array.from(vs, u64) : u64(vs[0]!));
  if (maxAbs === 1) {
    // p = ±1 (int64): q = p·x, r = 0.
    const q1 = g.apply(ops.mulInt_ap, [x], { p });
    return { q: q1, r: g.op(ops.sub_aa, x, x) };
  }
  const stochastic = g.vm.truncation !== "exact";
  // The second (last) estimate must be within one of ⌊r/p⌋: m's error moves it by at most R/2^(s+1),
  // at most 1/2 (exact: R ≤ 2^s) or 1/4 (stochastic, whose truncation moves it by up to 1).
  const lastFits = (R: number): number | null => {
    const s = shiftFor(R, minAbs);
    return R <= 2 ** (stochastic ? s - 1 : s) ? s : null;
  };
  let q: Node | null = null;
  let r = x;
  let s2: number | null = null;
  const R1 = 2 ** RANGE_BITS;
  const s1 = shiftFor(R1, minAbs);
  const e1 = R1 / 2 ** (s1 + 1) + 1;
  s2 = lastFits(maxAbs * e1);
  if (s2 !== null) {
    q = estimate(g, x, P, s1, false);
    r = g.op(ops.sub_aa, x, g.apply(ops.mulInt_ap, [q], { p }));
  } else {
    s2 = lastFits(2 ** 30) ?? (lastFits(2 ** 29) as number);
  }
  const q2 = estimate(g, r, P, s2, true);
  const r0 = g.op(ops.sub_aa, r, g.apply(ops.mulInt_ap, [q2], { p }));
  const q0 = q === null ? q2 : g.op(ops.add_aa, q, q2);
  // ρ = sign(p)·r0 ∈ [−|p|, 2|p|): add p when ρ < 0, subtract it when ρ ≥ |p|, i.e. |p| − 1 − ρ < 0.
  const neg = P.some((v) => v < 0n);
  const rho = neg ? g.apply(ops.mulInt_ap, [r0], { p: ring(P.map((v) => (v < 0n ? -1n : 1n))) }) : r0;
  const up = g.op(ops.bit2a_b, g.op(ops.msb_a, rho));
  const down = g.op(ops.bit2a_b, g.op(ops.msb_a, g.apply(ops.sub_pa, [rho], { p: ring(abs.map((v) => v - 1n)) })));
  const delta = g.op(ops.sub_aa, up, down);
  return { q: g.op(ops.sub_aa, q0, delta), r: g.op(ops.add_aa, r0, g.apply(ops.mulInt_ap, [delta], { p })) };
}

/**
 * x = q·y + r for a secret fixed-point divisor y (2^−f ≤ |y| < 2^21, |x/y| < 2^25: the division
 * kernel's range). The kernel's quotient is within 1 ulp of the exact one, so its floor is off by
 * at most one; r = x − q·y is exact (q is an integer) and one correction, by y's secret sign, fixes it.
 * Cost: the division (56 rounds), a floor, 1 product, 2 selections, one msb call, 1 product: 80 rounds.
 */
export function divmodSecret(g: Graph, x: Node, y: Node): DivMod {
  const q0 = floorInt(g, g.op(ops.div_aa, x, y));
  const r0 = g.op(ops.sub_aa, x, g.op(ops.mulInt_aa, q0, y));
  const neg = g.op(ops.msb_a, y);
  const rho = g.op(ops.select_baa, neg, g.op(ops.neg_a, r0), r0);
  const absY = g.op(ops.select_baa, neg, g.op(ops.neg_a, y), y);
  const up = g.op(ops.bit2a_b, g.op(ops.msb_a, rho));
  const down = g.op(ops.bit2a_b, g.op(ops.msb_a, g.apply(ops.add_ap, [g.op(ops.sub_aa, absY, rho)], { p: u64(-1n) })));
  const delta = g.op(ops.sub_aa, up, down);
  return { q: g.op(ops.sub_aa, q0, delta), r: g.op(ops.add_aa, r0, g.op(ops.mulInt_aa, delta, y)) };
}
