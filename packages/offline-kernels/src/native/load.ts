/**
 * Finds, if need be builds, loads and checks the native accelerator, once per process.
 *
 * The addon sits at native/build/offline_kernels.node in the package, which is
 * `../../native/build/` from this module both as src/native/load.ts (tsx, vitest) and as
 * dist/native/load.js (after tsc). Node's modules are reached through process.getBuiltinModule
 * rather than imports, so this package still loads in a browser, where the answer is simply
 * "unavailable". A loaded addon is trusted only after its known-answer tests pass (kat.ts).
 */
import type { OfflineKernels } from "../kernels.js";
import type { NativeAddon } from "./addon.js";
import { knownAnswerTest } from "./kat.js";
import { nativeKernels } from "./kernels.js";

type Fs = typeof import("node:fs");
type Url = typeof import("node:url");
type Module = typeof import("node:module");
type ChildProcess = typeof import("node:child_process");

interface NodeProcess {
  versions?: { node?: string };
  arch?: string;
  platform?: string;
  execPath?: string;
  env?: Record<string, string | undefined>;
  getBuiltinModule?(id: string): unknown;
}

const ADDON = "../../native/build/offline_kernels.node";
const BUILD_SCRIPT = "../../scripts/build-native.mjs";
const SOURCES = "../../native/";

export interface NativeLoad {
  /** The native kernels, when the addon is built, loads, and passes its known-answer tests. */
  kernels?: OfflineKernels;
  /** Why they are unavailable; or, when available, where they were loaded from and which Ferret paths run. */
  reason: string;
}

let loaded: NativeLoad | undefined;

/** The native kernels, or why not (the first call decides, later calls return the same answer). */
export function loadNativeKernels(): NativeLoad {
  return (loaded ??= load());
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function load(): NativeLoad {
  const proc = (globalThis as { process?: NodeProcess }).process;
  if (!proc?.versions?.node) return { reason: "not running in Node.js" };
  if (typeof proc.getBuiltinModule !== "function")
    return { reason: "this Node.js lacks process.getBuiltinModule (Node 20.16 or later has it)" };
  if (proc.arch !== "x64") return { reason: `it needs an x86-64 CPU with AES-NI, this is ${proc.arch}` };
  const url = new URL(ADDON, import.meta.url);
  if (url.protocol !== "file:") return { reason: `this package was not loaded from files (${url.protocol}), so the addon cannot be found` };

  const fs = proc.getBuiltinModule("node:fs") as Fs;
  const { fileURLToPath } = proc.getBuiltinModule("node:url") as Url;
  const { createRequire } = proc.getBuiltinModule("node:module") as Module;
  const path = fileURLToPath(url);
  if (!fs.existsSync(path) || olderThanSources(fs, path, fileURLToPath(new URL(SOURCES, import.meta.url)))) {
    const why = build(proc, fs, fileURLToPath(new URL(BUILD_SCRIPT, import.meta.url)));
    // A stale addon whose rebuild failed is still tried: the known-answer test decides.
    if (!fs.existsSync(path)) return { reason: why };
  }

  let addon: NativeAddon;
  try {
    addon = createRequire(import.meta.url)(path) as NativeAddon;
  } catch (e) {
    return { reason: `${path} failed to load (${message(e)}); rebuild it with node scripts/build-native.mjs --force` };
  }
  if (!addon.aesNiAvailable()) return { reason: "this CPU lacks AES-NI" };
  const failed = knownAnswerTest(addon);
  if (failed) return { reason: `${path} failed its known-answer test (${failed}); rebuild it with node scripts/build-native.mjs --force` };
  const width = addon.vaesWidth();
  const paths = width === 512 ? "VAES/AVX-512 Ferret paths" : width === 256 ? "VAES/AVX2 Ferret paths" : "AES-NI paths";
  return { kernels: nativeKernels(addon), reason: `loaded ${path} (${paths})` };
}

/**
 * Whether a C source changed after the addon was built (a checkout that moved on without a new
 * install): then the build runs again before the addon is loaded.
 */
function olderThanSources(fs: Fs, addon: string, sources: string): boolean {
  try {
    const built = fs.statSync(addon).mtimeMs;
    return fs.readdirSync(sources).some((f) => /\.[ch]$/.test(f) && fs.statSync(`${sources}/${f}`).mtimeMs > built);
  } catch {
    return false;
  }
}

/** Whether `$CC` (else `cc`) is an existing file or found on PATH: looked up, not run, so it is cheap. */
function hasCompiler(proc: NodeProcess, fs: Fs): boolean {
  const cc = proc.env?.CC || "cc";
  if (cc.includes("/")) return fs.existsSync(cc);
  return (proc.env?.PATH ?? "").split(":").some((dir) => dir !== "" && fs.existsSync(`${dir}/${cc}`));
}

/**
 * The addon is missing (a fresh clone whose install skipped postinstall, or a deleted build) or
 * stale: runs the build script once, synchronously, when a compiler exists. Returns why there is no addon in
 * case it is still missing (the script's own one-line reason when it ran).
 */
function build(proc: NodeProcess, fs: Fs, script: string): string {
  if (!hasCompiler(proc, fs)) return `not built, and no C compiler (${proc.env?.CC || "cc"}) is on PATH`;
  if (!fs.existsSync(script) || !proc.execPath) return "not built, and the build script is missing";
  const { spawnSync } = proc.getBuiltinModule!("node:child_process") as ChildProcess;
  const run = spawnSync(proc.execPath, [script], { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
  const line = `${run.stderr ?? ""}`.trim().split("\n")[0] ?? "";
  const why = /not built: (.*?); the portable kernels will be used/.exec(line)?.[1];
  return why ? `not built: ${why}` : `not built (the build script said ${JSON.stringify(line || `exit ${run.status}`)})`;
}
