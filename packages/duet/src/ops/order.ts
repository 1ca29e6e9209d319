/**
 * Order statistics on the rows of a rows×cols ring value (nothing about the order is revealed).
 * Sorts and reductions of equal row width merge by stacking rows; argsort returns values and
 * indices together (values first, then indices) and does not merge.
 */
import type { Ring } from "@petace/protocols";
import { commonLength, type OpSpec } from "../op-spec.js";

export interface SortParams {
  rows: number;
  cols: number;
  descending: boolean;
}

function checkRows(name: string, inputs: Parameters<OpSpec["out"]>[0], rows: number, cols: number): void {
  commonLength(name, inputs, ["ring"]);
  if (inputs[0]!.n !== rows * cols) throw new RangeError(`${name}: ${inputs[0]!.n} elements are not ${rows}×${cols}`);
}

const stackRows = <P extends { rows: number }>(parts: readonly { params: P }[]): P => ({
  ...parts[0]!.params,
  rows: parts.reduce((s, q) => s + q.params.rows, 0),
});

export const sort: OpSpec<SortParams> = {
  name: "sort",
  interactive: true,
  out(inputs, { rows, cols }) {
    checkRows("sort", inputs, rows, cols);
    return { n: rows * cols, kind: "ring" };
  },
  key: ({ cols, descending }) => `${cols}${descending ? "d" : "a"}`,
  merge: { combine: stackRows },
  run: (k, xs, { rows, cols, descending }) => k.sort(xs[0] as Ring, rows, cols, descending),
};

/** Output: sorted values (rows×cols) then integer source columns (rows×cols). */
export const argsort: OpSpec<SortParams> = {
  name: "argsort",
  interactive: true,
  out(inputs, { rows, cols }) {
    checkRows("argsort", inputs, rows, cols);
    return { n: 2 * rows * cols, kind: "ring" };
  },
  key: ({ rows, cols, descending }) => `${rows}x${cols}${descending ? "d" : "a"}`,
  async run(k, xs, { rows, cols, descending }) {
    const { values, indices } = await k.argsort(xs[0] as Ring, rows, cols, descending);
    const out = new BigUint64Array(2 * rows * cols);
    out.set(values, 0);
    out.set(indices, rows * cols);
    return out;
  },
};

export interface RowParams {
  rows: number;
  cols: number;
}

type Reduce = "max" | "min" | "argmax" | "argmin";

function reduceSpec(name: Reduce): OpSpec<RowParams> {
  return {
    name,
    interactive: true,
    out(inputs, { rows, cols }) {
      checkRows(name, inputs, rows, cols);
      if (cols < 1) throw new RangeError(`${name}: rows must not be empty`);
      return { n: rows, kind: "ring" };
    },
    key: ({ cols }) => String(cols),
    merge: { combine: stackRows },
    run: (k, xs, { rows, cols }) => k[name](xs[0] as Ring, rows, cols),
  };
}

/** Row maxima (any scale). */
export const max = reduceSpec("max");
export const min = reduceSpec("min");
/** Integer index of each row's first maximum. */
export const argmax = reduceSpec("argmax");
export const argmin = reduceSpec("argmin");
