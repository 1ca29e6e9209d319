/**
 * Privacy checks: what the COT receiver sees does not depend on the sender's Δ. Its only messages
 * from the sender are in the base OTs, where its own message R_i = Δ_i·S + x_i·G is uniform whatever
 * Δ_i is; after that it receives nothing.
 */
import { describe, expect, it } from "vitest";
import { memoryPair } from "@petace/network";
import { baseOtReceive, baseOtSend, type BaseOtReceiverKeys, type BaseOtSenderKeys } from "./base-ot.js";
import { IknpReceiver, IknpSender } from "./iknp.js";
import { Prg, SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { firstCotMismatch } from "../test/check.js";

const bit = (a: Uint8Array, i: number) => (a[i >>> 3]! >>> (i & 7)) & 1;

/** Largest difference, over the bit positions of `width`-byte records, of the frequency of 1s between two groups. */
function maxBitBias(recs: Uint8Array, width: number, group: (i: number) => number, count: number): number {
  const ones = [new Float64Array(width * 8), new Float64Array(width * 8)];
  const sizes = [0, 0];
  for (let i = 0; i < count; i++) {
    const g = group(i);
    sizes[g]!++;
    for (let b = 0; b < width * 8; b++) ones[g]![b]! += bit(recs, i * width * 8 + b);
  }
  let worst = 0;
  for (let b = 0; b < width * 8; b++) worst = Math.max(worst, Math.abs(ones[0]![b]! / sizes[0]! - ones[1]![b]! / sizes[1]!));
  return worst;
}

describe("the receiver's view does not depend on Δ", () => {
  it("base OT: R_i has the same distribution for choice 0 and choice 1 (statistical)", async () => {
    const n = 768;
    const choices = new Uint8Array(n / 8).fill(0b10101010); // c_i = i & 1
    // Capture the receiver's message from the sender's side of a second run.
    const [d0, d1] = memoryPair();
    const recv = d0.recv.bind(d0);
    let captured = new Uint8Array(0);
    d0.recv = async (tag, opts) => {
      const m = await recv(tag, opts);
      if (tag.endsWith("/R")) captured = m.slice();
      return m;
    };
    const [, keys] = await Promise.all([baseOtSend(d0, n), baseOtReceive(d1, choices, n)]);
    expect(keys.n).toBe(n);
    // 384 samples per group: σ of a difference ≈ 0.036; over 256 bits the max stays below ~0.15.
    const bias = maxBitBias(captured, 32, (i) => i & 1, n);
    expect(bias).toBeLessThan(0.16);
    // The statistic detects a leaky variant: R_i = S whenever c_i = 1.
    const leaky = captured.slice();
    const S = leaky.subarray(32, 64).slice(); // any fixed point stands in for S
    for (let i = 1; i < n; i += 2) leaky.set(S, 32 * i);
    expect(maxBitBias(leaky, 32, (i) => i & 1, n)).toBeGreaterThan(0.3);
  });

  it("IKNP: the receiver's messages and outputs are the same bytes whatever Δ the sender holds", () => {
    const prg = new Prg(new SeededRandom(testSeed()).prgSeed());
    const base: BaseOtSenderKeys = { n: 128, k0: prg.bytes(2048), k1: prg.bytes(2048) };
    const senderFor = (delta: Uint8Array): IknpSender => {
      const k = new Uint8Array(2048);
      for (let i = 0; i < 128; i++) k.set((bit(delta, i) ? base.k1 : base.k0).subarray(16 * i, 16 * i + 16), 16 * i);
      const keys: BaseOtReceiverKeys = { n: 128, choices: delta, k };
      return new IknpSender(keys);
    };
    const n = 4096;
    const r = prg.bytes(n / 8);
    const views = [new Uint8Array(16), new Uint8Array(16).fill(0xff), prg.bytes(16)].map((delta) => {
      const rx = new IknpReceiver(base);
      const { u, t } = rx.extend(r, n);
      const q = senderFor(delta).expand(u, n);
      expect(firstCotMismatch(q, t, r, delta, n)).toBe(-1);
      return Buffer.concat([u, t]).toString("base64");
    });
    expect(views[1]).toBe(views[0]);
    expect(views[2]).toBe(views[0]);
  });
});
