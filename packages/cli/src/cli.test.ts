import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadIdentity } from "@petace/network";
import { afterAll, describe, expect, it } from "vitest";

const main = fileURLToPath(new URL("./main.ts", import.meta.url));
const fixture = fileURLToPath(new URL("./fixtures/add.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "petace-cli-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function petace(args: string[], timeout = 20_000) {
  return spawnSync(process.execPath, ["--import", "tsx", "--conditions=source", main, ...args], { encoding: "utf8", timeout });
}

describe("the petace command", () => {
  it("keygen writes a private key file and prints its PeerId; never overwrites", async () => {
    const key = join(dir, "party0.key");
    const r = petace(["keygen", "--out", key]);
    expect(r.status).toBe(0);
    const peerId = r.stdout.trim();
    expect(peerId).toMatch(/^12D3KooW\w+$/);
    expect(r.stderr).toMatch(/petace run --party 1 --peer \/ip4\/<party 0 host>/);
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect((await loadIdentity(key)).peerId).toBe(peerId);
    const again = petace(["keygen", "--out", key]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/^petace: .*already exists; refusing to overwrite/);
    const usage = petace(["keygen"]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--out <file> is required/);
  });

  it("bad usage exits 2 with the message and the usage", () => {
    const r = petace(["run", "--party", "3", "--peer", "/p2p/x", "--key", "k", "s.ts"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--party must be 0 or 1, got "3"[\s\S]*usage:/);
  });

  it("run explains a missing key file or script", () => {
    const script = join(dir, "noop.ts");
    writeFileSync(script, "export default () => 1;\n");
    const missingKey = petace(["run", "--party", "1", "--peer", "/ip4/127.0.0.1/tcp/9/p2p/12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA", "--key", join(dir, "nope.key"), script]);
    expect(missingKey.status).toBe(1);
    expect(missingKey.stderr).toMatch(/no identity key file at .*nope\.key.*keygen/);
    const missingScript = petace(["run", "--party", "1", "--peer", "/p2p/x", "--key", "k", join(dir, "absent.ts")]);
    expect(missingScript.status).toBe(2);
    expect(missingScript.stderr).toMatch(/no script at .*absent\.ts/);
  });

  it("local runs both parties as two processes over libp2p; only party 1 gets the sum", () => {
    const r = petace(["local", "--json", "--timeout", "50", fixture, "7"], 55_000);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { ok: boolean; parties: { party: number; result: unknown; bytesSent: number; rounds: number }[] };
    expect(out.ok).toBe(true);
    expect(out.parties.map((p) => p.result)).toEqual([null, [11, 22, 10]]);
    expect(out.parties[0]!.bytesSent).toBeGreaterThan(0);
  });
});
