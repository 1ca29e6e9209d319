/** Whole-buffer operations on 16-byte blocks (one block per OT), on 32-bit word views. @internal */
import { CrHash } from "./prims.js";

let crh: CrHash | undefined;
/** The shared fixed-key CR hash (GKWY 2020 H(x) = π(σ(x)) ⊕ σ(x)); one AES call per 64 KiB. */
export function crHash(): CrHash {
  return (crh ??= new CrHash());
}

export function words(a: Uint8Array): Int32Array {
  return new Int32Array(a.buffer, a.byteOffset, a.length >>> 2);
}

/** out_j = x_j ⊕ Δ for every 16-byte block j (out may be x). */
export function xorDelta(x: Uint8Array, delta: Uint8Array, out: Uint8Array): Uint8Array {
  const d = words(delta.byteOffset & 3 ? delta.slice() : delta);
  const d0 = d[0]!, d1 = d[1]!, d2 = d[2]!, d3 = d[3]!;
  const xw = words(x);
  const ow = words(out);
  for (let k = 0; k < xw.length; k += 4) {
    ow[k] = xw[k]! ^ d0;
    ow[k + 1] = xw[k + 1]! ^ d1;
    ow[k + 2] = xw[k + 2]! ^ d2;
    ow[k + 3] = xw[k + 3]! ^ d3;
  }
  return out;
}
