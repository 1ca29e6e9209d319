/**
 * A stack of matrix products C[b] = A[b]·B[b] in one product depth. `matmul` multiplies a stack one
 * kernel call per matrix (its calls do not merge, so the rounds add up); here the whole stack is one
 * interactive step, by whichever of three layouts sends the fewest bytes:
 * - A block-diagonal: diag(A[0], …, A[nb−1]) · [B[0]; …; B[nb−1]] is [C[0]; …; C[nb−1]], one
 *   (nb·m × nb·k)·(nb·k × n) matmul, 8(nb²mk + nb·kn) B;
 * - B block-diagonal: [A[0] … A[nb−1]] · diag(B[0], …) is [C[0] … C[nb−1]], 8(nb·mk + nb²kn) B;
 * - element-wise: every A[b,i,l]·B[b,l,j] as one ring product, summed over l locally, 16·nb·mkn B.
 * The zeros of a block-diagonal are public constants, masked like any entry. float64 · float64 is
 * then truncated once per output (the ring products are summed first), as `matmul`.
 */
import { ops, type Node } from "@petace/duet";
import type { DType } from "../core/dtype.js";
import { Graph } from "../core/graph.js";
import type { SecureArray } from "../core/secure-array.js";
import { nodeAs } from "./util.js";

/** Bytes sent per party by each layout (the choice is made on these, public shapes only). */
export function layoutBytes(nb: number, m: number, k: number, n: number): { blockA: number; blockB: number; elementwise: number } {
  return { blockA: 8 * (nb * nb * m * k + nb * k * n), blockB: 8 * (nb * m * k + nb * nb * k * n), elementwise: 16 * nb * m * k * n };
}

/** a is (nb, m, k), b is (nb, k, n), both secret; the result (nb, m, n) in matmul's dtype. */
export function batchedProduct(where: string, a: SecureArray, b: SecureArray): SecureArray {
  const [nb, m, k] = a.shape as [number, number, number];
  const n = b.shape[2]!;
  const da: DType = a.dtype === "bool" ? "int64" : a.dtype;
  const db: DType = b.dtype === "bool" ? "int64" : b.dtype;
  const fixed = da === "float64" && db === "float64";
  const dt: DType = da === "float64" || db === "float64" ? "float64" : "int64";
  const g = new Graph(a.vm, where, [nb, m, n]);
  const xa = nodeAs(g, a, da);
  const xb = nodeAs(g, b, db);
  const cost = layoutBytes(nb, m, k, n);
  const best = Math.min(cost.blockA, cost.blockB, cost.elementwise);
  let out: Node;
  if (best === cost.elementwise) {
    // (nb, m, n, k) copies of both operands, multiplied as ring integers and summed over k.
    const ia = new Uint32Array(nb * m * n * k);
    const ib = new Uint32Array(nb * m * n * k);
    let t = 0;
    for (let q = 0; q < nb; q++)
      for (let i = 0; i < m; i++)
        for (let j = 0; j < n; j++)
          for (let l = 0; l < k; l++, t++) {
            ia[t] = (q * m + i) * k + l;
            ib[t] = (q * k + l) * n + j;
          }
    const prod = g.op(ops.mulInt_aa, g.gather(xa, ia), g.gather(xb, ib));
    const sums = g.apply(ops.sum_a, [prod], { rows: nb * m * n, cols: k });
    out = fixed ? g.apply(ops.trunc_a, [sums], { bits: g.vm.fracBits }) : sums;
  } else {
    const spec = fixed ? ops.matmul_aa : ops.matmulInt_aa;
    const zero = g.constant(new BigUint64Array(1), 1);
    if (best === cost.blockA) {
      // Row q·m + i, column p·k + l of diag(A) reads A[q, i, l] when p = q, else the zero.
      const big = blockDiagonal(g, xa, zero, nb, m, k);
      out = g.apply(spec, [big, xb], { m: nb * m, k: nb * k, n });
    } else {
      // [A[0] … A[nb−1]] (m × nb·k) · diag(B) (nb·k × nb·n) = [C[0] … C[nb−1]] (m × nb·n).
      const wide = new Uint32Array(m * nb * k);
      for (let i = 0; i < m; i++) for (let q = 0; q < nb; q++) for (let l = 0; l < k; l++) wide[(i * nb + q) * k + l] = (q * m + i) * k + l;
      const big = blockDiagonal(g, xb, zero, nb, k, n);
      const c = g.apply(spec, [g.gather(xa, wide), big], { m, k: nb * k, n: nb * n });
      // (m, nb, n) back to (nb, m, n).
      const back = new Uint32Array(nb * m * n);
      for (let q = 0; q < nb; q++) for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) back[(q * m + i) * n + j] = (i * nb + q) * n + j;
      out = g.gather(c, back);
    }
  }
  return g.out(out, dt);
}

/** The (nb·r × nb·c) block-diagonal matrix of the stack x (nb, r, c), zeros from `zero`. */
function blockDiagonal(g: Graph, x: Node, zero: Node, nb: number, r: number, c: number): Node {
  const size = nb * r * c;
  const src = g.apply(ops.concat, [x, zero], { lens: [size, 1] });
  const idx = new Uint32Array(nb * r * nb * c).fill(size);
  for (let q = 0; q < nb; q++)
    for (let i = 0; i < r; i++) for (let l = 0; l < c; l++) idx[(q * r + i) * nb * c + q * c + l] = (q * r + i) * c + l;
  return g.gather(src, idx);
}
