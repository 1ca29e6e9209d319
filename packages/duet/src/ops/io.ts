/**
 * Opening shares. `reveal` opens to both parties, `revealTo` to one (the other's value is null).
 * Both work on ring values and on bits, and merge element-wise (one message for many arrays).
 */
import type { PartyId } from "@petace/network";
import type { Bits, Ring } from "@petace/protocols";
import type { OpSpec } from "../op-spec.js";
import { sameParams } from "../op-spec.js";

function one(name: string, inputs: readonly { n: number; kind: "ring" | "bits" }[]): { n: number; kind: "ring" | "bits" } {
  const x = inputs[0];
  if (inputs.length !== 1 || !x) throw new RangeError(`${name}: expected 1 operand`);
  return { n: x.n, kind: x.kind };
}

/** Opens to both parties; ring values and bits group separately. */
export const reveal: OpSpec<{ kind: "ring" | "bits" }> = {
  name: "reveal",
  interactive: true,
  out: (inputs) => one("reveal", inputs),
  key: ({ kind }) => kind,
  merge: sameParams(),
  run: (k, xs, _p, n) => (xs[0] instanceof BigUint64Array ? k.reveal(xs[0] as Ring) : k.revealBits(xs[0] as Bits, n)),
};

export interface RevealToParams {
  kind: "ring" | "bits";
  to: PartyId;
}

/** Opens to party `to` only. */
export const revealTo: OpSpec<RevealToParams> = {
  name: "revealTo",
  interactive: true,
  out: (inputs) => one("revealTo", inputs),
  key: ({ kind, to }) => `${kind}>${to}`,
  merge: sameParams(),
  run: (k, xs, { to }, n) => (xs[0] instanceof BigUint64Array ? k.revealTo(xs[0] as Ring, to) : k.revealBitsTo(xs[0] as Bits, n, to)),
};
