/**
 * `petace local`: both parties of a script on this machine, as two OS processes (`petace run`)
 * talking over libp2p on 127.0.0.1, with throwaway identity keys in a temporary folder.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { constants, tmpdir } from "node:os";
import { join } from "node:path";
import { formatLinkSpec, generateIdentity } from "@petace/network";
import type { LocalCommand } from "./args.js";
import { linkReport } from "./link.js";
import { describe, PROGRESS_MARK, type ProgressState } from "./progress.js";

/** A free TCP port on 127.0.0.1 (asked of the OS, then released for party 0 to take). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

export async function runLocalParties(cmd: LocalCommand): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "petace-local-"));
  const removeKeys = () => rmSync(dir, { recursive: true, force: true });
  const children = new Set<ChildProcess>();
  // Ctrl-C or a kill would otherwise end this process before `finally` and leave the private keys
  // behind: stop both parties, delete the keys, then exit as the signal would have.
  const onSignal = (signal: NodeJS.Signals) => {
    for (const child of children) child.kill(signal);
    removeKeys();
    process.exit(128 + (constants.signals[signal] ?? 1));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    const keys = [join(dir, "party0.key"), join(dir, "party1.key")] as const;
    const ids = [await generateIdentity(keys[0]), await generateIdentity(keys[1])] as const;
    const port = await freePort();
    const common = [
      ...(cmd.json ? ["--json"] : []),
      ...(cmd.profile ? ["--profile"] : []),
      ...(cmd.allowInsecure ? ["--allow-insecure"] : []),
      "--triples",
      cmd.triples,
      ...(cmd.triples === "ot" ? ["--ot", cmd.ot] : []),
      // Both parties wrap their channel, so both directions go over the emulated link.
      ...(cmd.link ? ["--link", formatLinkSpec(cmd.link)] : []),
      "--peer-timeout",
      String(cmd.peerTimeoutMs / 1000),
    ];
    if (cmd.link && !cmd.json) process.stderr.write(`petace local: emulated link, ${linkReport(cmd.link).text}\n`);
    const status = process.stderr.isTTY === true && !cmd.json ? new StatusLine() : undefined;
    const argv = [
      ["--party", "0", "--listen", `/ip4/127.0.0.1/tcp/${port}`, "--peer", `/p2p/${ids[1].peerId}`, "--key", keys[0]],
      ["--party", "1", "--peer", `/ip4/127.0.0.1/tcp/${port}/p2p/${ids[0].peerId}`, "--key", keys[1]],
    ].map((a) => ["run", ...a, ...common, ...(status ? ["--progress-ipc"] : []), "--", cmd.script, ...cmd.args]);
    const runs = argv.map((a, party) => runChild(a, party as 0 | 1, cmd, status, children));
    const results = await Promise.all(runs);
    status?.clear();
    if (cmd.json) {
      const ok = results.every((r) => r.code === 0);
      const link = cmd.link ? { link: linkReport(cmd.link) } : {};
      process.stdout.write(`${JSON.stringify({ ok, ...link, parties: results.map((r) => r.report ?? null) })}\n`);
    }
    const failed = results.find((r) => r.code !== 0);
    if (failed) process.stderr.write(`petace local: party ${results.indexOf(failed)} exited with code ${failed.code}\n`);
    return failed ? 1 : 0;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    removeKeys();
  }
}

interface ChildResult {
  code: number;
  report?: unknown;
}

function runChild(
  args: string[],
  party: 0 | 1,
  cmd: LocalCommand,
  status: StatusLine | undefined,
  children: Set<ChildProcess>,
): Promise<ChildResult> {
  return new Promise((done) => {
    // The same CLI entry with the same Node flags (tsx loader, conditions) as this process.
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    children.add(child);
    const name = `party ${party}`;
    let report: unknown;
    const out = (line: string, stream: NodeJS.WriteStream) => {
      status?.clear();
      stream.write(`[${name}] ${line}\n`);
    };
    lines(child.stdout, (line) => {
      if (cmd.json && line.startsWith("{")) {
        try {
          report = JSON.parse(line) as unknown;
          return;
        } catch {
          // not the report line: the script's own output
        }
      }
      out(line, cmd.json ? process.stderr : process.stdout);
    });
    lines(child.stderr, (line) => {
      if (line.startsWith(PROGRESS_MARK)) status?.update(party, JSON.parse(line.slice(PROGRESS_MARK.length)) as ProgressState);
      else out(line, process.stderr);
    });
    const timer = setTimeout(() => {
      process.stderr.write(`[${name}] still running after ${cmd.timeoutMs / 1000} s: killed\n`);
      child.kill("SIGKILL");
    }, cmd.timeoutMs);
    child.on("close", (code, signal) => {
      children.delete(child);
      clearTimeout(timer);
      done({ code: code ?? (signal ? 128 : 1), ...(report === undefined ? {} : { report }) });
    });
  });
}

function lines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buf = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    buf += chunk;
    let i: number;
    while ((i = buf.indexOf("\n")) >= 0) {
      onLine(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
  });
  stream.on("end", () => {
    if (buf) onLine(buf);
  });
}

/** Both parties' progress on one TTY line. */
class StatusLine {
  readonly #states: [ProgressState | undefined, ProgressState | undefined] = [undefined, undefined];
  #shown = false;

  update(party: 0 | 1, s: ProgressState): void {
    this.#states[party] = s;
    const text = this.#states
      .map((st, p) => (st ? `party ${p}: ${describe(st)}` : ""))
      .filter(Boolean)
      .join("  |  ");
    process.stderr.write(`\r\x1b[K${text.slice(0, (process.stderr.columns ?? 120) - 1)}`);
    this.#shown = true;
  }

  clear(): void {
    if (this.#shown) process.stderr.write("\r\x1b[K");
    this.#shown = false;
  }
}
