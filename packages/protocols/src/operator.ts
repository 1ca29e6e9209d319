/**
 * What one operator of the table is: the share kinds it takes and makes, how its output length
 * follows from its inputs, whether and how independent calls merge into one call (and so into one
 * set of rounds), what it costs, and the function that runs it on shares.
 *
 * The VM reads nothing else about an operator; the plaintext reference backend implements the same
 * ids (`ref/operators.ts`). Operator ids name the share kinds of their operands, in the spirit of
 * SecretFlow SPU's kernels: `a` arithmetic shares, `b` boolean shares, `p` a public operand; e.g.
 * `mul_aa` (shares × shares), `mul_ap` (shares × public), `select_baa` (bit, then two arithmetic).
 */
import type { CostEnv, ProtocolContext } from "./context.js";
import type { Bits, Kind, Public, Value } from "./values.js";
import { sliceBits, wordCount } from "./values.js";

export type { CostEnv } from "./context.js";

/** What the VM knows about an operand before it is evaluated. */
export interface Operand {
  readonly n: number;
  readonly kind: Kind;
}

/** Messages one call costs each party in the online phase (correlations excluded). */
export interface Cost {
  /** Round trips as the channel counts them. */
  readonly rounds: number;
  /** Payload bytes sent by party 0 and by party 1. */
  readonly bytes: readonly [number, number];
}

export interface Operator<P = undefined> {
  /** The table key; also the profile row and what the program digest records. */
  readonly id: string;
  /** Sends messages: evaluated by rounds, merged with independent calls of the same key. */
  readonly interactive: boolean;
  /** Output kind and length; throws when the inputs do not fit (an internal misuse). */
  out(inputs: readonly Operand[], params: P): Operand;
  /** Public summary of the parameters: calls merge only when it is equal. */
  key(params: P): string;
  /** How k independent calls become one (inputs concatenated position by position, the output split back); absent: never merged. */
  readonly merge?: (parts: readonly { params: P; n: number }[]) => P;
  /** How a call is cut into calls on consecutive slices (a long call in bounded memory); absent: it runs whole. */
  readonly slice?: Slicing<P>;
  /** Online cost of one call of n output elements. */
  cost(n: number, params: P, env: CostEnv): Cost;
  /** Runs the operator on this party's shares. */
  run(ctx: ProtocolContext, xs: readonly Value[], params: P, n: number): Value | null | Promise<Value | null>;
}

/**
 * Output elements [from, to) of a call are the output of the same operator on elements [lo, hi) of
 * every input with the parameters `at` gives, so a call can run as calls on consecutive slices
 * whose outputs, one after another, are its output. Both parties cut at the same places: the cuts
 * depend on public sizes only.
 */
export interface Slicing<P> {
  /** Output elements per unit: slices hold whole units (1, or a row's length for row sorts). */
  outUnit(params: P): number;
  /** The input range and parameters that output elements [from, to) need. */
  at(params: P, from: number, to: number): { lo: number; hi: number; params: P };
  /**
   * The input range depends on the data (a gather): such a call reads its inputs whole, so the VM
   * never leaves them unevaluated for it.
   */
  readonly gathers?: boolean;
  /** Row sums: a row's output is the sum of the outputs on consecutive column ranges of it. */
  readonly additive?: boolean;
}

/** Slicing of element-wise operators: output element i needs input element i. */
export function elementSlicing<P>(params: (p: P, from: number, to: number) => P = (p) => p): Slicing<P> {
  return { outUnit: () => 1, at: (p, from, to) => ({ lo: from, hi: to, params: params(p, from, to) }) };
}

/** Slicing of operators giving one element per row of a rows×cols value. */
export const rowSlicing = <P extends RowsParams>(additive = false): Slicing<P> => ({
  outUnit: () => 1,
  at: (p, from, to) => ({ lo: from * p.cols, hi: to * p.cols, params: { ...p, rows: to - from } }),
  ...(additive ? { additive } : {}),
});

/** A public ring operand of elements [from, to). */
export const slicePublic = (p: PublicParam, from: number, to: number): PublicParam => ({
  p: typeof p.p === "bigint" ? p.p : p.p.subarray(from, to),
});

/** Public bits of elements [from, to). */
export const slicePublicBits = (p: PublicBitsParam, from: number, to: number): PublicBitsParam => ({
  p: sliceBits(p.p, from, to - from),
});

/** The parameter type of an operator. */
export type ParamsOf<O> = O extends Operator<infer P> ? P : never;

// ---------------------------------------------------------------- building blocks of the table

/** Checks that all inputs have the given kinds and one common length, which it returns. */
export function commonLength(id: string, inputs: readonly Operand[], kinds: readonly Kind[]): number {
  if (inputs.length !== kinds.length) throw new RangeError(`${id}: expected ${kinds.length} operands, got ${inputs.length}`);
  const n = inputs[0]?.n ?? 0;
  for (let i = 0; i < inputs.length; i++) {
    const x = inputs[i]!;
    if (x.kind !== kinds[i]) throw new TypeError(`${id}: operand ${i} holds ${x.kind} shares, expected ${kinds[i]}`);
    if (x.n !== n) throw new RangeError(`${id}: operands have ${n} and ${x.n} elements`);
  }
  return n;
}

/** Checks a public ring operand against the element count. */
export function checkPublic(id: string, p: Public, n: number): void {
  if (typeof p === "bigint") return;
  if (!(p instanceof BigUint64Array)) throw new TypeError(`${id}: public operand must be a bigint or BigUint64Array`);
  if (p.length !== n) throw new RangeError(`${id}: public operand has ${p.length} elements, expected ${n}`);
}

/** Checks packed public bits against the element count. */
export function checkPublicBits(id: string, p: Bits, n: number): void {
  if (!(p instanceof Uint32Array) || p.length < wordCount(n))
    throw new RangeError(`${id}: public bits must be a Uint32Array of ${wordCount(n)} words`);
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

/** Parameters of operators with one public ring operand. */
export interface PublicParam {
  p: Public;
}

/** Parameters of operators with public packed bits. */
export interface PublicBitsParam {
  p: Bits;
}

/** Parameters of operators on the rows of a rows×cols value. */
export interface RowsParams {
  rows: number;
  cols: number;
}

/** Calls whose parameters are equal (the key says so) merge with the first call's parameters. */
export const sameParams = <P>(parts: readonly { params: P }[]): P => parts[0]!.params;

/** Public operands are concatenated like the shares. */
export const mergePublic = (parts: readonly { params: PublicParam; n: number }[]): PublicParam => ({
  p: concatPublic(parts.map((q) => ({ p: q.params.p, n: q.n }))),
});

/** Row operators merge by stacking rows (row-major data concatenates the same way). */
export const stackRows = <P extends { rows: number }>(parts: readonly { params: P }[]): P => ({
  ...parts[0]!.params,
  rows: parts.reduce((s, q) => s + q.params.rows, 0),
});

export const FREE: Cost = { rounds: 0, bytes: [0, 0] };

/** The same cost for both parties. */
export const each = (rounds: number, bytes: number): Cost => ({ rounds, bytes: [bytes, bytes] });

/** Sequential composition: rounds and bytes add up. */
export function seq(...costs: readonly Cost[]): Cost {
  let rounds = 0,
    b0 = 0,
    b1 = 0;
  for (const c of costs) {
    rounds += c.rounds;
    b0 += c.bytes[0];
    b1 += c.bytes[1];
  }
  return { rounds, bytes: [b0, b1] };
}

/** `times` sequential calls of one cost. */
export const repeat = (c: Cost, times: number): Cost => ({ rounds: c.rounds * times, bytes: [c.bytes[0] * times, c.bytes[1] * times] });

interface ElementwiseSpec<P> {
  id: string;
  in: readonly Kind[];
  out: Kind;
  interactive: boolean;
  cost: Operator<P>["cost"];
  run: Operator<P>["run"];
  key?: (p: P) => string;
  merge?: Operator<P>["merge"];
  check?: (p: P, n: number) => void;
  /** Parameters of elements [from, to) (default: the same; needed when they hold per-element data). */
  slice?: (p: P, from: number, to: number) => P;
}

/** An element-wise operator: inputs of the given kinds and one length, output of that length. */
export function elementwise<P = undefined>(spec: ElementwiseSpec<P>): Operator<P> {
  const { id, check } = spec;
  return {
    id,
    interactive: spec.interactive,
    out(inputs, params) {
      const n = commonLength(id, inputs, spec.in);
      check?.(params, n);
      return { n, kind: spec.out };
    },
    key: spec.key ?? (() => ""),
    ...(spec.interactive ? { merge: spec.merge ?? sameParams } : {}),
    slice: elementSlicing(spec.slice),
    cost: spec.cost,
    run: spec.run,
  };
}

/** Checks a rows×cols operand. */
export function checkRows(id: string, inputs: readonly Operand[], { rows, cols }: RowsParams): void {
  commonLength(id, inputs, ["arith"]);
  if (!Number.isSafeInteger(rows) || !Number.isSafeInteger(cols) || rows < 0 || cols < 0)
    throw new RangeError(`${id}: rows and cols must be non-negative integers`);
  if (inputs[0]!.n !== rows * cols) throw new RangeError(`${id}: ${inputs[0]!.n} elements are not ${rows}×${cols}`);
}
