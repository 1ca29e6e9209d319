/**
 * Parameters of Ferret's primal-LPN iterations with regular noise (Yang, Weng, Lan, Zhang and Wang,
 * "Ferret: Fast Extension for coRRElated OT with small communication", CCS 2020, §5 and Table 2).
 *
 * One iteration turns `k + t·h` base COTs into `n` COTs: t GGM trees of depth h (n = t·2^h leaves,
 * one noise position per tree: regular noise) and a local linear code of k inputs (LPN_DEGREE base
 * values per output). The numbers are emp-ot's published constants (emp-toolkit/emp-ot,
 * emp-ot/ferret/constants.h: N_REG/T_REG/K_REG/BIN_SZ_REG and N_PRE_REG/...), which follow the
 * paper's 128-bit regular-noise sets: the large "main" set runs every iteration but the first, and
 * the small "pre" set runs once, from IKNP COTs, to make the main set's first base.
 */

/** Base values XORed into each LPN output (the code's row weight; Ferret and emp-ot use 10). */
export const LPN_DEGREE = 10;

export interface FerretParams {
  /** COTs produced per iteration: t·2^h. */
  readonly n: number;
  /** LPN dimension: base COTs the code reads. */
  readonly k: number;
  /** Noise weight: GGM trees, one noise position in each block of 2^h outputs. */
  readonly t: number;
  /** Depth of each GGM tree (log2 of the block size). */
  readonly h: number;
}

/** The two sets an iteration chain uses: `pre` once (from IKNP), then `main` forever. */
export interface FerretParamSets {
  readonly pre: FerretParams;
  readonly main: FerretParams;
}

/** Ferret's 128-bit sets (emp-ot constants.h): main n = 10 608 640, pre n = 649 728. */
export const FERRET_PARAMS: FerretParamSets = Object.freeze({
  main: Object.freeze({ n: 10_608_640, k: 589_824, t: 1295, h: 13 }),
  pre: Object.freeze({ n: 649_728, k: 36_288, t: 1269, h: 9 }),
});

/** Base COTs one iteration consumes: k for the code, h per tree for the GGM sibling sums. */
export function baseCount(p: FerretParams): number {
  return p.k + p.t * p.h;
}

/** COTs an iteration of `p` leaves for the caller after keeping the next main iteration's base. */
export function usableCount(p: FerretParams, main: FerretParams): number {
  return p.n - baseCount(main);
}

/**
 * Checks a parameter pair: n = t·2^h, the code's inputs fit 32-bit indexing, and each iteration
 * yields at least the next main iteration's base (and main something beyond it). Names the field.
 */
export function checkParamSets(fn: string, s: FerretParamSets): void {
  for (const [name, p] of [
    ["pre", s.pre],
    ["main", s.main],
  ] as const) {
    const { n, k, t, h } = p;
    for (const [f, v] of Object.entries({ n, k, t, h }))
      if (!Number.isSafeInteger(v) || v < 1)
        throw new RangeError(`${fn}: params.${name}.${f} must be a positive integer, got ${String(v)}`);
    if (h > 24) throw new RangeError(`${fn}: params.${name}.h must be at most 24, got ${h}`);
    if (n !== t * 2 ** h) throw new RangeError(`${fn}: params.${name}.n must be t·2^h = ${t * 2 ** h}, got ${n}`);
    if (k > 1 << 21) throw new RangeError(`${fn}: params.${name}.k must be at most 2^21, got ${k}`);
    if (n > 1 << 26) throw new RangeError(`${fn}: params.${name}.n must be at most 2^26, got ${n}`);
  }
  if (s.pre.n < baseCount(s.main))
    throw new RangeError(`${fn}: params.pre.n (${s.pre.n}) must cover the main iteration's base of k + t·h = ${baseCount(s.main)} COTs`);
  if (usableCount(s.main, s.main) < 128)
    throw new RangeError(`${fn}: params.main.n must exceed its own base (${baseCount(s.main)}) by at least 128 COTs`);
}
