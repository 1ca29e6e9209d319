/**
 * Checkers of OT correlations, for tests (here and in the protocols built on OT). They compare both
 * parties' outputs, so they only make sense where one process holds both.
 */
const bit = (a: Uint8Array, j: number): number => (a[j >>> 3]! >>> (j & 7)) & 1;

/** Index of the first OT j where t_j ≠ q_j ⊕ r_j·Δ, or -1 when all n hold. */
export function firstCotMismatch(q: Uint8Array, t: Uint8Array, r: Uint8Array, delta: Uint8Array, n: number): number {
  for (let j = 0; j < n; j++) {
    const c = bit(r, j);
    for (let b = 0; b < 16; b++) {
      if (t[16 * j + b] !== (q[16 * j + b]! ^ (c ? delta[b]! : 0))) return j;
    }
  }
  return -1;
}

/** Index of the first OT j where m_j ≠ (r_j ? m1_j : m0_j) over `width` bytes, or -1. */
export function firstOtMismatch(m0: Uint8Array, m1: Uint8Array, m: Uint8Array, r: Uint8Array, n: number, width: number): number {
  for (let j = 0; j < n; j++) {
    const src = bit(r, j) ? m1 : m0;
    for (let b = 0; b < width; b++) if (m[width * j + b] !== src[width * j + b]) return j;
  }
  return -1;
}
