/**
 * The user's path: `petace run --json` for each party, two OS processes over libp2p on 127.0.0.1,
 * every routine group checked against plain JS. Start order and a late party are varied.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliRun, freePort, makeKeys, script, sleep, type Exit, type Keys } from "../src/harness.js";
import { expectClose, routinesOracle } from "./oracle.js";

let keys: Keys;
beforeAll(async () => {
  keys = await makeKeys();
});
afterAll(() => keys?.cleanup());

interface Report {
  party: number;
  result: Record<string, unknown> | null;
  bytesSent: number;
}

function report(e: Exit): Report {
  expect(e.stderr, "stderr").toBe("");
  expect(e.code, e.stderr).toBe(0);
  return JSON.parse(e.stdout) as Report;
}

async function runPair(n: number, first: 0 | 1, delayMs: number): Promise<[Report, Report]> {
  const port = await freePort();
  const routines = script("routines.ts");
  const a = cliRun(keys, port, first, routines, [String(n)]);
  await sleep(delayMs);
  const b = cliRun(keys, port, first === 0 ? 1 : 0, routines, [String(n)]);
  const [ea, eb] = await Promise.all([a.exit, b.exit]);
  const r = [report(ea), report(eb)];
  return first === 0 ? [r[0]!, r[1]!] : [r[1]!, r[0]!];
}

describe("every routine group across two processes (petace run --json)", () => {
  it("10^5-element vectors, party 0 first: party 1 gets the plaintext answers, party 0 nothing", async () => {
    const [r0, r1] = await runPair(100_000, 0, 0);
    expect(r0.result).toBeNull();
    expectClose(r1.result!, routinesOracle(100_000));
    expect(r0.bytesSent).toBeGreaterThan(0);
  });

  it("party 1 starts first", async () => {
    const [r0, r1] = await runPair(20_000, 1, 300);
    expect(r0.result).toBeNull();
    expectClose(r1.result!, routinesOracle(20_000));
  });

  it("party 0 starts 10 s after party 1 (within the connect timeout)", async () => {
    const t0 = performance.now();
    const [, r1] = await runPair(20_000, 1, 10_000);
    expect(performance.now() - t0).toBeGreaterThan(10_000);
    expectClose(r1.result!, routinesOracle(20_000));
  });
});
