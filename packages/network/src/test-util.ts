/** Helpers for the transport tests and benchmarks: free ports and peers in child processes. */
import { spawn, type ChildProcess } from "node:child_process";
import * as net from "node:net";
import { fileURLToPath } from "node:url";
import type { PeerConfig } from "./test-peer.js";

const PEER_SCRIPT = fileURLToPath(new URL("./test-peer.ts", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** A port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface PeerEvent {
  event: string;
  [k: string]: unknown;
}

export interface PeerProcess {
  child: ChildProcess;
  /** Resolves with the first event of that name; rejects if the peer reports an error or exits first. */
  waitFor(event: string, timeoutMs?: number): Promise<PeerEvent>;
  kill(): void;
  exited: Promise<number | null>;
}

/** Starts test-peer.ts in its own node process (through tsx, on the TypeScript sources). */
export function spawnPeer(cfg: PeerConfig): PeerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=source", PEER_SCRIPT, JSON.stringify(cfg)], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const events: PeerEvent[] = [];
  const listeners = new Set<() => void>();
  let stderr = "";
  let exitCode: number | null | undefined;
  let buffered = "";
  child.stdout!.setEncoding("utf8").on("data", (s: string) => {
    buffered += s;
    let nl: number;
    while ((nl = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      try {
        events.push(JSON.parse(line) as PeerEvent);
      } catch {
        stderr += `${line}\n`;
      }
    }
    for (const l of listeners) l();
  });
  child.stderr!.setEncoding("utf8").on("data", (s: string) => (stderr += s));
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      exitCode = code;
      for (const l of listeners) l();
      resolve(code);
    }),
  );
  return {
    child,
    exited,
    kill: () => child.kill("SIGKILL"),
    waitFor(event, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = events.find((e) => e.event === event);
          const err = events.find((e) => e.event === "error");
          if (hit) done(() => resolve(hit));
          else if (err) done(() => reject(new Error(`peer failed: ${String(err.name)}: ${String(err.message)}`)));
          else if (exitCode !== undefined) done(() => reject(new Error(`peer exited (${exitCode}) before "${event}": ${stderr}`)));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`peer: no "${event}" within ${timeoutMs} ms: ${stderr}`))), timeoutMs);
        const done = (f: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          f();
        };
        listeners.add(check);
        check();
      });
    },
  };
}
