/**
 * The native accelerator against the reference, byte for byte, on seeded random inputs; IKNP and
 * Gilboa end to end; argument checks; the known-answer test. Skipped (with the reason printed) when
 * the addon is unavailable, except under PETACE_NATIVE=required, where that is a failure.
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { aesCtr, SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { gilboaCorrectionBytes, type OfflineKernels } from "../src/kernels.js";
import type { NativeAddon } from "../src/native/addon.js";
import { KAT_VECTORS, knownAnswerTest, narrowed } from "../src/native/kat.js";
import { nativeKernels } from "../src/native/kernels.js";
import { loadNativeKernels } from "../src/native/load.js";
import { kernelStatus, nativeMode } from "../src/select.js";
import { baseKeys, gilboaOnIknp, M64 } from "./protocol.js";
import { referenceKernels as ref } from "./reference.js";

const loaded = loadNativeKernels();
const available = loaded.kernels !== undefined;
if (!available) console.warn(`native kernel tests skipped: ${loaded.reason}`);

describe.runIf(!available && nativeMode() === "required")("PETACE_NATIVE=required", () => {
  it("needs the native kernels", () => {
    throw new Error(`the native kernels are unavailable: ${loaded.reason}`);
  });
});

/** The raw addon, for the checks that go around the TypeScript wrapper. */
function rawAddon(): NativeAddon {
  const path = fileURLToPath(new URL("../native/build/offline_kernels.node", import.meta.url));
  return createRequire(import.meta.url)(path) as NativeAddon;
}

const bit = (a: Uint8Array, j: number): number => (a[j >>> 3]! >>> (j & 7)) & 1;

/**
 * a equals b element for element; on a difference, fails naming the first differing index (vitest's
 * deep equality walks typed arrays element by element and is slow on the larger buffers here).
 */
function same(a: Uint8Array | BigUint64Array, b: Uint8Array | BigUint64Array, what: string): void {
  expect(a.length, `${what}: length`).toBe(b.length);
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  if (Buffer.compare(x, y) === 0) return;
  const i = x.findIndex((v, k) => v !== y[k]);
  expect.fail(`${what}: first difference at byte ${i} (${x[i]} vs ${y[i]})`);
}

/** Two copies of the same random bytes: outputs start equal, so untouched bytes must stay equal. */
function twin(rng: SeededRandom, n: number): [Uint8Array, Uint8Array] {
  const a = rng.bytes(n);
  return [a, a.slice()];
}
function twinWords(rng: SeededRandom, n: number): [BigUint64Array, BigUint64Array] {
  const a = rng.ring(n);
  return [a, a.slice()];
}

/**
 * Batches of OTs, for the C side's slices of 4096: the smallest, part of a slice, one slice and a
 * partial one, two and a partial one (each partial with an 8-block step and a tail).
 */
const IKNP_BATCHES = [128, 2048, 4096 + 1152, 8192 + 640, 256];

describe.runIf(available)("native kernels", () => {
  const nk = loaded.kernels as OfflineKernels;

  it("is the active implementation under the default switch", () => {
    if (nativeMode() !== "off") expect(kernelStatus().active).toBe("native");
    expect(nk.name).toBe("native");
  });

  describe("CR hash, byte for byte with the reference", () => {
    const SIZES = [0, 1, 3, 7, 8, 9, 43, 1000, 4099];

    it("hash and hashPair (full blocks)", () => {
      const rng = new SeededRandom(testSeed());
      const delta = rng.bytes(16);
      for (const n of SIZES) {
        const x = rng.bytes(16 * n);
        const [a, b] = twin(rng, 16 * n + 16);
        nk.hash(x, a);
        ref.hash(x, b);
        same(a, b, `hash n=${n}`);
        const [a0, b0] = twin(rng, 16 * n);
        const [a1, b1] = twin(rng, 16 * n);
        nk.hashPair(x, delta, a0, a1);
        ref.hashPair(x, delta, b0, b1);
        same(a0, b0, `hashPair out0 n=${n}`);
        same(a1, b1, `hashPair out1 n=${n}`);
      }
    });

    it("hash and hashPair in place (out0 = q)", () => {
      const rng = new SeededRandom(testSeed());
      const delta = rng.bytes(16);
      const x = rng.bytes(16 * 37);
      const want = new Uint8Array(x.length);
      ref.hash(x, want);
      const y = x.slice();
      nk.hash(y, y);
      same(y, want, "hash in place");
      const w0 = new Uint8Array(x.length);
      const w1 = new Uint8Array(x.length);
      ref.hashPair(x, delta, w0, w1);
      const q = x.slice();
      const o1 = new Uint8Array(x.length);
      nk.hashPair(q, delta, q, o1);
      same(q, w0, "hashPair out0 = q");
      same(o1, w1, "hashPair out1");
    });

    it("hashLow64 and hashLow64Pair", () => {
      const rng = new SeededRandom(testSeed());
      const delta = rng.bytes(16);
      for (const n of SIZES) {
        const x = rng.bytes(16 * n + 32); // longer than n blocks: only the first n count
        const [a, b] = twinWords(rng, n + 2);
        nk.hashLow64(x, n, a);
        ref.hashLow64(x, n, b);
        same(a, b, `hashLow64 n=${n}`);
        const [a0, b0] = twinWords(rng, n + 1);
        const [a1, b1] = twinWords(rng, n + 1);
        nk.hashLow64Pair(x, delta, n, a0, a1);
        ref.hashLow64Pair(x, delta, n, b0, b1);
        same(a0, b0, `hashLow64Pair out0 n=${n}`);
        same(a1, b1, `hashLow64Pair out1 n=${n}`);
      }
    });

    it("hashLsb and hashLsbPair", () => {
      const rng = new SeededRandom(testSeed());
      const delta = rng.bytes(16);
      for (const n of [0, 32, 64, 96, 1056, 4096]) {
        const x = rng.bytes(16 * n);
        const [a, b] = twin(rng, n / 8 + 4);
        nk.hashLsb(x, n, a);
        ref.hashLsb(x, n, b);
        same(a, b, `hashLsb n=${n}`);
        const [a0, b0] = twin(rng, n / 8);
        const [a1, b1] = twin(rng, n / 8);
        nk.hashLsbPair(x, delta, n, a0, a1);
        ref.hashLsbPair(x, delta, n, b0, b1);
        same(a0, b0, `hashLsbPair out0 n=${n}`);
        same(a1, b1, `hashLsbPair out1 n=${n}`);
      }
    });
  });

  describe("IKNP", () => {
    it("extend: u and t byte for byte with the reference, streams continuing over batches", () => {
      const rng = new SeededRandom(testSeed());
      const { k0, k1 } = baseKeys(rng);
      const mine = nk.iknpReceiver(k0, k1);
      const theirs = ref.iknpReceiver(k0, k1);
      for (const n of IKNP_BATCHES) {
        const r = rng.bytes(n / 8);
        const [u1, u2] = twin(rng, 16 * n);
        const [t1, t2] = twin(rng, 16 * n);
        mine.extend(r, n, u1, t1);
        theirs.extend(r, n, u2, t2);
        same(u1, u2, `u n=${n}`);
        same(t1, t2, `t n=${n}`);
      }
    });

    it("expand: q byte for byte with the reference, streams continuing over batches", () => {
      const rng = new SeededRandom(testSeed());
      const { k, delta } = baseKeys(rng);
      const mine = nk.iknpSender(k, delta);
      const theirs = ref.iknpSender(k, delta);
      for (const n of IKNP_BATCHES) {
        const u = rng.bytes(16 * n);
        const [q1, q2] = twin(rng, 16 * n);
        mine.expand(u, n, q1);
        theirs.expand(u, n, q2);
        same(q1, q2, `q n=${n}`);
      }
    });

    it("interoperates with the reference: q_j ⊕ t_j = r_j·Δ either way round", () => {
      const rng = new SeededRandom(testSeed());
      const { k0, k1, delta, k } = baseKeys(rng);
      const pairs = [
        [nk.iknpReceiver(k0, k1), ref.iknpSender(k, delta)],
        [ref.iknpReceiver(k0, k1), nk.iknpSender(k, delta)],
      ] as const;
      for (const [recv, send] of pairs) {
        for (const n of [256, 4224]) {
          const r = rng.bytes(n / 8);
          const u = new Uint8Array(16 * n);
          const t = new Uint8Array(16 * n);
          const q = new Uint8Array(16 * n);
          recv.extend(r, n, u, t);
          send.expand(u, n, q);
          for (let j = 0; j < n; j++)
            for (let b = 0; b < 16; b++) if ((q[16 * j + b]! ^ t[16 * j + b]!) !== (bit(r, j) ? delta[b]! : 0)) expect.fail(`OT ${j}`);
        }
      }
    });

    it("the streams are AES-CTR with a big-endian counter that carries across 64 bits", () => {
      const raw = rawAddon();
      const rng = new SeededRandom(testSeed());
      const key = rng.bytes(16);
      // Starts at hi·2^64 + lo for lo near the top, so 8-block steps carry at every offset.
      for (let back = 0n; back <= 12n; back++) {
        const lo = M64 - back;
        const state = new Uint8Array(192);
        raw.streamsInit(key, state);
        const ctr = new DataView(state.buffer, 176, 16);
        ctr.setBigUint64(0, lo, true);
        ctr.setBigUint64(8, 5n, true);
        const got = new Uint8Array(16 * 21);
        raw.streamFill(state, got);
        const iv = new Uint8Array(16);
        new DataView(iv.buffer).setBigUint64(0, 5n, false);
        new DataView(iv.buffer).setBigUint64(8, lo, false);
        same(got, aesCtr(key, iv, new Uint8Array(16 * 21)), `counter 5·2^64 + 2^64 − 1 − ${back}`);
        const end = 5n * 2n ** 64n + lo + 21n;
        expect(ctr.getBigUint64(0, true)).toBe(end & M64);
        expect(ctr.getBigUint64(8, true)).toBe(end >> 64n);
      }
    });
  });

  describe("Gilboa", () => {
    it("send: corrections and shares byte for byte with the reference", () => {
      const rng = new SeededRandom(testSeed());
      const delta = rng.bytes(16);
      for (const n of [1, 2, 3, 7, 64, 65]) {
        const q = rng.bytes(1024 * n);
        const x = rng.ring(n);
        const [c1, c2] = twin(rng, gilboaCorrectionBytes(n));
        const [a1, a2] = twinWords(rng, n);
        nk.gilboaSend(q, delta, x, n, c1, a1);
        ref.gilboaSend(q, delta, x, n, c2, a2);
        same(c1, c2, `corr n=${n}`);
        same(a1, a2, `acc n=${n}`);
      }
    });

    it("receive: shares byte for byte with the reference", () => {
      const rng = new SeededRandom(testSeed());
      for (const n of [1, 2, 3, 7, 64, 65]) {
        const t = rng.bytes(1024 * n);
        const y = rng.ring(n);
        const corr = rng.bytes(gilboaCorrectionBytes(n));
        const [a1, a2] = twinWords(rng, n);
        nk.gilboaReceive(t, y, n, corr, a1);
        ref.gilboaReceive(t, y, n, corr, a2);
        same(a1, a2, `acc n=${n}`);
      }
    });

    it("end to end: the two shares sum to x·y mod 2^64", () => {
      const n = 5;
      const { x, y, a, b } = gilboaOnIknp(nk, new SeededRandom(testSeed()), n);
      for (let i = 0; i < n; i++) expect((a[i]! + b[i]!) & M64).toBe((x[i]! * y[i]!) & M64);
    });
  });

  describe("Ferret: the VAES and AES-NI paths", () => {
    // Every path this CPU can take: the widest (default), 256-bit VAES and AES-NI; where the CPU
    // lacks a width the call falls back to a narrower path, which then runs twice.
    const paths = () =>
      [
        ["default", nk],
        ["VAES-256", nativeKernels(narrowed(rawAddon(), 256))],
        ["AES-NI", nativeKernels(narrowed(rawAddon(), false))],
      ] as const;

    it("report the VAES width they take", () => {
      expect([0, 256, 512]).toContain(rawAddon().vaesWidth());
      expect(rawAddon().vaesAvailable()).toBe(rawAddon().vaesWidth() > 0);
    });

    // Depths below and above the 8- and 16-node levels the VAES paths take, and the main set's 13.
    it("GGM: all give the reference's leaves, sums and punctured leaves", () => {
      const seed = testSeed();
      const rng = new SeededRandom(seed);
      for (const [trees, depth] of [
        [3, 1],
        [2, 3],
        [2, 4],
        [5, 5],
        [1, 6],
        [4, 9],
        [2, 13],
      ] as const) {
        const keys = rng.bytes(32);
        const roots = rng.bytes(16 * trees);
        const run = (kk: OfflineKernels) => {
          const leaves = new Uint8Array((16 * trees) << depth);
          const sums = new Uint8Array(32 * trees * depth);
          kk.ggmExpand(keys, roots, depth, leaves, sums);
          return { leaves, sums };
        };
        const r = run(ref);
        const what = `seed ${seed}, ${trees} trees of depth ${depth}`;
        const choices = rng.bytes(trees * depth).map((x) => x & 1);
        const k = rng.bytes(16 * trees * depth);
        const c = rng.bytes(16 * trees);
        const p0 = rng.bytes(r.leaves.length);
        const want = p0.slice();
        ref.ggmPuncture(keys, depth, choices, k, c, want);
        for (const [name, kk] of paths()) {
          const w = run(kk);
          same(w.leaves, r.leaves, `${what}, ${name} path: leaves`);
          same(w.sums, r.sums, `${what}, ${name} path: sums`);
          const p = p0.slice();
          kk.ggmPuncture(keys, depth, choices, k, c, p);
          same(p, want, `${what}, ${name} path: punctured leaves`);
        }
      }
    });

    // Outputs around the 256-output batches and the 8-ahead prefetch across them; k from 1 up.
    it("code: all give the reference's bytes (lpnEncode and lpnEncodeBits)", () => {
      const seed = testSeed();
      const rng = new SeededRandom(seed);
      for (const [k, n] of [
        [1, 1],
        [2, 63],
        [37, 64],
        [100, 65],
        [1000, 71],
        [5000, 128 + 57],
        [300, 255],
        [3000, 256],
        [30, 257],
        [20000, 512 + 3],
        [70000, 4096 + 9],
      ] as const) {
        const lpnSeed = rng.bytes(16);
        const base = rng.bytes(16 * k);
        const baseBits = rng.bytes(k).map((x) => x & 1);
        const out = rng.bytes(16 * n);
        const outBits = rng.bytes(n).map((x) => x & 1);
        const [want, wantBits, wantPlain] = [out.slice(), outBits.slice(), out.slice()];
        ref.lpnEncodeBits(lpnSeed, base, baseBits, want, wantBits);
        ref.lpnEncode(lpnSeed, base, wantPlain);
        for (const [name, kk] of paths()) {
          const [o, bits, plain] = [out.slice(), outBits.slice(), out.slice()];
          kk.lpnEncodeBits(lpnSeed, base, baseBits, o, bits);
          kk.lpnEncode(lpnSeed, base, plain);
          same(o, want, `seed ${seed}, k=${k}, n=${n}, ${name} path: blocks`);
          same(bits, wantBits, `seed ${seed}, k=${k}, n=${n}, ${name} path: bits`);
          same(plain, wantPlain, `seed ${seed}, k=${k}, n=${n}, ${name} path: lpnEncode`);
        }
      }
    });
  });

  describe("argument checks", () => {
    const b = (n: number) => new Uint8Array(n);
    const w = (n: number) => new BigUint64Array(n);
    const keys = b(2048);

    it("IKNP: n, r, u, t, q, seeds and Δ", () => {
      const recv = nk.iknpReceiver(keys, keys);
      const send = nk.iknpSender(keys, b(16));
      expect(() => recv.extend(b(16), 100, b(1600), b(1600))).toThrow(
        /iknpReceiver\.extend: n must be a non-negative multiple of 128, got 100/,
      );
      expect(() => recv.extend(b(15), 128, b(2048), b(2048))).toThrow(/iknpReceiver\.extend: r has 15 bytes, needs at least 16/);
      expect(() => recv.extend(b(16), 128, b(2047), b(2048))).toThrow(/extend: u has 2047 bytes/);
      expect(() => recv.extend(b(16), 128, b(2048), b(16))).toThrow(RangeError);
      expect(() => send.expand(b(2048), 256, b(4096))).toThrow(/iknpSender\.expand: u has 2048 bytes, needs at least 4096/);
      expect(() => send.expand(b(2048), 128, b(100))).toThrow(/expand: q has 100 bytes/);
      expect(() => nk.iknpReceiver(b(2047), keys)).toThrow(/iknpReceiver: k0 has 2047 bytes, must have 2048/);
      expect(() => nk.iknpSender(keys, b(15))).toThrow(/iknpSender: delta has 15 bytes, must have 16/);
      expect(() => recv.extend([] as unknown as Uint8Array, 128, b(2048), b(2048))).toThrow(TypeError);
    });

    it("hashes: block counts, output sizes, n multiples and aliasing", () => {
      const d = b(16);
      expect(() => nk.hash(b(17), b(32))).toThrow(/native hash: blocks has 17 bytes, not a whole number/);
      expect(() => nk.hash(b(32), b(16))).toThrow(/native hash: out has 16 bytes, needs at least 32/);
      const buf = b(64);
      expect(() => nk.hash(buf.subarray(0, 32), buf.subarray(16, 48))).toThrow(/out overlaps blocks/);
      expect(() => nk.hashPair(b(32), b(8), b(32), b(32))).toThrow(/hashPair: delta has 8 bytes/);
      expect(() => nk.hashPair(b(32), d, b(32), b(31))).toThrow(/hashPair: out1 has 31 bytes/);
      expect(() => nk.hashLow64(b(16 * 4), 5, w(5))).toThrow(/hashLow64: blocks has 64 bytes, needs at least 80/);
      expect(() => nk.hashLow64(b(16 * 5), 5, w(4))).toThrow(/hashLow64: out has 4 elements, needs at least 5/);
      expect(() => nk.hashLow64(b(16 * 5), -1, w(4))).toThrow(/n must be a non-negative integer, got -1/);
      expect(() => nk.hashLow64(b(16 * 5), 1.5, w(4))).toThrow(RangeError);
      expect(() => nk.hashLow64(b(16 * 5), 5, new Uint8Array(40) as unknown as BigUint64Array)).toThrow(/must be a BigUint64Array/);
      expect(() => nk.hashLow64Pair(b(16 * 5), d, 5, w(5), w(4))).toThrow(/hashLow64Pair: out1 has 4 elements/);
      expect(() => nk.hashLsb(b(16 * 48), 48, b(6))).toThrow(/hashLsb: n must be a non-negative multiple of 32, got 48/);
      expect(() => nk.hashLsb(b(16 * 64), 64, b(7))).toThrow(/hashLsb: out has 7 bytes, needs at least 8/);
      expect(() => nk.hashLsbPair(b(16 * 32), d, 32, b(4), b(3))).toThrow(/hashLsbPair: out1 has 3 bytes/);
    });

    it("Gilboa: q, t, x, y, corr and acc", () => {
      const d = b(16);
      expect(() => nk.gilboaSend(b(1024 * 2), d, w(3), 3, b(gilboaCorrectionBytes(3)), w(3))).toThrow(
        /gilboaSend: q has 2048 bytes, needs at least 3072/,
      );
      expect(() => nk.gilboaSend(b(1024 * 3), d, w(2), 3, b(gilboaCorrectionBytes(3)), w(3))).toThrow(/gilboaSend: x has 2 elements/);
      expect(() => nk.gilboaSend(b(1024 * 3), d, w(3), 3, b(gilboaCorrectionBytes(3) - 1), w(3))).toThrow(
        /gilboaSend: corr has 783 bytes, needs at least 784/,
      );
      expect(() => nk.gilboaReceive(b(1024 * 3), w(3), 3, b(gilboaCorrectionBytes(3)), w(2))).toThrow(/gilboaReceive: acc has 2 elements/);
      expect(() => nk.gilboaReceive(b(1024 * 3), w(3), 3, b(100), w(3))).toThrow(/gilboaReceive: corr has 100 bytes/);
    });

    it("the addon itself refuses wrong sizes when called around the wrapper", () => {
      const raw = rawAddon();
      const ks = b(176);
      expect(() => raw.hash(ks, b(32), b(16))).toThrow(/native hash: out has 16 bytes, needs at least 32/);
      expect(() => raw.hashLow64(b(100), b(64), 4, w(4))).toThrow(/key schedule has 100 bytes/);
      expect(() => raw.iknpExtend(b(192 * 255), b(16), 128, b(2048), b(2048))).toThrow(/iknpExtend: state has 48960 bytes/);
      expect(() => raw.iknpExpand(b(192 * 128), b(16), b(2048), 100, b(2048))).toThrow(/multiple of 128/);
      expect(() => raw.gilboaSend(ks, b(1024), b(16), w(1), 2, b(1000), w(2))).toThrow(/gilboaSend: q has 1024 bytes/);
      expect(() => raw.gilboaReceive(ks, b(1024), w(1), 1, b(263), w(1))).toThrow(/gilboaReceive: corr has 263 bytes, needs at least 264/);
      expect(() => raw.hash(ks, new Uint16Array(16) as unknown as Uint8Array, b(32))).toThrow(/blocks must be a Uint8Array/);
      expect(() => (raw.hash as (...a: unknown[]) => void)(ks, b(16))).toThrow(/takes 3 arguments, got 2/);
      const lpn = raw.lpnEncode as (...a: unknown[]) => void;
      expect(() => lpn(ks, b(16), b(16), 128)).toThrow(/lpnEncode: the optional last argument \(wide\) must be a boolean or 0, 256 or 512/);
      expect(() => lpn(ks, b(16), b(16), "256")).toThrow(/must be a boolean or 0, 256 or 512/);
    });
  });

  describe("known-answer test", () => {
    it("passes on this build", () => {
      expect(knownAnswerTest(rawAddon())).toBeUndefined();
    });

    it("rejects a wrong AES or CTR vector", () => {
      const raw = rawAddon();
      const wrongAes = { ...KAT_VECTORS, aes: { ...KAT_VECTORS.aes, ciphertext: "69c4e0d86a7b0430d8cdb78070b4c55b" } };
      expect(knownAnswerTest(raw, wrongAes)).toMatch(/AES-128 differs from the FIPS-197 vector/);
      const wrongCtr = {
        ...KAT_VECTORS,
        ctr: { ...KAT_VECTORS.ctr, keystream: `${KAT_VECTORS.ctr.keystream.slice(0, 40)}00${KAT_VECTORS.ctr.keystream.slice(42)}` },
      };
      expect(knownAnswerTest(raw, wrongCtr)).toMatch(/AES-CTR keystream differs/);
    });

    it("rejects an addon whose kernels are subtly broken", () => {
      const raw = rawAddon();
      const broken = (patch: Partial<NativeAddon>): NativeAddon => ({ ...raw, ...patch });
      // One flipped bit in one output block.
      const hashFlip = broken({
        hash: (ks, blocks, out) => {
          raw.hash(ks, blocks, out);
          if (out.length > 16 * 5) out[16 * 5]! ^= 2;
        },
      });
      expect(knownAnswerTest(hashFlip)).toMatch(/hash differs from CrHash/);
      // A transpose that swaps two OTs' blocks.
      const swapped = broken({
        iknpExtend: (state, r, n, u, t) => {
          raw.iknpExtend(state, r, n, u, t);
          const a = t.slice(16 * 3, 16 * 4);
          t.copyWithin(16 * 3, 16 * 9, 16 * 10);
          t.set(a, 16 * 9);
        },
      });
      expect(knownAnswerTest(swapped)).toMatch(/iknp extend: t is not the transpose/);
      // A receiver share off by one.
      const offByOne = broken({
        gilboaReceive: (ks, t, y, n, corr, acc) => {
          raw.gilboaReceive(ks, t, y, n, corr, acc);
          acc[n - 1] = acc[n - 1]! + 1n;
        },
      });
      expect(knownAnswerTest(offByOne)).toMatch(/gilboa: shares of product 2 do not sum/);
      // Low-64 outputs read from the wrong half of the hash.
      const wrongHalf = broken({
        hashLow64Pair: (ks, q, delta, n, out0, out1) => {
          raw.hashLow64Pair(ks, q, delta, n, out1, out0);
        },
      });
      expect(knownAnswerTest(wrongHalf)).toMatch(/hashLow64Pair differs/);
      // Ferret: a GGM leaf flipped, a punctured sibling flipped, the code's last output untouched.
      const ggmFlip = broken({
        ggmSend: (kl, kr, roots, h, leaves, sums) => {
          raw.ggmSend(kl, kr, roots, h, leaves, sums);
          leaves[16 * 40]! ^= 1;
        },
      });
      expect(knownAnswerTest(ggmFlip)).toMatch(/ggmExpand: leaves of tree 1 differ/);
      const punctureFlip = broken({
        ggmPuncture: (kl, kr, h, choices, k, c, leaves) => {
          raw.ggmPuncture(kl, kr, h, choices, k, c, leaves);
          leaves[16 * 70 + 3]! ^= 1;
        },
      });
      expect(knownAnswerTest(punctureFlip)).toMatch(/ggmPuncture: leaf 6 of tree 2 differs/);
      const shortCode = broken({
        lpnEncodeBits: (ks, base, baseBits, out, outBits) => {
          raw.lpnEncodeBits(ks, base, baseBits, out.subarray(0, out.length - 16), outBits.subarray(0, outBits.length - 1));
        },
      });
      expect(knownAnswerTest(shortCode)).toMatch(/lpnEncodeBits differs/);
    });
  });
});
