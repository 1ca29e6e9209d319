/**
 * The primitives this folder uses, in one place. @internal
 */
export { CRHASH_KEY, CrHash, FixedKeyAes, Prg, randomBytes, randomSeed, transposeBits } from "@petace/primitives";
