/** Size checks of the portable kernels: each error names the kernel, the argument and what it needs. */

/** n is a non-negative safe integer and a multiple of `multiple`. */
export function checkCount(fn: string, n: number, multiple: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0 || n % multiple !== 0)
    throw new RangeError(`${fn}: n must be a non-negative multiple of ${multiple} (${what}), got ${n}`);
}

/** a is a Uint8Array of at least `need` bytes. */
export function checkBytes(fn: string, name: string, a: Uint8Array, need: number, why: string): void {
  if (!(a instanceof Uint8Array)) throw new TypeError(`${fn}: ${name} must be a Uint8Array`);
  if (a.length < need) throw new RangeError(`${fn}: ${name} has ${a.length} bytes, needs ${need} (${why})`);
}

/** a is a Uint8Array of exactly `len` bytes (a key or Δ). */
export function checkExact(fn: string, name: string, a: Uint8Array, len: number): void {
  if (!(a instanceof Uint8Array)) throw new TypeError(`${fn}: ${name} must be a Uint8Array`);
  if (a.length !== len) throw new RangeError(`${fn}: ${name} must be ${len} bytes, got ${a.length}`);
}

/** a is a BigUint64Array of at least n elements. */
export function checkWords(fn: string, name: string, a: BigUint64Array, n: number): void {
  if (!(a instanceof BigUint64Array)) throw new TypeError(`${fn}: ${name} must be a BigUint64Array`);
  if (a.length < n) throw new RangeError(`${fn}: ${name} has ${a.length} elements, needs ${n} (n = ${n})`);
}

/** The block buffer holds at least n blocks. */
export function checkBlocks(fn: string, name: string, a: Uint8Array, n: number): void {
  checkBytes(fn, name, a, 16 * n, `n = ${n} blocks`);
}

/** a is a Uint8Array of whole 16-byte blocks; returns how many. */
export function wholeBlocks(fn: string, name: string, a: Uint8Array): number {
  if (!(a instanceof Uint8Array)) throw new TypeError(`${fn}: ${name} must be a Uint8Array`);
  if (a.length % 16 !== 0) throw new RangeError(`${fn}: ${name} has ${a.length} bytes, not a whole number of 16-byte blocks`);
  return a.length >>> 4;
}
