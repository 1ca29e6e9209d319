/**
 * A correlation source as a value: what kind it is (both parties must use the same) and how a party
 * makes its provider over a channel. The VM is given one at creation, so the code that builds the VM
 * shows which source runs.
 */
import type { Channel, PartyId } from "@petace/network";
import { InsecureDealerProvider } from "./insecure-dealer.js";
import { OtCorrelationProvider, type OtCorrelationProviderOptions } from "./ot-provider.js";
import type { CorrelationProvider } from "./provider.js";

export interface CorrelationSource {
  /** Compared between the parties before anything is made. */
  readonly kind: string;
  /** True for sources that give no privacy (the VM warns loudly and reports it). */
  readonly insecure?: boolean;
  create(channel: Channel, party: PartyId): Promise<CorrelationProvider>;
}

/** Dealer-free correlations made by the two parties with OT extension (the default). */
export function otCorrelations(options: OtCorrelationProviderOptions = {}): CorrelationSource {
  return { kind: "ot", create: (channel, party) => OtCorrelationProvider.create(channel, party, options) };
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
