/** How `--link` appears in reports: the spec, its parts, and the round-trip time it implies. */
import { describeLink, formatLinkSpec, type LinkSpec } from "@petace/network";

/** The `link` field of the `--json` reports. */
export interface LinkReport {
  /** Canonical spec, e.g. "100mbit,25ms" (what `--link` reads). */
  spec: string;
  /** Bandwidth per direction in bit/s; null for no cap. */
  bitsPerSecond: number | null;
  /** One-way delay. */
  delayMs: number;
  /** Round-trip time: twice the one-way delay. */
  rttMs: number;
  /** For people: "100 Mbit/s each way, 25 ms one-way delay (RTT 50 ms)". */
  text: string;
}

export function linkReport(link: LinkSpec): LinkReport {
  return {
    spec: formatLinkSpec(link),
    bitsPerSecond: Number.isFinite(link.bitsPerSecond) ? link.bitsPerSecond : null,
    delayMs: link.delayMs,
    rttMs: 2 * link.delayMs,
    text: describeLink(link),
  };
}
