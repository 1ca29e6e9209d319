/**
 * Held arrays: values one party input in plaintext and keeps as its share, the other party's share
 * being zero (`snp.array(data, owner, { held: true })`). Such a sharing hides nothing from the owner,
 * who knows the values anyway, and the other party's share is independent of them. A product with a
 * held left factor then needs only the cross term with the other party's share of the right factor
 * (protocols' `matmul_oa`): no mask of the held matrix, half the OT of a matrix triple.
 *
 * Held is a property of a graph node's sharing, so it is recorded per node: arrays that share the
 * node (reshape) are held too, a transpose (a local gather) stays held, and anything that makes a
 * new node (arithmetic, `set`) is an ordinary shared array.
 * @internal
 */
import type { Node, PartyId } from "@petace/duet";
import type { SecureArray } from "./secure-array.js";

const HELD = new WeakMap<Node, PartyId>();

/** The party holding x in plaintext (see above), or undefined for an ordinary shared array. */
export function heldBy(x: SecureArray): PartyId | undefined {
  return HELD.get(x.node);
}

/** Records that `node` is held by `owner`: its value is the owner's share, the other's share zero. */
export function markHeld(node: Node, owner: PartyId): void {
  HELD.set(node, owner);
}
