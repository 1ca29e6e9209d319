/**
 * Bad frames over real libp2p (TCP + Noise + Yamux): a test peer with party 1's key completes the
 * hello, then writes a malformed, truncated, oversized or out-of-order frame. Party 0 (a real party
 * process) ends with an error within a bounded time, with bounded memory, and no crash.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configs, freePort, makeKeys, script, start, startParty, type Keys } from "../src/harness.js";
import { fileURLToPath } from "node:url";

const EVIL = fileURLToPath(new URL("../src/evil-peer.ts", import.meta.url));

let keys: Keys;
beforeAll(async () => {
  keys = await makeKeys();
});
afterAll(() => keys?.cleanup());

describe("bad frames from a test peer over libp2p", () => {
  it.each([
    ["malformed", /FrameError: .*tag/i],
    ["truncated", /FrameError: .*truncated frame/],
    ["oversized", /FrameError: .*4294967295/],
    ["out-of-order", /(ProtocolMismatchError|DivergenceError): .*zz\/not-yet\/7/],
  ])("%s: party 0 fails cleanly", async (mode, message) => {
    const port = await freePort();
    const [c0] = configs(keys, port, { script: script("faults.ts"), args: ["mul", "1000"], connectTimeoutMs: 15_000, timeoutMs: 5000 });
    const p0 = startParty(c0, 40_000);
    await p0.waitForStderr(/@event listening/, 15_000);
    const evil = start(EVIL, [`/ip4/127.0.0.1/tcp/${port}/p2p/${keys.ids[0]}`, keys.paths[1], mode], 40_000);
    try {
      const t0 = performance.now();
      const e = await p0.exit;
      // Closing after the error waits for the peer's close up to timeoutMs (an evil peer never
      // closes), so the bound is timeoutMs plus start-up; see README "known issues".
      expect(performance.now() - t0, `${e.stderr}\nevil peer: ${evil.stdout()}${evil.stderr()}`).toBeLessThan(15_000);
      expect(e.signal, e.stderr).toBeNull();
      expect(e.stderr).not.toMatch(/UNHANDLED REJECTION/);
      expect(e.code, e.stderr).toBe(1);
      expect(e.stderr).toMatch(message);
      const rss = Number(/@event maxrss (\d+) MiB/.exec(e.stderr)?.[1]);
      expect(rss).toBeLessThan(400);
    } finally {
      evil.kill();
    }
  });
});
