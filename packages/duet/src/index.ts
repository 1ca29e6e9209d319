export { DEFAULT_MAX_CHUNK, Duet, type DuetOptions, type InputPayload } from "./duet.js";
export { runLocal, type RunLocalOptions } from "./run-local.js";
// Implemented in @petace/network (channels and identities between two processes); re-exported because
// these names are part of duet's documented public API, as listed in the design contract.
export { connect, generateIdentity, loadIdentity, type ConnectOptions } from "@petace/network";
export { Node, type NodeState } from "./node.js";
/** The operator table the VM runs (`vm.apply(ops.mul_aa, [x, y], undefined)`); see @petace/protocols. */
export { operators as ops, type Operator, type OperatorId } from "@petace/protocols";
export { Profile, type ProfileRow } from "./profile.js";
export { INSECURE_WARNING_CODE, type SecuritySettings } from "./insecure.js";
export { DivergenceError, DuetError, OperandDivergenceError, PeerAbortError, VMFailedError, type PartyPosition } from "./errors.js";
export { concatBits, gatherValue, sliceBits, wordCount, type Bits, type Kind, type Public, type Ring, type Value } from "@petace/protocols";
export type { Channel, PartyId } from "@petace/network";
/** Process-wide GC tuning for an application's entry point (see its doc comment in @petace/primitives). */
export { tuneGcForMpc } from "@petace/primitives";
/** Correlation sources for `Duet.create` and `runLocal` (`{ correlations: insecureDealer }` in tests). */
export { insecureDealer, otCorrelations, type CorrelationProvider, type CorrelationSource } from "@petace/correlations";
