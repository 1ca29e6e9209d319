/**
 * `petace run`: one party of a program. Connects over libp2p, creates the VM, sets it for snp,
 * imports the script (TypeScript through tsx) and calls its default export with a ScriptContext.
 */
import { access } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Duet, insecureDealer, otCorrelations } from "@petace/duet";
import { connect, emulateLink, type Channel } from "@petace/network";
import * as snp from "@petace/securenumpy";
import { CliUsageError, type RunCommand } from "./args.js";
import { toJsonValue } from "./format.js";
import { linkReport, type LinkReport } from "./link.js";
import { Progress } from "./progress.js";
import type { ScriptContext } from "./script.js";

/** Result line of `--json` (one per party). */
export interface PartyReport {
  party: 0 | 1;
  result: unknown;
  /** Wall time from connecting to the end, ms. */
  ms: number;
  /** VM set-up (seeds, base OTs), ms. */
  setupMs: number;
  bytesSent: number;
  bytesReceived: number;
  rounds: number;
  /** The correlation source kind ("ot", "dealer-insecure"), as the VM reports it. */
  correlations: string;
  backend: "secure" | "ref-insecure";
  /** True when the run gave no privacy (an insecure correlation source or backend). */
  insecure: boolean;
  profile: unknown;
  /** The emulated link (`--link`), when there is one. */
  link?: LinkReport;
}

export async function runParty(cmd: RunCommand): Promise<number> {
  const scriptUrl = await locateScript(cmd.script);
  await ensureTypeScriptLoader(cmd.script);
  const tty = process.stderr.isTTY === true && !cmd.json;
  const t0 = performance.now();
  const connected = await connect({
    party: cmd.party,
    peer: cmd.peer,
    identity: cmd.key,
    timeoutMs: cmd.peerTimeoutMs,
    ...(cmd.listen ? { listen: cmd.listen } : {}),
    ...(tty
      ? { onListening: (addrs: string[]) => process.stderr.write(`party 0 listening; party 1 dials ${addrs[0] ?? cmd.listen}\n`) }
      : {}),
  });
  // --link: this party's sends travel as over the given link (`petace local` wraps both parties).
  const channel: Channel = cmd.link ? emulateLink(connected, cmd.link) : connected;
  if (cmd.link && tty) process.stderr.write(`party ${cmd.party}: emulated link, ${linkReport(cmd.link).text}\n`);
  let vm: Duet | undefined;
  const progress = new Progress(cmd.progressIpc ? "ipc" : tty ? "tty" : "off", `party ${cmd.party}`, () => channel.stats);
  try {
    // The --triples flag names the correlation source and --ot its OT extension; the VM takes it as a
    // value. parseArgs has already refused dealer-insecure without --allow-insecure or off loopback;
    // the VM warns.
    const correlations = cmd.triples === "dealer-insecure" ? insecureDealer : otCorrelations({ ot: cmd.ot });
    vm = await Duet.create(channel, cmd.party, { correlations });
    snp.setVM(vm);
    let printed = false;
    const ctx: ScriptContext = {
      vm,
      party: cmd.party,
      args: cmd.args,
      snp: snp.use(vm),
      print: (text) => {
        printed = true;
        (cmd.json ? process.stderr : process.stdout).write(`${text}\n`);
      },
      progress: (done, total, label) => progress.update(done, total, label),
    };
    let result: unknown;
    try {
      const mod = (await import(scriptUrl)) as { default?: unknown };
      if (typeof mod.default === "function") result = await (mod.default as (c: ScriptContext) => unknown)(ctx);
      await vm.evaluate();
    } catch (err) {
      if (err instanceof Error && /require\(\) ES Module|Cannot use import statement outside a module/.test(err.message)) {
        err.message += ` (scripts are ES modules: name the file .mts, or add "type": "module" to the nearest package.json)`;
      }
      // Tell the peer (public words only) so it stops now rather than at its receive timeout, and
      // report before closing: the close below may wait for the peer, and a process must never
      // look successful (exit 0, no message) while it does.
      vm.abort(err, `party ${cmd.party}'s script failed`);
      reportFailure(err);
      return 1;
    }
    progress.stop();
    const s = channel.stats;
    const report: PartyReport = {
      party: cmd.party,
      result: toJsonValue(result),
      ms: Math.round(performance.now() - t0),
      setupMs: Math.round(vm.setupMs),
      bytesSent: s.bytesSent,
      bytesReceived: s.bytesReceived,
      rounds: s.rounds,
      ...vm.security,
      profile: cmd.json && cmd.profile ? vm.profile().rows : undefined,
      ...(cmd.link ? { link: linkReport(cmd.link) } : {}),
    };
    if (cmd.json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else {
      // A script that prints its own report is not echoed; --json always has the result.
      if (result !== undefined && result !== null && !printed) process.stdout.write(`result: ${JSON.stringify(report.result)}\n`);
      if (cmd.profile) process.stdout.write(`${vm.profile().table()}\n`);
    }
    return 0;
  } finally {
    progress.stop();
    if (vm) await vm.close().catch(() => {});
    await channel.close().catch(() => {});
  }
}

/** Prints a failure the way main.ts would, and marks the process as failed at once. */
function reportFailure(err: unknown): void {
  process.exitCode = 1;
  process.stderr.write(`petace: ${err instanceof Error ? err.message : String(err)}\n`);
}

async function locateScript(script: string): Promise<string> {
  const path = isAbsolute(script) ? script : resolve(process.cwd(), script);
  try {
    await access(path);
  } catch {
    throw new CliUsageError(`no script at ${path}`);
  }
  return pathToFileURL(path).href;
}

/** TypeScript scripts run directly: tsx's loader, unless this process already runs under tsx. */
async function ensureTypeScriptLoader(script: string): Promise<void> {
  if (!/\.[cm]?tsx?$/.test(script)) return;
  if (process.execArgv.some((a) => a.includes("tsx"))) return;
  const { register } = await import("tsx/esm/api");
  register();
}
