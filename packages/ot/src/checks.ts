/**
 * The OT-specific argument checks; counts and bytes go through @petace/primitives' checks, with
 * these bounds.
 */

/** OTs per session call (cotSend, rotSend, otSend, ...). */
export const OT_COUNT = { max: 2 ** 31 } as const;

/** Base OTs per batch (a session asks for 128 each way). */
export const BASE_OT_COUNT = { min: 1, max: 1 << 20 } as const;

/** Bit-packed choice bits, at least one per OT. */
export function checkChoices(fn: string, r: unknown, n: number): asserts r is Uint8Array {
  if (!(r instanceof Uint8Array)) throw new TypeError(`${fn}: choices must be a bit-packed Uint8Array`);
  if (r.length < (n + 7) >>> 3) throw new RangeError(`${fn}: choices has ${r.length} bytes, ${n} OTs need ${(n + 7) >>> 3}`);
}
