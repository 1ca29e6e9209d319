/**
 * Matrix product with NumPy's rules: 1-D operands are promoted to a row (left) or a column (right)
 * and the added axis removed; N-D operands are stacks of matrices with broadcast batch axes. Each
 * 2-D product is one matmul kernel call (one round with matrix triples). float64 · int64 multiplies
 * the raw integers (no truncation); bool operands are used as int64. A public operand stays public:
 * local ring products and the truncation of the outputs (routines/public-product.ts), no triple.
 */
import { ops, type Node } from "@petace/duet";
import { broadcastIndex, broadcastShapes } from "../core/broadcast.js";
import { castNode } from "../core/cast.js";
import { promote, type DType } from "../core/dtype.js";
import { nodeAt, operand } from "../core/elementwise.js";
import { Graph, vmOf } from "../core/graph.js";
import { SecureArray } from "../core/secure-array.js";
import type { PlainArray } from "../core/plain.js";
import { encodePlain } from "../core/encode.js";
import { splitFactor } from "../core/public-float.js";
import { publicDType, publicProduct } from "../routines/public-product.js";
import { encodeInt64 } from "@petace/primitives";
import { fmtShape, sizeOf } from "../core/shape.js";
import { stridedIndex } from "../core/strides.js";
import { routine } from "../core/options.js";
import { heldBy } from "../core/held.js";

export const matmul = routine("matmul", ["x1", "x2"], {}, function matmul(x1: unknown, x2: unknown): SecureArray {
  const a = operand(x1, "matmul", "x1");
  const b = operand(x2, "matmul", "x2");
  const vm = vmOf("matmul", a, b);
  if (a.ndim === 0 || b.ndim === 0) throw new RangeError("matmul: operands must not be 0-D (use multiply for scalars)");
  const as = a.ndim === 1 ? [1, a.shape[0]!] : [...a.shape];
  const bs = b.ndim === 1 ? [b.shape[0]!, 1] : [...b.shape];
  const m = as[as.length - 2]!,
    k = as[as.length - 1]!;
  const k2 = bs[bs.length - 2]!,
    n = bs[bs.length - 1]!;
  if (k !== k2)
    throw new RangeError(
      `matmul: shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)} not aligned: ${k} (dim ${a.ndim - 1}) != ${k2} (dim ${Math.max(0, b.ndim - 2)})`,
    );
  const batch = broadcastShapes("matmul", as.slice(0, -2), bs.slice(0, -2));
  const shape = [...batch, ...(a.ndim === 1 ? [] : [m]), ...(b.ndim === 1 ? [] : [n])];
  const g = new Graph(vm, "matmul", shape);
  const both = promote(a.dtype, b.dtype);
  const dt: DType = both === "bool" ? "int64" : both;
  const da: DType = a.dtype === "bool" ? "int64" : a.dtype;
  const db: DType = b.dtype === "bool" ? "int64" : b.dtype;
  // float · float truncates; float · int or int · int are exact ring products.
  const spec = da === "float64" && db === "float64" ? ops.matmul_aa : ops.matmulInt_aa;
  const nb = sizeOf(batch);
  const ia = broadcastIndex(as.slice(0, -2), batch) ?? stridedIndex([nb], [1]);
  const ib = broadcastIndex(bs.slice(0, -2), batch) ?? stridedIndex([nb], [1]);
  if (!(a instanceof SecureArray) || !(b instanceof SecureArray)) {
    const left = !(a instanceof SecureArray);
    const r = withPublic(g, (left ? b : a) as SecureArray, (left ? a : b) as PlainArray, left, left ? ib : ia, left ? ia : ib, [
      nb,
      m,
      k,
      n,
    ]);
    return g.out(r.node, r.dtype);
  }
  const xa = whole(g, a, da);
  const xb = whole(g, b, db);
  // A held left factor (core/held.ts): its owner's plaintext times the shares, one OT cross term.
  const owner = heldBy(a);
  if (owner !== undefined && spec === ops.matmul_aa && nb === 1 && as.length === 2 && bs.length === 2)
    return g.out(g.apply(ops.matmul_oa, [xa, xb], { m, k, n, owner }), dt);
  if (nb === 1 && as.length === 2 && bs.length === 2) return g.out(g.apply(spec, [xa, xb], { m, k, n }), dt);
  // Batches: pick each operand's matrix for every batch position, multiply, join.
  const parts: Node[] = [];
  for (let i = 0; i < nb; i++) {
    const pa = g.gather(xa, stridedIndex([m * k], [1], ia[i]! * m * k));
    const pb = g.gather(xb, stridedIndex([k * n], [1], ib[i]! * k * n));
    parts.push(g.apply(spec, [pa, pb], { m, k, n }));
  }
  return g.out(g.apply(ops.concat, parts, { lens: parts.map(() => m * n) }), dt);
});

/**
 * A product with one public operand, without a triple (routines/public-product.ts): the secret's
 * and the public's matrices for every batch position (indices sIdx, pIdx), local ring products,
 * and one truncation for float64 · float64 (a public float off the fixed-point grid: the split
 * product of core/public-float.ts, one final rounding).
 */
function withPublic(
  g: Graph,
  sec: SecureArray,
  p: PlainArray,
  publicLeft: boolean,
  sIdx: Uint32Array,
  pIdx: Uint32Array,
  dims: readonly [number, number, number, number],
): SecureArray {
  const [nb, m, k, n] = dims;
  const sd: DType = sec.dtype === "bool" ? "int64" : sec.dtype;
  const [sm, pm] = publicLeft ? [k * n, m * k] : [m * k, k * n];
  const idx = new Uint32Array(nb * sm);
  for (let q = 0; q < nb; q++) for (let i = 0; i < sm; i++) idx[q * sm + i] = sIdx[q]! * sm + i;
  const s = g.out(g.gather(castNode(g, sec.node, sec.dtype, sd), idx), sd, publicLeft ? [nb, k, n] : [nb, m, k]);
  const f = g.vm.fracBits;
  const split = p.dtype === "float64" ? splitFactor(pick(p.toNumbers(), pIdx, pm), f, sd === "float64" ? f : 0) : null;
  if (split !== null)
    return publicProduct("matmul", s, encodeInt64(split.hi), "int64", publicLeft, dims, {
      limbs: split.limbs,
      rings: split.limbs.map((l) => encodeInt64(l.d)),
    });
  const pd = publicDType(p);
  const ring = pick(encodePlain(p, pd, f, "matmul", publicLeft ? "x1" : "x2") as BigUint64Array, pIdx, pm);
  return publicProduct("matmul", s, ring, pd, publicLeft, dims);
}

/** The blocks of `size` values at block positions idx, one after another. */
function pick<T extends Float64Array | BigUint64Array>(v: T, idx: Uint32Array, size: number): T {
  if (v instanceof Float64Array) {
    const out = new Float64Array(idx.length * size);
    for (let q = 0; q < idx.length; q++) out.set(v.subarray(idx[q]! * size, (idx[q]! + 1) * size), q * size);
    return out as T;
  }
  const out = new BigUint64Array(idx.length * size);
  for (let q = 0; q < idx.length; q++) out.set((v as BigUint64Array).subarray(idx[q]! * size, (idx[q]! + 1) * size), q * size);
  return out as T;
}

/** An operand as one flat node (C order) in the dtype the product uses. */
function whole(g: Graph, x: SecureArray | PlainArray, dtype: DType): Node {
  if (x instanceof SecureArray) return castNode(g, x.node, x.dtype, dtype);
  return nodeAt(new Graph(g.vm, "matmul", x.shape), x, dtype);
}
