/**
 * Argument checks at API boundaries, shared by the packages so that the same mistake gets the same
 * message wherever it is made. `fn` names the routine the caller called (the message starts with it);
 * a value of the wrong type is a TypeError, a number out of range a RangeError (party ids excepted,
 * see checkParty).
 */

/** Bounds of an integer argument: `max` inclusive, or `below` exclusive (written [min, below) in messages). */
export interface IntRange {
  min?: number;
  max?: number;
  below?: number;
}

/** Bounds read better as powers of two from 2^10 up ("2^20", not "1048576"). */
function bound(v: number): string {
  if (v >= 1024 && Number.isInteger(Math.log2(v))) return `2^${Math.log2(v)}`;
  return String(v);
}

function describeRange({ min = 0, max, below }: IntRange): string {
  if (below !== undefined) return `an integer in [${bound(min)}, ${bound(below)})`;
  if (max !== undefined) return `an integer in [${bound(min)}, ${bound(max)}]`;
  if (min === 0) return "a non-negative integer";
  if (min === 1) return "a positive integer";
  return `an integer ≥ ${bound(min)}`;
}

function inRange(v: number, { min = 0, max, below }: IntRange): boolean {
  return Number.isSafeInteger(v) && v >= min && (max === undefined || v <= max) && (below === undefined || v < below);
}

/** A safe integer within `range` (default: ≥ 0), named `name` in the message. */
export function checkInt(fn: string, name: string, v: unknown, range: IntRange = {}): asserts v is number {
  if (typeof v !== "number") throw new TypeError(`${fn}: ${name} must be a number`);
  if (!inRange(v, range)) throw new RangeError(`${fn}: ${name} must be ${describeRange(range)}, got ${v}`);
}

/** A count of elements, bytes or OTs (named `n` unless `range.name` says otherwise): ≥ 0 unless bounded. */
export function checkCount(fn: string, n: unknown, range: IntRange & { name?: string } = {}): asserts n is number {
  checkInt(fn, range.name ?? "n", n, range);
}

/** A matrix or array dimension (m, k, n, rows, cols): ≥ 0 unless bounded. */
export function checkDim(fn: string, name: string, v: unknown, range: IntRange = {}): asserts v is number {
  checkInt(fn, name, v, range);
}

/** A Uint8Array, of exactly `length` bytes when given. */
export function checkBytes(fn: string, name: string, a: unknown, length?: number): asserts a is Uint8Array {
  if (!(a instanceof Uint8Array)) throw new TypeError(`${fn}: ${name} must be a Uint8Array`);
  if (length !== undefined && a.length !== length) throw new RangeError(`${fn}: ${name} must have ${length} bytes, got ${a.length}`);
}

/**
 * A party id. A RangeError whatever the value (not a TypeError for non-numbers): party ids often
 * come from configuration and command lines, and one message for every wrong value reads better there.
 */
export function checkParty(fn: string, party: unknown): asserts party is 0 | 1 {
  if (party !== 0 && party !== 1) throw new RangeError(`${fn}: party must be 0 or 1, got ${String(party)}`);
}

/**
 * The fraction bits the two-party protocols accept, [1, 40]: the range ProtocolContext.create and
 * Duet.create check, kept here so that both can use one check with one message.
 */
export const PROTOCOL_FRAC_BITS = { min: 1, max: 40 } as const;

/** Fixed-point fraction bits: [1, 40] (the protocols' range) unless `range` says otherwise. */
export function checkFracBits(fn: string, f: unknown, range: IntRange = PROTOCOL_FRAC_BITS): asserts f is number {
  checkInt(fn, "fracBits", f, range);
}
