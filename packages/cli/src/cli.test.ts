import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { constants, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadIdentity } from "@petace/network";
import { afterAll, describe, expect, it } from "vitest";

const main = fileURLToPath(new URL("./main.ts", import.meta.url));
const fixture = fileURLToPath(new URL("./fixtures/add.ts", import.meta.url));
const waitFixture = fileURLToPath(new URL("./fixtures/wait.ts", import.meta.url));
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

  it("id prints the PeerId of an existing key file; a missing or foreign file is named, with petace keygen --out", () => {
    const key = join(dir, "a.key");
    const made = petace(["keygen", "--out", key]);
    expect(made.status).toBe(0);
    const peerId = made.stdout.trim();
    const r = petace(["id", "--key", key]);
    expect(r).toMatchObject({ status: 0, stdout: `${peerId}\n`, stderr: "" });
    expect(JSON.parse(petace(["id", "--json", "--key", key]).stdout)).toEqual({ peerId, key });

    const missing = join(dir, "absent.key");
    const noFile = petace(["id", "--key", missing]);
    expect(noFile.status).toBe(1);
    expect(noFile.stdout).toBe("");
    expect(noFile.stderr).toBe(`petace id: no identity key file at ${missing}; create one with \`petace keygen --out ${missing}\`\n`);

    const notAKey = join(dir, "notes.txt");
    writeFileSync(notAKey, "not a key\n");
    const bad = petace(["id", "--key", notAKey]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(new RegExp(`^petace id: ${notAKey} is not a valid identity key file.*petace keygen --out`));

    // A libp2p key file, but secp256k1 (protobuf: KeyType 2, 32 bytes of key), not Ed25519.
    const secp = join(dir, "secp.key");
    writeFileSync(secp, Uint8Array.of(8, 2, 18, 32, ...new Array<number>(32).fill(1)));
    const foreign = petace(["id", "--key", secp]);
    expect(foreign.status).toBe(1);
    expect(foreign.stderr).toMatch(
      new RegExp(
        `^petace id: ${secp} holds a secp256k1 key; petace-ts identities are Ed25519 \\(make one with \`petace keygen --out <file>\`\\)`,
      ),
    );

    const usage = petace(["id"]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--key <file> is required[\s\S]*petace id --key party0.key/);
  });

  it("bad usage exits 2 with the message and the usage", () => {
    const r = petace(["run", "--party", "3", "--peer", "/p2p/x", "--key", "k", "s.ts"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--party must be 0 or 1, got "3"[\s\S]*usage:/);
  });

  it("run explains a missing key file or script", () => {
    const script = join(dir, "noop.ts");
    writeFileSync(script, "export default () => 1;\n");
    const missingKey = petace([
      "run",
      "--party",
      "1",
      "--peer",
      "/ip4/127.0.0.1/tcp/9/p2p/12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA",
      "--key",
      join(dir, "nope.key"),
      script,
    ]);
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
    // Silent OT (Ferret) is the CLI's default OT extension.
    for (const p of out.parties) expect(p).toMatchObject({ correlations: "ot/silent", backend: "secure", insecure: false });
  });

  it("local --ot iknp runs on IKNP, named in the report", () => {
    const r = petace(["local", "--json", "--ot", "iknp", "--timeout", "50", fixture, "7"], 55_000);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { parties: { result: unknown; correlations: string }[] };
    expect(out.parties.map((p) => p.result)).toEqual([null, [11, 22, 10]]);
    for (const p of out.parties) expect(p.correlations).toBe("ot");
  });

  it("the insecure dealer is refused without --allow-insecure, and with it every party warns and reports insecure: true", () => {
    const refused = petace(["local", "--triples", "dealer-insecure", fixture]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/--triples dealer-insecure gives no privacy.*add --allow-insecure/);
    const offLoopback = petace([
      "run",
      ...["--party", "0", "--listen", "/ip4/0.0.0.0/tcp/8090", "--peer", "/p2p/x", "--key", "k"],
      ...["--triples", "dealer-insecure", "--allow-insecure", fixture],
    ]);
    expect(offLoopback.status).toBe(2);
    expect(offLoopback.stderr).toMatch(/runs only with both parties on this machine/);

    const r = petace(["local", "--json", "--timeout", "50", "--triples", "dealer-insecure", "--allow-insecure", fixture, "7"], 55_000);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { parties: unknown[] };
    for (const p of out.parties) expect(p).toMatchObject({ correlations: "dealer-insecure", backend: "secure", insecure: true });
    for (const party of [0, 1]) {
      expect(r.stderr).toContain(`[party ${party}] (node:`);
      expect(r.stderr).toContain(`[party ${party}] !! INSECURE petace VM (party ${party}): correlation source "dealer-insecure"`);
    }
  });

  it("local deletes its throwaway keys when interrupted (SIGTERM, SIGINT) and exits as the signal would", async () => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      const tmp = mkdtempSync(join(dir, "tmp-"));
      const child = spawn(process.execPath, ["--import", "tsx", "--conditions=source", main, "local", "--timeout", "60", waitFixture], {
        env: { ...process.env, TMPDIR: tmp },
        stdio: "ignore",
      });
      const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
      const keyDirs = () => readdirSync(tmp).filter((n) => n.startsWith("petace-local-"));
      const deadline = Date.now() + 40_000;
      while (Date.now() < deadline && !(keyDirs().length === 1 && readdirSync(join(tmp, keyDirs()[0]!)).length === 2))
        await new Promise((r) => setTimeout(r, 100));
      expect(readdirSync(join(tmp, keyDirs()[0]!)).sort()).toEqual(["party0.key", "party1.key"]);
      child.kill(signal);
      expect(await exited).toBe(128 + constants.signals[signal]);
      expect(keyDirs()).toEqual([]);
    }
  });

  it("a key file readable by others is refused, with the chmod that fixes it", () => {
    if (process.platform === "win32") return;
    const key = join(dir, "open.key");
    expect(petace(["keygen", "--out", key]).status).toBe(0);
    chmodSync(key, 0o644);
    const r = petace(["id", "--key", key]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^petace id: ${key} is accessible to its group and others \\(mode 0644\\).*chmod 600 ${key}`));
  });

  it("local --link runs both parties behind an emulated link and reports it", () => {
    const r = petace(["local", "--json", "--timeout", "50", "--link", "1gbit,rtt=40ms", fixture, "7"], 55_000);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { link: unknown; parties: { result: unknown; ms: number; link: unknown }[] };
    const link = {
      spec: "1gbit,20ms",
      bitsPerSecond: 1e9,
      delayMs: 20,
      rttMs: 40,
      text: "1 Gbit/s each way, 20 ms one-way delay (RTT 40 ms)",
    };
    expect(out.link).toEqual(link);
    expect(out.parties.map((p) => p.link)).toEqual([link, link]);
    expect(out.parties.map((p) => p.result)).toEqual([null, [11, 22, 10]]);
    // Setting up the VM alone needs round trips: at least one full RTT each.
    for (const p of out.parties) expect(p.ms).toBeGreaterThanOrEqual(40);
  });
});
