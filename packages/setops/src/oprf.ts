/**
 * KKRT batched oblivious PRF (Kolesnikov, Kumaresan, Rosulek and Trieu, "Efficient Batched Oblivious
 * PRF with Applications to Private Set Intersection", CCS 2016). Body in progress: the signatures
 * below are fixed.
 */
import type { ProtocolContext } from "@petace/protocols";

/** The sender's key: evaluates F(j, y) for instance j < count and any 16-byte input y. Secret. */
export interface OprfKey {
  /** Number of instances m (as passed to `oprfSend`). */
  readonly count: number;
  /** F(instances[i], inputs[16i..16i+16)) for each i, 16 bytes each (instances.length × 16 bytes). */
  evaluate(instances: Uint32Array, inputs: Uint8Array): Uint8Array;
}

export interface OprfOptions {
  /** Message tag prefix (default "oprf"); both parties pass the same. */
  readonly tag?: string;
}

/** Receiver: one 16-byte input per instance (m × 16 bytes); returns F(j, inputs_j) for each j (m × 16 bytes). */
export async function oprfReceive(_ctx: ProtocolContext, _inputs: Uint8Array, _options?: OprfOptions): Promise<Uint8Array> {
  throw new Error("oprfReceive: not implemented yet");
}

/** Sender of m instances: returns the key with which it evaluates F(j, y). */
export async function oprfSend(_ctx: ProtocolContext, _m: number, _options?: OprfOptions): Promise<OprfKey> {
  throw new Error("oprfSend: not implemented yet");
}
