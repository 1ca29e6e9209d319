/**
 * where(condition, x, y) and element-wise maximum/minimum. A secret condition costs one multiplexer
 * (one AND for bool values); a public condition is a local gather. ReLU is `maximum(x, 0)`, PReLU
 * `where(x.lt(0), x.mul(a), x)`.
 */
import { ops, type Node } from "@petace/duet";
import { broadcastShapes } from "../core/broadcast.js";
import { promote } from "../core/dtype.js";
import { expandPlain, nodeAt, operand, prepare } from "../core/elementwise.js";
import { Graph, vmOf } from "../core/graph.js";
import { PlainArray } from "../core/plain.js";
import type { SecureArray } from "../core/secure-array.js";
import { logicalBinary } from "./logic.js";
import { routine } from "../core/options.js";

export const where = routine("where", ["condition", "x", "y"], {}, function where(condition: unknown, x: unknown, y: unknown): SecureArray {
  const c = operand(condition, "where", "condition");
  const a = operand(x, "where", "x");
  const b = operand(y, "where", "y");
  const vm = vmOf("where", c, a, b);
  const shape = broadcastShapes("where", c.shape, a.shape, b.shape);
  const g = new Graph(vm, "where", shape);
  const dt = promote(a.dtype, b.dtype);
  const xa = nodeAt(g, a, dt);
  const xb = nodeAt(g, b, dt);
  if (c instanceof PlainArray) {
    // Public condition: pick from [x; y] by position, no message.
    const mask = expandPlain(new PlainArray(publicBitsToBytes(c), c.shape, "bool"), shape).data;
    const idx = new Uint32Array(g.n);
    for (let i = 0; i < g.n; i++) idx[i] = mask[i] ? i : g.n + i;
    return g.out(g.gather(g.apply(ops.concat, [xa, xb], { lens: [g.n, g.n] }), idx), dt);
  }
  const cond = nodeAt(g, c, "bool");
  let node: Node;
  if (dt === "bool")
    node = g.op(ops.xor_bb, xb, g.op(ops.and_bb, cond, g.op(ops.xor_bb, xa, xb))); // y ⊕ (c ∧ (x ⊕ y))
  else node = g.op(ops.select_baa, cond, xa, xb);
  return g.out(node, dt);
});

function publicBitsToBytes(c: PlainArray): Uint8Array {
  if (c.dtype === "bool") return c.data as Uint8Array;
  const d = c.toNumbers();
  return Uint8Array.from(d, (v) => (v !== 0 ? 1 : 0));
}

function extreme(where: "maximum" | "minimum", x1: unknown, x2: unknown): SecureArray {
  const { g, xs, dtype } = prepare(where, x1, x2);
  if (dtype === "bool") return logicalBinary(g, xs[0]!, xs[1]!, where === "maximum" ? "or" : "and");
  return g.out(g.op(where === "maximum" ? ops.maximum_aa : ops.minimum_aa, nodeAt(g, xs[0]!, dtype), nodeAt(g, xs[1]!, dtype)), dtype);
}

/** Element-wise maximum (NumPy's `maximum`; any dtype). */
export const maximum = routine("maximum", ["x1", "x2"], {}, function maximum(x1: unknown, x2: unknown): SecureArray {
  return extreme("maximum", x1, x2);
});

export const minimum = routine("minimum", ["x1", "x2"], {}, function minimum(x1: unknown, x2: unknown): SecureArray {
  return extreme("minimum", x1, x2);
});
