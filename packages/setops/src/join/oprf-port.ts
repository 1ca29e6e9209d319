/**
 * What the join needs from a batched OPRF (KKRT: Kolesnikov, Kumaresan, Rosulek, Trieu, "Efficient
 * batched oblivious PRF with applications to private set intersection", CCS 2016): the receiver
 * learns F(j, x_j) for one input per instance j; the sender gets a key that evaluates F(j, ·) on any
 * inputs. The shapes are those of setops' `oprf.ts`; the join takes them as a parameter so that
 * its tests can run on a stand-in.
 */
import type { ProtocolContext } from "@petace/protocols";

export interface OprfKey {
  /** Instances the key was made for. */
  readonly count: number;
  /** F(instances_i, inputs_i) for each i: 16 bytes each. */
  evaluate(instances: Uint32Array, inputs: Uint8Array): Uint8Array;
}

export interface Oprf {
  /** Receiver: F(j, inputs_j) for j < m (m = inputs.length / 16), 16 bytes each. */
  receive(ctx: ProtocolContext, inputs: Uint8Array, options?: { tag?: string }): Promise<Uint8Array>;
  /** Sender: the key for m instances. */
  send(ctx: ProtocolContext, m: number, options?: { tag?: string }): Promise<OprfKey>;
}
