/** Spawning parties as real OS processes on 127.0.0.1 with throwaway keys; every wait is bounded. */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateIdentity } from "@petace/network";
import type { PartyConfig } from "./party.js";

const NODE_FLAGS = ["--import", "tsx", "--conditions=source"];
export const PARTY_MAIN = fileURLToPath(new URL("./party.ts", import.meta.url));
export const CLI_MAIN = fileURLToPath(new URL("../../packages/cli/src/main.ts", import.meta.url));
export const script = (name: string) => fileURLToPath(new URL(`../scripts/${name}`, import.meta.url));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface Proc {
  child: ChildProcess;
  /** Resolves at exit; a process still alive after `limitMs` is SIGKILLed (and the test sees signal). */
  exit: Promise<Exit>;
  stdout(): string;
  stderr(): string;
  /** Resolves when stderr matches (rejects after `ms`). */
  waitFor(re: RegExp, ms?: number): Promise<void>;
  kill(): void;
}

export function start(file: string, args: string[], limitMs = 100_000): Proc {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...NODE_FLAGS, file, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  const watchers = new Set<() => void>();
  child.stdout!.setEncoding("utf8").on("data", (c: string) => (out += c));
  child.stderr!.setEncoding("utf8").on("data", (c: string) => {
    err += c;
    for (const w of watchers) w();
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), limitMs);
  const exit = new Promise<Exit>((resolve) =>
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: out, stderr: err, ms: performance.now() - t0 });
    }),
  );
  return {
    child,
    exit,
    stdout: () => out,
    stderr: () => err,
    kill: () => child.kill("SIGKILL"),
    waitFor: (re, ms = 60_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (re.test(err)) {
            watchers.delete(check);
            clearTimeout(t);
            resolve();
          }
        };
        const t = setTimeout(() => {
          watchers.delete(check);
          reject(new Error(`no ${re} on stderr within ${ms} ms; stderr so far:\n${err}`));
        }, ms);
        watchers.add(check);
        void exit.then(() => setTimeout(check, 0));
        check();
      }),
  };
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === "object" && a ? a.port : 0));
    });
  });
}

export interface Keys {
  dir: string;
  paths: [string, string];
  ids: [string, string];
  cleanup(): void;
}

/** Two throwaway identity keys (plus a stranger's when asked) in a temporary folder. */
export async function makeKeys(): Promise<Keys> {
  const dir = mkdtempSync(join(tmpdir(), "petace-e2e-"));
  const paths: [string, string] = [join(dir, "p0.key"), join(dir, "p1.key")];
  const ids: [string, string] = [(await generateIdentity(paths[0])).peerId, (await generateIdentity(paths[1])).peerId];
  return { dir, paths, ids, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The two parties' configs for one run (party 0 listens on `port`). */
export function configs(keys: Keys, port: number, common: Omit<PartyConfig, "party" | "peer" | "key" | "listen">): [PartyConfig, PartyConfig] {
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
