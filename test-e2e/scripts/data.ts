/** Deterministic inputs shared by the scripts (each party builds only its own) and the tests' plaintext oracle. */

/** mulberry32: a small seeded PRNG, so both sides of a check agree without shipping data. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** n values uniform in [lo, hi), rounded to 1/64 so they are exact in fixed point with 16 fraction bits. */
export function series(n: number, seed: number, lo: number, hi: number): Float64Array {
  const r = rng(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.round((lo + (hi - lo) * r()) * 64) / 64;
  return out;
}

export const N = 100_000;
/** Party 0's vector and party 1's vector. */
export const xOf = (n = N) => series(n, 11, -100, 100);
export const yOf = (n = N) => series(n, 23, 1, 50);
