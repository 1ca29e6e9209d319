/**
 * Byte-level helpers for the small WebAssembly modules this project generates at load time (the
 * transpose kernel here, the matrix-triple kernels in @petace/protocols): no toolchain, no binary
 * blobs in the repository. @internal
 */

/** Unsigned LEB128 (sizes, counts, indices). */
export function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (constants), for |v| < 2^31. */
export function sleb(v: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

/** A module section: id, byte length, body. */
export function section(id: number, body: number[]): number[] {
  return [id, ...leb(body.length), ...body];
}

/** A name (export names): length, then the ASCII bytes. */
export function wasmName(s: string): number[] {
  return [s.length, ...[...s].map((ch) => ch.charCodeAt(0))];
}

/** Magic number and version 1. */
export const WASM_HEADER: readonly number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
