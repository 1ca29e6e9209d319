/**
 * Fixed-point encode (float64 → Z_2^64, f = 16) and decode, per element after warm-up.
 * Run alone: `npx tsx --conditions=source packages/primitives/bench/fixed-point.bench.ts`.
 */
import { medianMs, quick, record, SIZES } from "@petace/bench";
import { decodeFixed, encodeFixed } from "../src/fixed-point.js";
import { SeededRandom } from "../src/seeded.js";

const sizes = quick ? SIZES.filter((n) => n <= 1 << 16) : [...SIZES];
const runs = { runs: quick ? 3 : 9, warmup: 3 };

// Repeats small problems so one timed sample lasts ~1 ms or more (timer resolution).
const repsFor = (n: number): number => Math.max(1, Math.floor((1 << 20) / n));

async function nsPerElem(n: number, fn: () => unknown): Promise<number> {
  const reps = repsFor(n);
  const ms = await medianMs(() => {
    for (let r = 0; r < reps; r++) fn();
  }, runs);
  return (ms * 1e6) / (n * reps);
}

for (const n of sizes) {
  // Mixed signs and magnitudes, as real data has.
  const u = new SeededRandom(n);
  const x = Float64Array.from({ length: n }, () => (u.float() - 0.5) * 2 ** (u.float() * 40 - 10));
  const enc = new BigUint64Array(n);
  const dec = new Float64Array(n);
  record({
    metric: "primitives.fixed_encode_ns_per_elem",
    value: await nsPerElem(n, () => encodeFixed(x, 16, enc)),
    unit: "ns/elem",
    size: n,
    note: "Float64Array in, f = 16",
  });
  record({
    metric: "primitives.fixed_decode_ns_per_elem",
    value: await nsPerElem(n, () => decodeFixed(enc, 16, dec)),
    unit: "ns/elem",
    size: n,
    note: "f = 16",
  });
}
