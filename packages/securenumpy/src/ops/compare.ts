/**
 * Comparisons → bool, with broadcasting and promotion. Order comparisons are all lowered to the
 * sign of a difference (msb of x − y, valid for |x − y| < 2^63 in ring units), so independent
 * comparisons of any direction, secret or public, merge into one msb call; ≤ and ≥ are the
 * negation (local) of > and <. Equality uses the equality kernel. Bool operands use bit logic.
 * A public float off the fixed-point grid is compared exactly (x > 0.1 with x = 0.1 rounded to the
 * grid, 0.1000061, is true, as NumPy on that input), at no extra cost.
 */
import { ops, type Node } from "@petace/duet";
import { negPublic, prepare, publicBits, publicRing, secretAt, type Operand } from "../core/elementwise.js";
import type { Graph } from "../core/graph.js";
import { PlainArray } from "../core/plain.js";
import { SecureArray } from "../core/secure-array.js";
import { routine } from "../core/options.js";

export type Comparison = "lt" | "le" | "gt" | "ge" | "eq" | "ne";

const MIRROR: Record<Comparison, Comparison> = { lt: "gt", le: "ge", gt: "lt", ge: "le", eq: "eq", ne: "ne" };

function compare(where: string, op: Comparison, x1: unknown, x2: unknown): SecureArray {
  const { g, xs, dtype } = prepare(where, x1, x2);
  let [a, b] = xs as [Operand, Operand];
  if (!(a instanceof SecureArray)) {
    [a, b] = [b, a];
    op = MIRROR[op];
  }
  const x = a as SecureArray;
  return g.out(
    dtype === "bool" ? compareBits(g, op, secretAt(g, x, "bool"), b) : compareRing(g, op, secretAt(g, x, dtype), b, dtype),
    "bool",
  );
}

/** x (secret) against b: the sign of a difference, or equality. */
function compareRing(g: Graph, op: Comparison, x: Node, b: Operand, dtype: "int64" | "float64" | "bool"): Node {
  if (op === "le" || op === "ge") return g.op(ops.not_b, compareRing(g, op === "le" ? "gt" : "lt", x, b, dtype));
  if (op === "ne") return g.op(ops.not_b, compareRing(g, "eq", x, b, dtype));
  if (b instanceof PlainArray) {
    // A public float off the fixed-point grid is compared exactly, not rounded: x (on the grid) is
    // below p iff it is below ⌈p⌉ (the next grid point up), above p iff above ⌊p⌋, and never equal.
    const off = dtype === "float64" ? offGrid(b, g.vm.fracBits) : null;
    if (op === "eq") {
      const eq = g.apply(ops.eq_ap, [x], { p: publicRing(g, b, dtype, "x2") });
      return off === null ? eq : g.apply(ops.and_bp, [eq], { p: publicBits(g, off.onGrid) });
    }
    const p = publicRing(g, off === null ? b : op === "lt" ? off.up : off.down, dtype, "x2");
    // x < p ⟺ x − p < 0;  x > p ⟺ p − x < 0.
    return g.op(ops.msb_a, op === "lt" ? g.apply(ops.add_ap, [x], { p: negPublic(p) }) : g.apply(ops.sub_pa, [x], { p }));
  }
  const y = secretAt(g, b, dtype);
  if (op === "eq") return g.op(ops.eq_aa, x, y);
  return g.op(ops.msb_a, op === "lt" ? g.op(ops.sub_aa, x, y) : g.op(ops.sub_aa, y, x));
}

/**
 * For a public float64 operand with values off the fixed-point grid: those values rounded up and
 * down to the grid, and which values are on it; null when all are.
 */
function offGrid(p: PlainArray, fracBits: number): { up: PlainArray; down: PlainArray; onGrid: PlainArray } | null {
  const v = p.toNumbers();
  const k = 2 ** fracBits;
  if (v.every((q) => Number.isInteger(q * k))) return null;
  return {
    up: new PlainArray(
      Float64Array.from(v, (q) => Math.ceil(q * k) / k),
      p.shape,
      "float64",
    ),
    down: new PlainArray(
      Float64Array.from(v, (q) => Math.floor(q * k) / k),
      p.shape,
      "float64",
    ),
    onGrid: new PlainArray(
      Uint8Array.from(v, (q) => (Number.isInteger(q * k) ? 1 : 0)),
      p.shape,
      "bool",
    ),
  };
}

/** Bool comparisons as bit logic (false < true). */
function compareBits(g: Graph, op: Comparison, x: Node, b: Operand): Node {
  if (b instanceof PlainArray) {
    const p = publicBits(g, b);
    const np = p.map((w) => ~w);
    switch (op) {
      case "eq":
        return g.op(ops.not_b, g.apply(ops.xor_bp, [x], { p }));
      case "ne":
        return g.apply(ops.xor_bp, [x], { p });
      case "lt":
        return g.apply(ops.and_bp, [g.op(ops.not_b, x)], { p });
      case "gt":
        return g.apply(ops.and_bp, [x], { p: np });
      case "le":
        return g.op(ops.not_b, g.apply(ops.and_bp, [x], { p: np }));
      case "ge":
        return g.op(ops.not_b, g.apply(ops.and_bp, [g.op(ops.not_b, x)], { p }));
    }
  }
  const y = secretAt(g, b, "bool");
  switch (op) {
    case "eq":
      return g.op(ops.not_b, g.op(ops.xor_bb, x, y));
    case "ne":
      return g.op(ops.xor_bb, x, y);
    case "lt":
      return g.op(ops.and_bb, g.op(ops.not_b, x), y);
    case "gt":
      return g.op(ops.and_bb, x, g.op(ops.not_b, y));
    case "le":
      return g.op(ops.not_b, g.op(ops.and_bb, x, g.op(ops.not_b, y)));
    case "ge":
      return g.op(ops.not_b, g.op(ops.and_bb, g.op(ops.not_b, x), y));
  }
}

export const greater = routine("greater", ["x1", "x2"], {}, (x1: unknown, x2: unknown): SecureArray => compare("greater", "gt", x1, x2));
export const greaterEqual = routine(
  "greaterEqual",
  ["x1", "x2"],
  {},
  (x1: unknown, x2: unknown): SecureArray => compare("greaterEqual", "ge", x1, x2),
);
export const less = routine("less", ["x1", "x2"], {}, (x1: unknown, x2: unknown): SecureArray => compare("less", "lt", x1, x2));
export const lessEqual = routine(
  "lessEqual",
  ["x1", "x2"],
  {},
  (x1: unknown, x2: unknown): SecureArray => compare("lessEqual", "le", x1, x2),
);
export const equal = routine("equal", ["x1", "x2"], {}, (x1: unknown, x2: unknown): SecureArray => compare("equal", "eq", x1, x2));
export const notEqual = routine("notEqual", ["x1", "x2"], {}, (x1: unknown, x2: unknown): SecureArray => compare("notEqual", "ne", x1, x2));

export { equal as eq, greaterEqual as ge, greater as gt, lessEqual as le, less as lt, notEqual as ne };
