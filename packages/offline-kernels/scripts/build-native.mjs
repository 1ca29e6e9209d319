#!/usr/bin/env node
/**
 * Builds the optional native accelerator: native/*.c → native/build/offline_kernels.node, with the
 * system C compiler (`$CC`, else `cc`). Run by the workspace's postinstall and, when the addon is
 * missing, once by the loader on first use.
 *
 * It never fails: the accelerator is optional and the portable kernels give the same bytes, so an
 * install must not break for want of a compiler. Any reason not to build is one line on stderr and
 * exit code 0. Up to date (output newer than every source) is silent.
 *
 * Usage: node packages/offline-kernels/scripts/build-native.mjs [--force]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const pkg = join(dirname(fileURLToPath(import.meta.url)), "..");
const srcDir = join(pkg, "native");
const outDir = join(srcDir, "build");
const out = join(outDir, "offline_kernels.node");

function notBuilt(why) {
  process.stderr.write(`petace: native offline kernels not built: ${why}; the portable kernels will be used\n`);
  process.exit(0);
}

/** The newest modification time among the C sources and this script (a changed flag rebuilds too). */
function newestSource() {
  const files = readdirSync(srcDir).filter((f) => f.endsWith(".c") || f.endsWith(".h"));
  return Math.max(statSync(fileURLToPath(import.meta.url)).mtimeMs, ...files.map((f) => statSync(join(srcDir, f)).mtimeMs));
}

/** Node-API headers: the node-api-headers package when installed, else the ones Node ships. */
function napiIncludeDir() {
  try {
    const req = createRequire(join(pkg, "package.json"));
    const dir = join(dirname(req.resolve("node-api-headers/package.json")), "include");
    if (existsSync(join(dir, "node_api.h"))) return dir;
  } catch {
    // not installed (e.g. a consumer's install without dev dependencies): fall through
  }
  const dir = join(dirname(dirname(process.execPath)), "include", "node");
  return existsSync(join(dir, "node_api.h")) ? dir : undefined;
}

function main() {
  if (process.arch !== "x64") notBuilt(`it needs an x86-64 CPU with AES-NI, this is ${process.arch}`);
  if (process.platform === "win32") notBuilt("building it on Windows is not supported");
  if (!process.argv.includes("--force") && existsSync(out) && statSync(out).mtimeMs > newestSource()) return;

  const cc = process.env.CC || "cc";
  const probe = spawnSync(cc, ["--version"], { stdio: "ignore" });
  if (probe.error || probe.status !== 0) notBuilt(`no C compiler (${cc}) found; install one (e.g. gcc or clang) and rerun this script`);

  const include = napiIncludeDir();
  if (!include) notBuilt("no Node-API headers found (neither the node-api-headers package nor Node's include/node)");

  mkdirSync(outDir, { recursive: true });
  // Compile to a private name and rename: a process loading the addon meanwhile never sees half a file.
  const tmp = `${out}.${process.pid}.tmp`;
  const args = ["-O3", "-std=c11", "-shared", "-fPIC", "-maes", "-msse4.1", "-fvisibility=hidden", `-I${include}`];
  // Node-API symbols resolve against the running node at load time; macOS's linker must be told so.
  if (process.platform === "darwin") args.push("-undefined", "dynamic_lookup");
  args.push("-o", tmp, join(srcDir, "offline_kernels.c"));
  const run = spawnSync(cc, args, { encoding: "utf8" });
  if (run.error || run.status !== 0) {
    rmSync(tmp, { force: true });
    const first = `${run.stderr ?? ""}`.split("\n").find((l) => /error/i.test(l)) ?? run.error?.message ?? `exit ${run.status}`;
    notBuilt(`${cc} failed (${first.trim()})`);
  }
  renameSync(tmp, out);
  process.stderr.write(`petace: built the native offline kernels (${out})\n`);
}

try {
  main();
} catch (e) {
  notBuilt(`unexpected ${e instanceof Error ? e.message : String(e)}`);
}
