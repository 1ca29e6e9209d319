/**
 * Correlations of a batch asked for before its online rounds. With the in-thread OT provider (the
 * default), a kernel that finds a pool empty refills it on the VM's own channel: a chain of OT
 * round trips between two online rounds, repeated whenever a long kernel (sigmoid draws ~700
 * correlations per element from five pools) drains a pool again. Before running a batch the VM sums
 * what its interactive operators will draw (the demand the operator table states, protocols'
 * `demand.ts`) and asks the provider for all of it in one `reserve`, one refill per kind, so the
 * refills precede the online rounds instead of interleaving with them.
 *
 * SPMD: the demand depends only on public values (operators, sizes, parameters, the methods both
 * parties agreed on at set-up), so both parties reserve the same counts at the same point. A demand
 * the table does not know is left to the pools' refills on demand; a reserve that falls short or
 * overshoots changes when correlations are made, never which values the kernels compute.
 */
import type { CorrelationProvider } from "@petace/correlations";
import { correlationDemand, DEMAND_KINDS, type CostEnv, type Demand, type DemandKind } from "@petace/protocols";
import type { Node } from "./node.js";

/**
 * Most bytes of one kind a prefetch holds ahead, as much as the pools' largest refill of one take
 * (pool.ts MAX_REFILL_BYTES): a larger batch (sigmoid on 2^14 elements draws ~250 MB of random OTs)
 * gets this much ahead and the rest on demand, in refills of up to that size, so the prefetch never
 * holds a whole large batch's correlations in memory at once.
 */
export const MAX_PREFETCH_BYTES = 64 << 20;
/** Bytes a pool holds per item (see the OT provider's pools). */
const ITEM_BYTES: Record<DemandKind, number> = { arith: 24, bool: 3 / 8, daBits: 8 + 1 / 8, randomOts: 48 + 1 / 8, squares: 16 };

/** `fusedTrunc`: truncations that run in a comparison's call (scheduler.ts `fusable`). */
export type Prefetch = (nodes: readonly Node[], fusedTrunc?: ReadonlySet<Node>) => Promise<void>;

/**
 * The demand of the pending interactive nodes, summed, each kind capped (see MAX_PREFETCH_BYTES).
 * A truncation fused with a comparison draws as a comparison of its length (its carry is over 63
 * bits in the comparison's call) plus its two daBits per element; an exact truncation by other
 * than the fraction bits, whose rates the table does not state, is counted likewise, scaled to its
 * carry's width, so that its draws do not use up what later operators of the batch were reserved
 * and leave them a refill between their rounds.
 */
export function batchDemand(nodes: readonly Node[], env: CostEnv, fusedTrunc?: ReadonlySet<Node>): Demand {
  const total: Demand = {};
  for (const node of nodes) {
    if (!node.op.interactive || node.state !== "pending") continue;
    let d = correlationDemand(node.op.id, node.n, node.params, env);
    const fused = fusedTrunc?.has(node) === true;
    if (fused || (d === undefined && node.op.id === "trunc_a" && env.truncation === "exact")) {
      // Fused: a comparison's carry (63 bits) on its elements. Alone, by b bits other than the
      // fraction bits (no stated rates): a comparison's draws scaled by (b + 1)/63, its carry being
      // over b bits (an estimate; a shortfall is refilled on demand, as without it).
      d = correlationDemand("msb_a", node.n, undefined, env);
      if (d !== undefined) {
        const scale = fused ? 1 : Math.min(1, ((node.params as { bits: number }).bits + 1) / 63);
        for (const kind of DEMAND_KINDS) if (d[kind]) d[kind] = Math.ceil(d[kind]! * scale);
        d.daBits = (d.daBits ?? 0) + 2 * node.n + 32;
      }
    }
    if (d === undefined) continue;
    for (const kind of DEMAND_KINDS) if (d[kind]) total[kind] = (total[kind] ?? 0) + d[kind]!;
  }
  for (const kind of DEMAND_KINDS) {
    const v = total[kind];
    if (v !== undefined) total[kind] = Math.min(v, Math.floor(MAX_PREFETCH_BYTES / ITEM_BYTES[kind]));
  }
  return total;
}

/**
 * The prefetch for a provider, or undefined when it needs none: only the in-thread OT provider
 * (IKNP or silent OT) refills on the VM's channel (the dealer sends nothing; the worker provider already asks ahead of
 * demand, on substreams of its own).
 */
export function prefetchFor(provider: CorrelationProvider, env: CostEnv): Prefetch | undefined {
  if ((provider.kind !== "ot" && provider.kind !== "ot/silent") || provider.reserve === undefined) return undefined;
  return async (nodes, fusedTrunc) => {
    const demand = batchDemand(nodes, env, fusedTrunc);
    if (Object.keys(demand).length > 0) await provider.reserve!(demand);
  };
}
