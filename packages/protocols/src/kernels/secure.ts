/**
 * The secure backend: the kernel table over two-party shares. Each entry is documented (rounds,
 * bytes, paper) in the file that implements it.
 */
import type { ProtocolContext } from "../context.js";
import type { Kernels } from "./api.js";
import * as arith from "./arith.js";
import * as io from "./io.js";
import { matmulFixed, matmulRaw } from "./matmul.js";
import { mulFixed, mulRaw } from "./mul.js";
import { prodRows, sumRows } from "./reduce.js";
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
  };
}
