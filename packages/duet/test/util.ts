/** Test helpers (private): fixed-point encoding shortcuts. @internal */
import { decodeFixed, encodeFixed } from "@petace/primitives";
import type { Duet } from "../src/duet.js";
import type { Node } from "../src/node.js";

export const enc = (xs: number[], f = 16): BigUint64Array => encodeFixed(xs, f);
export const dec = (r: BigUint64Array, f = 16): number[] => Array.from(decodeFixed(r, f));

/** Shares a float vector owned by `owner` (the header is just its length). */
export function inputVec(vm: Duet, owner: 0 | 1, xs: number[] | null, n: number): Promise<Node> {
  return vm.input(owner, xs === null ? null : { data: enc(xs, vm.fracBits), header: String(n) }, (h) => ({ n: Number(h), kind: "arith" }));
}

export const bitsToBools = (w: Uint32Array, n: number): boolean[] =>
  Array.from({ length: n }, (_, i) => ((w[i >>> 5]! >>> (i & 31)) & 1) === 1);
