import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { freePort, makeTempDir, runScript, runTwoParties, startScript, withTempDir } from "../src/spawn.js";

const PARTY = fileURLToPath(new URL("./fixtures/party.ts", import.meta.url));
const cfg = (c: Record<string, unknown>) => [JSON.stringify(c)];

describe("the party-process rig", () => {
  it("runs two parties: party 1 starts from party 0's listening event; events are read from stdout", async () => {
    const [p0, p1] = await runTwoParties(PARTY, {
      args0: cfg({ party: 0, value: 20 }),
      args1: (listening) => cfg({ party: 1, value: 22, port: listening.port }),
      timeoutMs: 30_000,
    });
    expect(p0.events().find((e) => e.event === "done")?.sum).toBe(42);
    expect(p1.events().find((e) => e.event === "done")?.sum).toBe(42);
    expect((await p0.exit).code).toBe(0);
  });

  it("a failing party rejects the run with its error event, and the other party is killed", async () => {
    const run = runTwoParties(PARTY, {
      args0: cfg({ party: 0, value: 1 }),
      args1: () => cfg({ party: 1, value: 1, mode: "fail" }),
      timeoutMs: 30_000,
    });
    const err = await run.then(
      () => new Error("resolved"),
      (e: Error) => e,
    );
    expect(err.message).toMatch(/party 1: party 1 failed on purpose/);
    expect(err.message).toMatch(/party 0 was killed by SIGKILL/);
  });

  it("the timeout SIGKILLs a hanging process; waits fail with the stderr seen so far", async () => {
    const p = startScript(PARTY, { args: cfg({ party: 0, value: 0, mode: "hang" }), timeoutMs: 3_000 });
    await p.waitForStderr(/hanging/, 20_000);
    await expect(p.waitForEvent("done", 200)).rejects.toThrow(/no "done" event within 200 ms; stderr so far:\nhanging/);
    const e = await p.exit;
    expect(e.timedOut).toBe(true);
    expect(e.signal).toBe("SIGKILL");
    await expect(p.waitForEvent("done")).rejects.toThrow(/exited before "done"/);
  });

  it("passes env (set and unset) and keeps non-event output as text", async () => {
    process.env.FIXTURE_ENV = "from the parent";
    try {
      const set = startScript(PARTY, { args: cfg({ party: 0, value: 0, mode: "env" }), env: { FIXTURE_ENV: "given" } });
      expect((await set.waitForEvent("done")).env).toBe("given");
      const unset = startScript(PARTY, { args: cfg({ party: 0, value: 0, mode: "env" }), env: { FIXTURE_ENV: undefined } });
      expect((await unset.waitForEvent("done")).env).toBeNull();
    } finally {
      delete process.env.FIXTURE_ENV;
    }
    const failed = await runScript(PARTY, { args: cfg({ party: 0, value: 0, mode: "fail" }) });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^not an event\n\{"event":"error"/);
    expect(failed.stderr).toBe("party failing on purpose\n");
  });

  it("temp dirs are removed; free ports can be listened on", async () => {
    const kept = makeTempDir("petace-testkit-");
    writeFileSync(join(kept.path, "k"), "x");
    kept.remove();
    kept.remove();
    expect(existsSync(kept.path)).toBe(false);
    let seen = "";
    await expect(
      withTempDir("petace-testkit-", async (dir) => {
        seen = dir;
        throw new Error("inside");
      }),
    ).rejects.toThrow("inside");
    expect(seen).not.toBe("");
    expect(existsSync(seen)).toBe(false);
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
  });
});
