/**
 * Distinctive secrets for the secrecy test: party 0 owns SECRET_X, party 1 owns SECRET_Y; the
 * product and a comparison go to party 1 only. args[0] = "diverge" makes party 1 call another
 * operator after sharing, so the error path is searched too. args = ["public", k] makes party 0 pass
 * its own k as a "public" operand by mistake (party 1 passes 1): k must not reach party 1 in any
 * form, tags included, and both parties must stop.
 *
 * args = ["repeat", k, xs, cs, ys] (the last three as JSON arrays) computes the same two products k
 * times and reveals each to party 1: x·c with c public and x·y with y party 1's, where x is party 0's
 * xs (party 1 never reads it) shared afresh each round. A fresh sharing is what a rerun of a program
 * gives, and it matters for x·c: its shares are otherwise a local function of x's, so every round would
 * truncate the same shares; x·y gets fresh shares from its fresh triple anyway. Returns party 1's
 * reveals, round by round.
 */
import type { ScriptContext } from "@petace/cli";

export const SECRET_X = [31337.25, -27182.8125, 16180.375, 14142.5, 2024.0625];
export const SECRET_Y = [2.75, -1.5, 3.25, 0.125, -7.375];

export default async function secrets({ snp, party, args, print }: ScriptContext) {
  if (args[0] === "repeat") {
    const k = Number(args[1]);
    const [xs, cs, ys] = args.slice(2).map((a) => JSON.parse(a) as number[]) as [number[], number[], number[]];
    const y = await snp.array(party === 1 ? ys : null, 1);
    const byPublic: unknown[] = [];
    const bySecret: unknown[] = [];
    // One round at a time: each product is computed (and truncated) on its own, as in separate runs.
    for (let r = 0; r < k; r++) {
      const x = await snp.array(party === 0 ? xs : null, 0);
      byPublic.push(await x.mul(cs).revealTo(1));
      bySecret.push(await x.mul(y).revealTo(1));
    }
    return { byPublic, bySecret };
  }
  const x = await snp.array(party === 0 ? SECRET_X : null, 0);
  const y = await snp.array(party === 1 ? SECRET_Y : null, 1);
  print(`party ${party}: shared ${x.shape.join("x")} and ${y.shape.join("x")}`);
  if (args[0] === "diverge" && party === 1) return x.gt(y).revealTo(1);
  if (args[0] === "public") return x.mul(party === 0 ? Number(args[1]) : 1).revealTo(1);
  const product = await x.mul(y).revealTo(1);
  const bigger = await x.gt(y).revealTo(1);
  const total = await snp.sum(x).revealTo(1);
  return party === 1 ? { product, bigger, total } : { product, bigger, total };
}
