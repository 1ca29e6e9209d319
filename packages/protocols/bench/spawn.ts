/**
 * Runs kernel benchmark jobs with each party in its own OS process over TCP on 127.0.0.1 and
 * returns party 0's measurements. @internal
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Measurement } from "./measure.js";

const script = join(import.meta.dirname, "party.ts");
const root = join(import.meta.dirname, "../../../../..");

export interface Job {
  op: string;
  size: number;
  offline: boolean;
  runs?: number;
  comparison?: "auto" | "carry-tree" | "millionaire";
}

interface Event {
  event: string;
  port?: number;
  measurements?: Measurement[];
  message?: string;
}

function start(cfg: Record<string, unknown>, onEvent: (e: Event) => void): Promise<number> {
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=source", script, JSON.stringify(cfg)], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  createInterface({ input: child.stdout! }).on("line", (line) => {
    try {
      onEvent(JSON.parse(line) as Event);
    } catch {
      process.stderr.write(`kernels bench party: ${line}\n`);
    }
  });
  return new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
}

export async function runTwoProcess(jobs: Job[]): Promise<Measurement[]> {
  let measurements: Measurement[] | undefined;
  let error: string | undefined;
  let onPort!: (p: number | undefined) => void;
  const port = new Promise<number | undefined>((r) => (onPort = r));
  const e0 = start({ party: 0, listen: "127.0.0.1:0", jobs }, (e) => {
    if (e.event === "listening") onPort(e.port);
    else if (e.event === "done") measurements = e.measurements;
    else if (e.event === "error") error = `party 0: ${e.message}`;
  });
  void e0.then(() => onPort(undefined));
  const p = await port;
  if (p === undefined) throw new Error(`runTwoProcess: ${error ?? "party 0 did not start"}`);
  const e1 = start({ party: 1, peer: `127.0.0.1:${p}`, jobs }, (e) => {
    if (e.event === "error") error ??= `party 1: ${e.message}`;
  });
  const [c0, c1] = await Promise.all([e0, e1]);
  if (c0 !== 0 || c1 !== 0 || !measurements) throw new Error(`runTwoProcess: ${error ?? `exit codes ${c0}, ${c1}`}`);
  return measurements;
}
