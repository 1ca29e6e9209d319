/**
 * add, subtract, multiply, divide, negative, power, mod, abs: NumPy semantics (broadcasting, bool →
 * int64 → float64 promotion, plaintext operands on either side), each lowered to the cheapest VM
 * operators: additions and products by public integers are local; a float64 × int64 product is a
 * ring product without truncation.
 */
import { ops, type Node } from "@petace/duet";
import { encodeInt64 } from "@petace/primitives";
import { allIntegers, negPublic, nodeAt, prepare, publicRing, secretAt, type Operand } from "../core/elementwise.js";
import type { Graph } from "../core/graph.js";
import { PlainArray } from "../core/plain.js";
import { SecureArray } from "../core/secure-array.js";
import { sameShape } from "../core/shape.js";
import { logicalBinary } from "./logic.js";
import { remainderOf } from "../routines/division.js";
import { routine } from "../core/options.js";
import { productByFloat } from "../core/public-float.js";

export const add = routine("add", ["x1", "x2"], {}, function add(x1: unknown, x2: unknown): SecureArray {
  return addSub("add", x1, x2, false);
});

export const subtract = routine("subtract", ["x1", "x2"], {}, function subtract(x1: unknown, x2: unknown): SecureArray {
  return addSub("subtract", x1, x2, true);
});

function addSub(where: string, x1: unknown, x2: unknown, minus: boolean): SecureArray {
  const { g, xs, dtype } = prepare(where, x1, x2);
  const [a, b] = xs as [Operand, Operand];
  if (dtype === "bool") {
    // NumPy: bool + bool is logical or; bool − bool is an error.
    if (minus) throw new TypeError(`${where}: boolean subtract is not supported (as in NumPy); use x.xor(y), or astype("int64") first`);
    return logicalBinary(g, a, b, "or");
  }
  let node: Node;
  if (a instanceof SecureArray && b instanceof SecureArray)
    node = g.op(minus ? ops.sub_aa : ops.add_aa, secretAt(g, a, dtype), secretAt(g, b, dtype));
  else if (a instanceof SecureArray) {
    const p = publicRing(g, b as PlainArray, dtype, "x2");
    node = g.apply(ops.add_ap, [secretAt(g, a, dtype)], { p: minus ? negPublic(p) : p });
  } else {
    const p = publicRing(g, a, dtype, "x1");
    node = minus
      ? g.apply(ops.sub_pa, [secretAt(g, b as SecureArray, dtype)], { p })
      : g.apply(ops.add_ap, [secretAt(g, b as SecureArray, dtype)], { p });
  }
  return g.out(node, dtype);
}

/**
 * Elementwise product. By a public float on the fixed-point grid (2.5, integers): exact ring
 * products, one truncation for float64. Off the grid (0.001, 0.1): the factor is encoded with E
 * extra bits in limbs (core/public-float.ts) and the product rounded once, within 1/2 ulp +
 * |x|·2^−(f+E+1) of the product with the float itself for |x| < 2^31 and |x·p| < 2^30 (f = 16:
 * E = 32; with every |p| ≥ 2^7, E = 24 and |x| < 2^23; int64 x: E = 31, |x| < 2^32); one
 * truncation per limb and a final one, in sequence.
 */
export const multiply = routine("multiply", ["x1", "x2"], {}, function multiply(x1: unknown, x2: unknown): SecureArray {
  const { g, xs, dtype } = prepare("multiply", x1, x2);
  const [a, b] = xs as [Operand, Operand];
  if (dtype === "bool") return logicalBinary(g, a, b, "and"); // NumPy: bool · bool is logical and
  if (a instanceof SecureArray && b instanceof SecureArray) return g.out(secretProduct(g, a, b), dtype);
  const [s, p] = (a instanceof SecureArray ? [a, b] : [b, a]) as [SecureArray, PlainArray];
  // A bool factor becomes the integers 0/1; then the product's scale is the sum of the factors' scales.
  const sd = s.dtype === "bool" ? "int64" : s.dtype;
  const x = secretAt(g, s, sd);
  // A factor off the fixed-point grid: encoded with extra bits (core/public-float.ts).
  if (p.dtype === "float64" && !allIntegers(p)) {
    const split = productByFloat(g, x, p, sd === "float64" ? g.vm.fracBits : 0, "operand");
    if (split !== null) return g.out(split, dtype);
    if (sd === "float64") return g.out(g.apply(ops.mul_ap, [x], { p: publicRing(g, p, "float64") }), dtype);
  }
  const pd = sd === "float64" || p.dtype !== "float64" ? "int64" : "float64";
  return g.out(g.apply(ops.mulInt_ap, [x], { p: publicRing(g, p, pd) }), dtype);
});

/** The product of two secret non-bool-result operands, in the promoted dtype. */
function secretProduct(g: Graph, a: SecureArray, b: SecureArray): Node {
  if (a.dtype === "bool" || b.dtype === "bool") {
    const [bits, other] = a.dtype === "bool" ? [a, b] : [b, a];
    return g.op(ops.mul_ba, secretAt(g, bits, "bool"), secretAt(g, other, other.dtype));
  }
  const x = secretAt(g, a, a.dtype);
  // x·x: a square pair opens one element where a Beaver product opens two.
  if (a.node === b.node && a.dtype === b.dtype && sameShape(a.shape, b.shape))
    return g.op(a.dtype === "float64" ? ops.square_a : ops.squareInt_a, x);
  const y = secretAt(g, b, b.dtype);
  // float × float truncates once; int × int and float × int (raw integer factor) need no truncation.
  return g.op(a.dtype === "float64" && b.dtype === "float64" ? ops.mul_aa : ops.mulInt_aa, x, y);
}

/** Extra bits of a public reciprocal beyond the divisor's size (relative error about 2^-(f+5)). */
const RECIPROCAL_EXTRA_BITS = 4;

/**
 * True division; the result is float64. By a public divisor on the fixed-point grid (integers
 * included): a product with a public reciprocal carrying extra bits, then one truncation (valid for
 * |x / p| < 2^(57 − 2f − log2 max|p|), 2^25 / max|p| for f = 16; int64 x: 2^(57 − f − log2 max|p|)),
 * then a second product by the exact residual and a second truncation round to nearest. By a
 * public divisor off the grid (7.3): the product by the float 1/p encoded with extra bits
 * (core/public-float.ts), rounded once: within 1/2 ulp + |x|·2^−(f+E+1) for |x| < 2^31 and
 * |x / p| < 2^30, as `multiply`. By a secret divisor: the division
 * kernel (Goldschmidt; see @petace/protocols for accuracy and range).
 */
export const divide = routine("divide", ["x1", "x2"], {}, function divide(x1: unknown, x2: unknown): SecureArray {
  const { g, xs } = prepare("divide", x1, x2);
  const [a, b] = xs as [Operand, Operand];
  const f = g.vm.fracBits;
  if (b instanceof PlainArray) {
    const s = a as SecureArray;
    const sd = s.dtype === "float64" ? "float64" : "int64";
    const x = secretAt(g, s, sd);
    const scale = sd === "float64" ? f : 0;
    const q = b.toNumbers();
    let maxAbs = 0;
    for (let i = 0; i < q.length; i++) {
      if (q[i] === 0) throw new RangeError(`divide: division by zero (the public divisor x2 has a 0 at flat position ${i})`);
      maxAbs = Math.max(maxAbs, Math.abs(q[i]!));
    }
    // A divisor off the fixed-point grid: the product by the float 1/p with extra bits
    // (core/public-float.ts), rounded once.
    const t = q.every((v) => Number.isInteger(v)) ? 0 : q.every((v) => Number.isInteger(v * 2 ** f)) ? f : -1;
    if (t < 0) {
      const inv = new PlainArray(
        q.map((v) => 1 / v),
        b.shape,
        "float64",
      );
      const split = productByFloat(g, x, inv, scale, "x2");
      if (split !== null) return g.out(split, "float64");
    }
    // m = 2^(f+sh)/p has about f + 4 significant bits; x·m carries f + sh + scale fractional bits.
    const sh = Math.max(0, Math.ceil(Math.log2(maxAbs))) + RECIPROCAL_EXTRA_BITS;
    const k = 2 ** (f + sh);
    const m = new Float64Array(q.length);
    for (let i = 0; i < q.length; i++) {
      m[i] = Math.round(k / q[i]!);
      if (!(Math.abs(m[i]!) < 2 ** 53))
        throw new RangeError(`divide: the public divisor x2 at flat position ${i} is too small for fixed point with ${f} fractional bits`);
    }
    const p = publicRing(g, new PlainArray(new BigInt64Array(encodeInt64(m).buffer), b.shape, "int64"), "int64", "x2");
    const q1 = g.apply(ops.trunc_a, [g.apply(ops.mulInt_ap, [x], { p })], { bits: sh + scale });
    // q1 is off by about |x/p|·2^−(f+5), more than half an ulp once |x/p| > 16. When p·2^t is an
    // integer (t = 0: integer divisors, as mean's n; t = f: divisors on the fixed-point grid), the
    // residual x − q1·p is exact and small (local products, at scale 2^(f+t)), and one more product
    // by the same reciprocal, rounded once, moves q1 to the nearest ulp of x/p: quotients that fixed
    // point represents come back exact (mean([99, 100, 101]) is 100). Other divisors keep q1.
    const bits = f + t + sh;
    if (t < 0 || bits > 61 || maxAbs * 2 ** t >= 2 ** 53) return g.out(q1, "float64");
    const ps = Float64Array.from(q, (v) => v * 2 ** t);
    const pRing = publicRing(g, new PlainArray(new BigInt64Array(encodeInt64(ps).buffer), b.shape, "int64"), "int64", "x2");
    const xScaled = f + t === scale ? x : g.apply(ops.mulInt_ap, [x], { p: 1n << BigInt(f + t - scale) });
    const r = g.op(ops.sub_aa, xScaled, g.apply(ops.mulInt_ap, [q1], { p: pRing }));
    const c = g.apply(ops.trunc_a, [g.apply(ops.mulInt_ap, [r], { p })], { bits });
    return g.out(g.op(ops.add_aa, q1, c), "float64");
  }
  const y = secretAt(g, b as SecureArray, "float64");
  if (a instanceof PlainArray) {
    if (a.size === 1 && a.toNumbers()[0] === 1) return g.out(g.op(ops.reciprocal_a, y), "float64");
    // p · (1/y) would scale the reciprocal's absolute error by |p|: divide a shared constant instead.
    return g.out(g.op(ops.div_aa, nodeAt(g, a, "float64"), y), "float64");
  }
  return g.out(g.op(ops.div_aa, secretAt(g, a, "float64"), y), "float64");
});

export const negative = routine("negative", ["x"], {}, function negative(x: unknown): SecureArray {
  const { g, xs, dtype } = prepare("negative", x);
  if (dtype === "bool") throw new TypeError("negative: the boolean negative is not supported (as in NumPy); use x.not() or snp.logicalNot");
  return g.out(g.op(ops.neg_a, nodeAt(g, xs[0]!, dtype)), dtype);
});

export const absolute = routine("absolute", ["x"], {}, function absolute(x: unknown): SecureArray {
  const { g, xs, dtype } = prepare("absolute", x);
  const n = nodeAt(g, xs[0]!, dtype);
  return g.out(dtype === "bool" ? n : g.op(ops.abs_a, n), dtype);
});

/**
 * x1 ** x2. A public integer exponent: square-and-multiply (float64: the pow kernel, negative
 * exponents through the reciprocal; int64: exact ring products, k ≥ 0). Otherwise
 * exp(x2 · log x1), float64, valid for x1 > 0.
 */
export const power = routine("power", ["x1", "x2"], {}, function power(x1: unknown, x2: unknown): SecureArray {
  const { g, xs, dtype } = prepare("power", x1, x2);
  const [a, b] = xs as [Operand, Operand];
  if (a instanceof SecureArray && b instanceof PlainArray && b.size === 1 && allIntegers(b)) {
    const k = b.toNumbers()[0]!;
    const dt = dtype === "bool" ? "int64" : dtype;
    const x = secretAt(g, a, dt);
    if (dt === "float64") return g.out(g.apply(ops.pow_a, [x], { k }), dt);
    if (k < 0)
      throw new RangeError('power: integers to negative integer powers are not allowed (as in NumPy); use astype("float64") first');
    return g.out(intPower(g, x, k), dt);
  }
  // exp(x2 · ln x1)
  const lnA = a instanceof SecureArray ? g.op(ops.log_a, secretAt(g, a, "float64")) : null;
  if (lnA === null) {
    const base = (a as PlainArray).toNumbers();
    const logs = new Float64Array(base.length);
    for (let i = 0; i < base.length; i++) {
      if (!(base[i]! > 0))
        throw new RangeError(`power: a public base x1 must be positive when the exponent is secret (flat position ${i})`);
      logs[i] = Math.log(base[i]!);
    }
    const lnPlain = new PlainArray(logs, (a as PlainArray).shape, "float64");
    const y = secretAt(g, b as SecureArray, "float64");
    const e =
      productByFloat(g, y, lnPlain, g.vm.fracBits, "x1") ?? g.apply(ops.mul_ap, [y], { p: publicRing(g, lnPlain, "float64", "x1") });
    return g.out(g.op(ops.exp_a, e), "float64");
  }
  const e =
    b instanceof SecureArray
      ? g.op(ops.mul_aa, lnA, secretAt(g, b, "float64"))
      : (productByFloat(g, lnA, b, g.vm.fracBits, "x2") ?? g.apply(ops.mul_ap, [lnA], { p: publicRing(g, b, "float64", "x2") }));
  return g.out(g.op(ops.exp_a, e), "float64");
});

/** x^k over the integers by square-and-multiply: ⌈log2 k⌉ product depths. */
function intPower(g: Graph, x: Node, k: number): Node {
  if (k === 0) return g.constant(new BigUint64Array(g.n).fill(1n));
  let acc: Node | null = null;
  let base = x;
  for (let e = k; e > 0; e = Math.floor(e / 2)) {
    if (e & 1) acc = acc === null ? base : g.op(ops.mulInt_aa, acc, base);
    if (e > 1) base = g.op(ops.squareInt_a, base);
  }
  return acc!;
}

/**
 * NumPy `mod`, the same routine as `remainder` (routines/division.ts): x1 − floor(x1/x2)·x2, with
 * the sign of the divisor, exact; the divisor public or secret.
 */
export const mod = routine("mod", ["x1", "x2"], {}, function mod(x1: unknown, x2: unknown): SecureArray {
  return remainderOf("mod", x1, x2);
});

export { absolute as abs, divide as div, multiply as mul, negative as neg, power as pow, subtract as sub };
