/**
 * 32-bit limb views of Z_2^64 arrays, shared by the shift kernels and fixed-point encoding.
 * Element i of a BigUint64Array is the pair (lo, hi) at Uint32 indices (2i, 2i+1) on a
 * little-endian platform, which is every platform Node and the major browsers run on; the one
 * check below turns a big-endian host into a clear error instead of wrong numbers.
 */

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** A Uint32Array over the same bytes as `a` (two words per element, low word first). */
export function limbView(fn: string, a: BigUint64Array): Uint32Array {
  if (!LITTLE_ENDIAN) throw new Error(`${fn}: big-endian platforms are not supported`);
  return new Uint32Array(a.buffer, a.byteOffset, a.length * 2);
}

export const TWO_POW_32 = 4294967296;
export const TWO_POW_MINUS_32 = 1 / TWO_POW_32;
