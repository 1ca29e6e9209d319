export const RING_BITS = 64;
export { type AesBackend, aesCtr, defaultAesBackend, FixedKeyAes } from "./aes.js";
export { CRHASH_KEY, CrHash } from "./crhash.js";
export { fillRandom, randomBytes, randomSeed } from "./random.js";
export { getBit, packBits, setBit, transposeBits, unpackBits, xorBytes } from "./bits.js";
export { Prg } from "./prg.js";
