/**
 * The secure backend: the kernel table over two-party shares. Each entry is documented (rounds,
 * bytes, paper) in the file that implements it.
 */
import type { ProtocolContext } from "../context.js";
import type { Kernels } from "./api.js";
import { a2b } from "./a2b.js";
import * as arith from "./arith.js";
import { b2a, bitToArith } from "./b2a.js";
import * as bool from "./boolean.js";
import * as cmp from "./compare.js";
import * as io from "./io.js";
import { matmulFixed, matmulRaw } from "./matmul.js";
import { msb } from "./msb.js";
import { mulFixed, mulRaw } from "./mul.js";
import { bitMul, select } from "./mux.js";
import { prodRows, sumRows } from "./reduce.js";
import { exp } from "./exp.js";
import { div, reciprocal } from "./reciprocal.js";
import { sigmoid, tanh } from "./sigmoid.js";
import * as sg from "./sign.js";
import { argsort, sort, tournament } from "./sort.js";
import { log, rsqrt, sqrt } from "./sqrt.js";
import { truncate } from "./truncate.js";

export function secureKernels(ctx: ProtocolContext): Kernels {
  return {
    backend: "secure",
    party: ctx.party,
    fracBits: ctx.fracBits,

    input: async (owner, data, n) => io.input(ctx, owner, data, n),
    inputBits: async (owner, data, n) => io.inputBits(ctx, owner, data, n),
    reveal: (x) => io.reveal(ctx, x),
    revealTo: (x, to) => io.revealTo(ctx, x, to),
    revealBits: (x, n) => io.revealBits(ctx, x, n),
    revealBitsTo: (x, n, to) => io.revealBitsTo(ctx, x, n, to),

    add: arith.add,
    sub: arith.sub,
    neg: arith.neg,
    addPublic: (x, p) => arith.addPublic(ctx, x, p),
    subFromPublic: (p, x) => arith.subFromPublic(ctx, p, x),
    mulPublicInt: arith.mulPublicInt,

    mulPublic: (x, p) => truncate(ctx, arith.mulPublicInt(x, p), ctx.fracBits),
    mul: (x, y) => mulFixed(ctx, x, y),
    mulInt: (x, y) => mulRaw(ctx, x, y),
    square: (x) => mulFixed(ctx, x, x),
    truncate: (x, bits) => truncate(ctx, x, bits),
    matmul: (x, y, m, k, n) => matmulFixed(ctx, x, y, m, k, n),
    matmulInt: (x, y, m, k, n) => matmulRaw(ctx, x, y, m, k, n),
    sum: sumRows,
    prod: (x, rows, cols) => prodRows(ctx, x, rows, cols, true),
    prodInt: (x, rows, cols) => prodRows(ctx, x, rows, cols, false),

    xor: bool.xor,
    not: (x) => bool.not(ctx, x),
    xorPublic: (x, p) => bool.xorPublic(ctx, x, p),
    andPublic: bool.andPublic,
    and: (x, y) => bool.and(ctx, x, y),
    or: (x, y) => bool.or(ctx, x, y),

    a2b: (x) => a2b(ctx, x),
    b2a: (x) => b2a(ctx, x),
    bitToArith: (b, n) => bitToArith(ctx, b, n),
    bitMul: (b, x) => bitMul(ctx, b, x),
    select: (c, x, y) => select(ctx, c, x, y),

    msb: (x) => msb(ctx, x),
    lt: (x, y) => cmp.lt(ctx, x, y),
    le: (x, y) => cmp.le(ctx, x, y),
    gt: (x, y) => cmp.gt(ctx, x, y),
    ge: (x, y) => cmp.ge(ctx, x, y),
    eq: (x, y) => cmp.eq(ctx, x, y),
    ne: (x, y) => cmp.ne(ctx, x, y),
    ltPublic: (x, p) => cmp.ltPublic(ctx, x, p),
    lePublic: (x, p) => cmp.lePublic(ctx, x, p),
    gtPublic: (x, p) => cmp.gtPublic(ctx, x, p),
    gePublic: (x, p) => cmp.gePublic(ctx, x, p),
    eqPublic: (x, p) => cmp.eqPublic(ctx, x, p),
    nePublic: (x, p) => cmp.nePublic(ctx, x, p),

    reciprocal: (x) => reciprocal(ctx, x),
    div: (x, y) => div(ctx, x, y),
    sqrt: (x) => sqrt(ctx, x),
    rsqrt: (x) => rsqrt(ctx, x),
    exp: (x) => exp(ctx, x),
    log: (x) => log(ctx, x),
    sigmoid: (x) => sigmoid(ctx, x),
    tanh: (x) => tanh(ctx, x),
    abs: (x) => sg.abs(ctx, x),
    sign: (x) => sg.sign(ctx, x),
    maximum: (x, y) => sg.maximum(ctx, x, y),
    minimum: (x, y) => sg.minimum(ctx, x, y),
    pow: (x, k) => sg.pow(ctx, x, k),

    sort: (x, rows, cols, descending = false) => sort(ctx, x, rows, cols, descending),
    argsort: (x, rows, cols, descending = false) => argsort(ctx, x, rows, cols, descending),
    max: async (x, rows, cols) => (await tournament(ctx, x, rows, cols, "max", false)).values,
    min: async (x, rows, cols) => (await tournament(ctx, x, rows, cols, "min", false)).values,
    argmax: async (x, rows, cols) => (await tournament(ctx, x, rows, cols, "max", true)).indices,
    argmin: async (x, rows, cols) => (await tournament(ctx, x, rows, cols, "min", true)).indices,
  };
}
