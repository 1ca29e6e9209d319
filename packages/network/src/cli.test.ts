import { execFile } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadIdentity } from "./identity.js";

const CLI = fileURLToPath(new URL("./cli.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const run = promisify(execFile);

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "--conditions=source", CLI, ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("petace-net CLI", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "petace-cli-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("keygen writes a 0600 key, prints its PeerId and a hint; peerid reads it back; no overwrite", async () => {
    const out = join(dir, "party0.key");
    const made = await cli("keygen", "--out", out);
    expect(made.code).toBe(0);
    const peerId = made.stdout.trim();
    expect(peerId).toMatch(/^12D3KooW\w+$/);
    expect(made.stderr).toContain(`/p2p/${peerId}`);
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    expect((await loadIdentity(out)).peerId).toBe(peerId);
    expect((await cli("peerid", "--key", out)).stdout.trim()).toBe(peerId);
    const again = await cli("keygen", "--out", out);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists; refusing to overwrite/);
    const usage = await cli("keygen");
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--out <file> is required/);
  });
});
