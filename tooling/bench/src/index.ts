/**
 * The benchmark harness: a `*.bench.ts` file measures and calls `record` for every figure.
 * `pnpm bench` runs each bench file in its own process and gathers the records into
 * bench/results.json and bench/RESULTS.md. Run one file alone with
 * `pnpm exec tsx --conditions=source path/to/x.bench.ts`: it then prints its records.
 */
import { appendFileSync } from "node:fs";

export interface BenchRecord {
  /** `<package>.<what>`, e.g. `primitives.ring_mul_ns_per_elem`. */
  metric: string;
  value: number;
  /** e.g. `ns/elem`, `MB/s`, `ops/s`, `bytes/op`, `rounds`, `ms`. */
  unit: string;
  /** Problem size (elements, bytes, OTs...) when the metric depends on it. */
  size?: number;
  /** Free-text context: transport, backend, what the figure is compared with. */
  note?: string;
}

const METRIC = /^[a-z0-9-]+\.[a-z0-9_]+$/;

/** Records one figure. */
export function record(r: BenchRecord): void {
  if (!METRIC.test(r.metric)) throw new RangeError(`record: metric "${r.metric}" is not <package>.<snake_case_what>`);
  if (!Number.isFinite(r.value)) throw new RangeError(`record: metric "${r.metric}" has a non-finite value ${r.value}`);
  const line = JSON.stringify(r);
  const out = process.env.PETACE_BENCH_OUT;
  if (out) appendFileSync(out, `${line}\n`);
  else console.log(`${r.metric}${r.size !== undefined ? `[${r.size}]` : ""} = ${fmt(r.value)} ${r.unit}${r.note ? `  (${r.note})` : ""}`);
}

/**
 * Median wall time in ms of `fn` over `runs` runs after `warmup` unmeasured runs (warm-up lets V8
 * optimise the kernels, as they would be in a long session).
 */
export async function medianMs(fn: () => unknown | Promise<unknown>, opts: { runs?: number; warmup?: number } = {}): Promise<number> {
  const runs = opts.runs ?? 7;
  for (let i = 0; i < (opts.warmup ?? 2); i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Sizes used across benchmarks: 2^10, 2^16, 2^20 elements. */
export const SIZES = [1 << 10, 1 << 16, 1 << 20] as const;

/**
 * The emulated link of this run (`pnpm bench --link 100mbit,25ms` sets `PETACE_BENCH_LINK`), as
 * text: the two-process benches wrap their channels with `emulateLink` of @petace/network, which
 * parses it, and say the link in their records' notes. Undefined for loopback.
 */
export const benchLink: string | undefined = process.env.PETACE_BENCH_LINK || undefined;

/** True when `PETACE_BENCH_QUICK` is set: benches shrink their largest sizes (CI smoke runs). */
export const quick = process.env.PETACE_BENCH_QUICK === "1";

export function fmt(v: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e6) return v.toExponential(3);
  if (a >= 100) return v.toFixed(0);
  if (a >= 1) return v.toFixed(2);
  return v.toPrecision(3);
}
