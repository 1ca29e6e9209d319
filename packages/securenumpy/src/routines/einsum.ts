/**
 * NumPy `einsum` for one or two operands, as one matrix product: each operand's repeated labels
 * become a diagonal (a strided gather) and its labels used nowhere else are summed (local); the two
 * operands are then laid out as (batch, kept, contracted) and (batch, contracted, kept) by one gather
 * each, and multiplied in one product depth: one `matmul` without batch labels, `batchedProduct`
 * (routines/batched-product.ts) with them. The plan is the classic reduction of a pairwise tensor
 * contraction to GEMM (as in NumPy's `tensordot` and opt_einsum's BLAS path).
 */
import type { Duet } from "@petace/duet";
import { encodeInt64 } from "@petace/primitives";
import { splitFactor } from "../core/public-float.js";
import { operand } from "../core/elementwise.js";
import { vmOf } from "../core/graph.js";
import type { PlainArray } from "../core/plain.js";
import { SecureArray } from "../core/secure-array.js";
import { fmtShape, sizeOf, stridesOf } from "../core/shape.js";
import { routine } from "../core/options.js";
import { matmul } from "../ops/matmul.js";
import { transpose } from "../ops/shape.js";
import { batchedProduct } from "./batched-product.js";
import { arrangeFloat, arrangePublic, publicDType, publicProduct } from "./public-product.js";
import { sum } from "./reduce.js";
import { asSecure, plainOf, same, view } from "./util.js";

/** A parsed operand term: one label per axis (letters; the axes under "..." get non-letter labels). */
interface Term {
  labels: string[];
}

/** Labels for the axes under "...": characters that cannot be letters, sorted before them. */
const ELLIPSIS_BASE = 0x21;

function fail(msg: string): never {
  throw new RangeError(`einsum: ${msg}`);
}

/**
 * Parses one side of the subscripts (a term like "ij", "...k", "") against an array of `ndim`
 * axes (or, for the output, `ndim` = the number of ellipsis axes of the inputs).
 */
function parseTerm(text: string, ndim: number | null, what: string, ellipsisAxes: number | null): { labels: string[]; ellipsis: number } {
  const dots = text.indexOf("...");
  if (dots >= 0 && text.indexOf("...", dots + 1) >= 0) fail(`${what} "${text}" has more than one ellipsis`);
  const plain = dots >= 0 ? text.slice(0, dots) + text.slice(dots + 3) : text;
  for (const c of plain)
    if (!/^[a-zA-Z]$/.test(c))
      fail(`${what} "${text}" has the character ${JSON.stringify(c)}; subscripts are letters a-z, A-Z, "...", "," and "->"`);
  let ellipsis = 0;
  if (dots >= 0) {
    ellipsis = ndim !== null ? ndim - plain.length : (ellipsisAxes ?? 0);
    if (ellipsis < 0) fail(`${what} "${text}" has more labels than the operand has axes (${ndim})`);
  } else if (ndim !== null && plain.length !== ndim) {
    fail(`${what} "${text}" has ${plain.length} labels for an operand of ${ndim} dimensions`);
  }
  const e = Array.from({ length: ellipsis }, (_, i) => String.fromCharCode(ELLIPSIS_BASE + (ellipsisAxes ?? ellipsis) - ellipsis + i));
  const before = dots >= 0 ? [...text.slice(0, dots)] : [...plain];
  const after = dots >= 0 ? [...text.slice(dots + 3)] : [];
  return { labels: [...before, ...e, ...after], ellipsis };
}

/** Parsed subscripts: the operands' terms, the output's labels. */
export interface EinsumPlan {
  inputs: Term[];
  output: string[];
}

/** Parses `subscripts` for operands of the given dimensions (NumPy's rules for implicit output). */
export function parseSubscripts(subscripts: unknown, ndims: readonly number[]): EinsumPlan {
  if (typeof subscripts !== "string") throw new TypeError('einsum: subscripts must be a string such as "ij,jk->ik"');
  const s = subscripts.replace(/\s+/g, "");
  const arrow = s.indexOf("->");
  if (arrow >= 0 && s.indexOf("->", arrow + 1) >= 0) fail(`"${subscripts}" has more than one "->"`);
  const lhs = arrow >= 0 ? s.slice(0, arrow) : s;
  const rhs = arrow >= 0 ? s.slice(arrow + 2) : null;
  if (/[-<>]/.test(lhs) || (rhs !== null && /[-<>,]/.test(rhs)))
    fail(`"${subscripts}" is malformed: "->" must appear once, between the inputs and the output`);
  const parts = lhs.split(",");
  if (parts.length > 2)
    fail(
      `"${subscripts}" names ${parts.length} operands; at most two are supported: contract two at a time (einsum of the result with the next)`,
    );
  if (parts.length !== ndims.length)
    fail(
      `"${subscripts}" names ${parts.length} operand${parts.length === 1 ? "" : "s"} but ${ndims.length} ${ndims.length === 1 ? "was" : "were"} given`,
    );
  const parsed = parts.map((p, i) => parseTerm(p, ndims[i]!, `operand ${i}'s term`, null));
  const ellipsis = Math.max(0, ...parsed.map((p) => p.ellipsis));
  // Ellipsis axes align from the right (NumPy), so an operand with fewer gets the last labels.
  const inputs = parts.map((p, i) => ({ labels: parseTerm(p, ndims[i]!, `operand ${i}'s term`, ellipsis).labels }));
  const count = new Map<string, number>();
  for (const t of inputs) for (const l of t.labels) count.set(l, (count.get(l) ?? 0) + 1);
  let output: string[];
  if (rhs === null) {
    // Implicit: the ellipsis axes, then the labels used once, in alphabetical (character code) order.
    const once = [...count].filter(([l, n]) => n === 1 && /[a-zA-Z]/.test(l)).map(([l]) => l);
    const dots = [...count.keys()].filter((l) => !/[a-zA-Z]/.test(l));
    output = [...dots.sort(), ...once.sort()];
  } else {
    if (rhs.includes("...") && ellipsis === 0 && !parts.some((p) => p.includes("...")))
      fail(`the output "${rhs}" has an ellipsis but no operand does`);
    output = parseTerm(rhs, null, "the output", ellipsis).labels;
    if (!rhs.includes("...") && ellipsis > 0)
      fail(`the inputs have ${ellipsis} axes under "..." but the output "${rhs}" has no "..." to put them (as NumPy)`);
    const seen = new Set<string>();
    for (const l of output) {
      if (seen.has(l)) fail(`the output "${rhs}" repeats the label ${JSON.stringify(l)}`);
      seen.add(l);
      if (!count.has(l)) fail(`the output label ${JSON.stringify(l)} does not appear in the inputs`);
    }
  }
  return { inputs, output };
}

/** Label → size, checking that every use of a label has the same length (no broadcasting). */
function labelSizes(plan: EinsumPlan, shapes: readonly (readonly number[])[]): Map<string, number> {
  const size = new Map<string, number>();
  plan.inputs.forEach((t, i) =>
    t.labels.forEach((l, ax) => {
      const d = shapes[i]![ax]!;
      const prev = size.get(l);
      if (prev !== undefined && prev !== d) {
        const name = /[a-zA-Z]/.test(l) ? `label ${JSON.stringify(l)}` : "an ellipsis axis";
        fail(
          `${name} has length ${prev} in one place and ${d} in operand ${i} (shape ${fmtShape(shapes[i]!)}); ` +
            "einsum here does not broadcast: give equal lengths (expand or tile the operand first)",
        );
      }
      size.set(l, d);
    }),
  );
  return size;
}

/** x with one axis per distinct label (repeated labels read along their diagonal), as a gather. */
function diagonalOf(x: SecureArray, labels: readonly string[]): { x: SecureArray; labels: string[] } {
  const uniq = [...new Set(labels)];
  if (uniq.length === labels.length) return { x, labels: [...labels] };
  const st = stridesOf(x.shape);
  const shape = uniq.map((l) => x.shape[labels.indexOf(l)]!);
  const strides = uniq.map((l) => labels.reduce((s, m, ax) => (m === l ? s + st[ax]! : s), 0));
  return { x: view("einsum", x, shape, strides), labels: uniq };
}

/** Sums the axes whose labels are not in `keep`. */
function sumOut(x: SecureArray, labels: string[], keep: ReadonlySet<string>): { x: SecureArray; labels: string[] } {
  const axes = labels.flatMap((l, ax) => (keep.has(l) ? [] : [ax]));
  if (axes.length === 0) return { x, labels };
  return { x: sum(x, axes), labels: labels.filter((l) => keep.has(l)) };
}

/** x with its axes put in the order of `order` (labels), then reshaped to `shape`. */
function arrange(x: SecureArray, labels: readonly string[], order: readonly string[], shape: number[]): SecureArray {
  const perm = order.map((l) => labels.indexOf(l));
  return same(transpose(x, perm), shape);
}

/**
 * The contraction planned by `plan` of one or two operands (SecureArrays or public values; at
 * least one secret).
 */
export function contract(where: string, plan: EinsumPlan, operands: readonly (SecureArray | PlainArray)[], vm: Duet): SecureArray {
  const shapes = operands.map((o) => o.shape);
  const size = labelSizes(plan, shapes);
  const out = plan.output;
  const outShape = out.map((l) => size.get(l)!);
  // Each operand alone: diagonals, then the sums over labels nobody else uses.
  const users = (l: string, except: number) => out.includes(l) || plan.inputs.some((t, j) => j !== except && t.labels.includes(l));
  // With one public operand of two, it stays public (products without a triple, public-product.ts).
  const pub = operands.length === 2 ? operands.findIndex((o) => !(o instanceof SecureArray)) : -1;
  const terms = operands.map((o, i) => {
    const labels = plan.inputs[i]!.labels;
    if (i === pub) return { x: null, labels: [...new Set(labels)].filter((l) => users(l, i)) };
    const d = diagonalOf(asSecure(where, o, `operand ${i}`, vm), labels);
    return sumOut(d.x, d.labels, new Set(d.labels.filter((l) => users(l, i))));
  });
  if (terms.length === 1) {
    const t = terms[0]!;
    return arrange(t.x!, t.labels, out, outShape);
  }
  const [ta, tb] = terms as [(typeof terms)[0], (typeof terms)[0]];
  const inB = new Set(tb.labels);
  const inA = new Set(ta.labels);
  const batch = out.filter((l) => inA.has(l) && inB.has(l));
  const summed = ta.labels.filter((l) => inB.has(l) && !out.includes(l));
  const keepA = out.filter((l) => inA.has(l) && !inB.has(l));
  const keepB = out.filter((l) => inB.has(l) && !inA.has(l));
  const dims = (ls: readonly string[]) => sizeOf(ls.map((l) => size.get(l)!));
  const [nb, m, k, n] = [dims(batch), dims(keepA), dims(summed), dims(keepB)];
  const resultLabels = [...batch, ...keepA, ...keepB];
  const resultShape = resultLabels.map((l) => size.get(l)!);
  const orderA = [...batch, ...keepA, ...summed];
  const orderB = [...batch, ...summed, ...keepB];
  let r: SecureArray;
  if (sizeOf(resultShape) === 0 || k === 0) {
    // An empty sum is 0 (NumPy), and an empty result needs no product.
    const dt = operands.some((o) => o.dtype === "float64") ? "float64" : "int64";
    r = asSecure(where, plainOf(new Array<number>(sizeOf(resultShape)).fill(0), resultShape, dt), "zeros", vm);
  } else if (pub >= 0) {
    const p = operands[pub] as PlainArray;
    const labels = plan.inputs[pub]!.labels;
    const order = pub === 0 ? orderA : orderB;
    const s = pub === 0 ? arrange(tb.x!, tb.labels, orderB, [nb, k, n]) : arrange(ta.x!, ta.labels, orderA, [nb, m, k]);
    // Public floats off the fixed-point grid: encoded with extra bits (core/public-float.ts).
    const split =
      p.dtype === "float64"
        ? splitFactor(arrangeFloat(p, labels, order, size), vm.fracBits, s.dtype === "float64" ? vm.fracBits : 0)
        : null;
    r =
      split === null
        ? same(
            publicProduct(where, s, arrangePublic(where, p, vm.fracBits, labels, order, size), publicDType(p), pub === 0, [nb, m, k, n]),
            resultShape,
          )
        : same(
            publicProduct(where, s, encodeInt64(split.hi), "int64", pub === 0, [nb, m, k, n], {
              limbs: split.limbs,
              rings: split.limbs.map((l) => encodeInt64(l.d)),
            }),
            resultShape,
          );
  } else if (nb === 1) {
    r = same(matmul(arrange(ta.x!, ta.labels, orderA, [m, k]), arrange(tb.x!, tb.labels, orderB, [k, n])), resultShape);
  } else {
    r = same(
      batchedProduct(where, arrange(ta.x!, ta.labels, orderA, [nb, m, k]), arrange(tb.x!, tb.labels, orderB, [nb, k, n])),
      resultShape,
    );
  }
  return arrange(r, resultLabels, out, outShape);
}

/**
 * NumPy `einsum(subscripts, a, b?)` for one or two operands: explicit ("ij,jk->ik") and implicit
 * ("ij,jk": the labels used once, alphabetically) output, repeated labels (diagonals, traces),
 * "..." for leading axes. Differences from NumPy: at most two operands (chain calls for more), no
 * broadcasting (a label, or an ellipsis axis, has the same length everywhere it appears), no
 * out/dtype/optimize options; bool operands multiply as int64 (as `matmul` here).
 *
 * Cost (m, k, n: the sizes of a's kept, the summed and b's kept labels; nb: of the labels kept from
 * both): without batch labels one matmul (m×k)·(k×n), 1 round of 8(mk + kn) B, then for
 * float64 · float64 the truncation of the m·n outputs (6 rounds in all); with them one product
 * depth too, the cheapest of 8(nb²mk + nb·kn), 8(nb·mk + nb²kn) and 16·nb·mkn B (see
 * batched-product.ts), same rounds. One public operand: no triple, local ring products and the
 * truncation only (5 rounds, none for an int64 side). Outer products are k = 1. One operand (transpose, diagonal,
 * trace, sums): local. Fixed point: each output is one product sum rounded once (≤ 1/2 ulp from
 * the exact sum of the fixed-point products).
 * @example np.einsum("ij,jk->ik", a, b)  np.einsum("bij,bjk->bik", x, y)  np.einsum("ii", m)
 */
export const einsum = routine(
  "einsum",
  ["subscripts", "a", "b"],
  {},
  function einsum(subscripts: string, a: unknown, b?: unknown): SecureArray {
    if (typeof subscripts !== "string") throw new TypeError('einsum: subscripts must be a string such as "ij,jk->ik"');
    const xs = b === undefined ? [operand(a, "einsum", "a")] : [operand(a, "einsum", "a"), operand(b, "einsum", "b")];
    const vm = vmOf("einsum", ...xs);
    const plan = parseSubscripts(
      subscripts,
      xs.map((x) => x.ndim),
    );
    return contract("einsum", plan, xs, vm);
  },
);
