/**
 * One Ferret iteration with each party on different offline kernels (native and portable, either
 * way round), over base COTs made in the clear: the outputs are COTs under the sender's Δ, and the
 * receiver's outputs from one message are the same bytes on both kernels. Without the native
 * kernels, portable against portable.
 */
import { describe, expect, it } from "vitest";
import { loadNativeKernels, type OfflineKernels, portableKernels } from "@petace/offline-kernels";
import { SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { firstCotMismatch } from "../../test/check.js";
import { INSECURE_TEST_PARAMS } from "../../test/ferret-params.js";
import { ferretReceiveStep, ferretSendStep } from "./iteration.js";
import { baseCount, type FerretParams } from "./params.js";

const native = loadNativeKernels().kernels;
const portable = portableKernels();
const other = native ?? portable;

/** Base COTs in the clear (test only): sender keys q, receiver choices b (bytes 0/1) and keys q ⊕ b·Δ. */
function fakeBase(rng: SeededRandom, m: number, delta: Uint8Array) {
  const q = rng.bytes(16 * m);
  const b = new Uint8Array(m).map(() => rng.u32() & 1);
  const t = q.slice();
  for (let j = 0; j < m; j++) if (b[j]) for (let i = 0; i < 16; i++) t[16 * j + i]! ^= delta[i]!;
  return { q, t, b };
}

const pack = (bytes: Uint8Array): Uint8Array => {
  const out = new Uint8Array((bytes.length + 7) >>> 3);
  for (let j = 0; j < bytes.length; j++) out[j >>> 3]! |= bytes[j]! << (j & 7);
  return out;
};

// The second set crosses the portable kernels' tree groups (16 trees of depth 13) and code chunks.
const SETS: [string, FerretParams][] = [
  ["test main", INSECURE_TEST_PARAMS.main],
  ["40 trees of depth 13", { n: 40 << 13, k: 20_000, t: 40, h: 13 }],
];

describe.each(SETS)("a Ferret iteration across kernels (%s)", (_, p) => {
  it.each([
    [`sender ${other.name}, receiver portable`, other, portable],
    [`sender portable, receiver ${other.name}`, portable, other],
  ] as [string, OfflineKernels, OfflineKernels][])("%s", (_, sk, rk) => {
    const seed = testSeed();
    const rng = new SeededRandom(seed);
    const delta = rng.bytes(16);
    const { q, t, b } = fakeBase(rng, baseCount(p), delta);
    const sent = ferretSendStep(p, q, delta, sk);
    const got = ferretReceiveStep(p, t, b, sent.msg, rk);
    expect(firstCotMismatch(sent.keys, got.keys, pack(got.choices), delta, p.n), `seed ${seed}`).toBe(-1);
    const ones = got.choices.reduce((a, c) => a + c, 0);
    expect(ones, `seed ${seed}: choices about half ones`).toBeGreaterThan(p.n * 0.45);
    expect(ones).toBeLessThan(p.n * 0.55);
    // The same message on the sender's kernels gives the same bytes.
    const again = ferretReceiveStep(p, t, b, sent.msg, sk);
    expect(Buffer.compare(again.keys, got.keys), `seed ${seed}: keys`).toBe(0);
    expect(Buffer.compare(again.choices, got.choices), `seed ${seed}: choices`).toBe(0);
  });
});
