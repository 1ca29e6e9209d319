/**
 * Layout operators: they move elements (indexing, slicing, broadcasting, transposing, joining) and
 * work the same on shares of either kind and on both parties, so they cost no message. Index
 * arrays are public and checked where they are made (the array layer), not here.
 */
import type { Bits, Ring } from "@petace/protocols";
import type { OpSpec } from "../op-spec.js";
import { concatValues, gatherValue, scatterBits, scatterRing } from "../values.js";

export interface IndexParams {
  /** Flat source positions, one per output element. */
  idx: Uint32Array;
}

/** out[i] = x[idx[i]]. */
export const gather: OpSpec<IndexParams> = {
  name: "gather",
  interactive: false,
  out(inputs, { idx }) {
    const x = inputs[0];
    if (inputs.length !== 1 || !x) throw new RangeError("gather: expected 1 operand");
    if (!(idx instanceof Uint32Array)) throw new TypeError("gather: idx must be a Uint32Array");
    return { n: idx.length, kind: x.kind };
  },
  key: ({ idx }) => String(idx.length),
  run: (_k, xs, { idx }) => gatherValue(xs[0]!, idx),
};

/** A copy of x with x[idx[i]] = v[i] (a later i wins on repeats). */
export const scatter: OpSpec<IndexParams> = {
  name: "scatter",
  interactive: false,
  out(inputs, { idx }) {
    const [x, v] = inputs;
    if (inputs.length !== 2 || !x || !v) throw new RangeError("scatter: expected 2 operands");
    if (x.kind !== v.kind) throw new TypeError(`scatter: target holds ${x.kind}, values hold ${v.kind}`);
    if (v.n !== idx.length) throw new RangeError(`scatter: ${v.n} values for ${idx.length} positions`);
    return { n: x.n, kind: x.kind };
  },
  key: ({ idx }) => String(idx.length),
  run: (_k, xs, { idx }, n) =>
    xs[0] instanceof BigUint64Array ? scatterRing(xs[0], idx, xs[1] as Ring) : scatterBits(xs[0] as Bits, n, idx, xs[1] as Bits),
};

/** The operands one after another (flat). */
export const concat: OpSpec<{ lens: readonly number[] }> = {
  name: "concat",
  interactive: false,
  out(inputs, { lens }) {
    const kind = inputs[0]?.kind ?? "ring";
    if (lens.length !== inputs.length || inputs.some((x, i) => x.n !== lens[i])) throw new RangeError("concat: lens must list the operands' lengths");
    let n = 0;
    for (const x of inputs) {
      if (x.kind !== kind) throw new TypeError(`concat: operands hold ${kind} and ${x.kind}`);
      n += x.n;
    }
    return { n, kind };
  },
  key: ({ lens }) => lens.join(","),
  run: (_k, xs, { lens }) => concatValues(xs[0] instanceof Uint32Array ? "bits" : "ring", xs, lens),
};

/** Marks nodes made with a value (inputs, constants, shares from outside): never run. */
export const source: OpSpec<{ what: string }> = {
  name: "source",
  interactive: false,
  out: () => {
    throw new Error("source: made with a value");
  },
  key: ({ what }) => what,
  run: () => {
    throw new Error("source: made with a value");
  },
};
