export {
  ringAdd,
  ringAddScalar,
  ringDot,
  ringFromBigInts,
  ringMatmul,
  ringMul,
  ringMulScalar,
  ringNeg,
  ringShl,
  ringShrArith,
  ringShrLogical,
  ringSub,
  ringSum,
  ringSumAxis,
  ringToBigInts,
  toSigned,
} from "./ring.js";
export { DEFAULT_FRAC_BITS, decodeFixed, decodeInt64, decodeInt64ToNumbers, encodeFixed, encodeInt64 } from "./fixed-point.js";
export { type AesBackend, aesCtr, defaultAesBackend, FixedKeyAes } from "./aes.js";
export { CRHASH_KEY, CrHash } from "./crhash.js";
export { fillRandom, randomBytes, randomSeed } from "./random.js";
export { getBit, packBits, setBit, transposeBits, unpackBits, xorBytes } from "./bits.js";
export { Prg } from "./prg.js";
export { deriveSeed, hashToBytes, sha256 } from "./hash.js";
export { tuneGcForMpc } from "./gc-tuning.js";
export { checkBytes, checkCount, checkDim, checkFracBits, checkInt, checkParty, PROTOCOL_FRAC_BITS, type IntRange } from "./checks.js";
/** Reproducible, NOT cryptographic: test and example data only. */
export { SeededRandom } from "./seeded.js";
/** @internal WebAssembly byte emitters shared by the generated kernels. */
