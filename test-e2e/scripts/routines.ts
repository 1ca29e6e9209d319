/**
 * Every group of SecureNumpy routines once, on 10^5-element vectors where the routine is cheap:
 * party 0 owns x, party 1 owns y; everything is revealed to party 1 only. The test recomputes it
 * in plain JS. args[0]: n (default 10^5).
 */
import type { ScriptContext } from "@petace/cli";
import { xOf, yOf } from "./data.js";

export default async function routines({ snp, party, args }: ScriptContext) {
  const n = Number(args[0] ?? 100_000);
  const x = await snp.array(party === 0 ? { data: xOf(n), shape: [n] } : null, 0);
  const y = await snp.array(party === 1 ? { data: yOf(n), shape: [n] } : null, 1);
  const small = 1000;
  const xs = x.get(`:${small}`);
  const ys = y.get(`:${small}`);
  const gt = x.gt(y);
  const out = {
    // element-wise arithmetic and comparisons on all n
    add: x.add(y),
    mul: x.mul(y),
    gt,
    where: snp.where(gt, x, y.neg()),
    // reductions (max on 10^4: a comparison tournament)
    sum: snp.sum(x.mul(y)),
    max: snp.max(x.get(":10000")),
    // statistics on all n
    mean: snp.mean(x),
    var: snp.var(y),
    // linear algebra
    matmul: snp.matmul(x.get(":20000").reshape(20, 1000), y.get(":10000").reshape(1000, 10)),
    dot: snp.dot(xs, ys),
    // math, division, sorting on a smaller array
    div: xs.div(ys),
    exp: snp.exp(xs.div(100)),
    sqrt: snp.sqrt(ys),
    sort: snp.sort(xs),
    argmax: snp.argmax(ys),
    median: snp.median(ys.get(":999")),
    // creation, manipulation, logic
    stacked: snp.sum(snp.vstack([xs, ys]).T, 1),
    any: snp.any(xs.gt(99)),
  };
  const revealed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(out)) revealed[k] = await v.revealTo(1);
  return party === 1 ? revealed : null;
}
