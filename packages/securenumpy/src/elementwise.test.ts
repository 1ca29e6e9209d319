/**
 * Every element-wise operator against a plaintext NumPy-semantics reference, on random inputs of
 * 0-D to 3-D shapes and the broadcasting cases, with secret and public operands on either side.
 * Tolerances (f = 16, 1 ulp = 2^-16 ≈ 1.5e-5): add/sub/products/comparisons exact on the grid inputs
 * (products of multiples of 1/4 are representable and the truncation rounds to nearest exactly);
 * division 1e-4 absolute + 1e-4 relative (kernel: ≤ 1.5 ulp).
 */
import { describe, it } from "vitest";
import type { SecureArray } from "./core/secure-array.js";
import type { DType } from "./core/dtype.js";
import { both, expectClose, rand, refBinary, rng, toPlainArray, type Ref } from "../test/util.js";
import type { Namespace } from "./use.js";

const SHAPES: [number[], number[]][] = [
  [[], []],
  [[5], [5]],
  [
    [2, 3],
    [2, 3],
  ],
  [
    [2, 3, 4],
    [2, 3, 4],
  ],
  [[2, 3], [3]],
  [
    [4, 1],
    [1, 3],
  ],
  [
    [2, 1, 3],
    [4, 1],
  ],
  [[3], []],
  [[], [2, 2]],
  [[0, 3], [3]],
];

type Op = {
  name: string;
  f: (x: number, y: number) => number;
  out?: DType;
  tol?: { abs?: number; rel?: number };
  call: (np: Namespace, a: unknown, b: unknown) => SecureArray;
  nonZero?: boolean;
};

const b = (v: boolean) => (v ? 1 : 0);
const OPS: Op[] = [
  { name: "add", f: (x, y) => x + y, call: (np, a, c) => np.add(a, c) },
  { name: "subtract", f: (x, y) => x - y, call: (np, a, c) => np.subtract(a, c) },
  { name: "multiply", f: (x, y) => x * y, call: (np, a, c) => np.multiply(a, c) },
  { name: "divide", f: (x, y) => x / y, out: "float64", tol: { abs: 1e-4, rel: 1e-4 }, nonZero: true, call: (np, a, c) => np.divide(a, c) },
  { name: "greater", f: (x, y) => b(x > y), out: "bool", call: (np, a, c) => np.greater(a, c) },
  { name: "greaterEqual", f: (x, y) => b(x >= y), out: "bool", call: (np, a, c) => np.greaterEqual(a, c) },
  { name: "less", f: (x, y) => b(x < y), out: "bool", call: (np, a, c) => np.less(a, c) },
  { name: "lessEqual", f: (x, y) => b(x <= y), out: "bool", call: (np, a, c) => np.lessEqual(a, c) },
  { name: "equal", f: (x, y) => b(x === y), out: "bool", call: (np, a, c) => np.equal(a, c) },
  { name: "notEqual", f: (x, y) => b(x !== y), out: "bool", call: (np, a, c) => np.notEqual(a, c) },
  { name: "maximum", f: Math.max, call: (np, a, c) => np.maximum(a, c) },
  { name: "minimum", f: Math.min, call: (np, a, c) => np.minimum(a, c) },
];

type Placement = "ss" | "sp" | "ps";

/** Builds every op × shape pair × placement lazily, reveals all at once, checks each. */
async function check(dx: DType, dy: DType, ops: Op[], seed: number): Promise<void> {
  const r = rng(seed);
  const cases: { op: Op; a: Ref; c: Ref; where: Placement; ai: number; ci: number }[] = [];
  const inputs: { ref: Ref; owner: 0 | 1 }[] = [];
  for (const op of ops) {
    for (const [sa, sb] of SHAPES) {
      for (const where of ["ss", "sp", "ps"] as Placement[]) {
        const a = rand(r, sa, dx);
        const c = rand(r, sb, dy, 20, op.nonZero === true);
        cases.push({ op, a, c, where, ai: inputs.push({ ref: a, owner: 0 }) - 1, ci: inputs.push({ ref: c, owner: 1 }) - 1 });
      }
    }
  }
  const [res] = await both(async (np, party) => {
    const secret: SecureArray[] = [];
    for (const { ref, owner } of inputs)
      secret.push(await np.array(party === owner ? toPlainArray(ref) : null, owner, { dtype: ref.dtype }));
    const outs = cases.map(({ op, a, c, where, ai, ci }) => {
      const x = where === "ps" ? toPlainArray(a) : secret[ai]!;
      const y = where === "sp" ? toPlainArray(c) : secret[ci]!;
      return op.call(np, x, y);
    });
    const plain = [];
    for (const o of outs) plain.push(await o.revealTo(0));
    return plain;
  });
  cases.forEach(({ op, a, c, where }, i) => {
    const promoted: DType = op.out ?? ([dx, dy].includes("float64") ? "float64" : [dx, dy].includes("int64") ? "int64" : "bool");
    const expected = refBinary(a, c, promoted, op.f);
    if (promoted === "bool" && op.out === undefined) expected.data = expected.data.map((v) => (v ? 1 : 0));
    expectClose(res[i]!, expected, op.tol, `${op.name} ${dx}[${a.shape}] ${dy}[${c.shape}] ${where}`);
  });
}

describe("element-wise operators", () => {
  it("float64 × float64, every shape pair and placement", { timeout: 20_000 }, () => check("float64", "float64", OPS, 1));
  it("int64 × int64 (division gives float64)", { timeout: 20_000 }, () => check("int64", "int64", OPS, 2));
  it("float64 × int64 and int64 × float64 promote to float64", { timeout: 20_000 }, async () => {
    await check(
      "float64",
      "int64",
      OPS.filter((o) => o.name !== "divide"),
      3,
    );
    await check(
      "int64",
      "float64",
      OPS.filter((o) => ["add", "multiply", "less", "equal"].includes(o.name)),
      4,
    );
  });
  it("bool mixes with numbers as 0/1 (bool → int64 → float64)", { timeout: 20_000 }, async () => {
    const some = OPS.filter((o) => ["add", "subtract", "multiply", "greater", "equal", "maximum"].includes(o.name));
    await check("bool", "float64", some, 5);
    await check("int64", "bool", some, 6);
  });
});
