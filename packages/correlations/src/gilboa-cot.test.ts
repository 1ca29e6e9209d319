import { describe, expect, it } from "vitest";
import { memoryPair } from "@petace/network";
import { type CotSession, type FerretParamSets, OtSession, SilentOtSession } from "@petace/ot";
import { SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { randomCotsBothWays } from "./cot-pair.js";
import { gilboaRandomCot } from "./gilboa-cot.js";

const M = (1n << 64n) - 1n;

/** Small Ferret sets: fast, and NO security (tests only); a chunk of products spans several main iterations. */
const SMALL: FerretParamSets = {
  main: { n: 1 << 15, k: 2048, t: 64, h: 9 },
  pre: { n: 4096, k: 512, t: 16, h: 8 },
};

/** Insecure too, but a main iteration serves about eight chunks (2^18 COTs each): keys are views of its buffer. */
const WIDE: FerretParamSets = {
  main: { n: 1 << 21, k: 8192, t: 256, h: 13 },
  pre: { n: 16384, k: 1024, t: 32, h: 9 },
};

type Out = Awaited<ReturnType<typeof gilboaRandomCot>>;

/** Index of the first product where a party's sent share and the peer's received share do not sum to x_self·y_peer, or -1. */
function firstBadProduct(x0: BigUint64Array, x1: BigUint64Array, r0: Out, r1: Out): number {
  for (let i = 0; i < x0.length; i++) {
    if (((r0.sent[i]! + r1.received[i]!) & M) !== ((x0[i]! * r1.y[i]!) & M)) return i;
    if (((r1.sent[i]! + r0.received[i]!) & M) !== ((x1[i]! * r0.y[i]!) & M)) return i;
  }
  return -1;
}

async function silentPair(params: FerretParamSets): Promise<[SilentOtSession, SilentOtSession]> {
  const [c0, c1] = memoryPair();
  return Promise.all([SilentOtSession.create(c0, { params }), SilentOtSession.create(c1, { params })]);
}

async function iknpPair(): Promise<[OtSession, OtSession]> {
  const [c0, c1] = memoryPair();
  return Promise.all([OtSession.create(c0), OtSession.create(c1)]);
}

/**
 * A silent session as gilboaRandomCot sees it, noting the buffers its receiver keys live in (views
 * of a main iteration's output) and the most corrections this party had sent beyond the peer's it
 * had asked for (the pipeline's depth).
 */
function watch(s: SilentOtSession): { session: CotSession; keyBuffers: Set<ArrayBufferLike>; deepest: number } {
  const out = { session: s as CotSession, keyBuffers: new Set<ArrayBufferLike>(), deepest: 0 };
  let ahead = 0;
  const ch = s.channel;
  const channel = {
    ...ch,
    party: ch.party,
    send(tag: string, data: ArrayBufferView) {
      if (tag.endsWith(`t-c/${s.party}`)) out.deepest = Math.max(out.deepest, ++ahead);
      ch.send(tag, data);
    },
    recv(tag: string) {
      if (tag.endsWith(`t-c/${s.peer}`)) ahead--;
      return ch.recv(tag);
    },
  };
  out.session = new Proxy(s, {
    get(target, prop) {
      if (prop === "channel") return channel;
      if (prop === "rcotReceive")
        return async (m: number) => {
          const r = await target.rcotReceive(m);
          if (r.keys.buffer.byteLength === 16 * WIDE.main.n) out.keyBuffers.add(r.keys.buffer);
          return r;
        };
      const v = Reflect.get(target, prop, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
  return out;
}

describe("gilboaRandomCot: pipelined Gilboa products on random COTs", () => {
  it("shares sum to x_self·y_peer for every pipeline depth, on silent OT and on IKNP, across chunk seams", async () => {
    const seed = testSeed();
    const rng = new SeededRandom(seed);
    // Three whole chunks of 4096 products and a partial one.
    const n = 3 * 4096 + 5;
    for (const ahead of [1, 2, 4, 9]) {
      for (const make of [() => silentPair(SMALL), iknpPair]) {
        const [s0, s1] = await make();
        const [x0, x1] = [rng.ring(n), rng.ring(n)];
        x0[0] = M;
        const [r0, r1] = await Promise.all([gilboaRandomCot(s0, x0, "t", ahead), gilboaRandomCot(s1, x1, "t", ahead)]);
        expect(firstBadProduct(x0, x1, r0, r1), `seed ${seed}, ahead ${ahead}`).toBe(-1);
      }
    }
  });

  it("the depth is not part of the wire: a lockstep party and a pipelined one interoperate, across Ferret iterations", async () => {
    const seed = testSeed();
    const rng = new SeededRandom(seed);
    // Twelve chunks: the pipeline fills within a main iteration and drains before the next.
    const n = 12 * 4096 + 77;
    for (const [a0, a1] of [
      [1, 4],
      [4, 1],
      [2, 7],
    ] as const) {
      const [s0, s1] = await silentPair(WIDE);
      const [w0, w1] = [watch(s0), watch(s1)];
      const [x0, x1] = [rng.ring(n), rng.ring(n)];
      const [r0, r1] = await Promise.all([gilboaRandomCot(w0.session, x0, "t", a0), gilboaRandomCot(w1.session, x1, "t", a1)]);
      expect(firstBadProduct(x0, x1, r0, r1), `seed ${seed}, depths ${a0}/${a1}`).toBe(-1);
      expect(s0.counts.receiveIterations).toBeGreaterThanOrEqual(2);
      // Each party really ran its own depth: corrections sent and not yet matched by the peer's read.
      expect([w0.deepest, w1.deepest]).toEqual([a0, a1]);
    }
    // On IKNP every chunk exchanges the extension's messages: the chunks run in lockstep, whatever the depth.
    const [s0, s1] = await iknpPair();
    const [x0, x1] = [rng.ring(n), rng.ring(n)];
    const [r0, r1] = await Promise.all([gilboaRandomCot(s0, x0, "t", 1), gilboaRandomCot(s1, x1, "t", 4)]);
    expect(firstBadProduct(x0, x1, r0, r1), `seed ${seed}, IKNP`).toBe(-1);
  });

  it("keys in flight are recycled before each Ferret iteration, so every main iteration reuses one buffer per role", async () => {
    const [s0, s1] = await silentPair(WIDE);
    const [w0, w1] = [watch(s0), watch(s1)];
    const rng = new SeededRandom(testSeed());
    // 2^18 COTs per chunk each way: 20 chunks take three main iterations per role.
    const n = 20 * 4096;
    const [x0, x1] = [rng.ring(n), rng.ring(n)];
    const [r0, r1] = await Promise.all([gilboaRandomCot(w0.session, x0, "t", 4), gilboaRandomCot(w1.session, x1, "t", 4)]);
    expect(firstBadProduct(x0, x1, r0, r1)).toBe(-1);
    expect(s0.counts.receiveIterations).toBeGreaterThanOrEqual(3);
    expect([w0.deepest, w1.deepest]).toEqual([4, 4]);
    expect([w0.keyBuffers.size, w1.keyBuffers.size]).toEqual([1, 1]);
  });

  it("rejects a depth below 1", async () => {
    const [s0] = await iknpPair();
    await expect(gilboaRandomCot(s0, new BigUint64Array(4), "t", 0)).rejects.toThrow(/^gilboaRandomCot: ahead must be/);
  });
});

describe("randomCotsBothWays on silent OT: both parties run their sender's iterations first once bootstrapped", () => {
  /** Bit j of packed bits. */
  const bitAt = (a: Uint8Array, j: number) => (a[j >>> 3]! >>> (j & 7)) & 1;
  /** First j where receiver key t_j ≠ q_j ⊕ x_j·Δ, or -1. */
  function firstBadCot(q: Uint8Array, t: Uint8Array, x: Uint8Array, delta: Uint8Array, n: number): number {
    for (let j = 0; j < n; j++)
      for (let b = 0; b < 16; b++) if ((q[16 * j + b]! ^ (bitAt(x, j) ? delta[b]! : 0)) !== t[16 * j + b]) return j;
    return -1;
  }

  it("party 1 calls rcotSend first (the bootstrap too), and past the bootstrap interoperates with a party 1 that receives first", async () => {
    const [s0, s1] = await silentPair(SMALL);
    const calls: string[] = [];
    const logged = new Proxy(s1, {
      get(target, prop) {
        const v = Reflect.get(target, prop, target);
        if (prop === "rcotSend" || prop === "rcotReceive")
          return (m: number) => {
            calls.push(prop);
            return v.call(target, m);
          };
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
    // Three calls each spanning several main iterations; the second with party 1 in the order of before.
    const n = 3 * (SMALL.main.n - 2048 - 64 * 9) + 11;
    for (const oldOrder of [false, true, false]) {
      const one = oldOrder
        ? Promise.all([s1.rcotReceive(n), s1.rcotSend(n)]).then(([r, q]) => ({ q, t: r.keys, x: r.choices }))
        : randomCotsBothWays(logged, n);
      const [c0, c1] = await Promise.all([randomCotsBothWays(s0, n), one]);
      expect(firstBadCot(c0.q, c1.t, c1.x, s0.delta, n)).toBe(-1);
      expect(firstBadCot(c1.q, c0.t, c0.x, s1.delta, n)).toBe(-1);
    }
    expect(calls).toEqual(["rcotSend", "rcotReceive", "rcotSend", "rcotReceive"]);
    expect(s0.counts.sendIterations).toBeGreaterThan(8);
  });
});
