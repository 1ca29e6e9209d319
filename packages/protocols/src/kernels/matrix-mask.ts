/**
 * Matrix masks bound to a left operand: when the same secret matrix X is the left factor of several
 * products (the data matrix of gradient descent, X·W_t every epoch), its mask A (a provider
 * `MatrixMask`) and the opened E = X − A are kept with X, so later products open only F = W − B.
 *
 * Security (semi-honest): reusing A is safe because E = X − A is opened once for this X: a repeated
 * product reveals the same E again, i.e. nothing, and each product's B is fresh (SecureML,
 * Mohassel–Zhang, S&P 2017, §4.2, masks the fixed data matrix the same way). It is NOT safe for a
 * different X': E and E' = X' − A together reveal X − X'. So a mask is bound to one X: the key is the
 * share array itself (the VM hands a node's value to every operator that reads it, so both parties
 * hit or miss together), and every reuse checks that this party's share is unchanged (x − A_self
 * equals the E_self sent at first use) and refuses the mask otherwise.
 * @internal
 */
import type { MatrixMask } from "@petace/correlations";
import type { ProtocolContext } from "../context.js";
import type { Ring } from "./ring.js";

export interface BoundMask {
  readonly mask: MatrixMask;
  /** This party's share of E = X − A as sent (x − A_self). */
  readonly mine: Ring;
  /** The opened E. */
  readonly e: Ring;
}

/** Per context: masks by the left operand's share array (dropped with the operand). */
const BOUND = new WeakMap<ProtocolContext, WeakMap<Ring, BoundMask>>();

/** The mask bound to x (m×k) in this context, if x was a left factor before; checks x is unchanged. */
export function boundMask(ctx: ProtocolContext, x: Ring, m: number, k: number): BoundMask | undefined {
  const b = BOUND.get(ctx)?.get(x);
  if (!b) return undefined;
  const { mask, mine } = b;
  if (mask.m !== m || mask.k !== k) return undefined; // the same array as another shape: a fresh mask (both parties alike)
  for (let i = 0; i < m * k; i++) {
    if (BigInt.asUintN(64, x[i]! - mask.a[i]!) !== mine[i]) {
      throw new Error(`party ${ctx.party}: matmul: a matrix mask is bound to another left operand (a reused share array was modified)`);
    }
  }
  return b;
}

/** Binds a mask and its opened E to x for later products. */
export function bindMask(ctx: ProtocolContext, x: Ring, bound: BoundMask): void {
  let m = BOUND.get(ctx);
  if (!m) BOUND.set(ctx, (m = new WeakMap()));
  m.set(x, bound);
}
