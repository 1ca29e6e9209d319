/**
 * Reading nodes in slices, so that a long table never has to sit in memory as a whole in every
 * intermediate form. A deferred node (a local operator left uncomputed, see scheduler.ts) is
 * computed slice by slice from slices of its inputs, each time it is read; `materialize` computes
 * it whole when something needs all of it. Local operators send nothing, so which nodes are
 * deferred, and how they are computed, is this party's own business: the peer never sees it.
 */
import { placeValue, sliceValue, wordCount, type Backend, type Kind, type Value } from "@petace/protocols";
import type { Node } from "./node.js";

/**
 * Deferred chains longer than this are computed whole instead: each slice of a deferred node
 * recomputes its chain, and the recursion must stay shallow.
 */
export const MAX_DEFERRED_CHAIN = 16;

/** Elements [lo, hi) of a node's value. */
export async function sliceOf(backend: Backend, node: Node, lo: number, hi: number): Promise<Value> {
  if (node.state === "deferred") {
    const { lo: a, hi: b, params } = node.op.slice!.at(node.params as never, lo, hi);
    const xs: Value[] = [];
    for (const x of node.inputs) xs.push(await sliceOf(backend, x, a, b));
    return (await backend.run(node.op, xs, params, hi - lo))!;
  }
  if (node.value === null || node.value === undefined) throw new Error(`duet: "${node.label}" has no value on this party`);
  return sliceValue(node.value, lo, hi - lo);
}

/** The whole value of a node, computing a deferred one (which then keeps its value). */
export async function materialize(backend: Backend, node: Node, maxChunk: number): Promise<Value> {
  if (node.state === "deferred") node.resolve(await computeLocal(backend, node, maxChunk));
  if (node.value === null || node.value === undefined) throw new Error(`duet: "${node.label}" has no value on this party`);
  return node.value;
}

/** Runs a local node: whole if its inputs are all computed, otherwise slice by slice. */
export async function computeLocal(backend: Backend, node: Node, maxChunk: number): Promise<Value> {
  // A gather's slices may span its whole input (a transpose): it reads its inputs whole.
  const s = node.op.slice;
  if (s && !s.gathers && node.inputs.some((x) => x.state === "deferred")) return computeInSlices(backend, node, maxChunk);
  const xs: Value[] = [];
  for (const x of node.inputs) xs.push(await materialize(backend, x, maxChunk));
  return (await backend.run(node.op, xs, node.params as never, node.n))!;
}

/** A fresh all-zero value of n elements. */
export function emptyValue(kind: Kind, n: number): Value {
  return kind === "arith" ? new BigUint64Array(n) : new Uint32Array(wordCount(n));
}

/**
 * A local node's value from slices of its inputs of at most maxChunk elements each. A row sum
 * longer than that is summed over column ranges (shares add up like the values they share).
 */
async function computeInSlices(backend: Backend, node: Node, maxChunk: number): Promise<Value> {
  const s = node.op.slice!;
  const params = node.params as never;
  const out = emptyValue(node.kind, node.n);
  const unit = s.outUnit(params);
  const first = s.at(params, 0, Math.min(unit, node.n));
  const perUnit = Math.max(1, first.hi - first.lo);
  const cols = (params as { cols?: number } | undefined)?.cols;
  if (s.additive && cols !== undefined && cols > maxChunk && out instanceof BigUint64Array) {
    for (let r = 0; r < node.n; r++) {
      let acc = 0n;
      for (let c = 0; c < cols; c += maxChunk) {
        const w = Math.min(maxChunk, cols - c);
        const xs: Value[] = [];
        for (const x of node.inputs) xs.push(await sliceOf(backend, x, r * cols + c, r * cols + c + w));
        const part = (await backend.run(node.op, xs, { ...(params as object), rows: 1, cols: w } as never, 1)) as BigUint64Array;
        acc += part[0]!;
      }
      out[r] = BigInt.asUintN(64, acc);
    }
    return out;
  }
  const step = unit * Math.max(1, Math.floor(maxChunk / perUnit));
  for (let from = 0; from < node.n; from += step) {
    const to = Math.min(node.n, from + step);
    const at = s.at(params, from, to);
    const xs: Value[] = [];
    for (const x of node.inputs) xs.push(await sliceOf(backend, x, at.lo, at.hi));
    placeValue(out, (await backend.run(node.op, xs, at.params, to - from))!, to - from, from);
  }
  return out;
}
