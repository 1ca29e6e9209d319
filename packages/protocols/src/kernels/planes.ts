/**
 * Bit planes: the bits of n 64-bit words regrouped so that plane j holds bit j of every element,
 * packed (W = ceil(n/32) words per plane). Circuits that combine bit positions (comparison,
 * equality) then run on whole planes: every AND is dense, and one level of the circuit is one
 * batched `and` round. Local (no messages).
 * @internal
 */
import type { ProtocolContext } from "../context.js";
import { and } from "./boolean.js";

/** In-place 32×32 bit transpose: afterwards bit j of a[k] is the former bit k of a[j]. */
export function transpose32(a: Uint32Array): void {
  let m = 0x0000ffff;
  for (let s = 16; s !== 0; s >>>= 1, m = (m ^ (m << s)) >>> 0) {
    for (let k = 0; k < 32; k = (k + s + 1) & ~s) {
      const t = ((a[k]! >>> s) ^ a[k + s]!) & m;
      a[k] = a[k]! ^ (t << s);
      a[k + s] = a[k + s]! ^ t;
    }
  }
}

/**
 * Planes 0..63 of n elements given as limbs (two 32-bit words per element, low first). Returns 64·W
 * words, plane j at [j·W, (j+1)·W). Bits of padding elements (n..32W) are 0.
 */
export function toPlanes(limbs: Uint32Array, n: number): Uint32Array {
  const W = (n + 31) >>> 5;
  const out = new Uint32Array(64 * W);
  const blk = new Uint32Array(32);
  for (let b = 0; b < W; b++) {
    const base = 32 * b;
    const cnt = Math.min(32, n - base);
    for (let h = 0; h < 2; h++) {
      for (let k = 0; k < cnt; k++) blk[k] = limbs[2 * (base + k) + h]!;
      blk.fill(0, cnt);
      transpose32(blk);
      const plane0 = 32 * h;
      for (let j = 0; j < 32; j++) out[(plane0 + j) * W + b] = blk[j]!;
    }
  }
  return out;
}

/**
 * Carry out of bit position `count − 1` of an addition whose generate/propagate planes 0..count−1
 * are given (XOR shares; planes of W words). Pairs adjacent groups level by level:
 * G = G_hi ⊕ (P_hi ∧ G_lo), P = P_hi ∧ P_lo (the lowest group never needs P). ceil(log2 count)
 * rounds; ANDs: count − 1 for G plus count − 1 − ceil(log2 count) for P, W words each.
 */
export async function carryTree(ctx: ProtocolContext, g: Uint32Array, p: Uint32Array, count: number, W: number): Promise<Uint32Array> {
  let G: Uint32Array[] = [],
    P: Uint32Array[] = [];
  for (let j = 0; j < count; j++) {
    G.push(g.subarray(j * W, (j + 1) * W));
    P.push(p.subarray(j * W, (j + 1) * W));
  }
  while (G.length > 1) {
    const pairs = G.length >>> 1;
    // AND list: for each pair i, P_hi∧G_lo; then for pairs i ≥ 1, P_hi∧P_lo.
    const nAnd = pairs + (pairs - 1);
    const lhs = new Uint32Array(nAnd * W),
      rhs = new Uint32Array(nAnd * W);
    for (let i = 0; i < pairs; i++) {
      lhs.set(P[2 * i + 1]!, i * W);
      rhs.set(G[2 * i]!, i * W);
    }
    for (let i = 1; i < pairs; i++) {
      const slot = (pairs + i - 1) * W;
      lhs.set(P[2 * i + 1]!, slot);
      rhs.set(P[2 * i]!, slot);
    }
    const r = await and(ctx, lhs, rhs);
    const nG: Uint32Array[] = [],
      nP: Uint32Array[] = [];
    for (let i = 0; i < pairs; i++) {
      const gh = G[2 * i + 1]!,
        pg = r.subarray(i * W, (i + 1) * W);
      const ng = new Uint32Array(W);
      for (let t = 0; t < W; t++) ng[t] = gh[t]! ^ pg[t]!;
      nG.push(ng);
      nP.push(i === 0 ? new Uint32Array(0) : r.subarray((pairs + i - 1) * W, (pairs + i) * W));
    }
    if (G.length & 1) {
      nG.push(G[G.length - 1]!);
      nP.push(P[P.length - 1]!);
    }
    G = nG;
    P = nP;
  }
  return G[0]!;
}

/** AND of planes 0..count−1 (XOR shares), pairwise by levels: ceil(log2 count) rounds, count − 1 ANDs of W words. */
export async function andTree(ctx: ProtocolContext, planes: Uint32Array, count: number, W: number): Promise<Uint32Array> {
  let cur = planes.subarray(0, count * W),
    c = count;
  while (c > 1) {
    const pairs = c >>> 1;
    const lhs = new Uint32Array(pairs * W),
      rhs = new Uint32Array(pairs * W);
    for (let i = 0; i < pairs; i++) {
      lhs.set(cur.subarray(2 * i * W, (2 * i + 1) * W), i * W);
      rhs.set(cur.subarray((2 * i + 1) * W, (2 * i + 2) * W), i * W);
    }
    const r = await and(ctx, lhs, rhs);
    const nc = pairs + (c & 1);
    const next = new Uint32Array(nc * W);
    next.set(r, 0);
    if (c & 1) next.set(cur.subarray((c - 1) * W, c * W), pairs * W);
    cur = next;
    c = nc;
  }
  return cur.slice(0, W);
}
