/**
 * Z_2^64 ring kernels: element-wise add/mul (with a plain Float64Array multiply as the plaintext
 * comparison), a shift, dot product, and matmul. Figures are per element after warm-up, plus the
 * very first call of add and mul (unoptimised code, then on-stack replacement).
 * Run alone: `npx tsx --conditions=source packages/primitives/bench/ring.bench.ts`.
 */
import { randomFillSync } from "node:crypto";
import { medianMs, quick, record, SIZES } from "@petace/bench";
import { ringAdd, ringDot, ringMatmul, ringMul, ringShrArith } from "../src/ring.js";
import { SeededRandom } from "../src/seeded.js";

const sizes = quick ? SIZES.filter((n) => n <= 1 << 16) : [...SIZES];
const runs = { runs: quick ? 3 : 9, warmup: 3 };

function randomRing(n: number): BigUint64Array {
  const a = new BigUint64Array(n);
  randomFillSync(a);
  return a;
}

function float64Mul(a: Float64Array, b: Float64Array, out: Float64Array): Float64Array {
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = a[i]! * b[i]!;
  return out;
}

// Repeats small problems so one timed sample lasts ~1 ms or more (timer resolution).
const repsFor = (n: number): number => Math.max(1, Math.floor((1 << 20) / n));

/** Median ns per element of `fn` over arrays of n elements. */
async function nsPerElem(n: number, fn: () => unknown): Promise<number> {
  const reps = repsFor(n);
  const ms = await medianMs(() => {
    for (let r = 0; r < reps; r++) fn();
  }, runs);
  return (ms * 1e6) / (n * reps);
}

// First calls, before anything else has run these kernels in this process.
{
  const n = sizes[sizes.length - 1]!;
  const a = randomRing(n);
  const b = randomRing(n);
  const out = new BigUint64Array(n);
  for (const [metric, fn] of [
    ["ring_add", ringAdd],
    ["ring_mul", ringMul],
  ] as const) {
    const t0 = performance.now();
    fn(a, b, out);
    const ms = performance.now() - t0;
    record({
      metric: `primitives.${metric}_first_call_ns_per_elem`,
      value: (ms * 1e6) / n,
      unit: "ns/elem",
      size: n,
      note: "cold: interpreter, then on-stack replacement",
    });
  }
}

for (const n of sizes) {
  const a = randomRing(n);
  const b = randomRing(n);
  const out = new BigUint64Array(n);
  const u = new SeededRandom(n);
  const fa = u.floats(n);
  const fb = u.floats(n);
  const fo = new Float64Array(n);
  record({ metric: "primitives.ring_add_ns_per_elem", value: await nsPerElem(n, () => ringAdd(a, b, out)), unit: "ns/elem", size: n });
  record({ metric: "primitives.ring_mul_ns_per_elem", value: await nsPerElem(n, () => ringMul(a, b, out)), unit: "ns/elem", size: n });
  record({
    metric: "primitives.float64_mul_ns_per_elem",
    value: await nsPerElem(n, () => float64Mul(fa, fb, fo)),
    unit: "ns/elem",
    size: n,
    note: "plain Float64Array loop: the plaintext comparison",
  });
  record({
    metric: "primitives.ring_shr_arith_ns_per_elem",
    value: await nsPerElem(n, () => ringShrArith(a, 16, out)),
    unit: "ns/elem",
    size: n,
    note: "k = 16, 32-bit limbs",
  });
  record({ metric: "primitives.ring_dot_ns_per_elem", value: await nsPerElem(n, () => ringDot(a, b)), unit: "ns/elem", size: n });
}

for (const s of quick ? [64] : [64, 256]) {
  const a = randomRing(s * s);
  const b = randomRing(s * s);
  const out = new BigUint64Array(s * s);
  const reps = s <= 64 ? 20 : 1;
  const ms = await medianMs(
    () => {
      for (let r = 0; r < reps; r++) ringMatmul(a, b, s, s, s, out);
    },
    { runs: quick ? 3 : 7, warmup: 2 },
  );
  record({ metric: "primitives.ring_matmul_ms", value: ms / reps, unit: "ms", size: s, note: `${s}×${s}·${s}×${s}` });
}
