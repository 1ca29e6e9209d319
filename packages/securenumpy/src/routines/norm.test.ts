/**
 * linalg.norm against NumPy (test/fixtures/linalg.json, scripts/golden/linalg.py): vector and matrix
 * orders, axes (negative, pairs in either order), keepdims, int64 input. Inputs are multiples of
 * 1/4, so sums of squares, sums and extremes are exact: the 1, ∞, −∞ and 0 norms must match
 * exactly, the 2-norms within sqrt's accuracy, stated as 2 ulp + 1e-5 relative.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { SecureArray } from "../core/secure-array.js";
import { both, expectClose, toPlainArray, type Ref } from "../../test/util.js";

interface NormCase {
  x: Ref;
  ord: number | string | null;
  axis: number | number[] | null;
  keepdims: boolean;
  out: Ref;
}
const fx = JSON.parse(readFileSync(new URL("../../test/fixtures/linalg.json", import.meta.url), "utf8")) as {
  seed: number;
  norm: NormCase[];
};
const ordOf = (o: NormCase["ord"]): number | "fro" | null =>
  o === "inf" ? Number.POSITIVE_INFINITY : o === "-inf" ? Number.NEGATIVE_INFINITY : (o as number | "fro" | null);
const isTwoNorm = (c: NormCase): boolean =>
  c.ord === null || c.ord === "fro" || (c.ord === 2 && (c.axis === null || typeof c.axis === "number"));

describe("linalg.norm (NumPy golden values)", () => {
  it(`${fx.norm.length} cases (fixture seed ${fx.seed})`, async () => {
    const [r] = await both(async (np, party) => {
      const out: SecureArray[] = [];
      for (const c of fx.norm) {
        const x = await np.array(party === 0 ? toPlainArray(c.x) : null, 0);
        out.push(np.linalg.norm(x, ordOf(c.ord), c.axis, { keepdims: c.keepdims }));
      }
      return Promise.all(out.map((x) => x.reveal()));
    });
    fx.norm.forEach((c, i) => {
      const what = `norm(${c.x.dtype} ${c.x.shape.join("×")}, ord ${c.ord}, axis ${JSON.stringify(c.axis)}, keepdims ${c.keepdims})`;
      expectClose(r[i]!, c.out, isTwoNorm(c) ? { abs: 2 * 2 ** -16, rel: 1e-5 } : {}, what);
    });
  });

  it("unsupported orders and bad axes are errors naming what is wrong", async () => {
    await both(async (np, party) => {
      const m = await np.array(
        party === 0
          ? [
              [1, 2],
              [3, 4],
            ]
          : null,
        0,
      );
      expect(() => np.linalg.norm(m, 2)).toThrow(/^linalg\.norm: the matrix 2-norm needs singular values/);
      expect(() => np.linalg.norm(m, "nuc")).toThrow(/^linalg\.norm: the matrix nuc-norm needs singular values/);
      expect(() => np.linalg.norm(m, 3, 0)).toThrow(/^linalg\.norm: vector ord 3 is not supported; use null, 2, 1/);
      expect(() => np.linalg.norm(m, 1, [0, 0])).toThrow(/^linalg\.norm: the two axes of a matrix norm must differ/);
      expect(() => np.linalg.norm(m, null, 2)).toThrow(/^linalg\.norm: axis 2 is out of bounds/);
      expect(() => np.linalg.norm(m.reshape([1, 2, 2]), 1)).toThrow(/^linalg\.norm: with ord and no axis, x must be 1-D or 2-D/);
      expect(() => np.linalg.norm(m, "x" as never)).toThrow(TypeError);
      return null;
    });
  });
});
