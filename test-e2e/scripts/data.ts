/**
 * Deterministic inputs shared by the scripts (each party builds only its own) and the tests' plaintext
 * oracle: both sides draw them from the same seeds, so no data is shipped.
 */
import { SeededRandom } from "@petace/primitives";

/** n values uniform in [lo, hi), rounded to 1/64 so they are exact in fixed point with 16 fraction bits. */
export function series(n: number, seed: number, lo: number, hi: number): Float64Array {
  const r = new SeededRandom(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.round(r.uniform(lo, hi) * 64) / 64;
  return out;
}

export const N = 100_000;
/** Party 0's vector and party 1's vector. */
export const xOf = (n = N) => series(n, 11, -100, 100);
export const yOf = (n = N) => series(n, 23, 1, 50);
