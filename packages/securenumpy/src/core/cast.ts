/**
 * dtype conversions of secret values, NumPy's `astype` semantics: bool → int64/float64 as 0/1,
 * int64 → float64 exactly, anything → bool as "≠ 0", float64 → int64 truncated toward zero (exact:
 * trunc_a gives ⌊x⌋ or ⌊x⌋ + 1, rounding to nearest or, with the stochastic opt-in, at random, and
 * one comparison corrects it).
 */
import { ops, type Node } from "@petace/duet";
import type { DType } from "./dtype.js";
import type { Graph } from "./graph.js";

export function castNode(g: Graph, x: Node, from: DType, to: DType): Node {
  if (from === to) return x;
  const f = g.vm.fracBits;
  const one = 1n << BigInt(f);
  if (to === "bool") return g.op(ops.not_b, g.apply(ops.eq_ap, [x], { p: 0n }));
  if (from === "bool") {
    const i = g.op(ops.bit2a_b, x);
    return to === "int64" ? i : g.apply(ops.mulInt_ap, [i], { p: one });
  }
  if (to === "float64") return g.apply(ops.mulInt_ap, [x], { p: one });
  // float64 → int64, toward zero.
  const t = g.apply(ops.trunc_a, [x], { bits: f }); // ⌊x⌋ or ⌊x⌋ + 1 (nearest)
  const over = g.op(ops.msb_a, g.op(ops.sub_aa, x, g.apply(ops.mulInt_ap, [t], { p: one })));
  const floor = g.op(ops.sub_aa, t, g.op(ops.bit2a_b, over));
  const frac = g.op(ops.sub_aa, x, g.apply(ops.mulInt_ap, [floor], { p: one }));
  const up = g.op(ops.and_bb, g.op(ops.msb_a, x), g.op(ops.not_b, g.apply(ops.eq_ap, [frac], { p: 0n })));
  return g.op(ops.add_aa, floor, g.op(ops.bit2a_b, up));
}
