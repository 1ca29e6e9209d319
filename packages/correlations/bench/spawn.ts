/**
 * Runs the bench suite with each party in its own OS process over TCP or libp2p on 127.0.0.1 and
 * returns party 0's measures. @internal
 */
import { join } from "node:path";
import { benchLink } from "@petace/bench";
import { describeLink, memoryPair, parseLinkSpec } from "@petace/network";
import { runTwoParties, withTempDir, type JsonEvent } from "@petace/testkit/spawn";
import { runSuite, type Measure, type Step } from "./suite.js";

const script = join(import.meta.dirname, "party.ts");

/** A long suite's bound (the bench runner's own limit per file is 20 minutes). */
const TIMEOUT_MS = 20 * 60_000;

/** Both parties as processes; party 1's config is made from party 0's listening event. Returns party 0's measures. */
async function runParties(cfg0: Record<string, unknown>, cfg1: (listening: JsonEvent) => Record<string, unknown>): Promise<Measure[]> {
  const prof = process.env.PETACE_PARTY_PROF;
  const [p0] = await runTwoParties(script, {
    args0: [JSON.stringify(cfg0)],
    args1: (listening) => [JSON.stringify(cfg1(listening))],
    ...(prof ? { nodeFlags: ["--cpu-prof", `--cpu-prof-dir=${prof}`] } : {}),
    passthrough: true,
    timeoutMs: TIMEOUT_MS,
  });
  const done = p0.events().find((e) => e.event === "done");
  if (!done) throw new Error("party 0 exited without its measures");
  return done.measures as Measure[];
}

export async function runTwoProcess(transport: "tcp" | "libp2p", steps: Step[], quick: boolean): Promise<Measure[]> {
  const common = { transport, steps, quick };
  if (transport === "tcp") {
    return runParties({ ...common, party: 0, listen: "127.0.0.1:0" }, (ev) => ({
      ...common,
      party: 1,
      peer: `127.0.0.1:${String(ev.port)}`,
    }));
  }
  return withTempDir("petace-ot-bench-", async (dir) => {
    const { generateIdentity } = await import("@petace/network/libp2p");
    await generateIdentity(join(dir, "p0.key"));
    const id1 = await generateIdentity(join(dir, "p1.key"));
    return runParties(
      { ...common, party: 0, listen: "/ip4/127.0.0.1/tcp/0", identity: join(dir, "p0.key"), peer: `/p2p/${id1.peerId}` },
      (ev) => {
        const addrs = ev.addrs as string[];
        return { ...common, party: 1, identity: join(dir, "p1.key"), peer: addrs.find((a) => a.includes("127.0.0.1")) ?? addrs[0] };
      },
    );
  });
}

/**
 * Runs `steps` both parties in one process over a memory channel, then one process per party over
 * TCP and libp2p, handing each run's measures to `report`. A failed transport is reported and
 * skipped so the other figures still land. Behind an emulated link (`pnpm bench --link`) only the
 * TCP run is made (the link, not the transport, is then what is measured), and its transport label
 * names the link.
 */
export async function runEverywhere(
  name: string,
  steps: Step[],
  quick: boolean,
  report: (ms: Measure[], transport: string, oneProcess: boolean) => void,
): Promise<void> {
  if (benchLink !== undefined) {
    // Parsed here too, so a malformed spec fails before any party starts.
    const link = parseLinkSpec(benchLink, "pnpm bench --link");
    report(await runTwoProcess("tcp", steps, quick), `tcp behind an emulated link of ${describeLink(link)}`, false);
    return;
  }
  const [c0, c1] = memoryPair({ timeoutMs: 600_000 });
  const opts = { steps, quick };
  const [m0] = await Promise.all([runSuite(c0, opts), runSuite(c1, opts)]);
  report(m0, "memory", true);
  for (const transport of ["tcp", "libp2p"] as const) {
    try {
      report(await runTwoProcess(transport, steps, quick), transport, false);
    } catch (e) {
      console.error(`${name}: ${transport} run failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
