/**
 * Statistics. Divisions by counts are by public numbers (a product with a public reciprocal carrying
 * extra bits, then one truncation, exact and rounded to nearest: 5–7 rounds by the shift, 1 with
 * the stochastic opt-in); order statistics sort obliviously first.
 */
import { PlainArray } from "../core/plain.js";
import { SecureArray } from "../core/secure-array.js";
import { sizeOf, stridesOf } from "../core/shape.js";
import { stridedIndex } from "../core/strides.js";
import { isPlainLike, toPlain } from "../core/to-plain.js";
import { add, divide, multiply, negative, subtract } from "../ops/arithmetic.js";
import { greater, greaterEqual, less } from "../ops/compare.js";
import { matmul } from "../ops/matmul.js";
import { Graph } from "../core/graph.js";
import { allIntegers, expandPlain, publicRing } from "../core/elementwise.js";
import { combineSplit, ringOf, splitFactor } from "../core/public-float.js";
import { ops } from "@petace/duet";
import { concatenate, stack } from "./join.js";
import { alongAxis } from "./manipulation.js";
import { max, sum } from "./reduce.js";
import { sort } from "./sorting.js";
import { sqrt } from "./math.js";
import { axesOf, axisOf, KEEPDIMS, nodeAs, same, secureArg, type Axis, type KeepdimsOptions } from "./util.js";
import { routine } from "../core/options.js";

function countOf(where: string, x: SecureArray, axis: Axis): number {
  return sizeOf(axesOf(where, axis, x.ndim).map((a) => x.shape[a]!));
}

/**
 * NumPy `mean(a, axis=None, keepdims=False)` (float64). Cost: a local sum and a division by the
 * public count (one truncation). Valid while |sum| < 2^25 / n (f = 16).
 * @example np.mean(x, 0)  np.mean(x, -1, { keepdims: true })
 */
export const mean = routine(
  "mean",
  ["a", "axis"],
  KEEPDIMS,
  function mean(a: SecureArray, axis?: Axis, options: KeepdimsOptions = {}): SecureArray {
    const keepdims = options.keepdims ?? false;
    const x = secureArg("mean", a);
    const n = countOf("mean", x, axis);
    if (n === 0) throw new RangeError("mean: mean of an empty slice (NumPy returns NaN; there is no NaN in fixed point)");
    return divide(sum(x, axis, { keepdims }), n);
  },
);

export interface AverageOptions extends KeepdimsOptions {
  /**
   * One weight per element of a, or one per position along `axis` (1-D); public or secret.
   * NumPy's third positional parameter: here it goes by name, `{ weights }`.
   */
  weights?: unknown;
}

/** Weights: plaintext data (as operands take it) or a SecureArray; checked in full by toPlain. */
const WEIGHTS = {
  test: (v: unknown) => v === null || v instanceof SecureArray || isPlainLike(v),
  expected: "an array of weights (plaintext or a SecureArray) or null",
};

/**
 * NumPy `average(a, axis=None, weights=None, keepdims=False)`: Σ w·a / Σ w over the axes. Public
 * integer weights: exact products, an exact sum and a division by their public sum (two
 * truncations; rounded to nearest). Other public weights: one contraction with the normalized
 * weights, rounded once (averageByFloats below).
 * Secret weights: a secret division (Goldschmidt; see the div kernel's cost).
 * @example np.average(x, 0, { weights: [1, 2, 1] })
 */
export const average = routine(
  "average",
  ["a", "axis"],
  { weights: WEIGHTS, ...KEEPDIMS },
  function average(a: SecureArray, axis?: number | null, options: AverageOptions = {}): SecureArray {
    const keepdims = options.keepdims ?? false;
    const x = secureArg("average", a);
    if (options.weights === undefined || options.weights === null) return mean(x, axis, { keepdims });
    let w: SecureArray | PlainArray =
      options.weights instanceof SecureArray ? options.weights : toPlain(options.weights, "average", "weights", "operand");
    if (w instanceof SecureArray && w.vm !== x.vm) throw new TypeError("average: a and weights belong to different VMs");
    if (w.shape.length !== x.ndim || w.shape.some((d, i) => d !== x.shape[i])) {
      if (axis === undefined || axis === null)
        throw new TypeError("average: axis must be specified when shapes of a and weights differ (as NumPy)");
      const ax = axisOf("average", axis, x.ndim);
      if (w.ndim !== 1 || w.shape[0] !== x.shape[ax])
        throw new RangeError(`average: weights must be 1-D with length ${x.shape[ax]} along axis ${ax}, or have a's shape`);
      const shape = x.shape.map((d, i) => (i === ax ? d : 1));
      w = w instanceof PlainArray ? new PlainArray(w.data, shape, w.dtype) : same(w, shape);
    }
    if (w instanceof PlainArray && !allIntegers(w)) {
      const r = averageByFloats(x, w, axis, keepdims);
      if (r !== null) return r;
    }
    const num = sum(multiply(x, w), axis, { keepdims });
    // The weights' sums over the reduced axes (shape broadcastable to num's).
    if (w instanceof SecureArray) {
      const den = sum(w, axis, { keepdims: true });
      return divide(num, keepdims ? den : den.reshape(sumShape(x, den.shape, axis)));
    }
    const den = plainSum(w, axesOf("average", axis, x.ndim));
    if (den.toNumbers().some((v) => v === 0)) throw new RangeError("average: weights sum to zero, can't be normalized");
    return divide(num, keepdims ? den : new PlainArray(den.data, sumShape(x, den.shape, axis), den.dtype));
  },
);

/**
 * Σ a·(w / Σw) with the normalized public weights encoded with extra bits and one rounding at the
 * end (core/public-float.ts): the weighted sum and the division by Σw of the integer-weight path
 * would round twice, and weights off the fixed-point grid (0.1, 0.2, 0.3) once more each. Within
 * 1/2 ulp + Σ|a|·2^−(f+E+1) along the reduced axes (E as for `multiply`: 32 for f = 16, int64 a:
 * 31), for Σ|a| < 2^31 (int64 a: 2^32) there. null when the normalized weights are on the grid
 * (then the exact path below).
 */
function averageByFloats(x: SecureArray, w: PlainArray, axis: number | null | undefined, keepdims: boolean): SecureArray | null {
  const f = x.vm.fracBits;
  const xd = x.dtype === "float64" ? "float64" : "int64";
  const scale = xd === "float64" ? f : 0;
  const axes = axesOf("average", axis, x.ndim);
  const wFull = expandPlain(w, x.shape);
  const den = plainSum(wFull, axes);
  const dv = den.toNumbers();
  if (dv.some((v) => v === 0)) throw new RangeError("average: weights sum to zero, can't be normalized");
  const to = stridedIndex(
    x.shape,
    stridesOf(den.shape).map((st, j) => (axes.includes(j) ? 0 : st)),
  );
  const wv = wFull.toNumbers();
  const nw = Float64Array.from(wv, (v, i) => v / dv[to[i]!]!);
  const sp = splitFactor(nw, f, scale);
  if (sp === null) return null;
  const g = new Graph(x.vm, "average", x.shape);
  const xn = nodeAs(g, x, xd);
  // Raw ring products wrapped as int64 arrays so that `sum` adds them exactly (mod 2^64).
  const part = (v: Float64Array) =>
    sum(g.out(g.apply(ops.mulInt_ap, [xn], { p: publicRing(g, ringOf(v, x.shape), "int64") }), "int64"), axis, { keepdims });
  const hi = part(sp.hi);
  const limbs = sp.limbs.map((l) => part(l.d).node);
  const g2 = new Graph(x.vm, "average", hi.shape);
  return g2.out(combineSplit(g2, hi.node, limbs, sp.limbs, scale), "float64");
}

/** The shape of a keepdims sum of weights with the reduced axes dropped. */
function sumShape(x: SecureArray, wshape: readonly number[], axis: Axis): number[] {
  const axes = axesOf("average", axis, x.ndim);
  return wshape.filter((_, i) => !axes.includes(i));
}

/** Sums of a public array over `axes`, keeping them as length 1 (float64). */
function plainSum(p: PlainArray, axes: readonly number[]): PlainArray {
  const shape = p.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const v = p.toNumbers();
  const out = new Float64Array(sizeOf(shape));
  const st = stridesOf(shape);
  // Where each element of p lands: its position in the sums, the reduced axes contributing nothing.
  const to = stridedIndex(
    p.shape,
    st.map((s, j) => (axes.includes(j) ? 0 : s)),
  );
  for (let i = 0; i < v.length; i++) out[to[i]!]! += v[i]!;
  return new PlainArray(out, shape, "float64");
}

export interface VarOptions extends KeepdimsOptions {
  /** Delta degrees of freedom: the divisor is n − ddof (default 0; 1 for the sample variance). */
  ddof?: number;
}

const VAR_OPTIONS = { ddof: "number", ...KEEPDIMS } as const;

/**
 * NumPy `var(a, axis=None, ddof=0, keepdims=False)`: mean of squared deviations, divided by
 * n − ddof. Cost: a mean, a square and a public division (three truncations in sequence).
 * @example np.var(x, 0, { ddof: 1 }) // the sample variance along axis 0
 */
export const variance = routine(
  "var",
  ["a", "axis"],
  VAR_OPTIONS,
  function variance(a: SecureArray, axis?: Axis, options: VarOptions = {}): SecureArray {
    return varianceOf("var", a, axis, options);
  },
);

function varianceOf(where: string, a: SecureArray, axis: Axis, options: VarOptions): SecureArray {
  const keepdims = options.keepdims ?? false;
  const ddof = options.ddof ?? 0;
  const x = secureArg(where, a);
  const n = countOf(where, x, axis);
  // NumPy warns and returns inf or NaN; fixed point has neither, and the shape (so n) is public.
  if (!(n - ddof > 0))
    throw new RangeError(
      `${where}: ddof = ${ddof} leaves no degrees of freedom: ${n} element${n === 1 ? "" : "s"} per result, and the divisor n − ddof must be positive; use ddof < ${n}`,
    );
  const d = subtract(x, mean(x, axis, { keepdims: true }));
  return divide(sum(d.mul(d), axis, { keepdims }), n - ddof);
}

/**
 * NumPy `std(a, axis=None, ddof=0, keepdims=False)`: sqrt(var). Cost: var + sqrt (27 rounds).
 * A variance below 2^−16 (constant data) is outside sqrt's range: the result is ≈ 0 but not exact.
 * @example np.std(x, null, { ddof: 1 })
 */
export const std = routine(
  "std",
  ["a", "axis"],
  VAR_OPTIONS,
  function std(a: SecureArray, axis?: Axis, options: VarOptions = {}): SecureArray {
    return sqrt(varianceOf("std", a, axis, options));
  },
);

/**
 * NumPy `ptp(a, axis=None, keepdims=False)`: max − min. Cost: one tournament (as `max`): the rows of
 * x and −x go through the same max operator, so min costs no extra rounds.
 * @example np.ptp(x, 0)
 */
export const ptp = routine(
  "ptp",
  ["a", "axis"],
  KEEPDIMS,
  function ptp(a: SecureArray, axis?: Axis, options: KeepdimsOptions = {}): SecureArray {
    const keepdims = options.keepdims ?? false;
    const x = secureArg("ptp", a);
    if (x.dtype === "bool") throw new TypeError('ptp: boolean subtract is not supported (as in NumPy); use astype("int64") first');
    const m = max(
      stack([x, negative(x)], 0),
      axesOf("ptp", axis, x.ndim).map((i) => i + 1),
      { keepdims },
    );
    return add(m.get(0), m.get(1)); // max(x) + max(−x)
  },
);

/**
 * NumPy `quantile(a, q, axis=None, keepdims=False)` with the default "linear" method: the sorted
 * values at positions q·(n − 1), interpolated. q is public (a number or a list, in [0, 1]); a list
 * adds a leading axis. Cost: an oblivious sort along the axis + one product per interpolated value.
 * @example np.quantile(x, [0.25, 0.75], 0)
 */
export const quantile = routine(
  "quantile",
  ["a", "q", "axis"],
  KEEPDIMS,
  function quantile(a: SecureArray, q: number | readonly number[], axis?: number | null, options: KeepdimsOptions = {}): SecureArray {
    const keepdims = options.keepdims ?? false;
    return quantileImpl("quantile", a, q, axis, keepdims, 1);
  },
);

/**
 * NumPy `percentile(a, q, axis=None, keepdims=False)`: quantile with q in [0, 100].
 * @example np.percentile(x, [5, 95])
 */
export const percentile = routine(
  "percentile",
  ["a", "q", "axis"],
  KEEPDIMS,
  function percentile(a: SecureArray, q: number | readonly number[], axis?: number | null, options: KeepdimsOptions = {}): SecureArray {
    const keepdims = options.keepdims ?? false;
    return quantileImpl("percentile", a, q, axis, keepdims, 100);
  },
);

/**
 * NumPy `median(a, axis=None, keepdims=False)`: quantile 0.5 (the mean of the middle two for even n).
 * @example np.median(x, 0)
 */
export const median = routine(
  "median",
  ["a", "axis"],
  KEEPDIMS,
  function median(a: SecureArray, axis?: number | null, options: KeepdimsOptions = {}): SecureArray {
    const keepdims = options.keepdims ?? false;
    return quantileImpl("median", a, 0.5, axis, keepdims, 1);
  },
);

function quantileImpl(
  where: string,
  a: SecureArray,
  q: number | readonly number[],
  axis: number | null | undefined,
  keepdims: boolean,
  scale: number,
): SecureArray {
  let x = secureArg(where, a);
  const qs = typeof q === "number" ? [q] : [...q];
  for (const v of qs)
    if (typeof v !== "number" || !(v >= 0 && v <= scale)) throw new RangeError(`${where}: q must be in [0, ${scale}], got ${v}`);
  const flat = axis === undefined || axis === null;
  const origShape = x.shape;
  if (flat) x = same(x, [x.size]);
  const ax = axisOf(where, flat ? 0 : axis, x.ndim);
  const n = x.shape[ax]!;
  if (n === 0) throw new RangeError(`${where}: cannot take a quantile of an empty axis`);
  const s = sort(x.dtype === "float64" ? x : x.astype("float64"), ax);
  const outs = qs.map((v) => {
    const pos = (v / scale) * (n - 1);
    const lo = Math.floor(pos);
    const frac = pos - lo;
    const low = alongAxis(where, s, ax, [lo]);
    const r = frac === 0 ? low : low.add(multiply(subtract(alongAxis(where, s, ax, [Math.min(lo + 1, n - 1)]), low), frac));
    const kept = flat ? (keepdims ? origShape.map(() => 1) : []) : keepdims ? r.shape : r.shape.filter((_, i) => i !== ax);
    return same(r, kept);
  });
  return typeof q === "number" ? outs[0]! : stack(outs, 0);
}

export interface CovOptions {
  /** Rows are variables (default true), as NumPy. */
  rowvar?: boolean;
  /** Divide by N − ddof (default 1; NumPy's bias=True is ddof 0). */
  ddof?: number;
}

/**
 * NumPy `cov(m, rowvar=True, ddof=None)`: the covariance matrix of the variables (rows). Cost: a
 * mean, one matmul and a public division (a truncation each).
 * @example np.cov(X) // rows are variables
 */
export const cov = routine(
  "cov",
  ["m"],
  { rowvar: "boolean", ddof: "number" },
  function cov(m: SecureArray, options: CovOptions = {}): SecureArray {
    let x = secureArg("cov", m, "m");
    if (x.ndim > 2) throw new RangeError("cov: m has more than 2 dimensions");
    if (x.ndim < 2) x = same(x, [1, x.size]);
    if (options.rowvar === false) x = x.T;
    const n = x.shape[1]!;
    const ddof = options.ddof ?? 1;
    if (!(n - ddof > 0))
      throw new RangeError(
        `cov: ddof = ${ddof} leaves no degrees of freedom: ${n} observation${n === 1 ? "" : "s"} per variable, and the divisor n − ddof must be positive; use ddof < ${n}`,
      );
    const xc = subtract(x, mean(x, 1, { keepdims: true }));
    const c = divide(matmul(xc, xc.T), n - ddof);
    return x.shape[0] === 1 ? same(c, []) : c;
  },
);

/**
 * NumPy `corrcoef(x, rowvar=True)`: cov / sqrt(outer(var, var)), with 1/sqrt from the rsqrt kernel
 * (25 rounds), then as NumPy clipped to [−1, 1] (two comparisons at once and two bit products: 8
 * rounds). The diagonal is exactly 1: c_ii·rsqrt(c_ii)² is 1 wherever the variance is nonzero, and
 * rsqrt's absolute 1/2 ulp, scaled by the standard deviation, would otherwise leave it ~0.5 ulp·2σ
 * off (NumPy: 1, or NaN for a constant variable, which has no fixed-point value). Off the diagonal
 * the same effect gives about |r|·0.5 ulp·(σ_i + σ_j) plus the products' roundings.
 * @example np.corrcoef(X)
 */
export const corrcoef = routine(
  "corrcoef",
  ["x"],
  { rowvar: "boolean" },
  function corrcoef(x: SecureArray, options: Pick<CovOptions, "rowvar"> = {}): SecureArray {
    const c = cov(secureArg("corrcoef", x, "x"), { ...options, ddof: 1 });
    if (c.ndim === 0) return divide(c, c); // 1 (as NumPy) up to the division's error
    const k = c.shape[0]!;
    const g = new Graph(c.vm, "corrcoef", [k]);
    const d = g.gather(
      c.node,
      Uint32Array.from({ length: k }, (_, i) => i * k + i),
    );
    const rs = g.out(g.op(ops.rsqrt_a, d), "float64");
    const r = multiply(multiply(c, same(rs, [k, 1])), same(rs, [1, k]));
    // The public diagonal set to 1 (local: a 0/1 mask and an added identity).
    const eye = new Float64Array(k * k);
    for (let i = 0; i < k; i++) eye[i * k + i] = 1;
    const off = Float64Array.from(eye, (v) => 1 - v);
    const unitDiag = add(multiply(r, new PlainArray(off, [k, k], "float64")), new PlainArray(eye, [k, k], "float64"));
    // Clip to [−1, 1] as NumPy, both sides at once: r + [r > 1]·(1 − r) + [r < −1]·(−1 − r).
    const above = greater(unitDiag, 1);
    const below = less(unitDiag, -1);
    return add(add(unitDiag, multiply(above, subtract(1, unitDiag))), multiply(below, subtract(-1, unitDiag)));
  },
);

/** A histogram's public [min, max]. */
const RANGE = {
  test: (v: unknown) => Array.isArray(v) && v.length === 2 && v.every((e) => typeof e === "number" && Number.isFinite(e)),
  expected: "[min, max], two finite numbers",
};

export interface HistogramOptions {
  /** With a number of bins: the public [min, max] they span (required: the data's own range is secret). */
  range?: readonly [number, number];
}

/**
 * NumPy `histogram(a, bins, range=None)` with PUBLIC bins: an array of increasing edges, or a number
 * of equal bins over a public `range`. Returns `[counts, edges]`: secret int64 counts (the last bin
 * includes its right edge, values outside are not counted, as NumPy) and the public edges.
 * Cost: one batched comparison of every element with every edge (7 rounds, ≈ 45 B per pair) + a bit
 * conversion (1 round).
 * @example const [counts, edges] = np.histogram(x, [0, 10, 20, 50])
 */
export const histogram = routine(
  "histogram",
  ["a", "bins"],
  { range: RANGE },
  function histogram(
    a: SecureArray,
    bins: number | ArrayLike<number | bigint> | PlainArray,
    options: HistogramOptions = {},
  ): [SecureArray, PlainArray] {
    const x = secureArg("histogram", a);
    let edges: number[];
    let edgesOut: PlainArray | null = null;
    if (typeof bins === "number") {
      if (!Number.isInteger(bins) || bins < 1) throw new RangeError("histogram: bins must be a positive integer or an array of edges");
      if (options.range === undefined)
        throw new TypeError(
          "histogram: a number of bins needs options.range: the data's min and max are secret, so the bins must be public",
        );
      const [lo, hi] = options.range;
      if (!(hi > lo)) throw new RangeError("histogram: range must be [min, max] with max > min");
      edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + ((hi - lo) * i) / bins));
    } else {
      // Any public array form, as NumPy; a secret one cannot be (the bins must be public).
      if (bins instanceof SecureArray)
        throw new TypeError("histogram: bins must be public (a number with options.range, or an array of edges); reveal them first");
      if (!isPlainLike(bins))
        throw new TypeError("histogram: bins must be a number of bins or a 1-D array of edges (a list, typed array or PlainArray)");
      const plain = toPlain(bins, "histogram", "bins", "operand");
      if (plain.ndim !== 1) throw new RangeError(`histogram: bins must be 1-D, got ${plain.ndim} dimensions`);
      // NumPy returns the edges as given: integer edges stay int64.
      if (plain.dtype === "int64") edgesOut = plain;
      edges = Array.from(plain.toNumbers());
      if (edges.length < 2) throw new RangeError("histogram: bins must hold at least two edges");
      for (let i = 1; i < edges.length; i++)
        if (!(edges[i]! > edges[i - 1]!)) throw new RangeError("histogram: bins must increase monotonically");
    }
    const flat = same(x, [x.size, 1]);
    const B = edges.length - 1;
    // #(x ≥ e_i) for the left edges, #(x > e_B) for the last: counts are differences.
    const geLeft = sum(greaterEqual(flat, new PlainArray(Float64Array.from(edges.slice(0, B)), [1, B], "float64")), 0);
    const gtLast = sum(greater(flat, new PlainArray(Float64Array.of(edges[B]!), [1, 1], "float64")), 0);
    const t = concatenate([geLeft, gtLast]);
    const counts = subtract(t.get(`:${B}`), t.get("1:"));
    return [counts, edgesOut ?? new PlainArray(Float64Array.from(edges), [B + 1], "float64")];
  },
);

export { variance as var };
