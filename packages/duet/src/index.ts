export { Duet, type DuetOptions, type InputPayload } from "./duet.js";
export { runLocal, type RunLocalOptions } from "./run-local.js";
export { connect, generateIdentity, loadIdentity, type ConnectOptions } from "./connect.js";
export { Node, type NodeState } from "./node.js";
/** The operator table the VM runs (`vm.apply(ops.mul_aa, [x, y], undefined)`); see @petace/protocols. */
export { operators as ops, type Operator, type OperatorId } from "@petace/protocols";
export { Profile, type ProfileRow } from "./profile.js";
export { DivergenceError, DuetError, PeerAbortError, VMFailedError, type PartyPosition } from "./errors.js";
export { concatBits, gatherValue, sliceBits, wordCount, type Bits, type Kind, type Public, type Ring, type Value } from "@petace/protocols";
export type { Channel, PartyId } from "@petace/network";
/** Process-wide GC tuning for an application's entry point (see its doc comment in @petace/primitives). */
export { tuneGcForMpc } from "@petace/primitives";
