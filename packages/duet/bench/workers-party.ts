/**
 * One party of workers.bench.ts's two-process runs (TCP on 127.0.0.1):
 *   node --import tsx --conditions=source packages/duet/bench/workers-party.ts '<json>'
 * with {"party":0|1,"listen"?,"peer"?,"configs":[...]}. Prints JSON lines: {"event":"listening","port"}
 * (party 0), then {"event":"done","figures":[...]}. @internal
 */
import { connectTcp, type PartyId } from "@petace/network";
import { tuneGcForMpc } from "@petace/primitives";
import { measure, type Config } from "./workers-suite.js";

interface PartyConfig {
  party: PartyId;
  listen?: string;
  peer?: string;
  configs: Config[];
}

const say = (event: string, fields: Record<string, unknown> = {}) => process.stdout.write(`${JSON.stringify({ event, ...fields })}\n`);

// Both parties share this machine, so tune the GC as the petace CLI does for parties on loopback.
tuneGcForMpc();
const cfg = JSON.parse(process.argv[2] ?? "{}") as PartyConfig;
const ch = await connectTcp({
  party: cfg.party,
  timeoutMs: 600_000,
  ...(cfg.listen !== undefined ? { listen: cfg.listen } : {}),
  ...(cfg.peer !== undefined ? { peer: cfg.peer } : {}),
  onListening: (a) => say("listening", { port: a.port }),
});
const figures = [];
for (const [run, c] of cfg.configs.entries()) figures.push(await measure(ch, run, c));
await ch.close();
say("done", { figures });
