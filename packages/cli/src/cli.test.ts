import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeTempDir, runScript } from "@petace/testkit/spawn";
import { afterAll, describe, expect, it } from "vitest";

const main = fileURLToPath(new URL("./main.ts", import.meta.url));
const fixture = fileURLToPath(new URL("./fixtures/add.ts", import.meta.url));
const tmp = makeTempDir("petace-cli-test-");
const dir = tmp.path;
afterAll(() => tmp.remove());

const petace = (args: string[], timeoutMs = 20_000) => runScript(main, { args, timeoutMs });

describe("the petace command", () => {
  it("keygen writes a private key file and prints its PeerId; never overwrites", async () => {
    const key = join(dir, "party0.key");
    const r = await petace(["keygen", "--out", key]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^12D3KooW\w+$/);
    expect(r.stderr).toMatch(/petace run --party 1 --peer \/ip4\/<party 0 host>/);
    expect(statSync(key).mode & 0o777).toBe(0o600);
    const again = await petace(["keygen", "--out", key]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^petace: /);
  });

  it("bad usage exits 2 with the message and the usage", async () => {
    const r = await petace(["run", "--party", "3", "--peer", "/p2p/x", "--key", "k", "s.ts"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--party must be 0 or 1, got "3"[\s\S]*usage:/);
  });

  it("run explains a missing key file or script", async () => {
    const script = join(dir, "noop.ts");
    writeFileSync(script, "export default () => 1;\n");
    const missingKey = await petace(["run", "--party", "1", "--peer", "/ip4/127.0.0.1/tcp/9/p2p/12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA", "--key", join(dir, "nope.key"), script]);
    expect(missingKey.code).toBe(1);
    expect(missingKey.stderr).toMatch(/no identity key file at .*nope\.key.*keygen/);
    const missingScript = await petace(["run", "--party", "1", "--peer", "/p2p/x", "--key", "k", join(dir, "absent.ts")]);
    expect(missingScript.code).toBe(2);
    expect(missingScript.stderr).toMatch(/no script at .*absent\.ts/);
  });

  it("local runs both parties as two processes over libp2p; only party 1 gets the sum", async () => {
    const r = await petace(["local", "--json", "--timeout", "50", fixture, "7"], 55_000);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { ok: boolean; parties: { party: number; result: unknown; bytesSent: number; rounds: number }[] };
    expect(out.ok).toBe(true);
    expect(out.parties.map((p) => p.result)).toEqual([null, [11, 22, 10]]);
    expect(out.parties[0]!.bytesSent).toBeGreaterThan(0);
  });
});
