/**
 * The one place securenumpy reaches @petace/setops' functions: `join` (join.ts) calls them through
 * the `SetOps` components object below, so that tests can pass a stand-in with the same shapes
 * (`join(a, b, { on, setops })`) and the package's default is the secure implementation.
 */
import { hashKeys, privateJoin, psiReveal, type HashedKeys, type Key, type PrivateJoin, type PsiReveal } from "@petace/setops";

/** The set operations `join` needs, with the shapes fixed in @petace/setops' api.ts. */
export interface SetOps {
  /** Keys → 16 bytes per row; duplicates throw an error naming both rows (`table` names the table). */
  readonly hashKeys: (keys: readonly Key[], options?: { table?: string }) => HashedKeys;
  /** The private join: shares of the joined rows and of `matched`, in a public layout. */
  readonly privateJoin: PrivateJoin;
  /** The PSI that reveals which rows matched (then the rows are shared aligned). */
  readonly psiReveal: PsiReveal;
}

/** @petace/setops' secure implementations. */
export const defaultSetOps: SetOps = { hashKeys, privateJoin, psiReveal };
