/**
 * One party of an e2e run, like `petace run` but with the knobs fault tests need: a short receive
 * timeout, fixed-point settings, a recording channel, and progress events on stderr ("@event <name>")
 * so a test can kill the peer at a chosen moment. Scripts are the CLI's (a default export taking a
 * ScriptContext), so the same file runs under both.
 *   node --import tsx --conditions=source test-e2e/src/party.ts '<json PartyConfig>'
 * stdout: one JSON line {party, result} on success. Exit codes: 0 ok, 1 failed, 98 the program never
 * settled (event loop drained), 99 unhandled rejection.
 */
import { pathToFileURL } from "node:url";
import type { ScriptContext } from "@petace/cli";
import { Duet, type DuetOptions } from "@petace/duet";
import { connect } from "@petace/network";
import * as snp from "@petace/securenumpy";
import { RecordingChannel } from "./recording-channel.js";

export interface PartyConfig {
  party: 0 | 1;
  /** Party 0: multiaddr to listen on. */
  listen?: string;
  /** Party 0: "/p2p/<peer id>"; party 1: the full multiaddr of party 0. */
  peer: string;
  key: string;
  script: string;
  args?: string[];
  timeoutMs?: number;
  connectTimeoutMs?: number;
  fracBits?: number;
  /** "ref-insecure" sends inputs in the clear: the positive control of the secrecy test. */
  backend?: "secure" | "ref-insecure";
  /** Duet's truncation method (default "exact"); "stochastic" is the control of the repeated-reveals test. */
  truncation?: DuetOptions["truncation"];
  /** Path prefix: writes <prefix>.sent.bin, <prefix>.recv.bin and <prefix>.tags.txt (tags sent). */
  record?: string;
}

process.on("unhandledRejection", (err) => {
  process.stderr.write(`UNHANDLED REJECTION: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(99);
});

const event = (name: string) => process.stderr.write(`@event ${name}\n`);

async function main(cfg: PartyConfig): Promise<void> {
  const raw = await connect({
    party: cfg.party,
    peer: cfg.peer,
    identity: cfg.key,
    ...(cfg.listen !== undefined ? { listen: cfg.listen } : {}),
    timeoutMs: cfg.timeoutMs ?? 60_000,
    connectTimeoutMs: cfg.connectTimeoutMs ?? 30_000,
    onListening: () => event("listening"),
  });
  const channel = cfg.record ? new RecordingChannel(raw, cfg.record) : raw;
  event("connected");
  let vm: Duet | undefined;
  try {
    vm = await Duet.create(channel, cfg.party, {
      ...(cfg.fracBits === undefined ? {} : { fracBits: cfg.fracBits }),
      ...(cfg.backend === undefined ? {} : { backend: cfg.backend }),
      ...(cfg.truncation === undefined ? {} : { truncation: cfg.truncation }),
    });
    event("setup");
    snp.setVM(vm);
    const ctx: ScriptContext = {
      vm,
      party: cfg.party,
      args: cfg.args ?? [],
      snp: snp.use(vm),
      print: (text) => process.stderr.write(`${text}\n`),
      progress: (done, total, label) => event(`progress ${done}/${total} ${label ?? ""}`),
    };
    let result: unknown;
    try {
      const mod = (await import(pathToFileURL(cfg.script).href)) as { default?: (c: ScriptContext) => unknown };
      result = await mod.default?.(ctx);
      await vm.evaluate();
    } catch (err) {
      // Report before closing (the close may wait for the peer): never look successful meanwhile.
      vm.abort(err, `party ${cfg.party}'s script failed`);
      settled = true;
      process.stderr.write(`error: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`${JSON.stringify({ party: cfg.party, result: plain(result) })}\n`);
  } finally {
    if (vm) await vm.close().catch(() => {});
    await channel.close().catch(() => {});
  }
}

/** PlainArrays as nested lists; everything else as is. */
function plain(v: unknown): unknown {
  if (v && typeof v === "object" && "tolist" in v && typeof v.tolist === "function") return (v.tolist as () => unknown)();
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

// Peak resident memory, for the tests that bound it (maxRSS is in KiB).
// An event loop that drains while main is pending is a hang in disguise (Node would exit 0).
let settled = false;
process.on("exit", () => {
  event(`maxrss ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
  if (!settled) {
    process.stderr.write("HANG: the event loop drained with the program still pending\n");
    process.exitCode = 98;
  }
});

main(JSON.parse(process.argv[2] ?? "{}") as PartyConfig).then(
  () => {
    settled = true;
    process.exitCode ??= 0; // a failure reported inside main already set 1
  },
  (err: unknown) => {
    settled = true;
    process.stderr.write(`error: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}\n`);
    process.exitCode = 1;
  },
);
