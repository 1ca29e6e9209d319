import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { deriveSeed, formatSeed, parseSeed, REPO_ROOT, runSeed, SEED_ENV, seedNote, testSeed } from "../src/index.js";

/** Runs the failing fixture in its own vitest, with PETACE_TEST_SEED set or removed; returns its output. */
function runFixture(seed: string | undefined): Promise<string> {
  const vitest = `${REPO_ROOT}node_modules/vitest/vitest.mjs`;
  const dir = fileURLToPath(new URL("./fixtures/seed-failure/", import.meta.url));
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  if (seed === undefined) delete env[SEED_ENV];
  else env[SEED_ENV] = seed;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [vitest, "run", "--root", dir, "--config", `${dir}vitest.config.ts`],
      { cwd: REPO_ROOT, env, timeout: 60_000 },
      (_err, stdout, stderr) => resolve(`${stdout}\n${stderr}`),
    );
  });
}

/** The seeds the fixture printed in its failure ("expected '1,2,3' to be ''"). */
const drawn = (out: string): string | undefined => /expected '([\d,]+)' to be ''/.exec(out)?.[1];

describe("seeds", () => {
  it("print as 0x and eight hex digits and read back in hex or decimal", () => {
    expect(formatSeed(0x1234abcd)).toBe("0x1234abcd");
    expect(formatSeed(5)).toBe("0x00000005");
    expect(parseSeed("0x1234ABCD")).toBe(0x1234abcd);
    expect(parseSeed(" 42 ")).toBe(42);
    expect(parseSeed(formatSeed(0xffffffff))).toBe(0xffffffff);
    for (const bad of ["", "0x", "-1", "1.5", "0x100000000", "seed", "4294967296"]) expect(() => parseSeed(bad)).toThrow(SEED_ENV);
    expect(seedNote(0xab)).toBe("seed 0x000000ab — rerun with PETACE_TEST_SEED=0x000000ab");
  });

  it("derived seeds are 32-bit, fixed by run seed and key, and differ between keys and run seeds", () => {
    const seen = new Set<number>();
    for (const run of [0, 1, 2, 0xffffffff]) {
      for (const key of ["a", "b", "a#0", "a#1", ""]) {
        const s = deriveSeed(run, key);
        expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
        expect(deriveSeed(run, key)).toBe(s);
        seen.add(s);
      }
    }
    expect(seen.size).toBe(20);
  });

  it("testSeed gives a new seed per call within a test, all from the run seed", () => {
    const run = runSeed();
    const [a, b] = [testSeed(), testSeed()];
    expect(a).not.toBe(b);
    expect(runSeed()).toBe(run);
    if (process.env[SEED_ENV]) expect(run).toBe(parseSeed(process.env[SEED_ENV]));
  });

  it("a failing test reports the run seed, and rerunning with it draws the same seeds", async () => {
    const [fixed, again, fresh] = await Promise.all([runFixture("0x00c0ffee"), runFixture("0x00c0ffee"), runFixture(undefined)]);
    expect(fixed).toMatch(/1 failed/);
    expect(fixed).toMatch(/1 passed/);
    // Right under the assertion's message.
    expect(fixed).toMatch(/AssertionError: expected '[\d,]+' to be ''.*\nseed 0x00c0ffee — rerun with PETACE_TEST_SEED=0x00c0ffee\n/);
    // Once only, though the test drew three seeds in two scopes.
    expect(fixed.split(seedNote(0x00c0ffee)).length).toBe(2);
    expect(drawn(again)).toBe(drawn(fixed));
    const reported = /rerun with PETACE_TEST_SEED=(0x[0-9a-f]{8})/.exec(fresh)?.[1];
    expect(reported).toBeDefined();
    expect(drawn(await runFixture(reported))).toBe(drawn(fresh));
  });
});
