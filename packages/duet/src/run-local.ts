/**
 * Both parties in one process over an in-memory channel: tests, docs, notebooks. The same program
 * runs over TCP or libp2p between two processes (see `connect`).
 */
import { ChannelClosedError, memoryPair, type Channel, type PartyId } from "@petace/network";
import { Duet, type DuetOptions } from "./duet.js";
import { PeerAbortError, VMFailedError } from "./errors.js";

export interface RunLocalOptions extends DuetOptions {
  /** Receive timeout of the in-memory channel in ms (default 60 000). */
  timeoutMs?: number;
}

/**
 * Runs `fn` as party 0 and as party 1, each with its own VM, and returns both results. If either
 * party fails, rejects with the error that explains the failure (the other party's error is
 * usually a consequence: the channel closed, or the peer stopped); both are in `errors`.
 */
export async function runLocal<T>(
  fn: (vm: Duet, party: PartyId) => T | Promise<T>,
  options: RunLocalOptions = {},
): Promise<[Awaited<T>, Awaited<T>]> {
  const { timeoutMs, ...duetOptions } = options;
  const [c0, c1] = memoryPair(timeoutMs === undefined ? {} : { timeoutMs });
  const one = async (channel: Channel): Promise<Awaited<T>> => {
    try {
      const vm = await Duet.create(channel, channel.party, duetOptions);
      try {
        return await fn(vm, channel.party);
      } finally {
        await vm.close();
      }
    } finally {
      // A party that is done hangs up, so a peer still waiting on it fails now rather than at its timeout.
      await channel.close();
    }
  };
  const [r0, r1] = await Promise.allSettled([one(c0), one(c1)]);
  if (r0.status === "fulfilled" && r1.status === "fulfilled") return [r0.value, r1.value];
  const errors = [r0, r1].flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
  const root = errors.find((e) => !isConsequence(e)) ?? errors[0];
  if (root instanceof Error && errors.length > 1)
    Object.defineProperty(root, "errors", { value: errors, enumerable: false, configurable: true });
  throw root;
}

/** Errors that follow from the other party's failure rather than explain it. */
function isConsequence(e: unknown): boolean {
  return e instanceof ChannelClosedError || e instanceof PeerAbortError || e instanceof VMFailedError;
}
