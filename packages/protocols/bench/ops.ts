/**
 * The operations the kernel benchmarks measure, with inputs inside each kernel's valid range.
 * `size` is the element count (for matmul: the side d of d×d by d×d; for sort: one row of `size`).
 * @internal
 */
import { encodeFixed, SeededRandom } from "@petace/primitives";
import type { OpRunner } from "../test/runner.js";
import type { Bits } from "../src/values.js";

export interface BenchOp {
  name: string;
  /** Elements processed per run (per-element figures divide by this). */
  elements: (size: number) => number;
  /** Shares the inputs (party 0 owns x, party 1 owns y). */
  inputs: (k: OpRunner, size: number) => Promise<unknown[]>;
  run: (k: OpRunner, args: unknown[], size: number) => Promise<unknown>;
}

/** Pseudo-random doubles in [lo, hi), the same every run (benchmark inputs need no secrecy). */
function values(n: number, lo: number, hi: number, salt: number): Float64Array {
  return new SeededRandom(salt).floats(n, lo, hi);
}

async function pair(k: OpRunner, n: number, lo: number, hi: number, lo2 = lo, hi2 = hi): Promise<[BigUint64Array, BigUint64Array]> {
  const x = await k.input(0, k.party === 0 ? encodeFixed(values(n, lo, hi, 1), k.fracBits) : null, n);
  const y = await k.input(1, k.party === 1 ? encodeFixed(values(n, lo2, hi2, 2), k.fracBits) : null, n);
  return [x, y];
}

const same = (n: number): number => n;

export const BENCH_OPS: Record<string, BenchOp> = {
  mul: {
    name: "mul",
    elements: same,
    inputs: (k, n) => pair(k, n, -3e4, 3e4, -1e4, 1e4),
    run: (k, [x, y]) => k.run("mul_aa", [x as BigUint64Array, y as BigUint64Array]),
  },
  less: {
    name: "less",
    elements: same,
    inputs: (k, n) => pair(k, n, -1e6, 1e6),
    run: async (k, [x, y]) => k.run<Bits>("msb_a", [await k.run("sub_aa", [x as BigUint64Array, y as BigUint64Array])]),
  },
  equal: {
    name: "equal",
    elements: same,
    inputs: async (k, n) => {
      const [x, y] = await pair(k, n, -100, 100);
      return [x, y];
    },
    run: (k, [x, y]) => k.run<Bits>("eq_aa", [x as BigUint64Array, y as BigUint64Array]),
  },
  select: {
    name: "select",
    elements: same,
    inputs: async (k, n) => {
      const [x, y] = await pair(k, n, -1e6, 1e6);
      const bits = new Uint32Array((n + 31) >>> 5).fill(0x5a5a5a5a);
      return [await k.inputBits(0, k.party === 0 ? bits : null, n), x, y];
    },
    run: (k, [c, x, y]) => k.run("select_baa", [c as Uint32Array, x as BigUint64Array, y as BigUint64Array]),
  },
  div: {
    name: "div",
    elements: same,
    inputs: (k, n) => pair(k, n, -1e4, 1e4, 1, 100),
    run: (k, [x, y]) => k.run("div_aa", [x as BigUint64Array, y as BigUint64Array]),
  },
  exp: { name: "exp", elements: same, inputs: (k, n) => pair(k, n, -10, 10), run: (k, [x]) => k.run("exp_a", [x as BigUint64Array]) },
  sigmoid: {
    name: "sigmoid",
    elements: same,
    inputs: (k, n) => pair(k, n, -20, 20),
    run: (k, [x]) => k.run("sigmoid_a", [x as BigUint64Array]),
  },
  sort: {
    name: "sort",
    elements: same,
    inputs: (k, n) => pair(k, n, -1e6, 1e6),
    run: (k, [x], n) => k.run("sort_a", [x as BigUint64Array], { rows: 1, cols: n, descending: false }),
  },
  matmul: {
    name: "matmul",
    elements: (d) => d * d,
    inputs: (k, d) => pair(k, d * d, -10, 10),
    run: (k, [x, y], d) => k.run("matmul_aa", [x as BigUint64Array, y as BigUint64Array], { m: d, k: d, n: d }),
  },
};
