/**
 * Measures the online cost of the nonlinear operators, whose kernels chain many protocols, for each
 * comparison and truncation method, and prints the per-element figures that `src/costs.ts` states
 * (NONLINEAR). Both parties run in this process over a memory channel with the insecure dealer; the
 * protocols' messages do not depend on the values. Checks that the bytes are linear in n (n a
 * multiple of 32) and the same for both parties. The figures are with square pairs; the dealer is
 * run again without them (each square a Beaver product, 8 bytes more per element, same rounds) to
 * count the chain's squares. Run after changing a kernel those operators use:
 *   pnpm exec tsx --conditions=source packages/protocols/scripts/nonlinear-costs.ts
 */
import { encodeFixed } from "@petace/primitives";
import type { ComparisonMethod, TruncationMethod } from "../src/context.js";
import type { OperatorId } from "../src/operators.js";
import { dealerFactory, runPair, withoutSquarePairs } from "../test/pair.js";

const OPS = ["reciprocal_a", "div_aa", "sqrt_a", "rsqrt_a", "exp_a", "log_a", "sigmoid_a"] as const satisfies readonly OperatorId[];
const SIZES = [96, 320];

async function measure(id: OperatorId, n: number, comparison: ComparisonMethod, truncation: TruncationMethod, squarePairs: boolean) {
  const x = encodeFixed(
    Array.from({ length: n }, (_, i) => 1 + (i % 7)),
    16,
  );
  // Inputs are free of rounds and bytes (input_a masks with the shared PRG), so the body's counters
  // below are the operator's alone.
  const [q0, q1] = await runPair(
    async (k) => {
      const a = await k.input(0, k.party === 0 ? x : null, n);
      if (id === "div_aa") return k.run(id, [a, await k.input(1, k.party === 1 ? x : null, n)]);
      return k.run(id, [a]);
    },
    {
      fracBits: 16,
      provider: squarePairs ? dealerFactory(new Uint8Array(16)) : withoutSquarePairs(dealerFactory(new Uint8Array(16))),
      comparison,
      truncation,
    },
  );
  return { rounds: Math.max(q0.stats.rounds, q1.stats.rounds), bytes: [q0.stats.bytesSent, q1.stats.bytesSent] };
}

for (const truncation of ["exact", "stochastic"] as const) {
  for (const comparison of ["millionaire", "carry-tree"] as const) {
    const lines: string[] = [];
    for (const id of OPS) {
      const per: number[] = [],
        without: number[] = [];
      let rounds = 0;
      for (const n of SIZES) {
        const m = await measure(id, n, comparison, truncation, true);
        const b = await measure(id, n, comparison, truncation, false);
        for (const x of [m, b])
          if (x.bytes[0] !== x.bytes[1]) throw new Error(`${id}: the parties send ${x.bytes[0]} and ${x.bytes[1]} bytes`);
        if (b.rounds !== m.rounds) throw new Error(`${id}: ${m.rounds} rounds with square pairs, ${b.rounds} without`);
        per.push(m.bytes[0]! / n);
        without.push(b.bytes[0]! / n);
        rounds = m.rounds;
      }
      if (per[0] !== per[1] || without[0] !== without[1])
        throw new Error(`${id} (${comparison}, ${truncation}): bytes not linear in n: ${per.join(" vs ")} per element`);
      const squares = (without[0]! - per[0]!) / 8;
      if (!Number.isInteger(squares)) throw new Error(`${id}: ${without[0]! - per[0]!} more bytes per element without square pairs`);
      lines.push(`  ${id.replace(/_a+$/, "")}: { rounds: ${rounds}, perElement: ${per[0]}, squares: ${squares} },`);
    }
    console.log(`// truncation ${truncation}, comparison ${comparison}\n${lines.join("\n")}`);
  }
}
