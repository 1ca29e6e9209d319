import { stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeTempDir, runScript, type TempDir } from "@petace/testkit/spawn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadIdentity } from "./identity.js";

const CLI = fileURLToPath(new URL("./cli.ts", import.meta.url));

const cli = (...args: string[]) => runScript(CLI, { args, timeoutMs: 30_000 });

describe("petace-net CLI", () => {
  let tmp: TempDir;
  let dir: string;
  beforeAll(() => {
    tmp = makeTempDir("petace-cli-");
    dir = tmp.path;
  });
  afterAll(() => tmp.remove());

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
