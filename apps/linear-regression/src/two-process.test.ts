import { fileURLToPath } from "node:url";
import { runScript } from "@petace/testkit/spawn";
import { describe, expect, it } from "vitest";
import { TOLERANCE, type TrainResult } from "./train.js";

const cli = fileURLToPath(new URL("../../../packages/cli/src/main.ts", import.meta.url));
const script = fileURLToPath(new URL("./train.ts", import.meta.url));

describe("apps/linear-regression as two processes", () => {
  it("petace local trains on a vertical split over libp2p within the tolerance of plaintext training", async () => {
    const run = await runScript(cli, {
      args: ["local", "--json", "--timeout", "45", script, "--rows", "200", "--iterations", "15", "--loss-every", "5"],
      timeoutMs: 50_000,
    });
    expect(run.stderr).not.toMatch(/Error|exited with code/);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { ok: boolean; parties: { result: TrainResult }[] };
    expect(out.ok).toBe(true);
    const r1 = out.parties[1]!.result;
    expect(r1.maxCoefficientError).toBeLessThanOrEqual(TOLERANCE);
    expect(r1.losses.map((l) => l.iteration)).toEqual([5, 10, 15]);
    expect(out.parties[0]!.result.theta).toEqual(r1.theta);
  });
});
