import { describe, expect, it } from "vitest";
import { SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { type ProviderKind, runPair } from "../test/pair.js";
import { type OprfKey, oprfReceive, oprfSend } from "./oprf.js";

function hex(a: Uint8Array): string {
  return Buffer.from(a).toString("hex");
}

async function run(inputs: Uint8Array, provider?: ProviderKind): Promise<{ out: Uint8Array; key: OprfKey; sent: [number, number] }> {
  const m = inputs.length / 16;
  const [r0, r1] = await runPair(
    async (ctx, party) => (party === 0 ? oprfReceive(ctx, inputs) : oprfSend(ctx, m)),
    provider ? { provider } : {},
  );
  return { out: r0.result as Uint8Array, key: r1.result as OprfKey, sent: [r0.stats.bytesSent, r1.stats.bytesSent] };
}

describe("KKRT OPRF", () => {
  for (const [m, provider] of [
    [1, "dealer"],
    [127, "dealer"],
    [128, "ot"],
    [1000, "base-ots"],
    [(1 << 17) + 3, "dealer"],
  ] as const) {
    it(`the receiver's outputs are the sender's F(j, r_j), m = ${m}, seed OTs from ${provider}`, async () => {
      const rng = new SeededRandom(testSeed());
      const inputs = rng.bytes(16 * m);
      // a repeated input in two instances: the outputs must still differ (F depends on j)
      if (m > 1) inputs.copyWithin(16, 0, 16);
      const { out, key, sent } = await run(inputs, provider);
      expect(key.count).toBe(m);
      const inst = new Uint32Array(m).map((_, j) => j);
      expect(hex(key.evaluate(inst, inputs))).toBe(hex(out));
      if (m > 1) expect(hex(out.subarray(0, 16))).not.toBe(hex(out.subarray(16, 32)));
      // bytes: the receiver sends 64 bytes per instance (rounded up to 128); with base OTs (no random
      // OTs from the provider) it also sends S and the sender one point per base OT
      const baseOts = provider === "base-ots";
      expect(sent[0]).toBe((baseOts ? 32 : 0) + 64 * Math.ceil(m / 128) * 128);
      expect(sent[1]).toBe(baseOts ? 512 * 32 : 0);
    });
  }

  it("F at another input or another instance matches no receiver output", async () => {
    const rng = new SeededRandom(testSeed());
    const m = 500;
    const inputs = rng.bytes(16 * m);
    const { out, key } = await run(inputs);
    const outs = new Set<string>();
    for (let j = 0; j < m; j++) outs.add(hex(out.subarray(16 * j, 16 * j + 16)));
    // the same inputs at shifted instances, and fresh inputs at the right instances
    const shifted = new Uint32Array(m).map((_, j) => (j + 1) % m);
    const same = new Uint32Array(m).map((_, j) => j);
    const other = rng.bytes(16 * m);
    // inputs that differ from r_j in one bit only: the code spreads them apart
    const near = inputs.slice();
    for (let j = 0; j < m; j++) near[16 * j + (j % 16)]! ^= 1 << (j % 8);
    for (const f of [key.evaluate(shifted, inputs), key.evaluate(same, other), key.evaluate(same, near)]) {
      for (let j = 0; j < m; j++) expect(outs.has(hex(f.subarray(16 * j, 16 * j + 16)))).toBe(false);
    }
  });

  it("refuses bad arguments with errors naming them", async () => {
    const { key } = await run(new Uint8Array(16 * 4));
    expect(() => key.evaluate(Uint32Array.of(4), new Uint8Array(16))).toThrow(/instances\[0\] is 4, this key has 4 instances/);
    expect(() => key.evaluate(Uint32Array.of(0), new Uint8Array(15))).toThrow(/16 bytes per instance/);
    const [r] = await Promise.allSettled([oprfReceive(null as never, new Uint8Array(17))]);
    expect(r.status === "rejected" && String(r.reason)).toMatch(/oprfReceive: inputs must hold 16 bytes per instance/);
    await expect(oprfSend(null as never, 0)).rejects.toThrow(/oprfSend: m must be an integer in \[1, 2\^26\], got 0/);
  });
});
