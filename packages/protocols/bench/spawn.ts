/**
 * Runs kernel benchmark jobs with each party in its own OS process over TCP on 127.0.0.1 and
 * returns party 0's measurements. @internal
 */
import { join } from "node:path";
import { runTwoParties } from "@petace/testkit/spawn";
import type { Measurement } from "./measure.js";

const script = join(import.meta.dirname, "party.ts");

/** Both parties together; generous, since a full-size job list runs for minutes. */
const TIMEOUT_MS = 20 * 60_000;

export interface Job {
  op: string;
  size: number;
  offline: boolean;
  runs?: number;
  comparison?: "auto" | "carry-tree" | "millionaire";
  truncation?: "exact" | "stochastic";
}

export async function runTwoProcess(jobs: Job[]): Promise<Measurement[]> {
  const [p0] = await runTwoParties(script, {
    args0: [JSON.stringify({ party: 0, listen: "127.0.0.1:0", jobs })],
    args1: (listening) => [JSON.stringify({ party: 1, peer: `127.0.0.1:${String(listening.port)}`, jobs })],
    passthrough: true,
    timeoutMs: TIMEOUT_MS,
  });
  const done = p0.events().find((e) => e.event === "done");
  if (!done) throw new Error("runTwoProcess: party 0 exited without its measurements");
  return done.measurements as Measurement[];
}
