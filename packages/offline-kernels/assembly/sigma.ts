/**
 * The linear half of the correlation-robust hash H(x) = π(σ(x)) ⊕ σ(x) of Guo, Katz, Wang and Yu
 * ("Efficient and Secure Multiparty Computation from Fixed-Key Block Ciphers", IEEE S&P 2020,
 * §7.3): σ(x_L ‖ x_R) = (x_L ⊕ x_R) ‖ x_L on 8-byte halves. π (AES under the public key) runs on
 * the JS side between `sigma*` and the finishing XOR. σ is linear, so σ(q ⊕ Δ) = σ(q) ⊕ σ(Δ): a
 * pair of hashes costs one σ pass.
 */

/** Lanes (L, R) → (L ⊕ R, L). */
function sigmaOf(v: v128): v128 {
  return i64x2.shuffle(v128.xor(v, i64x2.shuffle(v, v, 1, 0)), v, 0, 2);
}

/** x_j ← σ(x_j) for the n blocks at x. */
export function sigma(x: usize, n: usize): void {
  const end = x + (n << 4);
  for (let p = x; p < end; p += 16) v128.store(p, sigmaOf(v128.load(p)));
}

/** x_j ← σ(x_j) and s_j ← σ(x_j) ⊕ σ(Δ) for the n blocks at x (Δ: 16 bytes at delta). */
export function sigmaPair(x: usize, n: usize, delta: usize, s: usize): void {
  const sd = sigmaOf(v128.load(delta));
  const d = s - x;
  const end = x + (n << 4);
  for (let p = x; p < end; p += 16) {
    const v = sigmaOf(v128.load(p));
    v128.store(p, v);
    v128.store(p + d, v128.xor(v, sd));
  }
}

/** e_j ← e_j ⊕ s_j for n blocks: H in full, from π(σ(x)) at e and σ(x) at s. */
export function xorBlocks(e: usize, s: usize, n: usize): void {
  const d = s - e;
  const end = e + (n << 4);
  for (let p = e; p < end; p += 16) v128.store(p, v128.xor(v128.load(p), v128.load(p + d)));
}
