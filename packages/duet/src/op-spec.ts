/**
 * How the VM knows an operator: its kernel call, its output, and whether and how independent calls
 * merge into one. Adding an operator is one `OpSpec` in `ops/`; nothing else in the VM changes.
 */
import type { Kernels, Public } from "@petace/protocols";
import type { Node } from "./node.js";
import type { Kind, Value } from "./values.js";

export interface OpSpec<P = undefined> {
  /** Also the profile row. */
  readonly name: string;
  /** Sends messages: evaluated by rounds and merged with independent calls of the same group. */
  readonly interactive: boolean;
  /** Output kind and length; throws RangeError when the inputs do not fit (an internal misuse). */
  out(inputs: readonly Node[], params: P): { n: number; kind: Kind };
  /** Public summary of the parameters: calls merge only when it is equal; also fed to the program digest. */
  key(params: P): string;
  /** How k independent calls become one kernel call (interactive operators only; absent: never merged). */
  readonly merge?: MergeRule<P>;
  run(k: Kernels, xs: readonly Value[], params: P, n: number): Value | null | Promise<Value | null>;
}

/** Inputs are concatenated position by position and the output is split back by each node's length. */
export interface MergeRule<P> {
  combine(parts: readonly { params: P; n: number }[]): P;
}

/** A merge for operators whose parameters are equal within a group (the group key says so). */
export function sameParams<P>(): MergeRule<P> {
  return { combine: (parts) => parts[0]!.params };
}

/** Checks that all inputs have the given kinds and one common length, which it returns. */
export function commonLength(name: string, inputs: readonly Node[], kinds: readonly Kind[]): number {
  if (inputs.length !== kinds.length) throw new RangeError(`${name}: expected ${kinds.length} operands, got ${inputs.length}`);
  const n = inputs[0]?.n ?? 0;
  for (let i = 0; i < inputs.length; i++) {
    const x = inputs[i]!;
    if (x.kind !== kinds[i]) throw new TypeError(`${name}: operand ${i} holds ${x.kind}, expected ${kinds[i]}`);
    if (x.n !== n) throw new RangeError(`${name}: operands have ${n} and ${x.n} elements`);
  }
  return n;
}

/** Checks a public operand against the element count. */
export function checkPublic(name: string, p: Public, n: number): void {
  if (typeof p === "bigint") return;
  if (!(p instanceof BigUint64Array)) throw new TypeError(`${name}: public operand must be a bigint or BigUint64Array`);
  if (p.length !== n) throw new RangeError(`${name}: public operand has ${p.length} elements, expected ${n}`);
}

/** Merged public operand: one scalar if all parts share it, otherwise one array. */
export function concatPublic(parts: readonly { p: Public; n: number }[]): Public {
  const first = parts[0]!.p;
  if (typeof first === "bigint" && parts.every((q) => q.p === first)) return first;
  let total = 0;
  for (const q of parts) total += q.n;
  const out = new BigUint64Array(total);
  let off = 0;
  for (const q of parts) {
    if (typeof q.p === "bigint") out.fill(q.p, off, off + q.n);
    else out.set(q.p, off);
    off += q.n;
  }
  return out;
}

/** Builds an element-wise operator: inputs of the given kinds and one length, output of that length. */
export function elementwise<P = undefined>(
  name: string,
  kinds: readonly Kind[],
  outKind: Kind,
  interactive: boolean,
  run: OpSpec<P>["run"],
  opts: { key?: (p: P) => string; merge?: MergeRule<P>; check?: (p: P, n: number) => void } = {},
): OpSpec<P> {
  const check = opts.check;
  return {
    name,
    interactive,
    out(inputs, params) {
      const n = commonLength(name, inputs, kinds);
      check?.(params, n);
      return { n, kind: outKind };
    },
    key: opts.key ?? (() => ""),
    ...(interactive ? { merge: opts.merge ?? sameParams<P>() } : {}),
    run,
  };
}

/** Parameters of operators with one public ring operand. */
export interface PublicParam {
  p: Public;
}

/** The merge of operators whose only parameter is one public ring operand per element. */
export const publicMerge: MergeRule<PublicParam> = {
  combine: (parts) => ({ p: concatPublic(parts.map((q) => ({ p: q.params.p, n: q.n }))) }),
};

export const checkPublicParam =
  (name: string) =>
  (params: PublicParam, n: number): void =>
    checkPublic(name, params.p, n);
