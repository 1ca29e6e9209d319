/**
 * Logistic regression, 5000 rows × 20 features split vertically, one full-batch gradient step per
 * epoch: the two parties as two processes over libp2p (`petace local`, dealer-free correlations),
 * both on this machine. Records the first epoch of a fresh process and the median of the later ones
 * (the slower party's time per epoch), with the busier party's CPU time, the bytes each party sends
 * and the rounds per epoch. Each party's feature columns are held by it (snp.array's `held`).
 * Behind `pnpm bench --link <spec>` the parties run behind the emulated link; with `--ot silent`
 * their correlations are made on silent OT (`petace local --ot silent`), else on IKNP.
 * Run alone: `npx tsx --conditions=source apps/linear-regression/bench/epoch.bench.ts`.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { benchLink, quick, record } from "@petace/bench";
import type { EpochReport } from "./epoch-script.js";

const root = join(import.meta.dirname, "../../..");
const rows = quick ? 1000 : 5000;
const features = 20;
const epochs = 4;
const ot = process.env.PETACE_BENCH_OT === "silent" ? "silent" : "iknp";
const args = [
  "--import",
  "tsx",
  "--conditions=source",
  join(root, "packages/cli/src/main.ts"),
  "local",
  "--json",
  "--timeout",
  "1800",
  "--ot",
  ot,
  ...(benchLink ? ["--link", benchLink] : []),
  join(import.meta.dirname, "epoch-script.ts"),
  "--rows",
  String(rows),
  "--features",
  String(features),
  "--epochs",
  String(epochs),
];
const run = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", maxBuffer: 1 << 26 });
const last = run.stdout.trim().split("\n").at(-1) ?? "";
if (run.status !== 0 || !last.startsWith("{")) {
  process.stderr.write(run.stderr);
  throw new Error(`epoch bench: petace local failed (exit ${run.status})`);
}
const out = JSON.parse(last) as { ok: boolean; parties: { result: EpochReport }[] };
const [r0, r1] = out.parties.map((p) => p.result) as [EpochReport, EpochReport];
const slower = r0.epochs.map((e, i) => Math.max(e.ms, r1.epochs[i]!.ms));
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const where = `${rows} × ${features}, vertical split, two processes over libp2p on this 2-core machine, dealer-free, ${ot === "silent" ? "silent OT" : "IKNP"}${benchLink ? `, emulated link ${benchLink}` : ""}`;
record({
  metric: "linreg.logistic_first_epoch_s",
  value: slower[0]! / 1e3,
  unit: "s",
  size: rows,
  note: `first epoch of a fresh process; ${where}`,
});
record({
  metric: "linreg.logistic_epoch_s",
  value: median(slower.slice(1)) / 1e3,
  unit: "s",
  size: rows,
  note: `median of epochs 2–${epochs}, the slower party; ${where}; target ≤ 0.5 s (issue 13)`,
});
record({
  metric: "linreg.logistic_epoch_cpu_s",
  value: median(r0.epochs.slice(1).map((e, i) => Math.max(e.cpuMs, r1.epochs[i + 1]!.cpuMs))) / 1e3,
  unit: "s CPU",
  size: rows,
  note: `CPU time of the busier party's process per epoch (median of epochs 2–${epochs}; less sensitive to load than wall time); ${where}`,
});
for (const [p, r] of [r0, r1].entries()) {
  record({
    metric: `linreg.logistic_epoch_mb_p${p}`,
    value: median(r.epochs.slice(1).map((e) => e.bytesSent)) / 1e6,
    unit: "MB sent",
    size: rows,
    note: `party ${p}, per epoch (median of epochs 2–${epochs}); ${where}`,
  });
}
record({
  metric: "linreg.logistic_epoch_rounds",
  value: median(r0.epochs.slice(1).map((e) => e.rounds)),
  unit: "rounds",
  size: rows,
  note: where,
});
