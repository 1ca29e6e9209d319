/**
 * Argument checks run before every call into the addon: C trusts the sizes it is given, so a wrong
 * size must stop here, with a message naming the kernel, the argument and both sizes.
 */

/** Largest count a kernel takes (2^40), the same bound as the C side's: far beyond any batch. */
const MAX_COUNT = 2 ** 40;

/** n is an integer in [0, 2^40] and a multiple of `multiple`. */
export function checkCount(fn: string, n: number, multiple = 1): void {
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_COUNT || n % multiple !== 0) {
    const what = multiple === 1 ? "a non-negative integer" : `a non-negative multiple of ${multiple}`;
    throw new RangeError(`${fn}: n must be ${what}, got ${n}`);
  }
}

/** a is a Uint8Array of at least `need` bytes (exactly, when `exact`). */
export function checkBytes(fn: string, name: string, a: unknown, need: number, exact = false): asserts a is Uint8Array {
  if (!(a instanceof Uint8Array)) throw new TypeError(`${fn}: ${name} must be a Uint8Array`);
  if (exact ? a.length !== need : a.length < need)
    throw new RangeError(`${fn}: ${name} has ${a.length} bytes, ${exact ? "must have" : "needs at least"} ${need}`);
}

/** a is a BigUint64Array of at least `need` elements. */
export function checkWords(fn: string, name: string, a: unknown, need: number): asserts a is BigUint64Array {
  if (!(a instanceof BigUint64Array)) throw new TypeError(`${fn}: ${name} must be a BigUint64Array`);
  if (a.length < need) throw new RangeError(`${fn}: ${name} has ${a.length} elements, needs at least ${need}`);
}

/** a's length is whole 16-byte blocks. */
export function checkBlocks(fn: string, name: string, a: Uint8Array): void {
  if (a.length % 16 !== 0) throw new RangeError(`${fn}: ${name} has ${a.length} bytes, not a whole number of 16-byte blocks`);
}

/**
 * out may be the input itself (the kernels read each step's blocks before writing them) but must
 * not overlap it at another offset, where a step would read blocks an earlier step overwrote.
 */
export function checkAliasing(fn: string, name: string, out: Uint8Array, input: Uint8Array, inName: string): void {
  if (out.buffer !== input.buffer || out.byteOffset === input.byteOffset) return;
  const apart = out.byteOffset + out.length <= input.byteOffset || input.byteOffset + input.length <= out.byteOffset;
  if (!apart) throw new RangeError(`${fn}: ${name} overlaps ${inName} at a different offset; pass ${inName} itself or a separate buffer`);
}
