/** `x.get(...)` and `x.set(..., value)`: public indices (core/index-plan.ts), local gathers and scatters. */
import { ops, type Node } from "@petace/duet";
import { broadcastShapes } from "../core/broadcast.js";
import { nodeAt, operand } from "../core/elementwise.js";
import { Graph } from "../core/graph.js";
import type { IndexArg } from "../core/index-arg.js";
import { planIndex } from "../core/index-plan.js";
import { SecureArray } from "../core/secure-array.js";
import { PlainArray } from "../core/plain.js";
import { fmtShape, sameShape } from "../core/shape.js";
import { castPlain } from "../core/to-plain.js";

export function getItem(x: SecureArray, index: readonly IndexArg[]): SecureArray {
  const { shape, map } = planIndex(x.shape, index, "get");
  if (map === null) return new SecureArray(x.vm, x.node, shape, x.dtype);
  const g = new Graph(x.vm, "get", shape);
  return g.out(g.gather(x.node, map), x.dtype);
}

/** The node of x with x[index] = value (value broadcast to x[index]'s shape and cast to x's dtype). */
export function setItem(x: SecureArray, index: readonly IndexArg[], value: unknown): { node: Node } {
  const { shape, map } = planIndex(x.shape, index, "set");
  const given = operand(value, "set", "value");
  // Assignment casts the value to x's dtype, as NumPy (unsafe casting: 2.75 → 2 in an int64 array).
  const v = given instanceof PlainArray ? castPlain(given, x.dtype, "set", "value") : given;
  const b = broadcastShapes("set", v.shape, shape);
  if (!sameShape(b, shape))
    throw new RangeError(`set: could not broadcast the value from shape ${fmtShape(v.shape)} into shape ${fmtShape(shape)}`);
  const g = new Graph(x.vm, "set", shape);
  const vn = nodeAt(g, v, x.dtype);
  if (map === null) return { node: vn };
  return { node: g.apply(ops.scatter, [x.node, vn], { idx: map }) };
}
