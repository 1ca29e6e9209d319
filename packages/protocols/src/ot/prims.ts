/**
 * The primitives this folder uses, in one place. @internal
 */
export { CRHASH_KEY, CrHash, FixedKeyAes, Prg, randomBytes, randomSeed, matrix128, transposeBits, transposeMatrix128 } from "@petace/primitives";
