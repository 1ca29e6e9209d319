/** The portable kernels give the reference's bytes, interoperate with it, and check their sizes. */
import { describe, expect, it } from "vitest";
import { SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { gilboaCorrectionBytes } from "../src/kernels.js";
import { portableKernels } from "../src/portable/index.js";
import { CHUNK, SLICE, TILE } from "../src/portable/instance.js";
import { baseKeys, gilboaOnIknp, M64 } from "./protocol.js";
import { referenceKernels as ref } from "./reference.js";

const pk = portableKernels();

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0;

/** q_j ⊕ t_j = r_j·Δ for every OT. */
function expectCorrelated(q: Uint8Array, t: Uint8Array, r: Uint8Array, delta: Uint8Array, n: number): void {
  for (let j = 0; j < n; j++) {
    const rj = (r[j >>> 3]! >>> (j & 7)) & 1;
    for (let b = 0; b < 16; b++)
      if ((q[16 * j + b]! ^ t[16 * j + b]!) !== (rj ? delta[b]! : 0)) throw new Error(`OT ${j} byte ${b} uncorrelated`);
  }
}

/** Batches: the smallest, odd multiples of 128, and ones over one and several slices. */
const BATCHES = [128, 384, 256, SLICE + 640, 2 * SLICE, 128];

describe("portable IKNP", () => {
  it("receiver and sender give the reference's u, t and q, batch after batch (streams continue)", () => {
    const rng = new SeededRandom(testSeed());
    const { k0, k1, delta, k } = baseKeys(rng);
    const [pr, rr] = [pk.iknpReceiver(k0, k1), ref.iknpReceiver(k0, k1)];
    const [ps, rs] = [pk.iknpSender(k, delta), ref.iknpSender(k, delta)];
    for (const n of BATCHES) {
      const r = rng.bytes(n / 8);
      const [u1, t1, u2, t2] = [0, 0, 0, 0].map(() => new Uint8Array(16 * n)) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
      pr.extend(r, n, u1, t1);
      rr.extend(r, n, u2, t2);
      expect(same(u1, u2), `u, n = ${n}`).toBe(true);
      expect(same(t1, t2), `t, n = ${n}`).toBe(true);
      const [q1, q2] = [new Uint8Array(16 * n), new Uint8Array(16 * n)];
      ps.expand(u1, n, q1);
      rs.expand(u2, n, q2);
      expect(same(q1, q2), `q, n = ${n}`).toBe(true);
      expectCorrelated(q1, t1, r, delta, n);
    }
  });

  it("interoperates with the reference: portable receiver with reference sender, and vice versa", () => {
    const rng = new SeededRandom(testSeed());
    const { k0, k1, delta, k } = baseKeys(rng);
    const pairs = [
      [pk.iknpReceiver(k0, k1), ref.iknpSender(k, delta)],
      [ref.iknpReceiver(k0, k1), pk.iknpSender(k, delta)],
    ] as const;
    for (const [recv, send] of pairs) {
      for (const n of [256, SLICE + 128]) {
        const r = rng.bytes(n / 8);
        const [u, t, q] = [new Uint8Array(16 * n), new Uint8Array(16 * n), new Uint8Array(16 * n)];
        recv.extend(r, n, u, t);
        send.expand(u, n, q);
        expectCorrelated(q, t, r, delta, n);
      }
    }
  });

  it("writes only its outputs' first 16n bytes and leaves larger buffers' tails alone", () => {
    const rng = new SeededRandom(testSeed());
    const { k0, k1 } = baseKeys(rng);
    const n = 128;
    const u = new Uint8Array(16 * n + 16).fill(0xa5);
    const t = new Uint8Array(16 * n + 16).fill(0xa5);
    pk.iknpReceiver(k0, k1).extend(rng.bytes(n / 8), n, u, t);
    expect(u.subarray(16 * n).every((b) => b === 0xa5)).toBe(true);
    expect(t.subarray(16 * n).every((b) => b === 0xa5)).toBe(true);
  });
});

describe("portable hashes", () => {
  // block counts: none, one, odd, one chunk, over one chunk, several
  const COUNTS = [0, 1, 7, CHUNK, CHUNK + 1, 2 * CHUNK + 333];

  it("hash and hashPair give the reference's blocks, also in place", () => {
    const rng = new SeededRandom(testSeed());
    const delta = rng.bytes(16);
    for (const n of COUNTS) {
      const x = rng.bytes(16 * n);
      const want = new Uint8Array(16 * n);
      ref.hash(x, want);
      const got = new Uint8Array(16 * n);
      pk.hash(x, got);
      expect(same(got, want), `hash, n = ${n}`).toBe(true);
      const inPlace = x.slice();
      pk.hash(inPlace, inPlace);
      expect(same(inPlace, want), `hash in place, n = ${n}`).toBe(true);

      const [w0, w1, g0, g1] = [0, 0, 0, 0].map(() => new Uint8Array(16 * n)) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
      ref.hashPair(x, delta, w0, w1);
      pk.hashPair(x, delta, g0, g1);
      expect(same(g0, w0) && same(g1, w1), `hashPair, n = ${n}`).toBe(true);
      const q = x.slice();
      pk.hashPair(q, delta, q, g1);
      expect(same(q, w0) && same(g1, w1), `hashPair with out0 = q, n = ${n}`).toBe(true);
    }
  });

  it("hashLow64 and hashLow64Pair give the reference's words (n below the buffer's blocks too)", () => {
    const rng = new SeededRandom(testSeed());
    const delta = rng.bytes(16);
    for (const n of COUNTS) {
      const x = rng.bytes(16 * n + 48);
      const [w, g] = [new BigUint64Array(n), new BigUint64Array(n)];
      ref.hashLow64(x, n, w);
      pk.hashLow64(x, n, g);
      expect(g).toEqual(w);
      const [w0, w1, g0, g1] = [0, 0, 0, 0].map(() => new BigUint64Array(n + 1)) as [
        BigUint64Array,
        BigUint64Array,
        BigUint64Array,
        BigUint64Array,
      ];
      ref.hashLow64Pair(x, delta, n, w0, w1);
      pk.hashLow64Pair(x, delta, n, g0, g1);
      expect(g0).toEqual(w0);
      expect(g1).toEqual(w1);
    }
  });

  it("hashLsb and hashLsbPair give the reference's packed bits", () => {
    const rng = new SeededRandom(testSeed());
    const delta = rng.bytes(16);
    for (const n of [0, 32, 96, CHUNK, CHUNK + 32, 2 * CHUNK + 224]) {
      const x = rng.bytes(16 * n);
      const [w, g] = [new Uint8Array(n / 8), new Uint8Array(n / 8)];
      ref.hashLsb(x, n, w);
      pk.hashLsb(x, n, g);
      expect(same(g, w), `hashLsb, n = ${n}`).toBe(true);
      const [w0, w1, g0, g1] = [0, 0, 0, 0].map(() => new Uint8Array(n / 8)) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
      ref.hashLsbPair(x, delta, n, w0, w1);
      pk.hashLsbPair(x, delta, n, g0, g1);
      expect(same(g0, w0) && same(g1, w1), `hashLsbPair, n = ${n}`).toBe(true);
    }
  });
});

describe("portable Gilboa", () => {
  // products: one, odd, one tile, over one tile, several tiles and odd
  const PRODUCTS = [1, 2, 3, TILE - 1, TILE, TILE + 1, 3 * TILE + 7];

  it("gilboaSend and gilboaReceive give the reference's corrections and shares", () => {
    const rng = new SeededRandom(testSeed());
    const delta = rng.bytes(16);
    for (const n of PRODUCTS) {
      const q = rng.bytes(1024 * n);
      const x = rng.ring(n);
      const acc0 = rng.ring(n);
      const [wc, gc] = [new Uint8Array(gilboaCorrectionBytes(n)), new Uint8Array(gilboaCorrectionBytes(n))];
      const [wa, ga] = [acc0.slice(), acc0.slice()];
      ref.gilboaSend(q, delta, x, n, wc, wa);
      pk.gilboaSend(q, delta, x, n, gc, ga);
      expect(same(gc, wc), `corrections, n = ${n}`).toBe(true);
      expect(ga).toEqual(wa);

      const t = rng.bytes(1024 * n);
      const y = rng.ring(n);
      const corr = rng.bytes(gilboaCorrectionBytes(n));
      const [wb, gb] = [acc0.slice(), acc0.slice()];
      ref.gilboaReceive(t, y, n, corr, wb);
      pk.gilboaReceive(t, y, n, corr, gb);
      expect(gb).toEqual(wb);
    }
  });

  it("zeroes the half word of padding of an odd n's corrections", () => {
    const rng = new SeededRandom(testSeed());
    const n = 3;
    const corr = new Uint8Array(gilboaCorrectionBytes(n)).fill(0xff);
    pk.gilboaSend(rng.bytes(1024 * n), rng.bytes(16), rng.ring(n), n, corr, new BigUint64Array(n));
    expect([...corr.subarray(corr.length - 4)]).toEqual([0, 0, 0, 0]);
  });

  it("end to end on portable IKNP: the shares sum to x·y mod 2^64", () => {
    const rng = new SeededRandom(testSeed());
    for (const n of [1, TILE + 3]) {
      // Accumulators that do not start at zero: the kernels add into them.
      const { x, y, a, b } = gilboaOnIknp(pk, rng, n, rng.ring(n));
      for (let i = 0; i < n; i++) expect((a[i]! + b[i]!) & M64).toBe((x[i]! * y[i]!) & M64);
    }
  });
});

describe("portable kernels' size checks", () => {
  const k16 = new Uint8Array(2048);
  const blocks = (n: number) => new Uint8Array(16 * n);

  it("IKNP: keys, Δ, n and buffer sizes", () => {
    expect(() => pk.iknpReceiver(new Uint8Array(2047), k16)).toThrow(/^iknpReceiver: k0 must be 2048 bytes, got 2047/);
    expect(() => pk.iknpSender(k16, new Uint8Array(15))).toThrow(/^iknpSender: delta must be 16 bytes/);
    const recv = pk.iknpReceiver(k16, k16);
    expect(() => recv.extend(new Uint8Array(16), 100, blocks(128), blocks(128))).toThrow(
      /^iknpReceiver\.extend: n must be a non-negative multiple of 128/,
    );
    expect(() => recv.extend(new Uint8Array(15), 128, blocks(128), blocks(128))).toThrow(/^iknpReceiver\.extend: r has 15 bytes, needs 16/);
    expect(() => recv.extend(new Uint8Array(16), 128, blocks(127), blocks(128))).toThrow(/^iknpReceiver\.extend: u has/);
    expect(() => recv.extend(new Uint8Array(16), 128, blocks(128), blocks(127))).toThrow(/^iknpReceiver\.extend: t has/);
    const send = pk.iknpSender(k16, new Uint8Array(16));
    expect(() => send.expand(blocks(127), 128, blocks(128))).toThrow(/^iknpSender\.expand: u has/);
    expect(() => send.expand(blocks(128), 128, blocks(127))).toThrow(/^iknpSender\.expand: q has/);
    expect(() => send.expand(blocks(128), -128, blocks(128))).toThrow(RangeError);
  });

  it("hashes: whole blocks, n, Δ and output sizes", () => {
    const d = new Uint8Array(16);
    expect(() => pk.hash(new Uint8Array(17), new Uint8Array(32))).toThrow(/^hash: blocks has 17 bytes, not a whole number/);
    expect(() => pk.hash(blocks(2), blocks(1))).toThrow(/^hash: out has 16 bytes, needs 32/);
    expect(() => pk.hashPair(blocks(2), new Uint8Array(8), blocks(2), blocks(2))).toThrow(/^hashPair: delta must be 16 bytes/);
    expect(() => pk.hashPair(blocks(2), d, blocks(2), blocks(1))).toThrow(/^hashPair: out1 has/);
    expect(() => pk.hashLow64(blocks(2), 3, new BigUint64Array(3))).toThrow(/^hashLow64: blocks has 32 bytes, needs 48/);
    expect(() => pk.hashLow64(blocks(2), 2, new BigUint64Array(1))).toThrow(/^hashLow64: out has 1 elements, needs 2/);
    expect(() => pk.hashLow64Pair(blocks(2), d, 2.5, new BigUint64Array(3), new BigUint64Array(3))).toThrow(/^hashLow64Pair: n must be/);
    expect(() => pk.hashLsb(blocks(48), 48, new Uint8Array(6))).toThrow(/^hashLsb: n must be a non-negative multiple of 32/);
    expect(() => pk.hashLsbPair(blocks(32), d, 32, new Uint8Array(4), new Uint8Array(3))).toThrow(
      /^hashLsbPair: out1 has 3 bytes, needs 4/,
    );
    expect(() => pk.hash([] as unknown as Uint8Array, blocks(1))).toThrow(TypeError);
  });

  it("Gilboa: keys, inputs, corrections and accumulators", () => {
    const d = new Uint8Array(16);
    const w = (n: number) => new BigUint64Array(n);
    expect(() => pk.gilboaSend(blocks(127), d, w(2), 2, new Uint8Array(520), w(2))).toThrow(/^gilboaSend: q has 2032 bytes, needs 2048/);
    expect(() => pk.gilboaSend(blocks(128), d, w(1), 2, new Uint8Array(520), w(2))).toThrow(/^gilboaSend: x has 1 elements/);
    expect(() => pk.gilboaSend(blocks(128), d, w(2), 2, new Uint8Array(519), w(2))).toThrow(/^gilboaSend: corr has 519 bytes, needs 520/);
    expect(() => pk.gilboaSend(blocks(128), d, w(2), 2, new Uint8Array(520), w(1))).toThrow(/^gilboaSend: acc has/);
    expect(() => pk.gilboaReceive(blocks(64), w(1), 1, new Uint8Array(263), w(1))).toThrow(/^gilboaReceive: corr has 263 bytes, needs 264/);
    expect(() => pk.gilboaReceive(blocks(64), w(0), 1, new Uint8Array(264), w(1))).toThrow(/^gilboaReceive: y has/);
  });
});
