/**
 * NumPy `tensordot`: the contraction of chosen axes of a with chosen axes of b, planned as an
 * einsum (routines/einsum.ts) so that it is one matrix product.
 */
import { operand } from "../core/elementwise.js";
import { vmOf } from "../core/graph.js";
import { routine } from "../core/options.js";
import type { SecureArray } from "../core/secure-array.js";
import { fmtShape } from "../core/shape.js";
import { contract } from "./einsum.js";

const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** NumPy's `axes` argument as two equal-length lists of axes (not yet normalised). */
function axesPairs(axes: unknown, na: number): [number[], number[]] {
  if (typeof axes === "number") {
    if (!Number.isInteger(axes) || axes < 0)
      throw new TypeError(`tensordot: axes must be a non-negative integer or a pair of axis lists, got ${axes}`);
    if (axes > na) throw new RangeError(`tensordot: axes = ${axes} is more than a's ${na} dimensions`);
    return [Array.from({ length: axes }, (_, i) => na - axes + i), Array.from({ length: axes }, (_, i) => i)];
  }
  if (!Array.isArray(axes) || axes.length !== 2)
    throw new TypeError("tensordot: axes must be an integer or a pair [axesOfA, axesOfB] (each an integer or a list of integers)");
  const list = (v: unknown, which: string): number[] => {
    const l = typeof v === "number" ? [v] : v;
    if (!Array.isArray(l) || !l.every((x) => Number.isInteger(x)))
      throw new TypeError(`tensordot: axes of ${which} must be an integer or a list of integers`);
    return l as number[];
  };
  const [x, y] = [list(axes[0], "a"), list(axes[1], "b")];
  if (x.length !== y.length) throw new RangeError(`tensordot: shape-mismatch for sum: ${x.length} axes of a against ${y.length} of b`);
  return [x, y];
}

/**
 * NumPy `tensordot(a, b, axes=2)`: `axes` an integer N (a's last N axes against b's first N) or a
 * pair of axis lists (or of single axes); the result has a's free axes then b's, in order.
 * Cost: one matmul of (free of a) × (summed) by (summed) × (free of b), as `einsum`: 1 round of
 * 8(mk + kn) B, plus the truncation of the outputs for float64 · float64 (6 rounds in all).
 * @example np.tensordot(a, b, 1)  np.tensordot(a, b, [[1, 0], [0, 1]])
 */
export const tensordot = routine(
  "tensordot",
  ["a", "b", "axes"],
  {},
  function tensordot(a: unknown, b: unknown, axes: unknown = 2): SecureArray {
    const x = operand(a, "tensordot", "a");
    const y = operand(b, "tensordot", "b");
    const vm = vmOf("tensordot", x, y);
    if (x.ndim + y.ndim > LETTERS.length) throw new RangeError(`tensordot: at most ${LETTERS.length} axes in all`);
    const [ax, bx] = axesPairs(axes, x.ndim);
    const norm = (v: number, nd: number, which: string) => {
      if (v < -nd || v >= nd) throw new RangeError(`tensordot: axis ${v} is out of bounds for ${which} of dimension ${nd}`);
      return v < 0 ? v + nd : v;
    };
    const la = [...LETTERS.slice(0, x.ndim)];
    const lb = [...LETTERS.slice(x.ndim, x.ndim + y.ndim)];
    const sa = ax.map((v) => norm(v, x.ndim, "a"));
    const sb = bx.map((v) => norm(v, y.ndim, "b"));
    if (new Set(sa).size !== sa.length || new Set(sb).size !== sb.length) throw new RangeError("tensordot: an axis is repeated in axes");
    sa.forEach((i, q) => {
      const j = sb[q]!;
      if (x.shape[i] !== y.shape[j])
        throw new RangeError(
          `tensordot: shape-mismatch for sum: a's axis ${i} has length ${x.shape[i]} and b's axis ${j} ${y.shape[j]} (shapes ${fmtShape(x.shape)} and ${fmtShape(y.shape)})`,
        );
      lb[j] = la[i]!;
    });
    const output = [...la.filter((_, i) => !sa.includes(i)), ...lb.filter((_, j) => !sb.includes(j))];
    return contract("tensordot", { inputs: [{ labels: la }, { labels: lb }], output }, [x, y], vm);
  },
);
