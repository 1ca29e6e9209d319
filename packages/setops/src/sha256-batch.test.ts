import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { sha256First16 } from "./sha256-batch.js";

describe("sha256First16", () => {
  it("equals node:crypto's SHA-256 (first 16 bytes) for every length from 0 to 300 bytes, padding boundaries included", () => {
    const rng = new SeededRandom(testSeed());
    const lens = Array.from({ length: 301 }, (_, i) => i);
    const starts = new Int32Array(lens.length + 1);
    for (let i = 0; i < lens.length; i++) starts[i + 1] = starts[i]! + lens[i]!;
    const data = rng.bytes(starts[lens.length]!);
    const out = new Uint8Array(16 * lens.length);
    sha256First16(data, starts, lens.length, out);
    let wrong = 0;
    for (let i = 0; i < lens.length; i++) {
      const want = createHash("sha256")
        .update(data.subarray(starts[i]!, starts[i + 1]!))
        .digest()
        .subarray(0, 16);
      if (Buffer.compare(want, out.subarray(16 * i, 16 * i + 16)) !== 0) wrong++;
    }
    expect(wrong).toBe(0);
  });

  it("matches the FIPS 180-4 example digests of 'abc' and the empty message", () => {
    const abc = new TextEncoder().encode("abc");
    const out = new Uint8Array(32);
    sha256First16(abc, Int32Array.of(0, 3, 3), 2, out);
    expect(Buffer.from(out.subarray(0, 16)).toString("hex")).toBe("ba7816bf8f01cfea414140de5dae2223");
    expect(Buffer.from(out.subarray(16)).toString("hex")).toBe("e3b0c44298fc1c149afbf4c8996fb924");
  });
});
