/**
 * Starts both parties of a program as two OS processes talking over libp2p on this machine, with
 * throwaway identity keys in a temporary folder. Each party's output is prefixed with its name.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateIdentity } from "@petace/network/libp2p";

export interface LaunchOptions {
  /** The party program (a .ts file run with tsx). */
  script: string;
  /** Extra arguments for both parties. */
  args?: string[];
  names?: [string, string];
  /** Both processes are killed past this (ms). */
  timeoutMs?: number;
}

/** A free TCP port on 127.0.0.1 (asked of the OS, then released for party 0 to take). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Runs both parties; resolves with their exit codes once both have ended. */
export async function launchBoth(opts: LaunchOptions): Promise<[number, number]> {
  const dir = mkdtempSync(join(tmpdir(), "petace-demo-"));
  try {
    const keys = [join(dir, "party0.key"), join(dir, "party1.key")];
    const ids = [await generateIdentity(keys[0]), await generateIdentity(keys[1])];
    const port = await freePort();
    const names = opts.names ?? ["party 0", "party 1"];
    const partyArgs = [
      ["--party", "0", "--listen", `/ip4/127.0.0.1/tcp/${port}`, "--peer", `/p2p/${ids[1]!.peerId}`, "--key", keys[0]!],
      ["--party", "1", "--peer", `/ip4/127.0.0.1/tcp/${port}/p2p/${ids[0]!.peerId}`, "--key", keys[1]!],
    ];
    const runs = partyArgs.map((args, party) =>
      runParty(opts.script, [...args, ...(opts.args ?? [])], names[party]!, opts.timeoutMs ?? 300_000),
    );
    const codes = await Promise.all(runs);
    return [codes[0]!, codes[1]!];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runParty(script: string, args: string[], name: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=source", script, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const prefix = (chunk: Buffer, out: NodeJS.WriteStream) => {
      for (const line of chunk.toString().split("\n")) if (line) out.write(`[${name}] ${line}\n`);
    };
    child.stdout.on("data", (c: Buffer) => prefix(c, process.stdout));
    child.stderr.on("data", (c: Buffer) => prefix(c, process.stderr));
    const timer = setTimeout(() => {
      process.stderr.write(`[${name}] still running after ${timeoutMs} ms: killed\n`);
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}
