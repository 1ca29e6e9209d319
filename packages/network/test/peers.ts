/** Channel peers in child processes (test/peer.ts), for the transport tests and the network benchmark. */
import { fileURLToPath } from "node:url";
import { startScript, type ScriptProcess } from "@petace/testkit/spawn";
import type { PeerConfig } from "./peer.js";

export { freePort } from "@petace/testkit/spawn";

const PEER_SCRIPT = fileURLToPath(new URL("./peer.ts", import.meta.url));

/**
 * Starts a peer in its own Node process; its events ("listening", "connected", "done", "error")
 * come through `waitForEvent`. The time bound only reaps a peer nobody ended: benchmark peers move
 * gigabytes, tests kill theirs.
 */
export function spawnPeer(cfg: PeerConfig): ScriptProcess {
  return startScript(PEER_SCRIPT, { args: [JSON.stringify(cfg)], name: `peer (${cfg.transport}, party ${cfg.party})`, timeoutMs: 600_000 });
}
