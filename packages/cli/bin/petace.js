#!/usr/bin/env node
// The `petace` command. It runs the built CLI (../dist/main.js); this launcher is checked in so that
// the command exists, and installing the workspace links it, before anything is built.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const main = new URL("../dist/main.js", import.meta.url);
const HINT = "build it with `pnpm build` at the repository root, or run it from source there with `pnpm petace <command> ...`";

if (!existsSync(fileURLToPath(main))) {
  process.stderr.write(`petace: not built (${fileURLToPath(main)} is missing): ${HINT}\n`);
  process.exitCode = 1;
} else {
  try {
    await import(main.href);
  } catch (err) {
    // A partial build: main.js is there but a package it imports has no dist/ yet.
    if (err?.code !== "ERR_MODULE_NOT_FOUND" || !/[\\/]dist[\\/]/.test(String(err.message))) throw err;
    process.stderr.write(`petace: incomplete build (${err.message.split("\n")[0]}): ${HINT}\n`);
    process.exitCode = 1;
  }
}
