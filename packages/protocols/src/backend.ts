/**
 * What the VM runs operators on: the secure backend (the table's own functions on this party's
 * shares) or the plaintext reference backend (the same ids computed in the clear; INSECURE).
 */
import type { PartyId } from "@petace/network";
import type { ProtocolContext } from "./context.js";
import { truncateWithMsb } from "./kernels/truncate.js";
import type { Operator } from "./operator.js";
import type { OperatorId } from "./operators.js";
import { refContext, refOperators, type RefOptions } from "./ref/operators.js";
import type { Bits, Ring, Value } from "./values.js";

export interface Backend {
  readonly kind: "secure" | "ref";
  readonly party: PartyId;
  readonly fracBits: number;
  run<P>(op: Operator<P>, xs: readonly Value[], params: P, n: number): Promise<Value | null>;
  /**
   * `trunc_a` of x by `bits` and `msb_a` of m in one call, the same values as the two operators
   * (`truncateWithMsb`: both carries in one carry call, so the truncation adds its opening's round
   * only). Present on the secure backend with the exact truncation, whose result does not depend
   * on how its carry is computed; the VM uses it when a depth has both operators.
   */
  truncWithMsb?(x: Ring, bits: number, m: Ring): Promise<{ t: Ring; msb: Bits }>;
}

/** The two-party protocols on shares. */
export function secureBackend(ctx: ProtocolContext): Backend {
  return {
    kind: "secure",
    party: ctx.party,
    fracBits: ctx.fracBits,
    run: async (op, xs, params, n) => op.run(ctx, xs, params, n),
    ...(ctx.costEnv.truncation === "exact" ? { truncWithMsb: (x: Ring, bits: number, m: Ring) => truncateWithMsb(ctx, x, bits, m) } : {}),
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
