/**
 * Correlated randomness consumed by the share kernels. Every array returned is this party's share
 * and is handed out exactly once: a provider never returns the same correlation twice.
 *
 * Arithmetic shares are over Z_2^64 (`BigUint64Array`, a = a0 + a1 mod 2^64); boolean shares are
 * XOR shares, bit-packed LSB-first (`Uint8Array`, bit j at byte j >> 3, bit j & 7).
 */
import type { PartyId } from "@petace/network";

export interface ArithTriples {
  a: BigUint64Array;
  b: BigUint64Array;
  /** Share of a·b mod 2^64. */
  c: BigUint64Array;
}

export interface BoolTriples {
  /** Packed bits; `n` triples use ceil(n/8) bytes. */
  a: Uint8Array;
  b: Uint8Array;
  /** Share of a AND b. */
  c: Uint8Array;
}

export interface MatrixTriple {
  /** m×k, row-major. */
  a: BigUint64Array;
  /** k×n, row-major. */
  b: BigUint64Array;
  /** Share of a·b (m×n). */
  c: BigUint64Array;
}

/**
 * A matrix mask: a random m×k matrix A, shared, fixed for a left operand X that multiplies many
 * right operands (X·W_1, X·W_2, …, as the data matrix does in gradient descent). The online side
 * opens E = X − A once and, per product, only F_i = W_i − B_i, with a fresh (B_i, C_i = A·B_i) from
 * `matrixTripleFor` (the fixed-mask matrix triples of SecureML's online phase, Mohassel–Zhang, S&P
 * 2017, §4.2). Reuse is safe for the same X only: E reveals nothing new when opened again, and each
 * B_i is fresh; for another X' the two openings give X − X'. Kernels bind a mask to one X.
 */
export interface MatrixMask {
  readonly m: number;
  readonly k: number;
  /** This party's share of A (m×k, row-major). */
  readonly a: BigUint64Array;
}

/**
 * An owned matrix triple (owned-matrix.ts): party `owner` alone holds a random R (m×k), the other
 * party alone a random S (k×n), and both hold additive shares of C = R·S. For a product P·Y where
 * the owner holds P in plaintext and Y is shared: the owner opens P − R to the other party only, the
 * other opens Y_self − S to the owner only, and the cross term P·Y_other follows locally.
 */
export interface OwnedMatrixTriple {
  readonly owner: PartyId;
  /** R (m×k) at the owner, S (k×n) at the other party, row-major. */
  readonly mine: BigUint64Array;
  /** This party's share of R·S (m×n). */
  readonly c: BigUint64Array;
}

/**
 * Square pairs: a random a and c = a² mod 2^64, both shared. Squaring a secret needs one opening
 * with a pair (e = x − a) where a Beaver triple needs two, and a pair costs half a triple to make
 * (one OT cross term a_0·a_1 instead of two). `kernels/square.ts` in protocols falls back to a
 * Beaver product with a triple when a provider lacks this member.
 */
export interface SquarePairs {
  a: BigUint64Array;
  /** Share of a² mod 2^64. */
  c: BigUint64Array;
}

/**
 * Random bits held both as XOR shares and as arithmetic shares ("daBits", Rotaru–Wood, Indocrypt
 * 2019): r = bits0 ⊕ bits1 ∈ {0,1} and r = arith0 + arith1 mod 2^64. Used by B2A, bit injection and
 * the exact truncation after fixed-point products. Derivable from one OT per bit (a COT with a
 * 64-bit correlation); `kernels/correlated.ts` derives them from arithmetic triples when a provider
 * lacks this member.
 */
export interface DaBits {
  /** Packed bits, LSB-first; `n` daBits use ceil(n/8) bytes. */
  bits: Uint8Array;
  arith: BigUint64Array;
}

/**
 * Random 1-out-of-2 OTs in both directions: `n` where this party is the sender (random 16-byte
 * messages m0, m1) and `n` where it is the receiver (random choice bits and the chosen message).
 * This party's sender side pairs with the peer's receiver side: peer.received[j] =
 * (peer.choices bit j ? m1 : m0)[j]. Used by the millionaires' comparison (CrypTFlow2) for its
 * 1-out-of-16 leaf OTs; one IKNP random OT each (a hashed random COT on silent OT) (`kernels/rot-adapter.ts` derives them with the OT
 * session of `OtCorrelationProvider`).
 */
export interface RandomOts {
  /** Sender side: n × 16 bytes each. */
  m0: Uint8Array;
  m1: Uint8Array;
  /** Receiver side: packed choice bits (ceil(n/8) bytes) and the chosen messages (n × 16 bytes). */
  choices: Uint8Array;
  received: Uint8Array;
}

/**
 * Where triples come from. Calls that communicate must be made by both parties in the same order
 * with the same sizes (the SPMD rule every protocol follows).
 */
export interface CorrelationProvider {
  /** "ot" (dealer-free, the default) or "dealer-insecure" (tests and benchmarks only). */
  readonly kind: string;
  /** True for providers that give no privacy (the VM warns loudly and reports it). */
  readonly insecure?: boolean;
  arithTriples(n: number): Promise<ArithTriples>;
  boolTriples(n: number): Promise<BoolTriples>;
  matrixTriple(m: number, k: number, n: number): Promise<MatrixTriple>;
  /** Optional, with `matrixTripleFor` (see MatrixMask): a fresh mask A, m×k. */
  matrixMask?(m: number, k: number): Promise<MatrixMask>;
  /** A triple on the mask's A with a fresh B (k×n): `a` is the mask's share, C = A·B. */
  matrixTripleFor?(mask: MatrixMask, n: number): Promise<MatrixTriple>;
  /** Optional (see OwnedMatrixTriple): kernels make one from `matrixTriple` without it. */
  ownedMatrixTriple?(owner: PartyId, m: number, k: number, n: number): Promise<OwnedMatrixTriple>;
  /** Optional (see SquarePairs); squares are Beaver products of arithmetic triples without it. */
  squarePairs?(n: number): Promise<SquarePairs>;
  /** Optional (see DaBits); kernels fall back to a derivation from `arithTriples` without it. */
  daBits?(n: number): Promise<DaBits>;
  /** Optional (see RandomOts); comparisons use the carry-tree method without it. */
  randomOts?(n: number): Promise<RandomOts>;
  /** Optional: prepare at least these counts ahead of use (one batched refill per kind). */
  reserve?(counts: { arith?: number; bool?: number; daBits?: number; randomOts?: number; squares?: number }): Promise<void>;
  /**
   * Optional: releases what the provider holds (worker threads, their streams); later requests
   * reject. Whoever made the provider closes it (the VM, for one it made from a source).
   */
  close?(): Promise<void>;
}
