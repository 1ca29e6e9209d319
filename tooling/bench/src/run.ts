/**
 * `pnpm bench [--link <spec>] [filter...]`: runs every `*.bench.ts` under packages/ and apps/ (or
 * those whose path contains a filter word), each in its own Node process so one benchmark's JIT state
 * and heap do not colour another's, and writes bench/results.json and bench/RESULTS.md. Figures from
 * an earlier run are kept as `previous` so each table row shows the change.
 *
 * A bench may also write a whole table as bench/tables/<name>.md; RESULTS.md includes it after the
 * generated tables.
 *
 * `--link 100mbit,25ms` (bandwidth per direction, ONE-WAY delay) reaches the benches as
 * `PETACE_BENCH_LINK`: their two-process parts then run over an emulated link and say so in each
 * record's note, so those rows sit next to the loopback rows instead of replacing them.
 * `--ot silent` reaches them as `PETACE_BENCH_OT`: the benches that read it make their correlations
 * on silent OT and say so; its rows likewise sit next to the IKNP rows.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fmt, type BenchRecord } from "./index.js";

interface StoredRecord extends BenchRecord {
  file: string;
  previous?: number;
  /** The `--link` of the run that made it; absent for loopback runs. */
  link?: string;
  /** The `--ot` of the run that made it; absent for the default (IKNP). */
  ot?: string;
}

interface Results {
  generatedAt: string;
  machine: { node: string; cpu: string; cores: number };
  records: StoredRecord[];
}

const root = join(import.meta.dirname, "../../..");
const outDir = join(root, "bench");
const { link, ot, filters } = parseArgv(process.argv.slice(2));

/** `--link <spec>` / `--link=<spec>` and `--ot silent` anywhere; every other word is a filter. */
function parseArgv(argv: string[]): { link: string | undefined; ot: string | undefined; filters: string[] } {
  let spec: string | undefined;
  let ot: string | undefined;
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--ot" || a.startsWith("--ot=")) {
      ot = a === "--ot" ? argv[++i] : a.slice("--ot=".length);
      if (ot !== "silent" && ot !== "iknp") {
        console.error(`bench: --ot must be silent or iknp (the default), got ${ot ?? "nothing"}`);
        process.exit(2);
      }
      if (ot === "iknp") ot = undefined;
    } else if (a === "--link" || a.startsWith("--link=")) {
      spec = a === "--link" ? argv[++i] : a.slice("--link=".length);
      if (!spec) {
        console.error("bench: --link needs a spec: <bandwidth>,<one-way delay>, e.g. --link 100mbit,25ms (RTT 50 ms)");
        process.exit(2);
      }
    } else if (a.startsWith("--")) {
      console.error(`bench: unknown flag ${a} (usage: pnpm bench [--link <bandwidth>,<one-way delay>] [--ot silent] [filter...])`);
      process.exit(2);
    } else words.push(a);
  }
  // The benches parse the spec (emulateLink of @petace/network, which tooling may not import) and
  // fail at once, naming the accepted form, if it is malformed.
  return { link: spec, ot, filters: words };
}

function benchFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "dist") continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) found.push(...benchFiles(p));
    else if (name.endsWith(".bench.ts")) found.push(p);
  }
  return found.sort();
}

const key = (r: BenchRecord) => `${r.metric}|${r.size ?? ""}|${r.note ?? ""}`;

const files = [...benchFiles(join(root, "packages")), ...benchFiles(join(root, "apps"))].filter(
  (f) => filters.length === 0 || filters.some((w) => relative(root, f).includes(w)),
);
if (files.length === 0) {
  console.error(`bench: no *.bench.ts matched ${filters.length ? filters.join(", ") : "(no filter)"}`);
  process.exit(1);
}

const resultsPath = join(outDir, "results.json");
const old: Results | undefined = existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, "utf8")) : undefined;
const oldByKey = new Map((old?.records ?? []).map((r) => [key(r), r]));

if (link) console.log(`bench: two-process benches run behind an emulated link: ${link} (bandwidth per direction, one-way delay)`);
if (ot) console.log(`bench: benches that read PETACE_BENCH_OT make their correlations on ${ot} OT`);
const tmp = mkdtempSync(join(tmpdir(), "petace-bench-"));
const fresh: StoredRecord[] = [];
let failed = 0;
for (const file of files) {
  const rel = relative(root, file);
  const out = join(tmp, "records.jsonl");
  rmSync(out, { force: true });
  console.log(`\n▶ ${rel}`);
  const t0 = performance.now();
  const run = spawnSync(process.execPath, ["--import", "tsx", "--conditions=source", "--expose-gc", file], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, PETACE_BENCH_OUT: out, PETACE_BENCH_LINK: link ?? "", PETACE_BENCH_OT: ot ?? "" },
    timeout: 20 * 60_000,
  });
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  if (run.status !== 0) {
    failed += 1;
    console.error(`✗ ${rel} failed (${run.signal ?? `exit ${run.status}`}) after ${secs} s`);
  }
  const lines = existsSync(out) ? readFileSync(out, "utf8").split("\n").filter(Boolean) : [];
  for (const line of lines) {
    const r = JSON.parse(line) as BenchRecord;
    const prev = oldByKey.get(key(r));
    const rec: StoredRecord = { ...r, file: rel, ...(link ? { link } : {}), ...(ot ? { ot } : {}) };
    if (prev) rec.previous = prev.value;
    fresh.push(rec);
    console.log(`  ${r.metric}${r.size !== undefined ? `[${r.size}]` : ""} = ${fmt(r.value)} ${r.unit}${r.note ? `  (${r.note})` : ""}`);
  }
  console.log(`✓ ${rel}: ${lines.length} figures in ${secs} s`);
}
rmSync(tmp, { recursive: true, force: true });

// Keep figures of benchmarks not run this time (a filtered run updates only its own rows), and those
// of the files run now but over another link or OT extension (each keeps its own rows).
const freshKeys = new Set(fresh.map(key));
const ranFiles = new Set(files.map((f) => relative(root, f)));
const variant = (r: { link?: string | undefined; ot?: string | undefined }) => `${r.link ?? ""}|${r.ot ?? ""}`;
const kept = (old?.records ?? []).filter((r) => !freshKeys.has(key(r)) && (!ranFiles.has(r.file) || variant(r) !== variant({ link, ot })));
const records = [...kept, ...fresh].sort((a, b) => a.metric.localeCompare(b.metric) || (a.size ?? 0) - (b.size ?? 0));
const cpu = cpus()[0]?.model ?? "unknown";
const results: Results = {
  generatedAt: new Date().toISOString(),
  machine: { node: process.version, cpu, cores: cpus().length },
  records,
};
mkdirSync(outDir, { recursive: true });
writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
// Tables a bench writes whole (bench/tables/*.md, e.g. bytes per operator against the published
// best) follow the generated tables; hand-recorded figures behind design choices (bench/notes.md)
// follow them unchanged.
const tablesDir = join(outDir, "tables");
const tables = existsSync(tablesDir)
  ? readdirSync(tablesDir)
      .filter((f) => f.endsWith(".md"))
      .sort()
      .map((f) => `\n${readFileSync(join(tablesDir, f), "utf8")}`)
      .join("")
  : "";
const notesPath = join(outDir, "notes.md");
const notes = existsSync(notesPath) ? `\n${readFileSync(notesPath, "utf8")}` : "";
writeFileSync(join(outDir, "RESULTS.md"), markdown(results) + tables + notes);
console.log(`\nbench: ${fresh.length} figures from ${files.length} files → bench/results.json, bench/RESULTS.md`);
if (failed) {
  console.error(`bench: ${failed} benchmark file(s) failed`);
  process.exit(1);
}

function markdown(res: Results): string {
  const lines = [
    "# Benchmark results",
    "",
    `Generated by \`pnpm bench\` on ${res.generatedAt.slice(0, 10)}: Node ${res.machine.node}, ${res.machine.cores} × ${res.machine.cpu}.`,
    "Each row is a median; `previous` is the figure from the run before (empty when new).",
    "Rows whose note names an emulated link come from `pnpm bench --link <bandwidth>,<one-way delay>`: the two parties",
    "in two processes over TCP on 127.0.0.1, each wrapping its channel with `emulateLink` (both directions emulated;",
    "the parties still share this machine's cores). They sit next to the loopback rows of the same metric.",
    "",
  ];
  const byPackage = new Map<string, StoredRecord[]>();
  for (const r of res.records) {
    const pkg = r.metric.split(".")[0]!;
    byPackage.set(pkg, [...(byPackage.get(pkg) ?? []), r]);
  }
  for (const [pkg, rows] of byPackage) {
    lines.push(`## ${pkg}`, "", "| metric | size | value | unit | previous | change | note |", "|---|---:|---:|---|---:|---:|---|");
    for (const r of rows) {
      const change = r.previous ? `${(((r.value - r.previous) / r.previous) * 100).toFixed(0)}%` : "";
      lines.push(
        `| ${r.metric.slice(pkg.length + 1)} | ${r.size ?? ""} | ${fmt(r.value)} | ${r.unit} | ${r.previous !== undefined ? fmt(r.previous) : ""} | ${change} | ${r.note ?? ""} |`,
      );
    }
    lines.push("");
  }
  return lines.join("\n");
}
