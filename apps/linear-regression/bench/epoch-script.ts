/**
 * One party of the logistic-regression epoch benchmark, as a petace script:
 *   petace local --json bench/epoch-script.ts [--rows 5000] [--features 20] [--epochs 4] [--shared 1]
 * Vertical split: A (party 0) holds the first half of the features of every row, B (party 1) the rest
 * and the labels (standard-normal features, Bernoulli labels, seed 11). Each party's columns are held
 * by it (model.ts Design), or with `--shared 1` input as shares and concatenated (the layout before
 * held arrays, for comparison). Each epoch is one full-batch
 * gradient step (the model of src/model.ts), evaluated before the next starts; the script returns the
 * wall time, bytes sent and rounds of each epoch as this party's VM counts them. The first epoch
 * includes what a fresh process pays once (JIT, pool start-up).
 */
import type { ScriptContext } from "@petace/cli";
import { SeededRandom } from "@petace/primitives";
import { LogisticRegression, type Design } from "../src/model.js";

export interface EpochReport {
  rows: number;
  features: number;
  /** Per epoch: wall ms, this process's CPU ms (all threads; the machine may be loaded), bytes this party sent, rounds. */
  epochs: { ms: number; cpuMs: number; bytesSent: number; rounds: number }[];
}

function parse(args: readonly string[]): { rows: number; features: number; epochs: number; shared: boolean } {
  const o = { rows: 5000, features: 20, epochs: 4, shared: false };
  for (let i = 0; i < args.length; i += 2) {
    const [k, v] = [args[i]!, Number(args[i + 1])];
    if (!Number.isSafeInteger(v) || v < (k === "--shared" ? 0 : 1))
      throw new RangeError(`epoch-script: ${k} needs a positive integer (--shared: 0 or 1), got ${args[i + 1]}`);
    if (k === "--rows") o.rows = v;
    else if (k === "--features" && v >= 2) o.features = v;
    else if (k === "--epochs") o.epochs = v;
    else if (k === "--shared") o.shared = v === 1;
    else throw new RangeError(`epoch-script: unknown argument ${k} (accepted: --rows, --features >= 2, --epochs, --shared 0|1)`);
  }
  return o;
}

export default async function ({ snp, party, args, vm }: ScriptContext): Promise<EpochReport> {
  const o = parse(args);
  const rng = new SeededRandom(11);
  const X = Array.from({ length: o.rows }, () => Array.from({ length: o.features }, () => rng.normal()));
  const w = Array.from({ length: o.features }, (_, j) => ((j % 5) - 2) / 2);
  const y = X.map((r) => (rng.float() < 1 / (1 + Math.exp(-r.reduce((s, v, j) => s + v * w[j]!, 0))) ? 1 : 0));
  const k = Math.floor(o.features / 2);
  // Each party's columns held by it (model.ts Design): X·θ and X.T·r as one OT cross term per block.
  const held = !o.shared;
  const XA = await snp.array(party === 0 ? X.map((r) => r.slice(0, k)) : null, 0, { held });
  const XB = await snp.array(party === 1 ? X.map((r) => r.slice(k)) : null, 1, { held });
  const ys = await snp.array(party === 1 ? y : null, 1);
  const Xs: Design = held ? [XA, XB] : snp.concatenate([XA, XB], 1);
  await ys.evaluate(); // evaluates everything pending, the concatenation too

  const epochs: EpochReport["epochs"] = [];
  const counters = () => {
    const t = vm.profile().total;
    const cpu = process.cpuUsage();
    return { cpu: (cpu.user + cpu.system) / 1e3, bytesSent: t.bytesSent, rounds: t.rounds };
  };
  let mark = { t: performance.now(), ...counters() };
  await new LogisticRegression(0.5, o.epochs, snp).fit(Xs, ys, {
    onIteration: async (_i, m) => {
      await m.theta!.evaluate();
      const now = { t: performance.now(), ...counters() };
      epochs.push({
        ms: now.t - mark.t,
        cpuMs: now.cpu - mark.cpu,
        bytesSent: now.bytesSent - mark.bytesSent,
        rounds: now.rounds - mark.rounds,
      });
      mark = now;
    },
  });
  return { rows: o.rows, features: o.features, epochs };
}
