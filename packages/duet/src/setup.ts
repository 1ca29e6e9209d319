/** The set-up step of `Duet.create` that both parties take first: agreeing on their settings. */
import { type Channel, printable } from "@petace/network";
import { DuetError } from "./errors.js";

/**
 * One round at set-up: both parties' settings must match (different fixed-point scales or backends
 * would compute garbage without any tag mismatch). The message says which setting differs.
 */
export async function agreeOnSettings(channel: Channel, mine: Record<string, string | number>): Promise<void> {
  channel.send("vm/settings", new TextEncoder().encode(JSON.stringify(mine)));
  const theirs = JSON.parse(new TextDecoder().decode(await channel.recv("vm/settings"))) as Record<string, unknown>;
  for (const [k, v] of Object.entries(mine)) {
    if (theirs[k] !== v)
      throw new DuetError(
        `Duet.create: party ${channel.party} uses ${k} ${JSON.stringify(v)} but the peer uses ${printable(JSON.stringify(theirs[k]) ?? "nothing", 100)}; both parties must pass the same options`,
      );
  }
}
