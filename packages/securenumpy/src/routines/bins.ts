/**
 * Counting against PUBLIC bins: NumPy's `digitize`, `searchsorted` and `bincount` with secret
 * values. Each is one batched comparison (or equality) of every value with every bin, then a sum
 * along the bins: no comparison outcome is revealed, and the cost is that of n·m comparisons in
 * 7 rounds (msb, then one bit conversion), whatever n and m.
 */
import { PlainArray } from "../core/plain.js";
import { routine } from "../core/options.js";
import { SecureArray } from "../core/secure-array.js";
import { sameShape } from "../core/shape.js";
import { isPlainLike, toPlain } from "../core/to-plain.js";
import { multiply } from "../ops/arithmetic.js";
import { astype } from "../ops/astype.js";
import { equal, greater, greaterEqual, less, lessEqual } from "../ops/compare.js";
import { sum } from "./reduce.js";
import { same, secureArg } from "./util.js";

/** Public 1-D bins as numbers: non-empty, finite, and monotonic (`strict`: no repeats). */
function publicBins(where: string, arg: string, v: unknown): number[] {
  if (v instanceof SecureArray)
    throw new TypeError(`${where}: ${arg} must be public (a plaintext array): comparisons against secret ${arg} are not supported`);
  const p = toPlain(v, where, arg, "operand");
  if (p.ndim !== 1) throw new RangeError(`${where}: ${arg} must be 1-D, got ${p.ndim}-D`);
  if (p.size === 0) throw new RangeError(`${where}: ${arg} must not be empty`);
  const out = Array.from(p.toNumbers());
  out.forEach((e, i) => {
    if (!Number.isFinite(e)) throw new RangeError(`${where}: ${arg} must be finite (element ${i} is not)`);
  });
  return out;
}

/** x with a trailing axis of length 1, so that it broadcasts against the bins (no message). */
const column = (x: SecureArray): SecureArray => same(x, [...x.shape, 1]);

const binsOf = (b: number[]): PlainArray => new PlainArray(Float64Array.from(b), [b.length], "float64");

export interface DigitizeOptions {
  /** Whether a bin includes its right edge instead of its left (default false), as NumPy. */
  right?: boolean;
}

/**
 * NumPy `digitize(x, bins, right=False)` with PUBLIC monotonic bins and secret x: the index i of
 * the bin each value falls in, int64 of x's shape. Increasing bins: bins[i−1] ≤ x < bins[i]
 * (`right`: bins[i−1] < x ≤ bins[i]); decreasing bins: bins[i−1] > x ≥ bins[i] (`right`:
 * bins[i−1] ≥ x > bins[i]). 0 and len(bins) for values beyond the ends. Exact (comparisons of the
 * fixed-point values). Cost: x.size·len(bins) comparisons in one msb call (6 rounds, ≈ 45 B each)
 * + a bit conversion (1 round): 7 rounds; the sum is local.
 * @example np.digitize(x, [0, 10, 100]) // [-1, 0, 5, 10, 500] → [0, 1, 1, 2, 3]
 */
export const digitize = routine(
  "digitize",
  ["x", "bins"],
  { right: "boolean" },
  function digitize(x: SecureArray, bins: unknown, options: DigitizeOptions = {}): SecureArray {
    const v = secureArg("digitize", x, "x");
    const b = publicBins("digitize", "bins", bins);
    const up = b.every((e, i) => i === 0 || e >= b[i - 1]!);
    const down = b.every((e, i) => i === 0 || e <= b[i - 1]!);
    if (!up && !down) throw new RangeError("digitize: bins must be monotonically increasing or decreasing");
    const right = options.right ?? false;
    const c = column(v);
    // The index is the number of bins on the value's "low" side.
    const side = up ? (right ? greater(c, binsOf(b)) : greaterEqual(c, binsOf(b))) : right ? lessEqual(c, binsOf(b)) : less(c, binsOf(b));
    return sum(side, -1);
  },
);

export interface SearchsortedOptions {
  /** "left" (default): the first suitable index; "right": the last, as NumPy. */
  side?: "left" | "right";
}

const SIDE = { test: (v: unknown) => v === "left" || v === "right", expected: '"left" or "right"' };

/**
 * NumPy `searchsorted(a, v, side='left')` with a PUBLIC sorted (non-decreasing) 1-D `a` and secret
 * values v: the indices where v would be inserted to keep `a` sorted, int64 of v's shape
 * ("left": the number of a[i] < v; "right": of a[i] ≤ v). Exact. NumPy's `sorter` is not
 * supported (sort `a` first: it is public). Cost as `digitize`: v.size·len(a) comparisons, 7 rounds.
 * @example np.searchsorted([1, 2, 3, 4, 5], v, { side: "right" })
 */
export const searchsorted = routine(
  "searchsorted",
  ["a", "v"],
  { side: SIDE },
  function searchsorted(a: unknown, v: SecureArray, options: SearchsortedOptions = {}): SecureArray {
    const b = publicBins("searchsorted", "a", a);
    const x = secureArg("searchsorted", v, "v");
    if (!b.every((e, i) => i === 0 || e >= b[i - 1]!)) throw new RangeError("searchsorted: a must be sorted in non-decreasing order");
    const c = column(x);
    return sum((options.side ?? "left") === "left" ? greater(c, binsOf(b)) : greaterEqual(c, binsOf(b)), -1);
  },
);

export interface BincountOptions {
  /** Weights, one per value (public or secret); the counts become float64 sums of weights, as NumPy. */
  weights?: unknown;
  /**
   * The output's length: REQUIRED here. NumPy's is max(max(x) + 1, minlength), and max(x) is
   * secret, so the length must be given; values outside [0, minlength) are not counted.
   */
  minlength?: number;
}

const WEIGHTS = {
  test: (v: unknown) => v === null || v instanceof SecureArray || isPlainLike(v),
  expected: "an array of weights (plaintext or a SecureArray) or null",
};

/**
 * NumPy `bincount(x, weights=None, minlength=0)` for secret non-negative int64 x (1-D) with a
 * PUBLIC output length `minlength`, which is required: NumPy's output length is max(x) + 1, a
 * secret here. out[k] = the number of x == k (int64), or the sum of their weights (float64) with
 * `weights`. Values outside [0, minlength) are not counted and raise no error (NumPy raises one for
 * negative values; checking would reveal it). Exact. Cost: x.size·minlength equalities in one call
 * (6 rounds, ≈ 16 B each) + a bit conversion (1 round), or with secret weights a selection (2 rounds).
 * @example np.bincount(x, { minlength: 5 }) // x = [0, 1, 1, 3] → [1, 2, 0, 1, 0]
 */
export const bincount = routine(
  "bincount",
  ["x"],
  { weights: WEIGHTS, minlength: "integer" },
  function bincount(x: SecureArray, options: BincountOptions = {}): SecureArray {
    const v = secureArg("bincount", x, "x");
    const L = options.minlength;
    if (L === undefined)
      throw new TypeError(
        "bincount: options.minlength is required: NumPy's output length is max(x) + 1, which is secret here, " +
          "so pass the public length ({ minlength: L }); values outside [0, L) are not counted",
      );
    if (L < 1) throw new RangeError(`bincount: minlength must be at least 1, got ${L}`);
    if (v.ndim !== 1) throw new RangeError(`bincount: x must be 1-D, got ${v.ndim}-D`);
    if (v.dtype === "float64")
      throw new TypeError('bincount: x must hold integers (int64 or bool), got float64; convert with astype("int64")');
    const hits = equal(
      column(v),
      new PlainArray(
        BigInt64Array.from({ length: L }, (_, k) => BigInt(k)),
        [L],
        "int64",
      ),
    );
    const w = options.weights;
    if (w === undefined || w === null) return sum(hits, 0);
    let weights: SecureArray | PlainArray;
    if (w instanceof SecureArray) {
      if (w.vm !== v.vm) throw new TypeError("bincount: x and weights belong to different VMs");
      weights = w.dtype === "float64" ? w : astype(w, "float64");
    } else {
      const p = toPlain(w, "bincount", "weights", "operand");
      weights = new PlainArray(Float64Array.from(p.toNumbers()), p.shape, "float64");
    }
    if (!sameShape(weights.shape, v.shape))
      throw new RangeError(`bincount: weights must have x's shape (${v.shape.join(",")}), got (${weights.shape.join(",")})`);
    const col = weights instanceof SecureArray ? same(weights, [v.size, 1]) : new PlainArray(weights.data, [v.size, 1], "float64");
    return sum(multiply(hits, col), 0);
  },
);
