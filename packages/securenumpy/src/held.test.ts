/**
 * Held arrays (`snp.array(data, owner, { held: true })`): a party's plaintext matrix times shared
 * values is one OT cross term (protocols' matmul_oa), for X·w and X.T·r alike, and agrees with the
 * plaintext product.
 */
import { describe, expect, it } from "vitest";
import { both } from "../test/util.js";

const [m, k] = [37, 5];
const X = Array.from({ length: m }, (_, i) => Array.from({ length: k }, (_, j) => (((i * 7 + j * 3) % 9) - 4) / 4));
const w = Array.from({ length: k }, (_, j) => ((j % 3) - 1) / 2 + 0.125);
const r = Array.from({ length: m }, (_, i) => ((i % 5) - 2) / 2);
const Xw = X.map((row) => row.reduce((s, v, j) => s + v * w[j]!, 0));
const XTr = w.map((_, j) => X.reduce((s, row, i) => s + row[j]! * r[i]!, 0));

async function products(opts?: Parameters<typeof both>[1]) {
  return both(async (np, party, vm) => {
    const x = await np.array(party === 1 ? X : null, 1, { held: true });
    const ws = await np.array(party === 0 ? w : null, 0);
    const rs = await np.array(party === 0 ? r : null, 0);
    const a = np.dot(x, ws);
    const b = np.dot(x.T, rs);
    const sum = x.add(1); // an ordinary shared array again
    const c = np.dot(sum, ws);
    const out = {
      a: (await a.reveal()).tolist() as number[],
      b: (await b.reveal()).tolist() as number[],
      c: (await c.reveal()).tolist() as number[],
    };
    return { ...out, ops: vm.profile().rows.map((row) => row.op) };
  }, opts);
}

function check(res: { a: number[]; b: number[]; c: number[]; ops: string[] }): void {
  res.a.forEach((v, i) => expect(Math.abs(v - Xw[i]!)).toBeLessThan(2 ** -15));
  res.b.forEach((v, j) => expect(Math.abs(v - XTr[j]!)).toBeLessThan(2 ** -15));
  const Xw1 = X.map((row) => row.reduce((s, v, j) => s + (v + 1) * w[j]!, 0));
  res.c.forEach((v, i) => expect(Math.abs(v - Xw1[i]!)).toBeLessThan(2 ** -15));
  expect(res.ops).toContain("matmul_oa");
  expect(res.ops).toContain("matmul_aa"); // the sum is not held
}

describe("held arrays", () => {
  it("X·w and X.T·r with X held by one party agree with the plaintext products (dealer)", async () => {
    const [r0, r1] = await products();
    check(r0);
    expect(r1.a).toEqual(r0.a);
  });

  it("the same with the default OT correlations", { timeout: 30_000 }, async () => {
    const [r0] = await products({});
    check(r0);
  });

  it("bool data cannot be held", async () => {
    await expect(
      both(async (np, party) => {
        await np.array(party === 0 ? [true, false] : null, 0, { held: true });
      }),
    ).rejects.toThrow(/array: held arrays must be numeric/);
  });
});
