import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

describe("the demo", () => {
  it("runs both parties as two processes over libp2p and matches the plaintext answer", () => {
    const main = fileURLToPath(new URL("./main.ts", import.meta.url));
    const run = spawnSync(process.execPath, ["--import", "tsx", "--conditions=source", main, "300"], {
      encoding: "utf8",
      timeout: 110_000,
    });
    expect(run.stderr).not.toMatch(/Error|MISMATCH/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\[bank B\] the secure result matches the plaintext computation/);
    // Party 0 must not see the result.
    expect(run.stdout).not.toMatch(/\[retailer A\] high-net-worth customers/);
  });
});
