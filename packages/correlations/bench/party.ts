/**
 * One party of the two-process OT/triple benchmarks. Run by ot.bench.ts / triples.bench.ts as
 *   node --import tsx --conditions=source packages/correlations/bench/party.ts '<json>'
 * with {"transport":"tcp"|"libp2p","party":0|1,"listen"?,"peer"?,"identity"?,"steps":[...],"quick":bool}.
 * Under `pnpm bench --link <spec>` (PETACE_BENCH_LINK) the channel is wrapped with emulateLink.
 * Prints JSON lines on stdout: {"event":"listening",...} (party 0), then {"event":"done","measures":[...]}.
 * @internal
 */
import { benchLink } from "@petace/bench";
import type { Channel, PartyId } from "@petace/network";
import { connectTcp, emulateLink, parseLinkSpec } from "@petace/network";
import { tuneGcForMpc } from "@petace/primitives";
import { runSuite, type Step } from "./suite.js";

interface Config {
  transport: "tcp" | "libp2p";
  party: PartyId;
  listen?: string;
  peer?: string;
  identity?: string;
  steps: Step[];
  quick: boolean;
}

const say = (event: string, fields: Record<string, unknown> = {}) => process.stdout.write(`${JSON.stringify({ event, ...fields })}\n`);

async function connect(cfg: Config): Promise<Channel> {
  const common = { party: cfg.party, connectTimeoutMs: 30_000, timeoutMs: 600_000 };
  if (cfg.transport === "tcp") {
    return connectTcp({
      ...common,
      ...(cfg.listen !== undefined ? { listen: cfg.listen } : {}),
      ...(cfg.peer !== undefined ? { peer: cfg.peer } : {}),
      onListening: (a) => say("listening", { port: a.port }),
    });
  }
  const { connectLibp2p } = await import("@petace/network/libp2p");
  return connectLibp2p({
    ...common,
    listen: cfg.listen ?? "/ip4/127.0.0.1/tcp/0",
    peer: cfg.peer!,
    identity: cfg.identity!,
    onListening: (addrs: string[]) => say("listening", { addrs }),
  });
}

// Both parties share this machine, so tune the GC as the petace CLI does for parties on loopback.
tuneGcForMpc();

try {
  const cfg = JSON.parse(process.argv[2] ?? "{}") as Config;
  const raw = await connect(cfg);
  // Both parties wrap their channel, so both directions go over the emulated link.
  const ch = benchLink ? emulateLink(raw, parseLinkSpec(benchLink, "pnpm bench --link")) : raw;
  const measures = await runSuite(ch, { steps: cfg.steps, quick: cfg.quick });
  say("done", { measures });
  await ch.flush();
  await ch.close();
  process.exit(0);
} catch (e) {
  say("error", { message: e instanceof Error ? e.message : String(e) });
  process.exit(1);
}
