/**
 * The primitives this folder uses, in one place. @internal
 */
export { CrHash, Prg, randomBytes, randomSeed, transposeBits } from "@petace/primitives";
