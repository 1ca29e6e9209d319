/**
 * Faults between two real processes over libp2p: the surviving side ends with a clear error, within a
 * bounded time, with exit code 1 (99 would be an unhandled rejection), never a hang.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configs, freePort, makeKeys, script, startParty, type Exit, type Keys, type Proc } from "../src/harness.js";
import type { PartyConfig } from "../src/party.js";

let keys: Keys;
beforeAll(async () => {
  keys = await makeKeys();
});
afterAll(() => keys?.cleanup());

const faults = script("faults.ts");

async function pair(
  args: [string[], string[]],
  extra: Partial<PartyConfig> | [Partial<PartyConfig>, Partial<PartyConfig>] = {},
): Promise<[Proc, Proc]> {
  const port = await freePort();
  const [e0, e1] = Array.isArray(extra) ? extra : [extra, extra];
  const [c0, c1] = configs(keys, port, { script: faults, connectTimeoutMs: 15_000 });
  return [startParty({ ...c0, args: args[0], ...e0 }, 60_000), startParty({ ...c1, args: args[1], ...e1 }, 60_000)];
}

/** A clean failure: exit 1, the message on stderr, no unhandled rejection. */
function expectFailure(e: Exit, message: RegExp): void {
  if (process.env.E2E_SHOW)
    process.stdout.write(
      `--- exit ${e.code}: ${e.stderr
        .split("\n")
        .filter((l) => l.startsWith("error"))
        .join(" / ")}\n`,
    );
  expect(e.signal, e.stderr).toBeNull();
  expect(e.stderr).not.toMatch(/UNHANDLED REJECTION/);
  expect(e.code, `stderr:\n${e.stderr}\nstdout:\n${e.stdout}`).toBe(1);
  expect(e.stderr).toMatch(message);
}

/** Kills `victim` when `at` shows on its stderr (plus `afterMs`); the survivor must fail within `withinMs`. */
async function killAt(victim: Proc, survivor: Proc, at: RegExp, afterMs: number, withinMs: number): Promise<Exit> {
  await victim.waitForStderr(at);
  await new Promise((r) => setTimeout(r, afterMs));
  expect(survivor.child.exitCode, `the survivor finished before the kill:\n${survivor.stderr()}`).toBeNull();
  victim.kill();
  const t0 = performance.now();
  const e = await survivor.exit;
  expect(performance.now() - t0).toBeLessThan(withinMs);
  return e;
}

describe("the peer is killed (SIGKILL)", () => {
  it("during setup (seeds, base OTs): the survivor reports the closed channel", async () => {
    const [p0, p1] = await pair([
      ["mul", "1000"],
      ["mul", "1000"],
    ]);
    const e = await killAt(p1, p0, /@event connected/, 0, 10_000);
    expectFailure(e, /error: .*(closed|ended|hung up|reset)/i);
    // The peer's address names its PeerId once.
    expect(e.stderr.split(`/p2p/${keys.ids[1]}`).length - 1, `stderr:\n${e.stderr}`).toBe(1);
    expect(e.stderr).not.toMatch(/@event setup/);
  });

  it("during OT extension (the first triples of a large multiplication)", async () => {
    const [p0, p1] = await pair([
      ["mul", "1000000"],
      ["mul", "1000000"],
    ]);
    const e = await killAt(p0, p1, /@event progress 1\/2 mul/, 200, 10_000);
    expectFailure(e, /error: .*(closed|ended|hung up|reset)/i);
  });

  it("in the middle of a large multiplication", async () => {
    const [p0, p1] = await pair([
      ["mul", "1000000"],
      ["mul", "1000000"],
    ]);
    const e = await killAt(p1, p0, /@event progress 1\/2 mul/, 2500, 10_000);
    expectFailure(e, /error: .*(closed|ended|hung up|reset)/i);
  });
});

describe("the peer goes silent", () => {
  it("its process stops (SIGSTOP: stops reading and answering): the receive timeout fires", async () => {
    const [p0, p1] = await pair(
      [
        ["mul", "200000"],
        ["mul", "200000"],
      ],
      { timeoutMs: 2000 },
    );
    await p1.waitForStderr(/@event progress 1\/2 mul/);
    p1.child.kill("SIGSTOP");
    try {
      const t0 = performance.now();
      const e = await p0.exit;
      expect(performance.now() - t0).toBeLessThan(10_000);
      expectFailure(e, /error: .*Timeout.*2000 ms/i);
    } finally {
      p1.kill();
    }
  });

  it("its program stops sending after setup: the receive timeout fires", async () => {
    const [p0, p1] = await pair([["mul", "1000"], ["hang"]], { timeoutMs: 2000 });
    try {
      const e = await p0.exit;
      expectFailure(e, /error: .*Timeout.*2000 ms/i);
    } finally {
      p1.kill();
    }
  });
});

describe("identity", () => {
  it("a party with the wrong key is refused, with the expected and the actual PeerId", async () => {
    const stranger = join(keys.dir, "stranger.key");
    const { generateIdentity } = await import("@petace/network");
    const strangerId = (await generateIdentity(stranger)).peerId;
    const [p0, p1] = await pair([["mul"], ["mul"]], [{ connectTimeoutMs: 4000 }, { key: stranger }]);
    const [e0, e1] = await Promise.all([p0.exit, p1.exit]);
    expectFailure(e1, new RegExp(`PeerIdentityError: .*${keys.ids[0]}.*refused.*${strangerId}`));
    // Party 0 names the refused stranger and the PeerId it waits for.
    expectFailure(e0, new RegExp(`no channel from party 1 \\(${keys.ids[1]}\\)`));
    expect(e0.stderr).toContain(strangerId);
  });

  it("party 1 expecting another PeerId for party 0 refuses it, naming both", async () => {
    const port = await freePort();
    const [c0, c1] = configs(keys, port, { script: faults, args: ["mul"], connectTimeoutMs: 4000 });
    const p0 = startParty(c0);
    const { generateIdentity } = await import("@petace/network");
    const otherId = (await generateIdentity()).peerId;
    const p1 = startParty({ ...c1, peer: `/ip4/127.0.0.1/tcp/${port}/p2p/${otherId}` });
    const [, e1] = await Promise.all([p0.exit, p1.exit]);
    expectFailure(e1, new RegExp(`PeerIdentityError: .*is ${keys.ids[0]}, not the expected party 0 ${otherId}`));
  });
});

describe("the two parties run different programs", () => {
  it("different operator: both name both operators", async () => {
    const [p0, p1] = await pair([["diverge-op"], ["diverge-op"]]);
    const [e0, e1] = await Promise.all([p0.exit, p1.exit]);
    for (const e of [e0, e1])
      expectFailure(
        e,
        // The first message that differs may be the correlation prefetch of the diverging batch: its
        // history then names the operators.
        /DivergenceError: .*evaluating \\?"(multiply|prefetch\\?".*\\?"multiply)\\?".*the peer is evaluating \\?"(greater|prefetch\\?".*\\?"greater)\\?"|DivergenceError: .*evaluating \\?"(greater|prefetch\\?".*\\?"greater)\\?".*the peer is evaluating \\?"(multiply|prefetch\\?".*\\?"multiply)\\?"/,
      );
  });

  it("different shape", async () => {
    const [p0, p1] = await pair([["diverge-shape"], ["diverge-shape"]]);
    const [e0, e1] = await Promise.all([p0.exit, p1.exit]);
    for (const e of [e0, e1]) expectFailure(e, /DivergenceError: .*evaluating .*the peer is evaluating/);
  });

  it("different fixed-point settings: refused at set-up, naming both", async () => {
    const [p0, p1] = await pair([["mul"], ["mul"]], [{ fracBits: 16 }, { fracBits: 20 }]);
    const [e0, e1] = await Promise.all([p0.exit, p1.exit]);
    for (const e of [e0, e1]) expectFailure(e, /fracBits.*(16.*20|20.*16)/);
  });
});

describe("bad input from a user", () => {
  it.each([
    ["nan", /NaN/],
    ["inf", /Infinity|finite/],
    ["big", /range/],
  ])("%s in party 0's data: a clear error there, an abort at the peer", async (kind, msg) => {
    const [p0, p1] = await pair([
      ["input", kind],
      ["input", kind],
    ]);
    const [e0, e1] = await Promise.all([p0.exit, p1.exit]);
    expectFailure(e0, msg);
    expectFailure(e1, /PeerAbort|party 0/);
  });

  it("a CSV that does not parse: the error names file, row and column", async () => {
    const dir = mkdtempSync(join(keys.dir, "csv-"));
    const file = join(dir, "bad.csv");
    writeFileSync(file, "1,2\n3,4\n5,oops\n");
    const [p0, p1] = await pair([
      ["csv", file],
      ["csv", file],
    ]);
    const [e0, e1] = await Promise.all([p0.exit, p1.exit]);
    expectFailure(e0, /bad\.csv.*(line|row) 3.*column 2/i);
    expectFailure(e1, /PeerAbort|party 0/);
  });

  it("a truncated .npy: the error names the file", async () => {
    const file = join(keys.dir, "bad.npy");
    writeFileSync(file, Buffer.from("\x93NUMPY\x01\x00v\x00{'descr': '<f8', 'fortran_order': False, 'shape': (10,), }", "latin1"));
    const [p0, p1] = await pair([
      ["npy", file],
      ["npy", file],
    ]);
    const [e0, e1] = await Promise.all([p0.exit, p1.exit]);
    expectFailure(e0, /loadNpy: .*bad\.npy/);
    expectFailure(e1, /PeerAbort|party 0/);
  });

  it("wrong shapes are refused at once on both sides; a bool array is promoted to float as NumPy does", async () => {
    const [p0, p1] = await pair([["shapes"], ["shapes"]]);
    const [e0, e1] = await Promise.all([p0.exit, p1.exit]);
    expect(e0.code, e0.stderr).toBe(0);
    expect(e1.code, e1.stderr).toBe(0);
    const r = (JSON.parse(e1.stdout) as { result: { caught: string[]; promoted: number[]; dtype: string } }).result;
    expect(r.caught).toHaveLength(4);
    for (const m of r.caught) expect(m).toMatch(/^(RangeError|TypeError): \w+: .*(\(4,?\).*\(3,?\)|\(1,4\) \(1,3\)|size 4)/);
    expect(r.dtype).toBe("float64");
    for (const [i, v] of [1.5, 0.5, 1.5, 1.5].entries()) expect(r.promoted[i]).toBeCloseTo(v, 3); // sqrt is approximate
  });
});
