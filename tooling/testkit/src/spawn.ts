/**
 * The rig for party processes in tests and benchmarks: each party (or peer, or CLI run) is a
 * `node --import tsx --conditions=source <script> ...args` child on the TypeScript sources, so it
 * runs exactly the code under test without a build. Every child is bounded by a timeout that
 * SIGKILLs it, and any still alive when this process exits are killed too, so a failing test never
 * leaves parties behind holding ports.
 *
 * Conventions the rig understands (all optional): a line of stdout that is a JSON object with an
 * `event` field is an event (`{"event":"listening","port":…}`, `{"event":"done",…}`); an
 * `{"event":"error","message":…}` event is the script reporting its own failure. Other stdout and
 * all stderr are kept as text.
 *
 * No vitest here: benchmark drivers use this outside any test runner.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The workspace root: children run from here so that `--import tsx` resolves. */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** Node flags that run TypeScript sources through the workspace's "source" export condition. */
export const SOURCE_FLAGS: readonly string[] = ["--import", "tsx", "--conditions=source"];

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_WAIT_MS = 60_000;

export interface ScriptOptions {
  /** Arguments after the script path. */
  args?: readonly string[];
  /** Extra Node flags, before the script (e.g. --expose-gc, --cpu-prof). */
  nodeFlags?: readonly string[];
  /** Variables set (or, when undefined, removed) on top of this process's environment. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Working directory (default: the workspace root). */
  cwd?: string;
  /** The child is SIGKILLed after this long (default 120 s). */
  timeoutMs?: number;
  /** Names the process in messages (default: the script's file name). */
  name?: string;
  /**
   * Also forward the child's stderr and its non-event stdout lines to this process's stderr, each
   * line prefixed with `[name]` (benchmarks, where a party's progress should be seen live).
   */
  passthrough?: boolean;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to exit. */
  ms: number;
  /** True when the rig's timeout killed the process. */
  timedOut: boolean;
}

/** A JSON line of stdout with an `event` field. */
export interface JsonEvent {
  event: string;
  [field: string]: unknown;
}

export interface ScriptProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves once the process has exited and its output is closed. Never rejects. */
  readonly exit: Promise<Exit>;
  stdout(): string;
  stderr(): string;
  /** The events printed so far, in order. */
  events(): readonly JsonEvent[];
  /**
   * The first event of that name. Rejects when the script reports an error event, exits first, or
   * `timeoutMs` passes (default 60 s); the message carries the stderr seen so far.
   */
  waitForEvent(event: string, timeoutMs?: number): Promise<JsonEvent>;
  /** Resolves when stderr so far matches `re`; rejects on timeout (default 60 s) or exit without a match. */
  waitForStderr(re: RegExp, timeoutMs?: number): Promise<void>;
  /** SIGKILL (a no-op once exited). */
  kill(): void;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function track(child: ChildProcess): void {
  live.add(child);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once("exit", () => {
      for (const c of live) c.kill("SIGKILL");
    });
  }
}

function childEnv(env: ScriptOptions["env"]): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(env ?? {})) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

function asEvent(line: string): JsonEvent | undefined {
  if (!line.startsWith("{")) return undefined;
  try {
    const v = JSON.parse(line) as unknown;
    return typeof v === "object" && v !== null && typeof (v as JsonEvent).event === "string" ? (v as JsonEvent) : undefined;
  } catch {
    return undefined;
  }
}

/** Calls `onLine` for each complete line of a text stream, and for the unterminated tail at its end. */
function lines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buf = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    buf += chunk;
    let nl: number;
    while ((nl = buf.indexOf("\n")) >= 0) {
      onLine(buf.slice(0, nl));
      buf = buf.slice(nl + 1);
    }
  });
  stream.on("end", () => {
    if (buf) onLine(buf);
    buf = "";
  });
}

const tail = (text: string, max = 4000): string => (text.length > max ? `…${text.slice(-max)}` : text);

/** Starts `script` in its own Node process on the TypeScript sources. */
export function startScript(script: string, opts: ScriptOptions = {}): ScriptProcess {
  const name = opts.name ?? basename(script);
  const t0 = performance.now();
  const child = spawn(process.execPath, [...(opts.nodeFlags ?? []), ...SOURCE_FLAGS, script, ...(opts.args ?? [])], {
    cwd: opts.cwd ?? REPO_ROOT,
    env: childEnv(opts.env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  track(child);
  let out = "";
  let err = "";
  const events: JsonEvent[] = [];
  const watchers = new Set<() => void>();
  const wake = () => {
    for (const w of watchers) w();
  };
  const forward = (line: string) => {
    if (opts.passthrough) process.stderr.write(`[${name}] ${line}\n`);
  };
  lines(child.stdout!, (line) => {
    out += `${line}\n`;
    const e = asEvent(line);
    if (e) events.push(e);
    else forward(line);
    wake();
  });
  lines(child.stderr!, (line) => {
    err += `${line}\n`;
    forward(line);
    wake();
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let exited = false;
  const exit = new Promise<Exit>((resolve) => {
    child.on("error", (e) => {
      err += `spawn failed: ${e.message}\n`;
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      live.delete(child);
      exited = true;
      resolve({ code, signal, stdout: out, stderr: err, ms: performance.now() - t0, timedOut });
      wake();
    });
  });

  /** Runs `check` on every new line and at exit until it settles the promise; a timer bounds it. */
  const watch = <T>(what: string, ms: number, check: (settle: (v: T) => void, fail: (why: string) => void) => void): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      let done = false;
      const finish = (f: () => void) => {
        if (done) return;
        done = true;
        clearTimeout(t);
        watchers.delete(run);
        f();
      };
      const run = () =>
        check(
          (v) => finish(() => resolve(v)),
          (why) => finish(() => reject(new Error(`${name}: ${why}; stderr so far:\n${tail(err)}`))),
        );
      const t = setTimeout(() => finish(() => reject(new Error(`${name}: no ${what} within ${ms} ms; stderr so far:\n${tail(err)}`))), ms);
      watchers.add(run);
      run();
    });

  return {
    name,
    child,
    exit,
    stdout: () => out,
    stderr: () => err,
    events: () => events,
    kill: () => {
      if (!exited) child.kill("SIGKILL");
    },
    waitForEvent: (event, ms = DEFAULT_WAIT_MS) =>
      watch<JsonEvent>(`"${event}" event`, ms, (settle, fail) => {
        const hit = events.find((e) => e.event === event);
        const bad = events.find((e) => e.event === "error");
        if (hit) settle(hit);
        else if (bad) fail(`reported an error before "${event}": ${String(bad.name ?? "Error")}: ${String(bad.message)}`);
        else if (exited) fail(`exited before "${event}"`);
      }),
    waitForStderr: (re, ms = DEFAULT_WAIT_MS) =>
      watch<void>(`stderr matching ${re}`, ms, (settle, fail) => {
        if (re.test(err)) settle();
        else if (exited) fail(`exited without stderr matching ${re}`);
      }),
  };
}

/** Starts `script` and waits for it to exit. */
export function runScript(script: string, opts: ScriptOptions = {}): Promise<Exit> {
  return startScript(script, opts).exit;
}

/** Why a party failed, in one line: its error event, else its exit and the end of its stderr. */
export function describeFailure(p: ScriptProcess, e: Exit): string {
  const bad = p.events().find((ev) => ev.event === "error");
  if (bad) return `${p.name}: ${String(bad.message)}`;
  const how = e.timedOut ? "was killed by the timeout" : e.signal ? `was killed by ${e.signal}` : `exited with code ${e.code}`;
  return `${p.name} ${how}${e.stderr ? `:\n${tail(e.stderr, 2000)}` : ""}`;
}

export interface TwoPartyOptions extends Omit<ScriptOptions, "args" | "name"> {
  /** Party 0's arguments. Party 0 goes first and must print a `listening` event. */
  args0: readonly string[];
  /** Party 1's arguments, made from party 0's `listening` event (which carries its address). */
  args1: (listening: JsonEvent) => readonly string[];
  /** Bounds both parties together, from the first spawn (default 120 s). */
  timeoutMs?: number;
}

/**
 * Runs the two parties of `script`: party 0 first, party 1 once party 0 reports where it listens.
 * Resolves with both processes after both exited with code 0 (read results from their events).
 * Otherwise kills whichever is still running and rejects with both parties' reasons: a party that
 * fails would leave the other waiting on its channel until a far longer timeout.
 */
export async function runTwoParties(script: string, opts: TwoPartyOptions): Promise<[ScriptProcess, ScriptProcess]> {
  const { args0, args1, timeoutMs = DEFAULT_TIMEOUT_MS, ...rest } = opts;
  const deadline = performance.now() + timeoutMs;
  const p0 = startScript(script, { ...rest, args: args0, name: "party 0", timeoutMs });
  let listening: JsonEvent;
  try {
    listening = await p0.waitForEvent("listening", timeoutMs);
  } catch (e) {
    const wasRunning = p0.child.exitCode === null && p0.child.signalCode === null;
    p0.kill();
    const e0 = await p0.exit;
    throw new Error(
      `runTwoParties(${basename(script)}): party 0 did not start: ${wasRunning ? (e as Error).message : describeFailure(p0, e0)}`,
    );
  }
  const p1 = startScript(script, {
    ...rest,
    args: args1(listening),
    name: "party 1",
    timeoutMs: Math.max(1, deadline - performance.now()),
  });
  const both = [p0, p1] as const;
  const failed = both.map((p, i) =>
    p.exit.then((e) => {
      if (e.code !== 0) both[1 - i]!.kill();
      return e.code === 0 ? undefined : describeFailure(p, e);
    }),
  );
  const reasons = (await Promise.all(failed)).filter((r): r is string => r !== undefined);
  if (reasons.length) throw new Error(`runTwoParties(${basename(script)}): ${reasons.join("; ")}`);
  return [p0, p1];
}

/** A port that was free on 127.0.0.1 a moment ago (asked of the OS, then released). */
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

export interface TempDir {
  readonly path: string;
  /** Removes the folder and everything in it (safe to call twice). */
  remove(): void;
}

/** A fresh folder under the OS temp dir, e.g. for throwaway identity keys. */
export function makeTempDir(prefix = "petace-test-"): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Runs `fn` with a fresh temp folder and removes the folder afterwards, whatever happens. */
export async function withTempDir<T>(prefix: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = makeTempDir(prefix);
  try {
    return await fn(dir.path);
  } finally {
    dir.remove();
  }
}
