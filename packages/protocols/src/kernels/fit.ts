/**
 * Chebyshev interpolation (public arithmetic on plaintext doubles, no secrets): the degree-d
 * polynomial through f at the d+1 Chebyshev nodes of [a, b], returned as monomial coefficients in
 * t = (x − mid)/half ∈ [−1, 1]. Near-minimax for smooth f; its error is measured by the accuracy
 * tests and tables, not assumed.
 * @internal
 */
export interface Fit {
  /** Monomial coefficients c_0..c_d of p(t). */
  coeffs: number[];
  /** x = mid + half·t. */
  mid: number;
  half: number;
}

export function chebyshevFit(f: (x: number) => number, a: number, b: number, degree: number): Fit {
  const n = degree + 1;
  const mid = (a + b) / 2,
    half = (b - a) / 2;
  const fx: number[] = [];
  const nodes: number[] = [];
  for (let j = 0; j < n; j++) {
    const t = Math.cos((Math.PI * (j + 0.5)) / n);
    nodes.push(t);
    fx.push(f(mid + half * t));
  }
  // Chebyshev coefficients a_k = (2/n) Σ_j f(t_j) T_k(t_j), with a_0 halved.
  const cheb: number[] = [];
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += fx[j]! * Math.cos((k * Math.PI * (j + 0.5)) / n);
    cheb.push(((k === 0 ? 1 : 2) * s) / n);
  }
  // Monomial form via T_{k+1} = 2t·T_k − T_{k−1}.
  const coeffs = new Array<number>(n).fill(0);
  let prev = [1],
    cur = [0, 1];
  coeffs[0]! += cheb[0]!;
  if (n > 1) coeffs[1]! += cheb[1]!;
  for (let k = 2; k < n; k++) {
    const next = new Array<number>(k + 1).fill(0);
    for (let i = 0; i < cur.length; i++) next[i + 1]! += 2 * cur[i]!;
    for (let i = 0; i < prev.length; i++) next[i]! -= prev[i]!;
    for (let i = 0; i <= k; i++) coeffs[i]! += cheb[k]! * next[i]!;
    prev = cur;
    cur = next;
  }
  return { coeffs, mid, half };
}

/** Evaluates a fit in double precision (tests, error estimates). */
export function evalFit(fit: Fit, x: number): number {
  const t = (x - fit.mid) / fit.half;
  let s = 0;
  for (let k = fit.coeffs.length - 1; k >= 0; k--) s = s * t + fit.coeffs[k]!;
  return s;
}
