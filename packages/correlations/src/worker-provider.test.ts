import { afterAll, describe, expect, it } from "vitest";
import { ChannelClosedError, memoryPair, substream, type Channel } from "@petace/network";
import { SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { WorkerCorrelationProvider } from "./worker-provider.js";
import { OtWorker } from "./worker-handle.js";
import { otCorrelations } from "./source.js";

const M64 = (1n << 64n) - 1n;
const bit = (a: Uint8Array, i: number) => (a[i >>> 3]! >>> (i & 7)) & 1;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Far below the channel's timeout: "an error, not a hang". */
const PROMPT_MS = 10_000;

const open: Array<{ close(): Promise<void> }> = [];
afterAll(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

async function providers(
  opts: { workers?: number } = {},
): Promise<[WorkerCorrelationProvider, WorkerCorrelationProvider, Channel, Channel]> {
  const [c0, c1] = memoryPair();
  const batch = { arith: 512, bool: 1024, daBits: 512, squares: 512, randomOts: 2048 };
  const [p0, p1] = await Promise.all([
    WorkerCorrelationProvider.create(c0, 0, { ...opts, batch }),
    WorkerCorrelationProvider.create(c1, 1, { ...opts, batch }),
  ]);
  open.push(c0, c1, p0, p1);
  return [p0, p1, c0, c1];
}

function checkArith(t0: { a: BigUint64Array; b: BigUint64Array; c: BigUint64Array }, t1: typeof t0, n: number, seen: Set<bigint>): void {
  expect(t0.a.length).toBe(n);
  for (let i = 0; i < n; i++) {
    const a = (t0.a[i]! + t1.a[i]!) & M64;
    const b = (t0.b[i]! + t1.b[i]!) & M64;
    if (((t0.c[i]! + t1.c[i]!) & M64) !== ((a * b) & M64)) throw new Error(`arith triple ${i} of ${n} is wrong`);
    // 64-bit random shares: a repeat means a triple handed out twice.
    if (seen.has(t0.a[i]!)) throw new Error(`arith triple ${i} of ${n} was handed out before`);
    seen.add(t0.a[i]!);
  }
}

function checkBool(t0: { a: Uint8Array; b: Uint8Array; c: Uint8Array }, t1: typeof t0, n: number): void {
  expect(t0.a.length).toBe((n + 7) >>> 3);
  for (let i = 0; i < n; i++) {
    const a = bit(t0.a, i) ^ bit(t1.a, i);
    const b = bit(t0.b, i) ^ bit(t1.b, i);
    if ((bit(t0.c, i) ^ bit(t1.c, i)) !== (a & b)) throw new Error(`AND triple ${i} of ${n} is wrong`);
  }
  if (n & 7) expect(t0.a[t0.a.length - 1]! >>> (n & 7)).toBe(0);
}

describe("WorkerCorrelationProvider, one worker per party", async () => {
  const [p0, p1] = await providers();
  const rng = new SeededRandom(testSeed());
  const sizes = () => Array.from({ length: 12 }, () => (rng.u32() % 4 === 0 ? 0 : rng.u32() % 1500));

  it("arith: c = a·b over both parties' shares across many asks, none handed out twice", async () => {
    const seen = new Set<bigint>();
    let total = 0;
    for (const n of sizes()) {
      const [t0, t1] = await Promise.all([p0.arithTriples(n), p1.arithTriples(n)]);
      checkArith(t0, t1, n, seen);
      total += n;
    }
    expect(p0.stats.arith.consumed).toBe(total);
    expect(p0.stats.arith).toEqual(p1.stats.arith);
  });

  it("squares: c = a² over both parties' shares across many asks, none handed out twice", async () => {
    const seen = new Set<bigint>();
    for (const n of sizes()) {
      const [s0, s1] = await Promise.all([p0.squarePairs(n), p1.squarePairs(n)]);
      expect(s0.a.length).toBe(n);
      for (let i = 0; i < n; i++) {
        const a = (s0.a[i]! + s1.a[i]!) & M64;
        if (((s0.c[i]! + s1.c[i]!) & M64) !== ((a * a) & M64)) throw new Error(`square pair ${i} of ${n} is wrong`);
        if (seen.has(s0.a[i]!)) throw new Error(`square pair ${i} of ${n} was handed out before`);
        seen.add(s0.a[i]!);
      }
    }
    expect(p0.stats.squares).toEqual(p1.stats.squares);
  });

  it("bool: c = a AND b, whole bytes consumed, unused high bits zero", async () => {
    for (const n of sizes()) {
      const before = p0.stats.bool.consumed;
      const [t0, t1] = await Promise.all([p0.boolTriples(n), p1.boolTriples(n)]);
      checkBool(t0, t1, n);
      expect(p0.stats.bool.consumed - before).toBe((n + 7) & ~7);
    }
  });

  it("daBits: the XOR and the arithmetic shares hold the same bit, none repeated", async () => {
    const seen = new Set<bigint>();
    for (const n of sizes()) {
      const [d0, d1] = await Promise.all([p0.daBits(n), p1.daBits(n)]);
      for (let i = 0; i < n; i++) {
        const r = bit(d0.bits, i) ^ bit(d1.bits, i);
        if (((d0.arith[i]! + d1.arith[i]!) & M64) !== BigInt(r)) throw new Error(`daBit ${i} of ${n} is wrong`);
        expect(seen.has(d0.arith[i]!)).toBe(false);
        seen.add(d0.arith[i]!);
      }
    }
  });

  it("random OTs both ways: the peer receives m_c for its choice c, none repeated", async () => {
    const seen = new Set<string>();
    for (const n of [...sizes(), 5000]) {
      const [r0, r1] = await Promise.all([p0.randomOts(n), p1.randomOts(n)]);
      for (const [s, r] of [
        [r0, r1],
        [r1, r0],
      ] as const) {
        for (let j = 0; j < n; j++) {
          const want = (bit(r.choices, j) ? s.m1 : s.m0).subarray(16 * j, 16 * j + 16);
          if (Buffer.compare(want, r.received.subarray(16 * j, 16 * j + 16)) !== 0) throw new Error(`OT ${j} of ${n} is wrong`);
        }
      }
      for (let j = 0; j < n; j++) {
        const k = Buffer.from(r0.m0.subarray(16 * j, 16 * j + 16)).toString("hex");
        expect(seen.has(k)).toBe(false);
        seen.add(k);
      }
    }
  });

  it("matrix triples on demand, in order with the pools' asks", async () => {
    const [[m0, a0], [m1, a1]] = await Promise.all([
      Promise.all([p0.matrixTriple(2, 3, 4), p0.arithTriples(10)]),
      Promise.all([p1.matrixTriple(2, 3, 4), p1.arithTriples(10)]),
    ]);
    for (let r = 0; r < 2; r++)
      for (let c = 0; c < 4; c++) {
        let want = 0n;
        for (let l = 0; l < 3; l++) want += (m0.a[r * 3 + l]! + m1.a[r * 3 + l]!) * (m0.b[l * 4 + c]! + m1.b[l * 4 + c]!);
        expect((m0.c[r * 4 + c]! + m1.c[r * 4 + c]!) & M64).toBe(want & M64);
      }
    checkArith(a0, a1, 10, new Set());
  });

  it("asks ahead of demand: after a take, a batch is on its way before the pool runs dry", async () => {
    const before = p0.stats.arith;
    await Promise.all([p0.arithTriples(before.ahead), p1.arithTriples(before.ahead)]);
    // Everything that was ahead is consumed, yet more was asked for at once.
    expect(p0.stats.arith.ahead).toBeGreaterThan(0);
    await Promise.all([p0.reserve({ arith: 3000, bool: 5000 }), p1.reserve({ arith: 3000, bool: 5000 })]);
    expect(p0.stats.arith.ahead).toBeGreaterThanOrEqual(3000);
    expect(p0.stats).toEqual(p1.stats);
  });

  it("agrees across parties whatever their timing: the asks depend only on the calls", async () => {
    const plan = Array.from({ length: 40 }, () => ({ kind: rng.u32() % 3, n: rng.u32() % 900 }));
    const run = async (p: WorkerCorrelationProvider, slow: boolean) => {
      const out: Array<Promise<unknown>> = [];
      for (const { kind, n } of plan) {
        // Party 1 pauses and awaits each call; party 0 fires them all at once.
        if (slow) await sleep(rng.u32() % 3);
        const call = kind === 0 ? p.arithTriples(n) : kind === 1 ? p.boolTriples(n) : p.daBits(n);
        if (slow) await call;
        out.push(call);
      }
      return Promise.all(out);
    };
    const [r0, r1] = await Promise.all([run(p0, false), run(p1, true)]);
    const seen = new Set<bigint>();
    plan.forEach(({ kind, n }, i) => {
      if (kind === 0) checkArith(r0[i] as never, r1[i] as never, n, seen);
      else if (kind === 1) checkBool(r0[i] as never, r1[i] as never, n);
    });
    expect(p0.stats).toEqual(p1.stats);
  });

  it("checks its arguments", async () => {
    await expect(p0.arithTriples(-1)).rejects.toThrow(RangeError);
    await expect(p0.boolTriples(1.5)).rejects.toThrow(/WorkerCorrelationProvider.boolTriples/);
    const [c0] = memoryPair();
    await expect(WorkerCorrelationProvider.create(c0, 1)).rejects.toThrow(/does not match/);
    await expect(WorkerCorrelationProvider.create(c0, 0, { workers: 0 })).rejects.toThrow(/workers/);
    await expect(WorkerCorrelationProvider.create(c0, 0, { batch: { arith: 0 } })).rejects.toThrow(/batch.arith/);
    expect(() => otCorrelations({ workers: -1 })).toThrow(/workers/);
    expect(otCorrelations({ workers: 2 }).kind).toBe("ot/workers=2");
  });
});

describe("WorkerCorrelationProvider, two workers per party", async () => {
  const [p0, p1] = await providers({ workers: 2 });

  it("splits each ask across the workers and stays correct", async () => {
    const seen = new Set<bigint>();
    for (const n of [1, 700, 3000, 0, 5]) {
      const [t0, t1] = await Promise.all([p0.arithTriples(n), p1.arithTriples(n)]);
      checkArith(t0, t1, n, seen);
      const [b0, b1] = await Promise.all([p0.boolTriples(n), p1.boolTriples(n)]);
      checkBool(b0, b1, n);
    }
    const [[m0], [m1]] = await Promise.all([
      Promise.all([p0.matrixTriple(3, 2, 2), p0.matrixTriple(1, 1, 1)]),
      Promise.all([p1.matrixTriple(3, 2, 2), p1.matrixTriple(1, 1, 1)]),
    ]);
    const want = (m0.a[0]! + m1.a[0]!) * (m0.b[0]! + m1.b[0]!) + (m0.a[1]! + m1.a[1]!) * (m0.b[2]! + m1.b[2]!);
    expect((m0.c[0]! + m1.c[0]!) & M64).toBe(want & M64);
  });
});

describe("worker failures are errors on both sides, never a hang", () => {
  it("a dead worker fails its party's requests and, through its stream, the peer's", async () => {
    const [c0, c1] = memoryPair();
    open.push(c0, c1);
    const [w0, w1] = await Promise.all([OtWorker.start(substream(c0, "w"), 0, "w"), OtWorker.start(substream(c1, "w"), 1, "w")]);
    open.push(w0, w1);
    const t0 = Date.now();
    const pending = w1.request({ op: "pooled", kind: "arith", n: 1 << 14 });
    pending.catch(() => {});
    await w0.thread.terminate();
    await expect(w0.request({ op: "pooled", kind: "arith", n: 256 })).rejects.toThrow(/exited/);
    await expect(pending).rejects.toThrow(ChannelClosedError);
    expect(Date.now() - t0).toBeLessThan(PROMPT_MS);
  });

  it("a closed peer fails the pending requests", async () => {
    const [p0, p1, c0] = await providers();
    const pending = p1.arithTriples(4000);
    pending.catch(() => {});
    await c0.close();
    await expect(pending).rejects.toThrow(ChannelClosedError);
    await expect(p1.boolTriples(8)).rejects.toThrow(ChannelClosedError);
    await p0.close();
    await expect(p0.arithTriples(1)).rejects.toThrow(/closed/);
  });
});

describe("WorkerCorrelationProvider on silent OT (one worker per party, small insecure Ferret sets)", async () => {
  const TEST_FERRET = { main: { n: 1 << 15, k: 2048, t: 64, h: 9 }, pre: { n: 4096, k: 512, t: 16, h: 8 } };
  const source = otCorrelations({
    workers: 1,
    ot: "silent",
    silentParams: TEST_FERRET,
    batch: { arith: 512, bool: 1024, daBits: 512, squares: 512, randomOts: 2048 },
  });
  const [c0, c1] = memoryPair();
  const [p0, p1] = await Promise.all([source.create(c0, 0), source.create(c1, 1)]);
  open.push(c0, c1, p0 as WorkerCorrelationProvider, p1 as WorkerCorrelationProvider);

  it("states the extension in its kind", () => {
    expect(source.kind).toBe("ot/silent/workers=1");
  });

  it("every pooled kind and matrix triples are right", async () => {
    const seen = new Set<bigint>();
    for (const n of [700, 1, 0, 1500]) {
      const [t0, t1] = await Promise.all([p0.arithTriples(n), p1.arithTriples(n)]);
      checkArith(t0, t1, n, seen);
      const [b0, b1] = await Promise.all([p0.boolTriples(n), p1.boolTriples(n)]);
      checkBool(b0, b1, n);
      const [d0, d1] = await Promise.all([p0.daBits!(n), p1.daBits!(n)]);
      for (let i = 0; i < n; i++) expect((d0.arith[i]! + d1.arith[i]!) & M64).toBe(BigInt(bit(d0.bits, i) ^ bit(d1.bits, i)));
      const [s0, s1] = await Promise.all([p0.squarePairs!(n), p1.squarePairs!(n)]);
      for (let i = 0; i < n; i++) expect((s0.c[i]! + s1.c[i]!) & M64).toBe(((s0.a[i]! + s1.a[i]!) * (s0.a[i]! + s1.a[i]!)) & M64);
      const [r0, r1] = await Promise.all([p0.randomOts!(n), p1.randomOts!(n)]);
      for (let j = 0; j < n; j++) {
        const want = (bit(r1.choices, j) ? r0.m1 : r0.m0).subarray(16 * j, 16 * j + 16);
        expect(Buffer.compare(want, r1.received.subarray(16 * j, 16 * j + 16))).toBe(0);
      }
    }
    const [m0, m1] = await Promise.all([p0.matrixTriple(3, 4, 5), p1.matrixTriple(3, 4, 5)]);
    const add = (x: BigUint64Array, y: BigUint64Array) => x.map((v, i) => (v + y[i]!) & M64);
    const a = add(m0.a, m1.a),
      b = add(m0.b, m1.b),
      c = add(m0.c, m1.c);
    for (let r = 0; r < 3; r++)
      for (let col = 0; col < 5; col++) {
        let want = 0n;
        for (let l = 0; l < 4; l++) want += a[r * 4 + l]! * b[l * 5 + col]!;
        expect(c[r * 5 + col]).toBe(want & M64);
      }
  });

  it("a silent worker against an IKNP one fails promptly on both sides", { timeout: 30_000 }, async () => {
    const [d0, d1] = memoryPair();
    open.push(d0, d1);
    const t0 = Date.now();
    const [r0, r1] = await Promise.allSettled([
      WorkerCorrelationProvider.create(d0, 0, { ot: "silent", silentParams: TEST_FERRET }),
      WorkerCorrelationProvider.create(d1, 1),
    ]);
    expect(r0.status).toBe("rejected");
    expect(r1.status).toBe("rejected");
    expect(String((r0 as PromiseRejectedResult).reason)).toMatch(/OtExtensionMismatchError|"silent" OT extension/);
    expect(Date.now() - t0).toBeLessThan(PROMPT_MS);
  });
});
