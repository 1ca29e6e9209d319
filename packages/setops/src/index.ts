/**
 * @petace/setops: set operations on two parties' keyed tables. See README.md.
 */
export type {
  HashedKeys,
  JoinSide,
  Key,
  PrivateJoin,
  PrivateJoinOptions,
  PrivateJoinResult,
  PsiReveal,
  PsiRevealOptions,
  PsiRevealResult,
} from "./api.js";
