/**
 * Parties as real OS processes on 127.0.0.1 with throwaway keys, through @petace/testkit's process
 * rig; every wait is bounded.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateIdentity } from "@petace/network";
import { makeTempDir, startScript, type Exit, type ScriptProcess } from "@petace/testkit/spawn";
import type { PartyConfig } from "./party.js";

export { freePort } from "@petace/testkit/spawn";
export type { Exit };
/** A party process: `waitForStderr` sees its "@event <name>" lines; `exit` carries its output. */
export type Proc = ScriptProcess;

export const PARTY_MAIN = fileURLToPath(new URL("./party.ts", import.meta.url));
export const CLI_MAIN = fileURLToPath(new URL("../../packages/cli/src/main.ts", import.meta.url));
export const script = (name: string) => fileURLToPath(new URL(`../scripts/${name}`, import.meta.url));

/** Starts `file` with `args`; a process still alive after `limitMs` is SIGKILLed (the test sees the signal). */
export function start(file: string, args: string[], limitMs = 100_000): Proc {
  return startScript(file, { args, timeoutMs: limitMs });
}

export interface Keys {
  dir: string;
  paths: [string, string];
  ids: [string, string];
  cleanup(): void;
}

/** Two throwaway identity keys (plus a stranger's when asked) in a temporary folder. */
export async function makeKeys(): Promise<Keys> {
  const tmp = makeTempDir("petace-e2e-");
  const paths: [string, string] = [join(tmp.path, "p0.key"), join(tmp.path, "p1.key")];
  const ids: [string, string] = [(await generateIdentity(paths[0])).peerId, (await generateIdentity(paths[1])).peerId];
  return { dir: tmp.path, paths, ids, cleanup: tmp.remove };
}

/** The two parties' configs for one run (party 0 listens on `port`). */
export function configs(
  keys: Keys,
  port: number,
  common: Omit<PartyConfig, "party" | "peer" | "key" | "listen">,
): [PartyConfig, PartyConfig] {
  return [
    { ...common, party: 0, listen: `/ip4/127.0.0.1/tcp/${port}`, peer: `/p2p/${keys.ids[1]}`, key: keys.paths[0] },
    { ...common, party: 1, peer: `/ip4/127.0.0.1/tcp/${port}/p2p/${keys.ids[0]}`, key: keys.paths[1] },
  ];
}

export const startParty = (cfg: PartyConfig, limitMs?: number) => start(PARTY_MAIN, [JSON.stringify(cfg)], limitMs);

/** `petace run` for one party (the user's path). */
export function cliRun(keys: Keys, port: number, party: 0 | 1, scriptPath: string, args: string[] = [], limitMs?: number): Proc {
  const argv =
    party === 0
      ? ["--party", "0", "--listen", `/ip4/127.0.0.1/tcp/${port}`, "--peer", `/p2p/${keys.ids[1]}`, "--key", keys.paths[0]]
      : ["--party", "1", "--peer", `/ip4/127.0.0.1/tcp/${port}/p2p/${keys.ids[0]}`, "--key", keys.paths[1]];
  return start(CLI_MAIN, ["run", ...argv, "--json", "--", scriptPath, ...args], limitMs);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
