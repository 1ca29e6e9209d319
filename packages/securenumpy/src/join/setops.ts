/**
 * The one place securenumpy reaches @petace/setops' functions: `join` (join.ts) calls them through
 * the `SetOps` components object below, so that tests can pass a stand-in with the same shapes
 * (`join(a, b, { on, setops })`) and the package's default is the secure implementation.
 *
 * While the implementations of issue 17 (`hashKeys`, `privateJoin`, `psiReveal`) are being built,
 * this file exports `null` and `join` without a `setops` option throws a clear error. When they
 * land, this file becomes:
 *
 *   import { hashKeys, privateJoin, psiReveal } from "@petace/setops";
 *   export const defaultSetOps: SetOps | null = { hashKeys, privateJoin, psiReveal };
 */
import type { HashedKeys, Key, PrivateJoin, PsiReveal } from "@petace/setops";

/** The set operations `join` needs, with the shapes fixed in @petace/setops' api.ts. */
export interface SetOps {
  /** Keys → 16 bytes per row; duplicates throw an error naming both rows (`table` names the table). */
  readonly hashKeys: (keys: readonly Key[], options?: { table?: string }) => HashedKeys;
  /** The private join: shares of the joined rows and of `matched`, in a public layout. */
  readonly privateJoin: PrivateJoin;
  /** The PSI that reveals which rows matched (then the rows are shared aligned). */
  readonly psiReveal: PsiReveal;
}

/** @petace/setops' secure implementations (null until they land on this branch: see above). */
export const defaultSetOps: SetOps | null = null;
