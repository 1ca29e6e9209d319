/**
 * Command-line parsing for `petace`. Flags come before the script; everything after the script path
 * belongs to the script. Errors are CliUsageError with a message meant for the user.
 */
import { DEFAULT_TIMEOUT_MS, parseLinkSpec, type LinkSpec, type PartyId } from "@petace/network";

export class CliUsageError extends Error {
  override name = "CliUsageError";
}

export type Triples = "ot" | "dealer-insecure";

/** The OT extension behind `--triples ot`: Ferret's silent OT (the default) or IKNP. */
export type OtExtension = "silent" | "iknp";

interface Common {
  /** One JSON line per result on stdout instead of text. */
  json: boolean;
}

interface Runs extends Common {
  script: string;
  args: string[];
  triples: Triples;
  /** `--ot`: the OT extension that makes the correlations (with `--triples ot`). */
  ot: OtExtension;
  /** `--allow-insecure`: the explicit opt-in an insecure triple source needs (on loopback only). */
  allowInsecure: boolean;
  /** Print the per-operator profile table after the result. */
  profile: boolean;
  /** Emulate this link (bandwidth per direction, one-way delay) on this party's outgoing messages. */
  link?: LinkSpec;
  /** `--peer-timeout`: how long a party waits for the peer's next message before it gives up, ms. */
  peerTimeoutMs: number;
}

export interface KeygenCommand extends Common {
  command: "keygen";
  out: string;
}

export interface IdCommand extends Common {
  command: "id";
  key: string;
}

export interface RunCommand extends Runs {
  command: "run";
  party: PartyId;
  listen?: string;
  peer: string;
  key: string;
  /** Progress lines for a parent `petace local` instead of a TTY status line. */
  progressIpc: boolean;
}

export interface LocalCommand extends Runs {
  command: "local";
  /** Both processes are killed past this many ms. */
  timeoutMs: number;
}

export interface HelpCommand {
  command: "help";
}

export type Command = KeygenCommand | IdCommand | RunCommand | LocalCommand | HelpCommand;

export const USAGE = `usage:
  petace keygen --out party0.key
      create this party's identity key (Ed25519, mode 0600, never overwritten); prints its PeerId
  petace id --key party0.key
      print the PeerId of an existing key file (what the other party pins after /p2p/)
  petace run --party 0|1 [--listen <multiaddr>] --peer <multiaddr/p2p/PeerId> --key <file> [--json] [--link <spec>] [--peer-timeout <seconds>] script.ts [args...]
      run one party of a program over libp2p; party 0 listens (--listen), party 1 dials party 0
  petace local [--json] [--timeout <seconds>] [--link <spec>] [--peer-timeout <seconds>] script.ts [args...]
      run both parties on this machine as two processes over libp2p on 127.0.0.1, with throwaway keys
common flags:
  --json                one JSON line per party with the result, traffic and profile, instead of text
  --profile             print the per-operator profile (calls, rounds, bytes, time) after the result
  --triples ot|dealer-insecure   where Beaver triples come from (default ot). dealer-insecure gives NO
                        privacy (party 0 sends the dealer seed to party 1): tests and benchmarks only;
                        it needs --allow-insecure and both parties on loopback (127.0.0.1, ::1)
  --allow-insecure      the explicit opt-in for --triples dealer-insecure; never allowed off loopback
  --ot silent|iknp      the OT extension behind --triples ot (default silent: Ferret, under 1 bit per OT on
                        the wire, ~0.4 GB more per party once a program needs more than ~40K OTs;
                        iknp: 16 bytes per OT, little memory). Both parties must pass the same.
  --peer-timeout <seconds>   how long a party waits for the peer's next message before it stops with an error
                        (default 60). Raise it when one step of the other party's local work can take longer,
                        as the private join of tens of millions of rows does.

  --link <bandwidth>,<delay>   run and local: emulate a network link to preview a deployment, e.g. --link 100mbit,25ms
                        is 100 Mbit/s each way and a 25 ms ONE-WAY delay (RTT 50 ms); kbit|mbit|gbit, us|ms|s, or
                        rtt=<time> for a round-trip time. local emulates both directions; run, this party's sends`;

/** Flags each command accepts; `true` marks a flag without a value. */
const FLAGS: Record<string, Record<string, boolean>> = {
  keygen: { out: false, json: true },
  id: { key: false, json: true },
  run: {
    party: false,
    listen: false,
    peer: false,
    key: false,
    json: true,
    profile: true,
    triples: false,
    ot: false,
    "allow-insecure": true,
    "progress-ipc": true,
    link: false,
    "peer-timeout": false,
  },
  local: {
    json: true,
    profile: true,
    timeout: false,
    triples: false,
    ot: false,
    "allow-insecure": true,
    link: false,
    "peer-timeout": false,
  },
};

export function parseArgs(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") return { command: "help" };
  const known = FLAGS[command];
  if (!known || (command !== "keygen" && command !== "id" && command !== "run" && command !== "local")) {
    throw new CliUsageError(`unknown command "${command}" (expected keygen, id, run or local)`);
  }
  const { flags, positional } = splitFlags(command, rest, known);
  const json = flags.has("json");
  if (command === "keygen") {
    if (positional.length > 0) throw new CliUsageError(`keygen: unexpected argument "${positional[0]}"`);
    const out = flags.get("out");
    if (!out) throw new CliUsageError("keygen: --out <file> is required, e.g. petace keygen --out party0.key");
    return { command, out, json };
  }
  if (command === "id") {
    if (positional.length > 0) throw new CliUsageError(`id: unexpected argument "${positional[0]}"`);
    const key = flags.get("key");
    if (!key) throw new CliUsageError("id: --key <file> is required, e.g. petace id --key party0.key");
    return { command, key, json };
  }
  const [script, ...args] = positional;
  if (!script) throw new CliUsageError(`${command}: the script to run is missing, e.g. petace ${command} ... analysis.ts`);
  const triples = parseTriples(command, flags.get("triples"));
  const ot = parseOt(command, flags.get("ot"), triples);
  const allowInsecure = flags.has("allow-insecure");
  if (triples === "dealer-insecure" && !allowInsecure)
    throw new CliUsageError(
      `${command}: --triples dealer-insecure gives no privacy (party 0 sends the dealer seed to party 1, so either party can recover the other's inputs); for tests and benchmarks on one machine add --allow-insecure, otherwise use --triples ot`,
    );
  const profile = flags.has("profile");
  const link = parseLink(command, flags.get("link"));
  // Default: the channels' own receive timeout.
  const peerTimeoutMs = parseSeconds(command, "peer-timeout", flags.get("peer-timeout"), DEFAULT_TIMEOUT_MS);
  if (command === "local") {
    const timeoutMs = parseSeconds(command, "timeout", flags.get("timeout"), 600_000);
    return { command, script, args, json, triples, ot, allowInsecure, profile, peerTimeoutMs, timeoutMs, ...link };
  }
  const party = flags.get("party");
  if (party !== "0" && party !== "1")
    throw new CliUsageError(`run: --party must be 0 or 1, got ${party === undefined ? "nothing" : `"${party}"`}`);
  const peer = flags.get("peer");
  if (!peer) throw new CliUsageError("run: --peer is required: the other party's address ending in /p2p/<its PeerId>");
  const key = flags.get("key");
  if (!key) throw new CliUsageError("run: --key is required: this party's key file (petace keygen --out party0.key)");
  const listen = flags.get("listen");
  if (party === "0" && !listen) throw new CliUsageError("run: party 0 needs --listen, e.g. --listen /ip4/0.0.0.0/tcp/8090");
  // Off loopback the two parties are different people: an insecure source would hand each the
  // other's inputs, whatever flag was given.
  if (triples === "dealer-insecure" && !onLoopbackOnly(listen, peer))
    throw new CliUsageError(
      `run: --triples dealer-insecure runs only with both parties on this machine (loopback addresses), but got ${listen ? `--listen ${listen} ` : ""}--peer ${peer}; between machines use --triples ot`,
    );
  return {
    command,
    party: party === "0" ? 0 : 1,
    peer,
    key,
    script,
    args,
    json,
    triples,
    ot,
    allowInsecure,
    profile,
    peerTimeoutMs,
    progressIpc: flags.has("progress-ipc"),
    ...(listen ? { listen } : {}),
    ...link,
  };
}

/** A `--flag <seconds>` value in ms (defaultMs when absent); anything but a positive finite number is a usage error. */
function parseSeconds(command: string, flag: string, value: string | undefined, defaultMs: number): number {
  if (value === undefined) return defaultMs;
  const seconds = Number(value);
  if (!(seconds > 0) || !Number.isFinite(seconds))
    throw new CliUsageError(`${command}: --${flag} must be a positive number of seconds, got "${value}"`);
  return seconds * 1000;
}

/** Reads `--name value` / `--name=value` flags up to the first positional argument. */
function splitFlags(command: string, argv: readonly string[], known: Record<string, boolean>) {
  const flags = new Map<string, string>();
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      i++;
      break;
    }
    if (!a.startsWith("--")) break;
    const eq = a.indexOf("=");
    const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
    const boolean = known[name];
    if (boolean === undefined) throw new CliUsageError(`${command}: unknown flag --${name}`);
    if (boolean) {
      if (eq >= 0) throw new CliUsageError(`${command}: --${name} takes no value`);
      flags.set(name, "");
      continue;
    }
    const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined || value === "") throw new CliUsageError(`${command}: --${name} needs a value`);
    flags.set(name, value);
  }
  return { flags, positional: argv.slice(i) };
}

function parseTriples(command: string, value: string | undefined): Triples {
  if (value === undefined || value === "ot") return "ot";
  if (value === "dealer-insecure") return value;
  throw new CliUsageError(`${command}: --triples must be ot or dealer-insecure, got "${value}"`);
}

function parseOt(command: string, value: string | undefined, triples: Triples): OtExtension {
  if (value !== undefined && triples !== "ot")
    throw new CliUsageError(
      `${command}: --ot ${value} chooses the OT extension of --triples ot; it has no meaning with --triples ${triples}`,
    );
  if (value === undefined || value === "silent") return "silent";
  if (value === "iknp") return value;
  throw new CliUsageError(`${command}: --ot must be silent or iknp, got "${value}"`);
}

function parseLink(command: string, value: string | undefined): { link?: LinkSpec } {
  if (value === undefined) return {};
  try {
    return { link: parseLinkSpec(value, `${command}: --link`) };
  } catch (err) {
    // The parser's message names the bad part and the accepted form.
    throw new CliUsageError((err as Error).message);
  }
}

const HOST = /^\/(ip4|ip6|dns|dns4|dns6|dnsaddr)\/([^/]+)/;

/**
 * True when every address that names a host names a loopback one (`/p2p/<id>` alone names none), and
 * at least one does: the connection cannot leave this machine.
 */
export function onLoopbackOnly(...addrs: (string | undefined)[]): boolean {
  const hosts = addrs.flatMap((a) => {
    const m = a === undefined ? null : HOST.exec(a);
    return m ? [[m[1]!, m[2]!] as const] : [];
  });
  return (
    hosts.length > 0 &&
    hosts.every(([proto, host]) => (proto === "ip4" ? /^127\./.test(host) : proto === "ip6" ? host === "::1" : host === "localhost"))
  );
}

/**
 * True when an address is on loopback, so both parties run on this machine (`petace local` starts
 * its two parties that way).
 */
export function sharesMachine(...addrs: (string | undefined)[]): boolean {
  return addrs.some((a) => a !== undefined && /\/(ip4\/127\.|ip6\/::1\/|dns[46]?\/localhost\/)/.test(a));
}
