/**
 * The load run (not in the default tests): 10^7 secure multiplications and 10^6 comparisons in one
 * session, in chunks, then a 1000-iteration gradient-descent loop; prints the resident memory after
 * each chunk ("rss <phase> <MiB>") so flat memory can be seen. args: [mulChunks, cmpChunks, iterations].
 */
import type { ScriptContext } from "@petace/cli";
import { series } from "./data.js";

const MIB = 1024 * 1024;

export default async function load({ snp, party, args, print, vm }: ScriptContext) {
  const [mulChunks = 10, cmpChunks = 10, iterations = 1000] = args.map(Number);
  const rss = (phase: string) => print(`rss ${phase} ${Math.round(process.memoryUsage().rss / MIB)}`);
  const own = (p: 0 | 1, n: number, seed: number) => snp.array(party === p ? { data: series(n, seed, -10, 10), shape: [n] } : null, p);
  let checks = 0;

  const M = 1_000_000;
  for (let c = 0; c < mulChunks; c++) {
    const x = await own(0, M, c);
    const y = await own(1, M, 100 + c);
    const s = await snp.sum(x.mul(y)).revealTo(1);
    if (s !== null) checks += Number(s.data[0]) !== 0 ? 1 : 0;
    rss(`mul ${(c + 1) * M}`);
  }
  const C = 100_000;
  for (let c = 0; c < cmpChunks; c++) {
    const x = await own(0, C, 200 + c);
    const y = await own(1, C, 300 + c);
    const s = await snp.sum(x.gt(y).astype("float64")).revealTo(1);
    if (s !== null) checks += Number(s.data[0]) > 0 ? 1 : 0;
    rss(`cmp ${(c + 1) * C}`);
  }

  // Linear regression by gradient descent: X (party 0) 64x4, y (party 1) 64.
  const n = 64;
  const X = (await own(0, n * 4, 400)).reshape(n, 4).div(10);
  const y = (await own(1, n, 401)).div(10);
  let w = snp.zeros([4]);
  for (let i = 1; i <= iterations; i++) {
    const err = snp.matmul(X, w).sub(y);
    w = w.sub(snp.matmul(X.T, err).mul(0.1 / n));
    await vm.evaluate(); // the loop evaluates as it goes (DESIGN §4)
    if (i % 100 === 0) rss(`train ${i}`);
  }
  const weights = await w.revealTo(1);
  return { checks, weights: weights?.tolist() ?? null, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) };
}
