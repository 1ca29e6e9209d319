import { memoryPair } from "@petace/network";
import { describe, expect, it } from "vitest";
import { decodeFixed, encodeFixed } from "@petace/primitives";
import { refRunner } from "../../test/runner.js";

describe("ref backend", () => {
  const k = refRunner({ fracBits: 16 });

  it("multiplies rounding to nearest, ties up (toward +∞)", async () => {
    const x = encodeFixed([1.5, -1.5, 2 ** -16, -(2 ** -16), 3]);
    const y = encodeFixed([2, 2, 0.5, 0.5, -1 / 3]);
    // ±2^−17 are ties: both go up; 3·(−21845·2^−16) = −65534.99… ulp rounds to −65535.
    expect(Array.from(decodeFixed(await k.run("mul_aa", [x, y])))).toEqual([3, -3, 2 ** -16, 0, -65535 / 65536]);
  });

  it("matmul agrees with float64 on small integers", async () => {
    const x = encodeFixed([1, 2, 3, 4, 5, 6]);
    const y = encodeFixed([1, 0, -1, 2, 0.5, 0.5]);
    expect(Array.from(decodeFixed(await k.run("matmul_aa", [x, y], { m: 2, k: 3, n: 2 })))).toEqual([
      1 - 2 + 1.5,
      4 + 1.5,
      4 - 5 + 3,
      10 + 3,
    ]);
  });

  it("two parties: input crosses the channel in the clear, both then hold the value", async () => {
    const [c0, c1] = memoryPair();
    const k0 = refRunner({ channel: c0 }),
      k1 = refRunner({ channel: c1 });
    const x = encodeFixed([7, -8]);
    const [a, b] = await Promise.all([k0.input(0, x, 2), k1.input(0, null, 2)]);
    expect(a).toEqual(x);
    expect(b).toEqual(x);
    expect(await k1.revealTo(b, 0)).toBeNull();
    await c0.close();
  });
});
