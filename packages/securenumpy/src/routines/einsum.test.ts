/**
 * einsum and tensordot against NumPy's own results (test/fixtures/contractions.json, written by
 * scripts/golden/contractions.py). The operands are multiples of 1/4, so every product and sum is
 * exact in fixed point with 16 fractional bits: the bound is 0 (one rounding to nearest of an exact
 * value), stated as half an ulp.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { SecureArray } from "../core/secure-array.js";
import { layoutBytes } from "./batched-product.js";
import { both, expectClose, toPlainArray, type Ref } from "../../test/util.js";

interface Case {
  kind: "einsum" | "tensordot";
  subscripts?: string;
  axes?: unknown;
  inputs: Ref[];
  out: Ref;
}
const fixture = JSON.parse(readFileSync(new URL("../../test/fixtures/contractions.json", import.meta.url), "utf8")) as {
  seed: number;
  cases: Case[];
};
const HALF_ULP = 2 ** -17;
const what = (c: Case) => (c.kind === "einsum" ? `einsum("${c.subscripts}")` : `tensordot(axes ${JSON.stringify(c.axes)})`);

describe("einsum and tensordot (NumPy golden values)", () => {
  it(`all ${fixture.cases.length} cases, operands owned by different parties (fixture seed ${fixture.seed})`, async () => {
    const [r] = await both(async (np, party) => {
      const results: SecureArray[] = [];
      for (const c of fixture.cases) {
        const xs = await Promise.all(c.inputs.map((ref, i) => np.array(party === i ? toPlainArray(ref) : null, i as 0 | 1)));
        results.push(c.kind === "einsum" ? np.einsum(c.subscripts!, xs[0], xs[1]) : np.tensordot(xs[0], xs[1], c.axes as number));
      }
      return Promise.all(results.map((x) => x.reveal()));
    });
    fixture.cases.forEach((c, i) => expectClose(r[i]!, c.out, { abs: HALF_ULP }, what(c)));
  });

  it("a public operand (a PlainArray) on either side, every two-operand case", async () => {
    const pick = fixture.cases.filter((c) => c.inputs.length === 2);
    const [r] = await both(async (np, party) => {
      const out: SecureArray[] = [];
      for (const c of pick)
        for (const secret of [0, 1]) {
          const x = await np.array(party === 0 ? toPlainArray(c.inputs[secret]!) : null, 0);
          const pub = toPlainArray(c.inputs[1 - secret]!);
          const ops = secret === 0 ? [x, pub] : [pub, x];
          out.push(c.kind === "einsum" ? np.einsum(c.subscripts!, ops[0], ops[1]) : np.tensordot(ops[0], ops[1], c.axes as number));
        }
      return Promise.all(out.map((x) => x.reveal()));
    });
    pick.forEach((c, i) => {
      for (const side of [0, 1]) expectClose(r[2 * i + side]!, c.out, { abs: HALF_ULP }, `${what(c)} with operand ${1 - side} public`);
    });
  });

  it("a public operand needs no triple: no matrix product kernel, fewer bytes", async () => {
    const [r] = await both(async (np, party, vm) => {
      const a = (await np.array(party === 0 ? new Array(16 * 32).fill(0.5) : null, 0)).reshape([16, 32]);
      const b = (await np.array(party === 1 ? new Array(32 * 16).fill(0.25) : null, 1)).reshape([32, 16]);
      const products = () => vm.profile().rows.find((row) => row.op === "matmul_aa")?.calls ?? 0;
      const cost = async (f: () => SecureArray) => {
        const [sent, calls] = [vm.stats.bytesSent, products()];
        const v = (await f().reveal()).toNumbers()[0];
        return { sent: vm.stats.bytesSent - sent, products: products() - calls, v };
      };
      return {
        secret: await cost(() => np.einsum("ij,jk->ik", a, b)),
        public: await cost(() => np.einsum("ij,jk->ik", a, { data: new Array(32 * 16).fill(0.25), shape: [32, 16] })),
      };
    });
    expect(r.secret.products).toBe(1);
    expect(r.public.products).toBe(0);
    // Both include the reveal (and the public one the VM's check of public operands, see @petace/duet).
    expect(r.public.sent).toBeLessThan(r.secret.sent / 2);
    expect([r.secret.v, r.public.v]).toEqual([4, 4]);
  });

  it("a batched contraction costs the rounds of one matrix product, in each of its three layouts", async () => {
    // (nb, m, k, n) chosen so that the block-diagonal A, block-diagonal B and element-wise layouts win.
    const sizes: [number, number, number, number][] = [
      [8, 3, 4, 5],
      [4, 6, 3, 1],
      [8, 1, 6, 1],
    ];
    const [r] = await both(async (np, party, vm) => {
      const out: { single: number; batched: number; shape: number[]; values: number[] }[] = [];
      for (const [nb, m, k, n] of sizes) {
        const a = await np.array(party === 0 ? new Array(nb * m * k).fill(0.5) : null, 0);
        const b = await np.array(party === 1 ? new Array(nb * k * n).fill(0.25) : null, 1);
        const A = a.reshape([nb, m, k]);
        const B = b.reshape([nb, k, n]);
        let before = vm.stats.rounds;
        await np.einsum("ij,jk->ik", A.get(0), B.get(0)).reveal();
        const single = vm.stats.rounds - before;
        before = vm.stats.rounds;
        const many = await np.einsum("bij,bjk->bik", A, B).reveal();
        out.push({ single, batched: vm.stats.rounds - before, shape: [...many.shape], values: [...many.toNumbers()] });
      }
      return out;
    });
    const chosen = sizes.map(([nb, m, k, n]) => {
      const c = layoutBytes(nb, m, k, n);
      return Object.entries(c).sort((x, y) => x[1] - y[1])[0]![0];
    });
    expect(chosen).toEqual(["blockA", "blockB", "elementwise"]);
    r.forEach((x, i) => {
      const [nb, m, k, n] = sizes[i]!;
      expect(x.batched, `rounds of the batch (${nb}, ${m}, ${k}, ${n})`).toBe(x.single);
      expect(x.shape).toEqual([nb, m, n]);
      expect(x.values.every((v) => v === k * 0.125)).toBe(true);
    });
  });

  it("malformed subscripts and axes are RangeErrors or TypeErrors saying what is wrong", async () => {
    await both(async (np, party) => {
      const m = await np.array(
        party === 0
          ? [
              [1, 2, 3],
              [4, 5, 6],
            ]
          : null,
        0,
      );
      const v = await np.array(party === 1 ? [1, 2, 3] : null, 1);
      expect(() => np.einsum("ij,jk->ik", m)).toThrow(/^einsum: "ij,jk->ik" names 2 operands but 1 was given/);
      expect(() => np.einsum("ij,jk,kl", m, m)).toThrow(/^einsum: "ij,jk,kl" names 3 operands; at most two are supported/);
      expect(() => np.einsum("ijk", m)).toThrow(/^einsum: operand 0's term "ijk" has 3 labels for an operand of 2 dimensions/);
      expect(() => np.einsum("i1,j", m, v)).toThrow(/has the character "1"/);
      expect(() => np.einsum("ij,j->ii", m, v)).toThrow(/repeats the label "i"/);
      expect(() => np.einsum("ij,j->k", m, v)).toThrow(/output label "k" does not appear/);
      expect(() => np.einsum("ij->i->j", m)).toThrow(/more than one "->"/);
      expect(() => np.einsum("ij,i->j", m, v)).toThrow(/label "i" has length 2 in one place and 3 in operand 1.*does not broadcast/);
      expect(() => np.einsum("...i->i", m)).toThrow(/has no "\.\.\." to put them/);
      expect(() => np.einsum(3 as never, m)).toThrow(TypeError);
      expect(() => np.einsum("i,j", [1, 2], [3])).toThrow(/at least one operand must be a SecureArray/);
      expect(() => np.tensordot(m, v, 3)).toThrow(/^tensordot: axes = 3 is more than a's 2 dimensions/);
      expect(() => np.tensordot(m, v, [[0], [0]])).toThrow(/^tensordot: shape-mismatch for sum: a's axis 0 has length 2 and b's axis 0 3/);
      expect(() => np.tensordot(m, v, [[0, 1], [0]])).toThrow(/^tensordot: shape-mismatch for sum: 2 axes of a against 1 of b/);
      expect(() => np.tensordot(m, v, "x" as never)).toThrow(TypeError);
      return null;
    });
  });
});
