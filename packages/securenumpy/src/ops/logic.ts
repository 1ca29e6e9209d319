/**
 * Boolean operators. `and`/`or`/`xor`/`not` (NumPy's &, |, ^, ~ on bool arrays) need bool operands;
 * `logicalAnd`/`logicalOr`/`logicalXor`/`logicalNot` take any dtype and test "≠ 0" first, as NumPy.
 * XOR and NOT are local; AND and OR take one round (public operands: local).
 */
import { ops, type Node } from "@petace/duet";
import { prepare, publicBits, secretAt, type Operand } from "../core/elementwise.js";
import type { Graph } from "../core/graph.js";
import { PlainArray } from "../core/plain.js";
import { SecureArray } from "../core/secure-array.js";
import { routine } from "../core/options.js";

export type LogicOp = "and" | "or" | "xor";

/** A boolean operator on operands already known to broadcast (bool or castable to bool). */
export function logicalBinary(g: Graph, a: Operand, b: Operand, op: LogicOp): SecureArray {
  if (!(a instanceof SecureArray)) [a, b] = [b, a]; // all three are symmetric
  const x = secretAt(g, a as SecureArray, "bool");
  let node: Node;
  if (b instanceof PlainArray) {
    const p = publicBits(g, b);
    if (op === "xor") node = g.apply(ops.xor_bp, [x], { p });
    else if (op === "and") node = g.apply(ops.and_bp, [x], { p });
    else node = g.op(ops.not_b, g.apply(ops.and_bp, [g.op(ops.not_b, x)], { p: invert(p) })); // x ∨ p = ¬(¬x ∧ ¬p)
  } else {
    const y = secretAt(g, b, "bool");
    node = g.op(op === "and" ? ops.and_bb : op === "or" ? ops.or_bb : ops.xor_bb, x, y);
  }
  return g.out(node, "bool");
}

function invert(p: Uint32Array): Uint32Array {
  const out = new Uint32Array(p.length);
  for (let i = 0; i < p.length; i++) out[i] = ~p[i]!;
  return out;
}

function strict(where: string, op: LogicOp, x1: unknown, x2: unknown): SecureArray {
  const { g, xs } = prepare(where, x1, x2);
  xs.forEach((x, i) => {
    if (x.dtype !== "bool") {
      throw new TypeError(
        `${where}: x${i + 1} is ${x.dtype}, expected bool (bitwise operators on integers are not supported); compare first, e.g. x.gt(0), or use snp.logical${op === "and" ? "And" : op === "or" ? "Or" : "Xor"}`,
      );
    }
  });
  return logicalBinary(g, xs[0]!, xs[1]!, op);
}

export const and = routine("and", ["x1", "x2"], {}, function and(x1: unknown, x2: unknown): SecureArray {
  return strict("and", "and", x1, x2);
});

export const or = routine("or", ["x1", "x2"], {}, function or(x1: unknown, x2: unknown): SecureArray {
  return strict("or", "or", x1, x2);
});

export const xor = routine("xor", ["x1", "x2"], {}, function xor(x1: unknown, x2: unknown): SecureArray {
  return strict("xor", "xor", x1, x2);
});

export const not = routine("not", ["x"], {}, function not(x: unknown): SecureArray {
  const { g, xs } = prepare("not", x);
  const a = xs[0] as SecureArray;
  if (a.dtype !== "bool")
    throw new TypeError(`not: x1 is ${a.dtype}, expected bool (bitwise not of integers is not supported); use snp.logicalNot`);
  return g.out(g.op(ops.not_b, secretAt(g, a, "bool")), "bool");
});

export const logicalAnd = routine("logicalAnd", ["x1", "x2"], {}, function logicalAnd(x1: unknown, x2: unknown): SecureArray {
  const { g, xs } = prepare("logicalAnd", x1, x2);
  return logicalBinary(g, xs[0]!, xs[1]!, "and");
});

export const logicalOr = routine("logicalOr", ["x1", "x2"], {}, function logicalOr(x1: unknown, x2: unknown): SecureArray {
  const { g, xs } = prepare("logicalOr", x1, x2);
  return logicalBinary(g, xs[0]!, xs[1]!, "or");
});

export const logicalXor = routine("logicalXor", ["x1", "x2"], {}, function logicalXor(x1: unknown, x2: unknown): SecureArray {
  const { g, xs } = prepare("logicalXor", x1, x2);
  return logicalBinary(g, xs[0]!, xs[1]!, "xor");
});

export const logicalNot = routine("logicalNot", ["x"], {}, function logicalNot(x: unknown): SecureArray {
  const { g, xs } = prepare("logicalNot", x);
  const a = xs[0] as SecureArray;
  return g.out(g.op(ops.not_b, secretAt(g, a, "bool")), "bool");
});
