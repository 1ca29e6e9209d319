/** The committed WebAssembly module is what assembly/ compiles to, so source and binary cannot drift. */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const script = fileURLToPath(new URL("../scripts/build-wasm.mjs", import.meta.url));

describe("src/portable/wasm-module.ts", () => {
  it("equals a fresh build of assembly/ (else run node scripts/build-wasm.mjs and commit)", { timeout: 180_000 }, async () => {
    const run = promisify(execFile)(process.execPath, [script, "--check"]);
    await expect(run).resolves.toBeDefined();
  });
});
