/**
 * The flat-position helper against a plain reference: every element's multi-index by division, then
 * the sum of its offsets, with no odometer, so the two cannot share a carry bug.
 */
import { describe, expect, it } from "vitest";
import { rng } from "../../test/util.js";
import { gridIndex, stridedIndex } from "./strides.js";

function multiIndex(i: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let j = shape.length - 1; j >= 0; j--) {
    idx[j] = i % shape[j]!;
    i = Math.floor(i / shape[j]!);
  }
  return idx;
}

function refGrid(steps: readonly (readonly number[])[], offset: number): number[] {
  const shape = steps.map((t) => t.length);
  const n = shape.reduce((a, b) => a * b, 1);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(multiIndex(i, shape).reduce((s, k, j) => s + steps[j]![k]!, offset));
  return out;
}

function refStrided(shape: readonly number[], strides: readonly number[], offset: number): number[] {
  return refGrid(
    shape.map((d, j) => Array.from({ length: d }, (_, k) => k * strides[j]!)),
    offset,
  );
}

describe("stridedIndex", () => {
  it("matches the reference on random shapes, with negative, zero and positive strides", () => {
    const r = rng(7);
    for (let trial = 0; trial < 300; trial++) {
      const nd = Math.floor(r() * 5);
      const shape = Array.from({ length: nd }, () => Math.floor(r() * 5));
      const strides = shape.map(() => Math.floor(r() * 9) - 4);
      // The smallest offset that keeps every position non-negative (as a flip's offset does).
      const offset = shape.reduce((s, d, j) => s + Math.max(0, -(d - 1) * strides[j]!), 0) + Math.floor(r() * 3);
      expect(Array.from(stridedIndex(shape, strides, offset)), `shape [${shape}] strides [${strides}] offset ${offset}`).toEqual(
        refStrided(shape, strides, offset),
      );
    }
  });

  it("a 0-D view is its offset; an empty axis gives no positions", () => {
    expect(Array.from(stridedIndex([], [], 5))).toEqual([5]);
    expect(stridedIndex([3, 0, 2], [2, 1, 1]).length).toBe(0);
  });

  it("C-order strides give 0, 1, 2, ...; a transpose's strides give the transpose", () => {
    expect(Array.from(stridedIndex([2, 3], [3, 1]))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(stridedIndex([3, 2], [1, 3]))).toEqual([0, 3, 1, 4, 2, 5]);
  });
});

describe("gridIndex", () => {
  it("matches the reference on random offset tables", () => {
    const r = rng(11);
    for (let trial = 0; trial < 300; trial++) {
      const nd = Math.floor(r() * 4);
      const steps = Array.from({ length: nd }, () => Array.from({ length: Math.floor(r() * 4) }, () => Math.floor(r() * 20)));
      const offset = Math.floor(r() * 5);
      expect(Array.from(gridIndex(steps, offset)), JSON.stringify({ steps, offset })).toEqual(refGrid(steps, offset));
    }
  });
});
