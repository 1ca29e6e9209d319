/**
 * A correlation source as a value: what kind it is (both parties must use the same) and how a party
 * makes its provider over a channel. The VM is given one at creation, so the code that builds the VM
 * shows which source runs.
 */
import type { Channel, PartyId } from "@petace/network";
import { InsecureDealerProvider } from "./insecure-dealer.js";
import { OtCorrelationProvider, type OtCorrelationProviderOptions } from "./ot-provider.js";
import type { CorrelationProvider } from "./provider.js";
import { WorkerCorrelationProvider } from "./worker-provider.js";

export interface CorrelationSource {
  /** Compared between the parties before anything is made. */
  readonly kind: string;
  /** True for sources that give no privacy (the VM warns loudly and reports it). */
  readonly insecure?: boolean;
  create(channel: Channel, party: PartyId): Promise<CorrelationProvider>;
}

export interface OtCorrelationsOptions extends OtCorrelationProviderOptions {
  /**
   * Worker threads per party that make the correlations while the calling thread runs the online
   * protocol (default 0: made in the calling thread, on demand). With n ≥ 1 the offline phase runs
   * in n workers, each with its own OT session on its own substream of the channel (see
   * WorkerCorrelationProvider), and batches are asked for ahead of demand. Both parties must use
   * the same number. Needs a channel that carries substreams (every transport of @petace/network).
   */
  workers?: number;
}

/** Dealer-free correlations made by the two parties with OT extension (the default). */
export function otCorrelations(options: OtCorrelationsOptions = {}): CorrelationSource {
  const { workers = 0, ...rest } = options;
  if (!Number.isSafeInteger(workers) || workers < 0)
    throw new RangeError(`otCorrelations: workers must be a non-negative integer, got ${String(workers)}`);
  // The extension is part of the kind, which the parties compare before anything is made.
  const ot = rest.ot ?? "iknp";
  if (workers === 0)
    return { kind: ot === "iknp" ? "ot" : `ot/${ot}`, create: (channel, party) => OtCorrelationProvider.create(channel, party, rest) };
  return {
    // Part of the kind, which the parties compare: one party with workers and one without would not talk.
    kind: ot === "iknp" ? `ot/workers=${workers}` : `ot/${ot}/workers=${workers}`,
    create: (channel, party) =>
      WorkerCorrelationProvider.create(channel, party, {
        workers,
        ...(rest.batch === undefined ? {} : { batch: rest.batch }),
        ...(rest.tag === undefined ? {} : { stream: rest.tag }),
        ...(ot === "iknp" ? {} : { ot }),
        ...(rest.silentParams === undefined ? {} : { silentParams: rest.silentParams }),
      }),
  };
}

/**
 * INSECURE: party 0 picks a seed and sends it in the clear, and both derive every correlation from
 * it, so either party can unmask everything. Tests and benchmarks only.
 */
export const insecureDealer: CorrelationSource = {
  kind: "dealer-insecure",
  insecure: true,
  create: (channel) => InsecureDealerProvider.overChannel(channel),
};
