/**
 * Runs the bench suite with each party in its own OS process over TCP or libp2p on 127.0.0.1 and
 * returns party 0's measures. @internal
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { memoryPair } from "@petace/network";
import { runSuite, type Measure, type Step } from "./suite.js";

const script = join(import.meta.dirname, "party.ts");
const root = join(import.meta.dirname, "../../../..");

interface Event {
  event: string;
  port?: number;
  addrs?: string[];
  measures?: Measure[];
  message?: string;
}

function start(cfg: Record<string, unknown>, onEvent: (e: Event) => void): { child: ChildProcess; exited: Promise<number> } {
  const child = spawn(process.execPath, [...(process.env.PETACE_PARTY_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.PETACE_PARTY_PROF}`] : []), "--import", "tsx", "--conditions=source", script, JSON.stringify(cfg)], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  createInterface({ input: child.stdout! }).on("line", (line) => {
    try {
      onEvent(JSON.parse(line) as Event);
    } catch {
      process.stderr.write(`bench-party: ${line}\n`);
    }
  });
  const exited = new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
  return { child, exited };
}

/** True when the libp2p transport (@petace/network/libp2p) loads. */
export async function hasLibp2p(): Promise<boolean> {
  try {
    const net = await import("@petace/network/libp2p");
    return typeof net.connectLibp2p === "function";
  } catch {
    return false;
  }
}

export async function runTwoProcess(transport: "tcp" | "libp2p", steps: Step[], quick: boolean): Promise<Measure[]> {
  let dir: string | undefined;
  const cfg0: Record<string, unknown> = { transport, party: 0, steps, quick };
  const cfg1: Record<string, unknown> = { transport, party: 1, steps, quick };
  if (transport === "tcp") {
    cfg0.listen = "127.0.0.1:0";
  } else {
    const { generateIdentity } = await import("@petace/network/libp2p");
    dir = mkdtempSync(join(tmpdir(), "petace-ot-bench-"));
    await generateIdentity(join(dir, "p0.key"));
    const id1 = await generateIdentity(join(dir, "p1.key"));
    Object.assign(cfg0, { listen: "/ip4/127.0.0.1/tcp/0", identity: join(dir, "p0.key"), peer: `/p2p/${id1.peerId}` });
    Object.assign(cfg1, { identity: join(dir, "p1.key") });
  }
  try {
    let measures: Measure[] | undefined;
    let error: string | undefined;
    let onListening!: (e: Event) => void;
    const listening = new Promise<Event>((resolve) => (onListening = resolve));
    const p0 = start(cfg0, (e) => {
      if (e.event === "listening") onListening(e);
      else if (e.event === "done") measures = e.measures;
      else if (e.event === "error") error = `party 0: ${e.message}`;
    });
    void p0.exited.then((code) => {
      if (code !== 0) error ??= `party 0 exited with ${code}`;
      onListening({ event: "exited" });
    });
    const ev = await listening;
    if (ev.event !== "listening") throw new Error(`runTwoProcess: ${error ?? "party 0 did not start"}`);
    cfg1.peer = transport === "tcp" ? `127.0.0.1:${ev.port}` : (ev.addrs!.find((a) => a.includes("127.0.0.1")) ?? ev.addrs![0]);
    const p1 = start(cfg1, (e) => {
      if (e.event === "error") error ??= `party 1: ${e.message}`;
    });
    const [c0, c1] = await Promise.all([p0.exited, p1.exited]);
    if (c0 !== 0 || c1 !== 0 || !measures) throw new Error(`runTwoProcess (${transport}): ${error ?? `exit codes ${c0}, ${c1}`}`);
    return measures;
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs `steps` both parties in one process over a memory channel, then one process per party over
 * TCP and libp2p, handing each run's measures to `report`. A failed transport is reported and
 * skipped so the other figures still land.
 */
export async function runEverywhere(
  name: string,
  steps: Step[],
  quick: boolean,
  report: (ms: Measure[], transport: string, oneProcess: boolean) => void,
): Promise<void> {
  const [c0, c1] = memoryPair({ timeoutMs: 600_000 });
  const opts = { steps, quick };
  const [m0] = await Promise.all([runSuite(c0, opts), runSuite(c1, opts)]);
  report(m0, "memory", true);
  for (const transport of ["tcp", "libp2p"] as const) {
    if (transport === "libp2p" && !(await hasLibp2p())) {
      console.log(`${name}: @petace/network has no libp2p transport yet; skipped`);
      continue;
    }
    try {
      report(await runTwoProcess(transport, steps, quick), transport, false);
    } catch (e) {
      console.error(`${name}: ${transport} run failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
