/**
 * Arithmetic operators on ring shares (fixed point or integer; the dtype layer picks which).
 * Local ones cost no message; the interactive ones merge element-wise (products, truncation) or by
 * rows (row products). Matmul does not merge: its triples are shaped m×k×n.
 */
import type { Ring } from "@petace/protocols";
import { checkPublicParam, commonLength, elementwise, publicMerge, type OpSpec, type PublicParam } from "../op-spec.js";

const RR = ["ring", "ring"] as const;
const R = ["ring"] as const;

export const add = elementwise("add", RR, "ring", false, (k, xs) => k.add(xs[0] as Ring, xs[1] as Ring));
export const sub = elementwise("sub", RR, "ring", false, (k, xs) => k.sub(xs[0] as Ring, xs[1] as Ring));
export const neg = elementwise("neg", R, "ring", false, (k, xs) => k.neg(xs[0] as Ring));

export const addPublic = elementwise<PublicParam>("addPublic", R, "ring", false, (k, xs, { p }) => k.addPublic(xs[0] as Ring, p), {
  check: checkPublicParam("addPublic"),
});
/** p − x. */
export const subFromPublic = elementwise<PublicParam>("subFromPublic", R, "ring", false, (k, xs, { p }) => k.subFromPublic(p, xs[0] as Ring), {
  check: checkPublicParam("subFromPublic"),
});
/** Ring product with public integers: exact, local. */
export const mulPublicInt = elementwise<PublicParam>("mulPublicInt", R, "ring", false, (k, xs, { p }) => k.mulPublicInt(xs[0] as Ring, p), {
  check: checkPublicParam("mulPublicInt"),
});

/** Fixed-point product with a public fixed-point operand (one truncation). */
export const mulPublic = elementwise<PublicParam>("mulPublic", R, "ring", true, (k, xs, { p }) => k.mulPublic(xs[0] as Ring, p), {
  check: checkPublicParam("mulPublic"),
  merge: publicMerge,
});
export const mul = elementwise("mul", RR, "ring", true, (k, xs) => k.mul(xs[0] as Ring, xs[1] as Ring));
export const mulInt = elementwise("mulInt", RR, "ring", true, (k, xs) => k.mulInt(xs[0] as Ring, xs[1] as Ring));
export const square = elementwise("square", R, "ring", true, (k, xs) => k.square(xs[0] as Ring));

export interface TruncateParams {
  bits: number;
}
/** Signed division by 2^bits (fixed point → fewer fractional bits, or fixed → integer). */
export const truncate = elementwise<TruncateParams>("truncate", R, "ring", true, (k, xs, { bits }) => k.truncate(xs[0] as Ring, bits), {
  key: ({ bits }) => String(bits),
  check: ({ bits }) => {
    if (!Number.isInteger(bits) || bits < 1 || bits > 61) throw new RangeError(`truncate: bits must be an integer in [1, 61], got ${bits}`);
  },
});

export interface MatmulParams {
  m: number;
  k: number;
  n: number;
}

function matmulSpec(name: string, fixed: boolean): OpSpec<MatmulParams> {
  return {
    name,
    interactive: true,
    out(inputs, { m, k, n }) {
      const [x, y] = inputs;
      if (inputs.length !== 2 || !x || !y) throw new RangeError(`${name}: expected 2 operands`);
      if (x.kind !== "ring" || y.kind !== "ring") throw new TypeError(`${name}: operands must hold ring values`);
      if (x.n !== m * k || y.n !== k * n) throw new RangeError(`${name}: operands of ${x.n} and ${y.n} elements do not form ${m}×${k} and ${k}×${n}`);
      return { n: m * n, kind: "ring" };
    },
    key: ({ m, k, n }) => `${m}x${k}x${n}`,
    run: (kern, xs, { m, k, n }) => (fixed ? kern.matmul(xs[0] as Ring, xs[1] as Ring, m, k, n) : kern.matmulInt(xs[0] as Ring, xs[1] as Ring, m, k, n)),
  };
}

export const matmul = matmulSpec("matmul", true);
export const matmulInt = matmulSpec("matmulInt", false);

export interface RowsParams {
  rows: number;
  cols: number;
}

function rowsSpec(name: string, interactive: boolean, run: OpSpec<RowsParams>["run"]): OpSpec<RowsParams> {
  return {
    name,
    interactive,
    out(inputs, { rows, cols }) {
      commonLength(name, inputs, R);
      if (inputs[0]!.n !== rows * cols) throw new RangeError(`${name}: ${inputs[0]!.n} elements are not ${rows}×${cols}`);
      return { n: rows, kind: "ring" };
    },
    key: ({ cols }) => String(cols),
    ...(interactive
      ? { merge: { combine: (parts) => ({ rows: parts.reduce((s, q) => s + q.params.rows, 0), cols: parts[0]!.params.cols }) } }
      : {}),
    run,
  };
}

/** Row sums of rows×cols (local). */
export const sum = rowsSpec("sum", false, (k, xs, { rows, cols }) => k.sum(xs[0] as Ring, rows, cols));
/** Fixed-point row products. */
export const prod = rowsSpec("prod", true, (k, xs, { rows, cols }) => k.prod(xs[0] as Ring, rows, cols));
/** Integer row products. */
export const prodInt = rowsSpec("prodInt", true, (k, xs, { rows, cols }) => k.prodInt(xs[0] as Ring, rows, cols));
