import { InsecureDealerProvider } from "@petace/correlations";
import type { PartyId } from "@petace/network";
import { encodeFixed, Prg, SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { describe, expect, it } from "vitest";
import { runPair, type ProviderFactory } from "../../test/pair.js";
import { refRunner } from "../../test/runner.js";
import type { CostEnv } from "../context.js";
import * as cost from "../costs.js";

const F = 16;
const ref = refRunner({ fracBits: F });

/** The dealer without owned triples: the kernel derives them from matrix triples. */
const dealerWithoutOwned: ProviderFactory = async (ch) => {
  const p = new InsecureDealerProvider(ch.party, new Uint8Array(16).fill(9));
  return new Proxy(p, {
    get(target, key) {
      if (key === "ownedMatrixTriple") return undefined;
      const v: unknown = Reflect.get(target, key, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
};

function operands(m: number, k: number, n: number): [BigUint64Array, BigUint64Array] {
  const prg = new Prg(new SeededRandom(testSeed()).prgSeed());
  const u = (len: number) => encodeFixed(Array.from(prg.ring(len), (v) => -10 + 20 * (Number(v >> 11n) / 2 ** 53)));
  return [u(m * k), u(k * n)];
}

/** Runs matmul_oa with x held by `owner` (its share x, the other's zero) and y input by the other party. */
async function run(owner: PartyId, provider?: ProviderFactory) {
  const [m, k, n] = [9, 4, 3];
  const [x, y] = operands(m, k, n);
  const want = await ref.run("matmul_oa", [x, y], { m, k, n, owner });
  let env: CostEnv | undefined;
  const [p0, p1] = await runPair(
    async (kk, ctx, party) => {
      env = ctx.costEnv;
      const ys = await kk.input((1 - owner) as PartyId, party === owner ? null : y, k * n);
      const held = party === owner ? x : new BigUint64Array(m * k);
      return kk.reveal(await kk.run("matmul_oa", [held, ys], { m, k, n, owner }));
    },
    provider ? { fracBits: F, provider } : { fracBits: F },
  );
  return { want, p0, p1, env: env!, m, k, n };
}

describe("matmul_oa (a held left operand)", () => {
  it("equals the reference for either owner, at the declared cost", async () => {
    for (const owner of [0, 1] as const) {
      const { want, p0, p1, env, m, k, n } = await run(owner);
      expect(p0.result).toEqual(want);
      expect(p1.result).toEqual(want);
      const declared = cost.ownedMatmulInt(m, k, n, owner);
      const trunc = cost.trunc(m * n, F, env);
      // + the reveal: one round, 8 bytes per output each way
      for (const [i, p] of [p0, p1].entries()) expect(p.stats.bytesSent).toBe(declared.bytes[i]! + trunc.bytes[i]! + 8 * m * n);
    }
  });

  it("a provider without owned triples: the same result from a matrix triple, A and B opened to one party each", async () => {
    for (const owner of [0, 1] as const) {
      const { want, p0, p1, m, k, n } = await run(owner, dealerWithoutOwned);
      expect(p0.result).toEqual(want);
      expect(p1.result).toEqual(want);
      // 8·(mk + kn) more bytes in all than with owned triples
      const withOwned = await run(owner);
      expect(p0.stats.bytesSent + p1.stats.bytesSent - withOwned.p0.stats.bytesSent - withOwned.p1.stats.bytesSent).toBe(
        8 * (m * k + k * n),
      );
    }
  });
});
