/** What the peer says (stop reasons, tags, input headers) is shown escaped, and its input size is bounded. */
import { isUnsafeChar, memoryPair } from "@petace/network";
import { describe, expect, it } from "vitest";
import { Duet } from "./duet.js";
import { DivergenceError, DuetError, PeerAbortError } from "./errors.js";
import { insecureDealer } from "./index.js";
import { runLocal } from "./run-local.js";
import { enc } from "../test/util.js";

type Failure = Error & { errors?: unknown[] };
const hasUnsafe = (s: string) => [...s].some((c) => isUnsafeChar(c.charCodeAt(0)));

/** Two VMs; the test then writes on party 1's raw channel, under its VM, as a hostile peer would. */
async function againstRawPeer() {
  const [c0, c1] = memoryPair({ timeoutMs: 5000 });
  const [vm] = await Promise.all([
    Duet.create(c0, 0, { correlations: insecureDealer }),
    Duet.create(c1, 1, { correlations: insecureDealer }),
  ]);
  return { vm, c1 };
}

describe("peer text", () => {
  it("a stop reason with terminal escapes is shown escaped", async () => {
    const { vm, c1 } = await againstRawPeer();
    c1.send("vm/abort|\x1b[2J\x1b[Hall good\r\u202e", new Uint8Array(0));
    const e = await vm.sync().catch((x: unknown) => x as Error);
    expect(e).toBeInstanceOf(PeerAbortError);
    expect(hasUnsafe((e as Error).message)).toBe(false);
    expect((e as Error).message).toContain("\\u001b[2J\\u001b[Hall good\\u000d\\u202e");
    await c1.close();
  });

  it("a diverging tag with control characters gives a DivergenceError without them", async () => {
    const { vm, c1 } = await againstRawPeer();
    c1.send("vm/sync|op\x1b[31m@dead\rbeef~a\x07,b", new Uint8Array(0));
    const e = await vm.sync().catch((x: unknown) => x as Error);
    expect(e).toBeInstanceOf(DivergenceError);
    expect(hasUnsafe((e as Error).message)).toBe(false);
    expect((e as Error).message).toContain('the peer is evaluating "op\\u001b[31m"');
    await c1.close();
  });

  it("an input header is escaped in the error it causes, and a header declaring too many elements is refused", async () => {
    const describe = (party: number) => (h: string) => {
      if (party === 1 && h.startsWith("\x1b")) throw new RangeError(`array: bad header ${h}`);
      return { n: h.startsWith("\x1b") ? 2 : Number(h), kind: "arith" as const };
    };
    const bad = await runLocal(
      async (vm, party) => {
        await vm.input(0, party === 0 ? { data: enc([1, 2]), header: "\x1b[2J2" } : null, describe(party));
      },
      { correlations: insecureDealer },
    ).then(
      () => new Error("expected a failure") as Failure,
      (x: unknown) => x as Failure,
    );
    const all = [bad, ...(bad.errors ?? [])].map((x) => (x as Error).message);
    expect(all.join("\n")).toContain("array: bad header \\u001b[2J2");
    expect(hasUnsafe(all.join("\n"))).toBe(false);

    const big = await runLocal(
      async (vm, party) => {
        await vm.input(0, party === 0 ? { data: enc(new Array(11).fill(1)), header: "11" } : null, describe(party));
      },
      { correlations: insecureDealer, maxInputElements: 10 },
    ).then(
      () => new Error("expected a failure") as Failure,
      (x: unknown) => x as Failure,
    );
    // Party 1 refuses before allocating anything for the 11 elements (party 0's input needs no reply).
    const errors = [big, ...(big.errors ?? [])];
    const refused = errors.find((x) => x instanceof DuetError && !(x instanceof PeerAbortError)) as Error;
    expect(refused.message).toMatch(
      /input: party 0's input header declares 11 elements, more than this VM accepts \(maxInputElements 10\); if that size is expected, raise maxInputElements/,
    );
  });
});
