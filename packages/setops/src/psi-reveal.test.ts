import { describe, expect, it } from "vitest";
import type { PartyId } from "@petace/network";
import { SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { type ProviderKind, runPair } from "../test/pair.js";
import type { Key, PsiRevealOptions } from "./api.js";
import { cuckooBins } from "./cuckoo.js";
import { hashKeys } from "./keys.js";
import { psiReveal, psiValueBytes } from "./psi-reveal.js";

/** Two tables of distinct keys: `common` shared keys, in independent random orders, plus keys of each side's own. */
function tables(rng: SeededRandom, nA: number, nB: number, common: number, kind: "string" | "number"): [Key[], Key[]] {
  const pool = new Set<number>();
  while (pool.size < nA + nB - common) pool.add(rng.int(0, 2 ** 32) * 4096 + rng.int(0, 4096));
  const all = [...pool].map((v): Key => (kind === "string" ? `id-${v.toString(36)}@example.org` : v));
  const shared = all.slice(0, common);
  const a = [...shared, ...all.slice(common, common + nA - common)];
  const b = [...shared, ...all.slice(nA, nA + nB - common)];
  return [shuffle(rng, a), shuffle(rng, b)];
}

function shuffle<T>(rng: SeededRandom, a: T[]): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(0, i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Plaintext reference: each party's rows whose key the other has, ascending. */
function reference(a: Key[], b: Key[]): [number[], number[]] {
  const inB = new Set(b);
  const inA = new Set(a);
  return [a.flatMap((k, i) => (inB.has(k) ? [i] : [])), b.flatMap((k, i) => (inA.has(k) ? [i] : []))];
}

async function psi(a: Key[], b: Key[], options?: PsiRevealOptions, provider?: ProviderKind) {
  const ha = hashKeys(a);
  const hb = hashKeys(b);
  return runPair((ctx, party) => psiReveal(ctx, party === 0 ? ha : hb, options), provider ? { provider } : {});
}

describe("psiReveal (KKRT PSI) against a plaintext intersection", () => {
  const cases: [number, number, number, "string" | "number"][] = [
    [1000, 1000, 0, "number"],
    [1000, 1000, 500, "string"],
    [1000, 1000, 1000, "number"],
    [3000, 700, 350, "string"],
    [500, 4000, 250, "number"],
    [0, 100, 0, "number"],
    [100, 0, 0, "string"],
    [1, 1, 1, "string"],
  ];
  for (const [nA, nB, common, kind] of cases) {
    it(`${nA} × ${nB} ${kind} keys, ${common} in common, revealed to both in one shared order`, async () => {
      const rng = new SeededRandom(testSeed());
      const [a, b] = tables(rng, nA, nB, common, kind);
      const [p0, p1] = await psi(a, b);
      const r0 = p0.result.rows!;
      const r1 = p1.result.rows!;
      const [ref0, ref1] = reference(a, b);
      expect([...r0].sort((x, y) => x - y)).toEqual(ref0);
      expect([...r1].sort((x, y) => x - y)).toEqual(ref1);
      // the shared order: row i at each party carries the same key
      let misaligned = 0;
      for (let i = 0; i < r0.length; i++) if (a[r0[i]!] !== b[r1[i]!]) misaligned++;
      expect(misaligned).toBe(0);
      // bytes (seed OTs from the provider): party 0 (OPRF receiver) sends its size, u and the positions; party 1 its size and the lists
      const m = Math.ceil(cuckooBins(nA) / 128) * 128;
      expect(p0.stats.bytesSent).toBe(4 + 64 * m + 4 * common);
      expect(p1.stats.bytesSent).toBe(4 + 3 * nB * psiValueBytes(nA, nB));
    });
  }

  for (const to of [0, 1] as PartyId[]) {
    it(`revealed to party ${to} only: it gets its rows ascending, the other null`, async () => {
      const rng = new SeededRandom(testSeed());
      const [a, b] = tables(rng, 800, 1200, 400, "string");
      const [p0, p1] = await psi(a, b, { revealTo: to });
      const ref = reference(a, b);
      expect(Array.from((to === 0 ? p0 : p1).result.rows!)).toEqual(ref[to]);
      expect((to === 0 ? p1 : p0).result.rows).toBeNull();
    });
  }

  it("runs without any dealer: seed OTs from the OT provider's IKNP session", async () => {
    const rng = new SeededRandom(testSeed());
    const [a, b] = tables(rng, 2000, 1500, 1000, "string");
    const [p0, p1] = await psi(a, b, {}, "ot");
    const [ref0, ref1] = reference(a, b);
    expect([...p0.result.rows!].sort((x, y) => x - y)).toEqual(ref0);
    expect([...p1.result.rows!].sort((x, y) => x - y)).toEqual(ref1);
  });

  it("the party that learns nothing receives the same bytes whatever the overlap", async () => {
    const rng = new SeededRandom(testSeed());
    const received: number[] = [];
    for (const common of [0, 300, 600]) {
      const [a, b] = tables(rng, 600, 900, common, "number");
      const [, p1] = await psi(a, b, { revealTo: 0 });
      received.push(p1.stats.bytesReceived, p1.stats.messagesReceived);
    }
    expect(received.slice(2)).toEqual([...received.slice(0, 2), ...received.slice(0, 2)]);
  });

  it("refuses duplicate keys naming the rows, and bad options", async () => {
    const keys = hashKeys([1, 2, 3, 4]);
    const dup = new Uint8Array(16 * 5);
    dup.set(keys);
    dup.set(keys.subarray(16, 32), 64);
    await expect(psiReveal(null as never, dup)).rejects.toThrow("psiReveal: rows 1 and 4 have the same key");
    await expect(psiReveal(null as never, keys, { revealTo: 2 as never })).rejects.toThrow(/revealTo must be "both", 0 or 1/);
    await expect(psiReveal(null as never, keys.subarray(1))).rejects.toThrow(/16 bytes per row/);
    expect(() => hashKeys(["a", "b", "a"], { table: "bank" })).toThrow('hashKeys (table "bank"): rows 0 and 2 have the same key');
  });
});
