/**
 * What the VM runs operators on: the secure backend (the table's own functions on this party's
 * shares) or the plaintext reference backend (the same ids computed in the clear; INSECURE).
 */
import type { PartyId } from "@petace/network";
import type { ProtocolContext } from "./context.js";
import type { Operator } from "./operator.js";
import type { OperatorId } from "./operators.js";
import { refContext, refOperators, type RefOptions } from "./ref/operators.js";
import type { Value } from "./values.js";

export interface Backend {
  readonly kind: "secure" | "ref";
  readonly party: PartyId;
  readonly fracBits: number;
  run<P>(op: Operator<P>, xs: readonly Value[], params: P, n: number): Promise<Value | null>;
}

/** The two-party protocols on shares. */
export function secureBackend(ctx: ProtocolContext): Backend {
  return {
    kind: "secure",
    party: ctx.party,
    fracBits: ctx.fracBits,
    run: async (op, xs, params, n) => op.run(ctx, xs, params, n),
  };
}

/** The plaintext reference (NOT SECURE: inputs travel in the clear over the channel). */
export function refBackend(opts: RefOptions = {}): Backend {
  const r = refContext(opts);
  return {
    kind: "ref",
    party: r.party,
    fracBits: r.fracBits,
    run: async (op, xs, params, n) => {
      const impl = refOperators[op.id as OperatorId] as ((...a: unknown[]) => Value | null | Promise<Value | null>) | undefined;
      if (!impl) throw new RangeError(`ref backend: no reference for operator ${op.id}`);
      return impl(r, xs, params, n);
    },
  };
}
