/**
 * Test helpers (private): both parties through runLocal, seeded random arrays on exact grids, and a
 * plaintext reference with NumPy semantics written independently of the library (broadcasting by
 * multi-indices, not by broadcast.ts). @internal
 */
import { runLocal, type Duet, type PartyId, type RunLocalOptions } from "@petace/duet";
import { expect } from "vitest";
import type { DType } from "../src/core/dtype.js";
import { PlainArray } from "../src/core/plain.js";
import { use, type Namespace } from "../src/use.js";
import { insecureDealer } from "@petace/duet";
import { SeededRandom } from "@petace/primitives";

export const FAST: RunLocalOptions = { correlations: insecureDealer };

/** Runs `fn` as both parties (dealer triples unless told otherwise); returns both results. */
export function both<T>(
  fn: (np: Namespace, party: PartyId, vm: Duet) => Promise<T>,
  opts: RunLocalOptions = FAST,
): Promise<[Awaited<T>, Awaited<T>]> {
  return runLocal((vm, party) => fn(use(vm), party, vm), opts);
}

/** A plaintext array for the reference: bools as 0/1. */
export interface Ref {
  shape: number[];
  data: number[];
  dtype: DType;
}

/** Uniforms in [0, 1) from the project's one seeded generator (fixed seeds: the tolerances were set on this data). */
export function rng(seed: number): () => number {
  const r = new SeededRandom(seed);
  return () => r.float();
}

/**
 * Random values on exact grids: float64 multiples of 1/4 in [−lim, lim] (exact in fixed point, ties
 * frequent), int64 integers in [−lim, lim], bool 0/1. `nonZero` keeps |v| ≥ 1/2 (divisors).
 */
export function rand(r: () => number, shape: number[], dtype: DType, lim = 20, nonZero = false): Ref {
  const n = shape.reduce((a, b) => a * b, 1);
  const data: number[] = [];
  for (let i = 0; i < n; i++) {
    let v: number;
    if (dtype === "bool") v = r() < 0.5 ? 1 : 0;
    else if (dtype === "int64") v = Math.round((r() * 2 - 1) * lim);
    else v = Math.round((r() * 2 - 1) * lim * 4) / 4;
    if (nonZero && dtype === "float64" && Math.abs(v) < 0.5) v = Math.round((v < 0 ? -0.5 - r() : 0.5 + r()) * 4) / 4;
    if (nonZero && v === 0) v = 1;
    data.push(v);
  }
  return { shape, data, dtype };
}

export function toPlainArray(a: Ref): PlainArray {
  if (a.dtype === "float64") return new PlainArray(Float64Array.from(a.data), a.shape, "float64");
  if (a.dtype === "int64")
    return new PlainArray(
      BigInt64Array.from(a.data, (v) => BigInt(v)),
      a.shape,
      "int64",
    );
  return new PlainArray(Uint8Array.from(a.data), a.shape, "bool");
}

function strides(shape: number[]): number[] {
  const s = shape.map(() => 1);
  for (let i = shape.length - 2; i >= 0; i--) s[i] = s[i + 1]! * shape[i + 1]!;
  return s;
}

/** NumPy broadcasting of two shapes (reference; null when incompatible). */
export function refShape(a: number[], b: number[]): number[] | null {
  const nd = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < nd; i++) {
    const x = a[a.length - nd + i] ?? 1;
    const y = b[b.length - nd + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return null;
    out.push(Math.max(x, y) === 0 || x === 0 || y === 0 ? 0 : Math.max(x, y));
  }
  return out;
}

/** The element of `a` read by output multi-index `idx` under broadcasting. */
function at(a: Ref, idx: number[]): number {
  const off = idx.length - a.shape.length;
  const st = strides(a.shape);
  let flat = 0;
  a.shape.forEach((d, j) => (flat += (d === 1 ? 0 : idx[j + off]!) * st[j]!));
  return a.data[flat]!;
}

/** Element-wise reference: f over the broadcast of a and b. */
export function refBinary(a: Ref, b: Ref, dtype: DType, f: (x: number, y: number) => number): Ref {
  const shape = refShape(a.shape, b.shape)!;
  const n = shape.reduce((p, d) => p * d, 1);
  const st = strides(shape);
  const data: number[] = [];
  for (let i = 0; i < n; i++) {
    const idx = shape.map((d, j) => Math.floor(i / st[j]!) % d);
    data.push(f(at(a, idx), at(b, idx)));
  }
  return { shape, data, dtype };
}

/** Compares a revealed array with a reference: shape, dtype, and values within |e − a| ≤ abs + rel·|e|. */
export function expectClose(actual: PlainArray | null, expected: Ref, tol: { abs?: number; rel?: number } = {}, what = ""): void {
  expect(actual, what).not.toBeNull();
  const a = actual!;
  expect([...a.shape], `${what} shape`).toEqual(expected.shape);
  expect(a.dtype, `${what} dtype`).toBe(expected.dtype);
  const got = Array.from(a.toNumbers());
  const abs = tol.abs ?? 0;
  const rel = tol.rel ?? 0;
  got.forEach((g, i) => {
    const e = expected.data[i]!;
    if (!(Math.abs(g - e) <= abs + rel * Math.abs(e))) expect.fail(`${what}: element ${i} is ${g}, expected ${e} (±${abs} + ${rel}·|e|)`);
  });
}
