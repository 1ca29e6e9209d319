/**
 * Argument checks of the Ferret kernels (ggmExpand, ggmPuncture, lpnEncode, lpnEncodeBits), shared by
 * both implementations: each error names the kernel, the argument and what it needs.
 */

function bytes(fn: string, name: string, a: unknown, need: number, exact = false): asserts a is Uint8Array {
  if (!(a instanceof Uint8Array)) throw new TypeError(`${fn}: ${name} must be a Uint8Array`);
  if (exact ? a.length !== need : a.length < need)
    throw new RangeError(`${fn}: ${name} has ${a.length} bytes, ${exact ? "must have" : "needs at least"} ${need}`);
}

function blocks(fn: string, name: string, a: unknown): number {
  bytes(fn, name, a, 0);
  if (a.length % 16 !== 0) throw new RangeError(`${fn}: ${name} has ${a.length} bytes, not a whole number of 16-byte blocks`);
  return a.length >>> 4;
}

/** Deepest tree the kernels take (a tree is expanded in 16·2^depth bytes). */
export const MAX_GGM_DEPTH = 24;

function depthOf(fn: string, depth: number): void {
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_GGM_DEPTH)
    throw new RangeError(`${fn}: depth must be an integer in [1, ${MAX_GGM_DEPTH}], got ${depth}`);
}

/** ggmExpand's arguments; returns the number of trees. */
export function checkGgmExpand(
  fn: string,
  keys: Uint8Array,
  roots: Uint8Array,
  depth: number,
  leaves: Uint8Array,
  sums: Uint8Array,
): number {
  bytes(fn, "keys", keys, 32, true);
  depthOf(fn, depth);
  const trees = blocks(fn, "roots", roots);
  bytes(fn, "leaves", leaves, 16 * trees * 2 ** depth);
  bytes(fn, "sums", sums, 32 * trees * depth);
  return trees;
}

/** ggmPuncture's arguments; returns the number of trees. */
export function checkGgmPuncture(
  fn: string,
  keys: Uint8Array,
  depth: number,
  choices: Uint8Array,
  k: Uint8Array,
  c: Uint8Array,
  leaves: Uint8Array,
): number {
  bytes(fn, "keys", keys, 32, true);
  depthOf(fn, depth);
  const trees = blocks(fn, "c", c);
  bytes(fn, "choices", choices, trees * depth);
  bytes(fn, "k", k, 16 * trees * depth);
  bytes(fn, "leaves", leaves, 16 * trees * 2 ** depth);
  return trees;
}

/** lpnEncode(Bits)'s arguments; returns k (base blocks) and n (outputs). */
export function checkLpn(
  fn: string,
  seed: Uint8Array,
  base: Uint8Array,
  out: Uint8Array,
  bits?: { baseBits: Uint8Array; outBits: Uint8Array },
): { k: number; n: number } {
  bytes(fn, "seed", seed, 16, true);
  const k = blocks(fn, "base", base);
  if (k < 1 || k > 2 ** 31) throw new RangeError(`${fn}: base must hold 1 to 2^31 blocks, got ${k}`);
  const n = blocks(fn, "out", out);
  if (bits) {
    bytes(fn, "baseBits", bits.baseBits, k);
    bytes(fn, "outBits", bits.outBits, n);
  }
  return { k, n };
}
