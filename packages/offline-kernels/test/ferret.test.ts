/**
 * The Ferret kernels (GGM forest, punctured forest, local linear code): the reference does what the
 * protocol needs, and the portable and native kernels equal it byte for byte on seeded random
 * inputs, and each other on sizes that cross their chunk and group boundaries.
 */
import { describe, expect, it } from "vitest";
import { SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import type { OfflineKernels } from "../src/kernels.js";
import { loadNativeKernels } from "../src/native/load.js";
import { portableKernels } from "../src/portable/index.js";
import { referenceKernels as ref } from "./reference.js";

const native = loadNativeKernels().kernels;
const impls: [string, OfflineKernels][] = [["portable", portableKernels()]];
if (native) impls.push(["native", native]);

function same(a: Uint8Array, b: Uint8Array, what: string): void {
  expect(a.length, `${what}: length`).toBe(b.length);
  if (Buffer.compare(a, b) === 0) return;
  const i = a.findIndex((v, k) => v !== b[k]);
  expect.fail(`${what}: first difference at byte ${i} (${a[i]} vs ${b[i]})`);
}

/** A sender forest and the receiver's inputs for it: random choices, K_b and c = Δ ⊕ ⊕ leaves. */
function forest(kk: OfflineKernels, rng: SeededRandom, trees: number, depth: number) {
  const keys = rng.bytes(32);
  const roots = rng.bytes(16 * trees);
  const delta = rng.bytes(16);
  const leaves = new Uint8Array((16 * trees) << depth);
  const sums = new Uint8Array(32 * trees * depth);
  kk.ggmExpand(keys, roots, depth, leaves, sums);
  const choices = rng.bytes(trees * depth).map((b) => b & 1);
  const k = new Uint8Array(16 * trees * depth);
  const c = new Uint8Array(16 * trees);
  for (let tau = 0; tau < trees; tau++) {
    for (let i = 0; i < depth; i++) {
      const at = tau * depth + i;
      k.set(sums.subarray(32 * at + 16 * choices[at]!, 32 * at + 16 * choices[at]! + 16), 16 * at);
    }
    const last = 32 * (tau * depth + depth - 1);
    for (let b = 0; b < 16; b++) c[16 * tau + b] = delta[b]! ^ sums[last + b]! ^ sums[last + 16 + b]!;
  }
  return { keys, roots, delta, leaves, sums, choices, k, c };
}

describe("reference Ferret kernels", () => {
  it("the punctured forest equals the sender's but at the path's leaf, which is v ⊕ Δ", () => {
    const seed = testSeed();
    const rng = new SeededRandom(seed);
    const [trees, depth] = [3, 5];
    const f = forest(ref, rng, trees, depth);
    const got = new Uint8Array(f.leaves.length);
    ref.ggmPuncture(f.keys, depth, f.choices, f.k, f.c, got);
    for (let tau = 0; tau < trees; tau++) {
      let alpha = 0;
      for (let i = 0; i < depth; i++) alpha = 2 * alpha + 1 - f.choices[tau * depth + i]!;
      for (let j = 0; j < 1 << depth; j++)
        for (let b = 0; b < 16; b++) {
          const at = 16 * ((tau << depth) + j) + b;
          expect(got[at]! ^ f.leaves[at]!, `seed ${seed}, tree ${tau}, leaf ${j}`).toBe(j === alpha ? f.delta[b]! : 0);
        }
    }
  });

  it("level sums are the XOR of the level's even and odd nodes (depth 1: the two leaves)", () => {
    const rng = new SeededRandom(testSeed());
    const f = forest(ref, rng, 2, 1);
    same(f.sums, f.leaves, "sums of depth 1");
  });
});

describe.each(impls)("%s Ferret kernels against the reference", (_, kk) => {
  it.each([
    [1, 1],
    [3, 4],
    [5, 7],
    [9, 10],
  ])("GGM forest and its puncturing, %i trees of depth %i", (trees, depth) => {
    const seed = testSeed();
    const want = forest(ref, new SeededRandom(seed), trees, depth);
    const got = forest(kk, new SeededRandom(seed), trees, depth);
    same(got.leaves, want.leaves, `seed ${seed}: leaves`);
    same(got.sums, want.sums, `seed ${seed}: sums`);
    const a = new Uint8Array(want.leaves.length);
    const b = new Uint8Array(want.leaves.length).fill(0xa5);
    ref.ggmPuncture(want.keys, depth, want.choices, want.k, want.c, a);
    kk.ggmPuncture(want.keys, depth, want.choices, want.k, want.c, b);
    same(b, a, `seed ${seed}: punctured leaves`);
  });

  it.each([
    [1, 1],
    [37, 1000],
    [5000, 4097],
  ])("local linear code, k = %i, n = %i, keys and bits", (k, n) => {
    const seed = testSeed();
    const rng = new SeededRandom(seed);
    const lpnSeed = rng.bytes(16);
    const base = rng.bytes(16 * k);
    const baseBits = rng.bytes(k).map((b) => b & 1);
    const out = rng.bytes(16 * n);
    const outBits = rng.bytes(n).map((b) => b & 1);
    const [o1, o2, o3] = [out.slice(), out.slice(), out.slice()];
    const [b1, b2] = [outBits.slice(), outBits.slice()];
    ref.lpnEncodeBits(lpnSeed, base, baseBits, o1, b1);
    kk.lpnEncodeBits(lpnSeed, base, baseBits, o2, b2);
    kk.lpnEncode(lpnSeed, base, o3);
    same(o2, o1, `seed ${seed}: keys`);
    same(b2, b1, `seed ${seed}: bits`);
    same(o3, o1, `seed ${seed}: keys without bits`);
  });

  it("checks sizes with errors that name the kernel and the argument", () => {
    const keys = new Uint8Array(32);
    expect(() => kk.ggmExpand(keys, new Uint8Array(32), 3, new Uint8Array(16 * 15), new Uint8Array(192))).toThrow(/ggmExpand: leaves/);
    expect(() => kk.ggmExpand(keys, new Uint8Array(32), 0, new Uint8Array(32), new Uint8Array(0))).toThrow(/ggmExpand: depth/);
    expect(() => kk.ggmExpand(new Uint8Array(16), new Uint8Array(32), 1, new Uint8Array(64), new Uint8Array(64))).toThrow(
      /ggmExpand: keys/,
    );
    expect(() => kk.ggmPuncture(keys, 2, new Uint8Array(3), new Uint8Array(64), new Uint8Array(32), new Uint8Array(128))).toThrow(
      /ggmPuncture: choices/,
    );
    expect(() => kk.lpnEncode(new Uint8Array(16), new Uint8Array(0), new Uint8Array(16))).toThrow(/lpnEncode: base/);
    expect(() =>
      kk.lpnEncodeBits(new Uint8Array(16), new Uint8Array(32), new Uint8Array(1), new Uint8Array(16), new Uint8Array(1)),
    ).toThrow(/lpnEncodeBits: baseBits/);
  });
});

describe.runIf(native !== undefined)("native and portable Ferret kernels agree on larger sizes", () => {
  it("GGM across the portable path's AES chunks and tree groups (40 trees of depth 13)", () => {
    const seed = testSeed();
    const a = forest(native!, new SeededRandom(seed), 40, 13);
    const b = forest(portableKernels(), new SeededRandom(seed), 40, 13);
    same(b.leaves, a.leaves, `seed ${seed}: leaves`);
    same(b.sums, a.sums, `seed ${seed}: sums`);
    const x = new Uint8Array(a.leaves.length);
    const y = new Uint8Array(a.leaves.length);
    native!.ggmPuncture(a.keys, 13, a.choices, a.k, a.c, x);
    portableKernels().ggmPuncture(a.keys, 13, a.choices, a.k, a.c, y);
    same(y, x, `seed ${seed}: punctured leaves`);
  });

  it("local linear code over many chunks (k = 70000, n = 100001)", () => {
    const seed = testSeed();
    const rng = new SeededRandom(seed);
    const lpnSeed = rng.bytes(16);
    const base = rng.bytes(16 * 70000);
    const baseBits = rng.bytes(70000).map((b) => b & 1);
    const out = rng.bytes(16 * 100001);
    const outBits = rng.bytes(100001).map((b) => b & 1);
    const [o1, o2, b1, b2] = [out.slice(), out.slice(), outBits.slice(), outBits.slice()];
    native!.lpnEncodeBits(lpnSeed, base, baseBits, o1, b1);
    portableKernels().lpnEncodeBits(lpnSeed, base, baseBits, o2, b2);
    same(o2, o1, `seed ${seed}: keys`);
    same(b2, b1, `seed ${seed}: bits`);
  });
});
