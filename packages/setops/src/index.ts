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
export { MAX_OPRF_INSTANCES, OPRF_WIDTH, type OprfKey, type OprfOptions, oprfReceive, oprfSend } from "./oprf.js";
export { type Duplicate, findDuplicate, hashKeys, type HashKeysOptions, KEY_BYTES } from "./keys.js";
export {
  candidateBins,
  CUCKOO_EXPANSION,
  CUCKOO_HASHES,
  cuckooBins,
  CuckooFailedError,
  cuckooHash,
  type CuckooTable,
  MAX_EVICTIONS,
  simpleHash,
  type SimpleTable,
} from "./cuckoo.js";
export { MAX_PSI_ROWS, PSI_STAT_BITS, PsiProtocolError, psiReveal, psiValueBytes } from "./psi-reveal.js";
export { privateJoin } from "./join/private-join.js";
