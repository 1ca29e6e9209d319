import { ringMatmul, SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { describe, expect, it } from "vitest";
import { dealerFactory, otFactory, runPair, type ProviderFactory } from "../../test/pair.js";
import { matmulRaw } from "./matmul.js";

const [m, k, n] = [6, 5, 3];

describe.each([
  { name: "the insecure dealer", factory: (): ProviderFactory => dealerFactory(new Uint8Array(16).fill(7)) },
  { name: "OT-made correlations", factory: otFactory },
])("matmul with a repeated left operand ($name)", ({ factory }) => {
  it("opens X − A once: later products with the same X send only W − B, and all are right", async () => {
    const rng = new SeededRandom(testSeed());
    const x = rng.ring(m * k);
    const ws = [rng.ring(k * n), rng.ring(k * n), rng.ring(k * n)];
    const [p0, p1] = await runPair(
      async (kr, ctx) => {
        const xs = await kr.input(0, kr.party === 0 ? x : null, m * k);
        const out: { sent: number; z: BigUint64Array }[] = [];
        for (const w of ws) {
          const wsh = await kr.input(1, kr.party === 1 ? w : null, k * n);
          const before = ctx.channel.stats.bytesSent;
          const z = await matmulRaw(ctx, xs, wsh, m, k, n);
          out.push({ sent: ctx.channel.stats.bytesSent - before, z: await kr.reveal(z) });
        }
        // A copy of X is another operand: a fresh mask, D opened again.
        const before = ctx.channel.stats.bytesSent;
        await matmulRaw(ctx, xs.slice(), xs.subarray(0, k * n).slice(), m, k, n);
        return { out, copy: ctx.channel.stats.bytesSent - before };
      },
      { provider: factory() },
    );
    ws.forEach((w, i) => expect(p0.result.out[i]!.z).toEqual(ringMatmul(x, w, m, k, n)));
    for (const p of [p0, p1]) {
      expect(p.result.out.map((o) => o.sent)).toEqual([8 * (m * k + k * n), 8 * k * n, 8 * k * n]);
      expect(p.result.copy).toBe(8 * (m * k + k * n));
    }
  });

  it("refuses the mask when the bound operand's share was changed in place", async () => {
    const rng = new SeededRandom(testSeed());
    const x = rng.ring(m * k);
    const w = rng.ring(k * n);
    // Each party changes its own share, so both refuse before sending anything.
    await expect(
      runPair(
        async (kr, ctx) => {
          const xs = await kr.input(0, kr.party === 0 ? x : null, m * k);
          const wsh = await kr.input(1, kr.party === 1 ? w : null, k * n);
          await matmulRaw(ctx, xs, wsh, m, k, n);
          xs[0] = BigInt.asUintN(64, xs[0]! + 1n);
          return matmulRaw(ctx, xs, wsh, m, k, n);
        },
        { provider: factory() },
      ),
    ).rejects.toThrow(/bound to another left operand/);
  });
});
