/** Getting values out: `revealTo` (one party), `reveal` (both), `toShare` (this party's raw share). */
import type { PartyId } from "@petace/duet";
import { decodeValue } from "../core/encode.js";
import type { PlainArray } from "../core/plain.js";
import { SecureArray } from "../core/secure-array.js";
import type { Share } from "../core/share.js";
import { routine } from "../core/options.js";

function check(where: string, x: unknown): asserts x is SecureArray {
  if (!(x instanceof SecureArray)) throw new TypeError(`${where}: x must be a SecureArray`);
}

/** Opens x to `party` only: a PlainArray there, null for the other party. Both parties call it. */
export const revealTo = routine(
  "revealTo",
  ["x", "party"],
  {},
  async function revealTo(x: SecureArray, party: PartyId): Promise<PlainArray | null> {
    check("revealTo", x);
    if (party !== 0 && party !== 1) throw new RangeError(`revealTo: party must be 0 or 1, got ${String(party)}`);
    const v = await x.vm.revealTo(x.node, party, { label: "revealTo" });
    return v === null ? null : decodeValue(v, x.shape, x.dtype, x.vm.fracBits);
  },
);

/** Opens x to both parties. */
export const reveal = routine("reveal", ["x"], {}, async function reveal(x: SecureArray): Promise<PlainArray> {
  check("reveal", x);
  return decodeValue(await x.vm.reveal(x.node, { label: "reveal" }), x.shape, x.dtype, x.vm.fracBits);
});

/** This party's raw share of x (it alone reveals nothing). Checks with the peer that both ran the same program. */
export const toShare = routine("toShare", ["x"], {}, async function toShare(x: SecureArray): Promise<Share> {
  check("toShare", x);
  const data = (await x.vm.share(x.node, { label: "toShare" })) as BigUint64Array | Uint32Array;
  return { shape: [...x.shape], dtype: x.dtype, fracBits: x.vm.fracBits, party: x.vm.party, data };
});
