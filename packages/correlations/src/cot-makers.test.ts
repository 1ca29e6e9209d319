/**
 * The correlation makers on any COT session (the *FromCot functions that serve ot: "silent"): right
 * on IKNP's OtSession too (random choices drawn locally there), what a party sends on silent OT
 * beyond the Ferret messages, and the extension mismatch between providers.
 */
import { memoryPair, type Channel } from "@petace/network";
import { type FerretParamSets, OtExtensionMismatchError, OtSession, SilentOtSession } from "@petace/ot";
import { ringMatmul } from "@petace/primitives";
import { describe, expect, it } from "vitest";
import { arithTriplesFromCot } from "./arith.js";
import { boolTriplesFromCot } from "./bool.js";
import { MAX_COTS_PER_CALL } from "./cot-pair.js";
import { daBitsFromCot } from "./dabits.js";
import { matrixTripleFromCot } from "./matrix.js";
import { OtCorrelationProvider } from "./ot-provider.js";
import { randomOtsFromCot } from "./random-ots.js";
import { squarePairsFromCot } from "./square.js";

/** Small Ferret sets: fast, and NO security (tests only). */
const P: FerretParamSets = {
  main: { n: 1 << 15, k: 2048, t: 64, h: 9 },
  pre: { n: 4096, k: 512, t: 16, h: 8 },
};
const M64 = (1n << 64n) - 1n;
const bit = (a: Uint8Array, i: number) => (a[i >>> 3]! >>> (i & 7)) & 1;
const add = (x: BigUint64Array, y: BigUint64Array) => x.map((v, i) => (v + y[i]!) & M64);

type Session = OtSession | SilentOtSession;
const SESSIONS: { name: string; make: (ch: Channel) => Promise<Session> }[] = [
  { name: "IKNP (OtSession)", make: (ch) => OtSession.create(ch) },
  { name: "silent OT (SilentOtSession, small test sets)", make: (ch) => SilentOtSession.create(ch, { params: P }) },
];

/** Index of the first wrong item, or -1 (one failing index reported, not thousands of expects). */
const firstBad = (n: number, ok: (i: number) => boolean): number => {
  for (let i = 0; i < n; i++) if (!ok(i)) return i;
  return -1;
};

describe.each(SESSIONS)("correlations on the COTs of $name", async ({ make }) => {
  const [c0, c1] = memoryPair();
  const [s0, s1] = await Promise.all([make(c0), make(c1)]);
  const both = <T>(f: (s: Session) => Promise<T>) => Promise.all([f(s0), f(s1)]);

  it("arithmetic triples", async () => {
    const n = 1000;
    const [t0, t1] = await both((s) => arithTriplesFromCot(s, n));
    expect(firstBad(n, (i) => ((t0.c[i]! + t1.c[i]!) & M64) === (((t0.a[i]! + t1.a[i]!) * (t0.b[i]! + t1.b[i]!)) & M64))).toBe(-1);
  });

  it("AND triples (odd count)", async () => {
    const n = 1001;
    const [t0, t1] = await both((s) => boolTriplesFromCot(s, n));
    expect(t0.a.length).toBe(126);
    const ok = (i: number) => (bit(t0.c, i) ^ bit(t1.c, i)) === ((bit(t0.a, i) ^ bit(t1.a, i)) & (bit(t0.b, i) ^ bit(t1.b, i)));
    expect(firstBad(n, ok)).toBe(-1);
    expect(t0.a[125]! >>> 1).toBe(0); // unused high bits are zero
  });

  it("random OTs both ways", async () => {
    const n = 777;
    const [r0, r1] = await both((s) => randomOtsFromCot(s, n));
    for (const [snd, rcv] of [
      [r0, r1],
      [r1, r0],
    ] as const) {
      expect(snd.m0.length).toBe(16 * n);
      const ok = (j: number) =>
        Buffer.compare(
          (bit(rcv.choices, j) ? snd.m1 : snd.m0).subarray(16 * j, 16 * j + 16),
          rcv.received.subarray(16 * j, 16 * j + 16),
        ) === 0;
      expect(firstBad(n, ok)).toBe(-1);
      expect(Buffer.compare(snd.m0.subarray(0, 16), snd.m1.subarray(0, 16))).not.toBe(0);
    }
  });

  it("requests above MAX_COTS_PER_CALL are made in parts and joined at the seams (AND triples, random OTs, daBits)", async () => {
    const n = MAX_COTS_PER_CALL + 40;
    const [t0, t1] = await both((s) => boolTriplesFromCot(s, n));
    const and = (i: number) => (bit(t0.c, i) ^ bit(t1.c, i)) === ((bit(t0.a, i) ^ bit(t1.a, i)) & (bit(t0.b, i) ^ bit(t1.b, i)));
    expect(firstBad(n, and)).toBe(-1);
    const [r0, r1] = await both((s) => randomOtsFromCot(s, n));
    const seam = [0, MAX_COTS_PER_CALL - 1, MAX_COTS_PER_CALL, n - 1];
    for (const j of seam)
      expect(
        Buffer.compare((bit(r1.choices, j) ? r0.m1 : r0.m0).subarray(16 * j, 16 * j + 16), r1.received.subarray(16 * j, 16 * j + 16)),
      ).toBe(0);
    const d = 2 * MAX_COTS_PER_CALL + 256;
    const [d0, d1] = await both((s) => daBitsFromCot(s, d));
    expect(firstBad(d, (i) => ((d0.arith[i]! + d1.arith[i]!) & M64) === BigInt(bit(d0.bits, i) ^ bit(d1.bits, i)))).toBe(-1);
  }, 120_000);

  it("daBits", async () => {
    const n = 512;
    const [d0, d1] = await both((s) => daBitsFromCot(s, n));
    expect(firstBad(n, (i) => ((d0.arith[i]! + d1.arith[i]!) & M64) === BigInt(bit(d0.bits, i) ^ bit(d1.bits, i)))).toBe(-1);
    const ones = Array.from({ length: n }, (_, i) => bit(d0.bits, i) ^ bit(d1.bits, i)).reduce((x, y) => x + y, 0);
    expect(ones).toBeGreaterThan(n / 4); // random bits, not all zero (P[fail] < 2^-50)
    await expect(daBitsFromCot(s0, 100)).rejects.toThrow(RangeError);
  });

  it("square pairs (odd count)", async () => {
    const n = 301;
    const [p0, p1] = await both((s) => squarePairsFromCot(s, n));
    expect(p0.a.length).toBe(n);
    expect(firstBad(n, (i) => ((p0.c[i]! + p1.c[i]!) & M64) === (((p0.a[i]! + p1.a[i]!) ** 2n) & M64))).toBe(-1);
  });

  it("matrix triples", async () => {
    for (const [m, k, n] of [
      [5, 3, 4],
      [1, 1, 1],
      [33, 7, 9],
    ] as const) {
      const [t0, t1] = await both((s) => matrixTripleFromCot(s, m, k, n));
      expect(add(t0.c, t1.c)).toEqual(ringMatmul(add(t0.a, t1.a), add(t0.b, t1.b), m, k, n));
    }
  });
});

describe("what a party sends on silent OT beyond the Ferret messages", async () => {
  const [c0, c1] = memoryPair();
  const [s0, s1] = await Promise.all([SilentOtSession.create(c0, { params: P }), SilentOtSession.create(c1, { params: P })]);
  /** Bytes party 0 sends during f, less the Ferret messages of the iterations it ran as sender. */
  const sent = async (f: (s: SilentOtSession) => Promise<unknown>): Promise<number> => {
    const b = c0.stats.bytesSent,
      it = s0.counts.sendIterations;
    await Promise.all([f(s0), f(s1)]);
    return c0.stats.bytesSent - b - (s0.counts.sendIterations - it) * P.main.t * (32 * P.main.h + 16);
  };
  // Warm up: the first iteration (pre set, from IKNP) is behind us.
  await Promise.all([randomOtsFromCot(s0, 100), randomOtsFromCot(s1, 100)]);

  it("AND triples and random OTs: nothing", async () => {
    expect(await sent((s) => boolTriplesFromCot(s, 4096))).toBe(0);
    expect(await sent((s) => randomOtsFromCot(s, 4096))).toBe(0);
  });

  it("arithmetic triples: 260 bytes of corrections each; square pairs 130; daBits 4", async () => {
    expect(await sent((s) => arithTriplesFromCot(s, 512))).toBe(512 * 260);
    expect(await sent((s) => squarePairsFromCot(s, 512))).toBe(256 * 260);
    expect(await sent((s) => daBitsFromCot(s, 512))).toBe(512 * 4);
  });
});

describe("providers that disagree on the OT extension", () => {
  it.each([0, 1] as const)(
    "fail on both sides, no hang, silent party %i with OtExtensionMismatchError",
    { timeout: 20_000 },
    async (silentParty) => {
      const [c0, c1] = memoryPair({ timeoutMs: 10_000 });
      const make = (ch: Channel, p: 0 | 1) =>
        OtCorrelationProvider.create(ch, p, p === silentParty ? { ot: "silent", silentParams: P } : {});
      const [r0, r1] = await Promise.allSettled([make(c0, 0), make(c1, 1)]);
      const silent = silentParty === 0 ? r0 : r1;
      const plain = silentParty === 0 ? r1 : r0;
      expect(silent.status).toBe("rejected");
      expect((silent as PromiseRejectedResult).reason).toBeInstanceOf(OtExtensionMismatchError);
      // The IKNP party (no extension message, the wire of earlier versions) sees an unexpected message.
      expect(plain.status).toBe("rejected");
      expect(String((plain as PromiseRejectedResult).reason)).toMatch(/extension/);
    },
  );
});
