/**
 * The kernel table: one interface, two backends. `secureKernels(ctx)` runs the two-party protocols
 * on shares; `refKernels(...)` computes the same functions in the clear on fixed-point values (the
 * test oracle, and a debugging backend for the VM). Every secure test is a comparison with ref.
 *
 * Values:
 * - `Ring` (BigUint64Array): one Z_2^64 element per array element. Secure: this party's additive
 *   share. Ref: the plaintext. Fixed-point values carry `fracBits` fractional bits, two's complement.
 * - `Bits` (Uint32Array): packed bits, bit j at word j >>> 5, bit j & 31. Secure: XOR share. Ref:
 *   the plaintext bits. Bits past the element count are don't-care.
 * Shapes are the VM's business: kernels take flat arrays, plus rows×cols (row reductions, sort) or
 * m×k×n (matmul). Element-wise kernels need operands of equal length; a public operand may be a
 * scalar `bigint` (broadcast) or an array.
 *
 * Every interactive kernel documents its rounds and bytes; tests assert them against the channel.
 */
import type { PartyId } from "@petace/network";
import type { Bits } from "./bits.js";
import type { Ring } from "./ring.js";

export type { Bits } from "./bits.js";
export type { Ring } from "./ring.js";

/** A public operand: one ring element for all, or one per element. */
export type Public = Ring | bigint;

export interface Kernels {
  readonly backend: "secure" | "ref";
  readonly party: PartyId;
  readonly fracBits: number;

  // ---- input / output
  /** Shares `n` ring elements owned by `owner`; the other party passes null. */
  input(owner: PartyId, data: Ring | null, n: number): Promise<Ring>;
  /** Shares `n` packed bits owned by `owner`; the other party passes null. */
  inputBits(owner: PartyId, data: Bits | null, n: number): Promise<Bits>;
  /** Opens to both parties. */
  reveal(x: Ring): Promise<Ring>;
  /** Opens to party `to`; the other gets null. */
  revealTo(x: Ring, to: PartyId): Promise<Ring | null>;
  revealBits(x: Bits, n: number): Promise<Bits>;
  revealBitsTo(x: Bits, n: number, to: PartyId): Promise<Bits | null>;

  // ---- arithmetic, local (fixed point or integer alike)
  add(x: Ring, y: Ring): Ring;
  sub(x: Ring, y: Ring): Ring;
  neg(x: Ring): Ring;
  addPublic(x: Ring, p: Public): Ring;
  /** p − x. */
  subFromPublic(p: Public, x: Ring): Ring;
  /** Ring product with a public integer (no truncation). */
  mulPublicInt(x: Ring, p: Public): Ring;

  // ---- arithmetic, interactive
  /** Fixed-point product with a public fixed-point value (one truncation). */
  mulPublic(x: Ring, p: Public): Promise<Ring>;
  /** Fixed-point product (Beaver + truncation). */
  mul(x: Ring, y: Ring): Promise<Ring>;
  /** Integer product mod 2^64 (Beaver, no truncation). */
  mulInt(x: Ring, y: Ring): Promise<Ring>;
  square(x: Ring): Promise<Ring>;
  /** Signed x / 2^bits (see truncate.ts for the error and range). */
  truncate(x: Ring, bits: number): Promise<Ring>;
  /** Fixed-point (m×k)·(k×n). */
  matmul(x: Ring, y: Ring, m: number, k: number, n: number): Promise<Ring>;
  /** Integer (m×k)·(k×n) mod 2^64. */
  matmulInt(x: Ring, y: Ring, m: number, k: number, n: number): Promise<Ring>;
  /** Row sums of rows×cols. */
  sum(x: Ring, rows: number, cols: number): Ring;
  /** Fixed-point row products of rows×cols. */
  prod(x: Ring, rows: number, cols: number): Promise<Ring>;
  /** Integer row products of rows×cols. */
  prodInt(x: Ring, rows: number, cols: number): Promise<Ring>;

  // ---- boolean, on packed bits (XOR shares)
  xor(x: Bits, y: Bits): Bits;
  not(x: Bits): Bits;
  xorPublic(x: Bits, p: Bits): Bits;
  andPublic(x: Bits, p: Bits): Bits;
  and(x: Bits, y: Bits): Promise<Bits>;
  or(x: Bits, y: Bits): Promise<Bits>;

  // ---- conversions
  /** XOR shares of each element's 64-bit word (secure) / the word itself (ref). */
  a2b(x: Ring): Promise<Ring>;
  /** Inverse of a2b. */
  b2a(x: Ring): Promise<Ring>;
  /** n bits → the integers 0/1 (not fixed point). */
  bitToArith(b: Bits, n: number): Promise<Ring>;
  /** b ? x : 0 (bit injection). */
  bitMul(b: Bits, x: Ring): Promise<Ring>;
  /** c ? x : y. */
  select(c: Bits, x: Ring, y: Ring): Promise<Ring>;

  // ---- comparison → bits. Domain: |x − y| < 2^63 (signed).
  /** x < 0. */
  msb(x: Ring): Promise<Bits>;
  lt(x: Ring, y: Ring): Promise<Bits>;
  le(x: Ring, y: Ring): Promise<Bits>;
  gt(x: Ring, y: Ring): Promise<Bits>;
  ge(x: Ring, y: Ring): Promise<Bits>;
  eq(x: Ring, y: Ring): Promise<Bits>;
  ne(x: Ring, y: Ring): Promise<Bits>;
  ltPublic(x: Ring, p: Public): Promise<Bits>;
  lePublic(x: Ring, p: Public): Promise<Bits>;
  gtPublic(x: Ring, p: Public): Promise<Bits>;
  gePublic(x: Ring, p: Public): Promise<Bits>;
  eqPublic(x: Ring, p: Public): Promise<Bits>;
  nePublic(x: Ring, p: Public): Promise<Bits>;

  // ---- nonlinear, fixed point (valid ranges and errors in README "Accuracy" and each file)
  reciprocal(x: Ring): Promise<Ring>;
  div(x: Ring, y: Ring): Promise<Ring>;
  sqrt(x: Ring): Promise<Ring>;
  rsqrt(x: Ring): Promise<Ring>;
  exp(x: Ring): Promise<Ring>;
  log(x: Ring): Promise<Ring>;
  sigmoid(x: Ring): Promise<Ring>;
  tanh(x: Ring): Promise<Ring>;
  abs(x: Ring): Promise<Ring>;
  /** −1, 0 or 1 (fixed point). */
  sign(x: Ring): Promise<Ring>;
  maximum(x: Ring, y: Ring): Promise<Ring>;
  minimum(x: Ring, y: Ring): Promise<Ring>;
  /** x^k for a public integer k. */
  pow(x: Ring, k: number): Promise<Ring>;

  // ---- order statistics on rows of rows×cols (no comparison outcome revealed)
  sort(x: Ring, rows: number, cols: number, descending?: boolean): Promise<Ring>;
  /** Sorted values and the integer source column of each output position (ties in any order). */
  argsort(x: Ring, rows: number, cols: number, descending?: boolean): Promise<{ values: Ring; indices: Ring }>;
  max(x: Ring, rows: number, cols: number): Promise<Ring>;
  min(x: Ring, rows: number, cols: number): Promise<Ring>;
  /** Integer index of the first maximum of each row. */
  argmax(x: Ring, rows: number, cols: number): Promise<Ring>;
  /** Integer index of the first minimum of each row. */
  argmin(x: Ring, rows: number, cols: number): Promise<Ring>;
}
