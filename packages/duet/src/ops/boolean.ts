/** Boolean operators on packed XOR-shared bits. XOR, NOT and public masks are local; AND and OR take a round. */
import type { Bits } from "@petace/protocols";
import { elementwise } from "../op-spec.js";
import { wordCount } from "../values.js";

const BB = ["bits", "bits"] as const;
const B = ["bits"] as const;

export interface BitsParam {
  /** Public bits, packed. */
  p: Bits;
}

const checkBits =
  (name: string) =>
  ({ p }: BitsParam, n: number): void => {
    if (!(p instanceof Uint32Array) || p.length < wordCount(n)) throw new RangeError(`${name}: public bits must be a Uint32Array of ${wordCount(n)} words`);
  };

export const xor = elementwise("xor", BB, "bits", false, (k, xs) => k.xor(xs[0] as Bits, xs[1] as Bits));
export const not = elementwise("not", B, "bits", false, (k, xs) => k.not(xs[0] as Bits));
export const xorPublic = elementwise<BitsParam>("xorPublic", B, "bits", false, (k, xs, { p }, n) => k.xorPublic(xs[0] as Bits, p.subarray(0, wordCount(n))), {
  check: checkBits("xorPublic"),
});
export const andPublic = elementwise<BitsParam>("andPublic", B, "bits", false, (k, xs, { p }, n) => k.andPublic(xs[0] as Bits, p.subarray(0, wordCount(n))), {
  check: checkBits("andPublic"),
});
export const and = elementwise("and", BB, "bits", true, (k, xs) => k.and(xs[0] as Bits, xs[1] as Bits));
export const or = elementwise("or", BB, "bits", true, (k, xs) => k.or(xs[0] as Bits, xs[1] as Bits));
