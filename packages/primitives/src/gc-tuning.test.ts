import { describe, expect, it } from "vitest";
import { tuneGcForMpc } from "./gc-tuning.js";

describe("tuneGcForMpc", () => {
  it("sets the V8 flag in Node and says so", () => {
    expect(tuneGcForMpc()).toBe(true);
    expect(tuneGcForMpc()).toBe(true); // idempotent
  });

  it("does nothing and says so where node:v8 is missing (browsers)", () => {
    const p = process as { getBuiltinModule?: unknown };
    const saved = p.getBuiltinModule;
    p.getBuiltinModule = undefined;
    try {
      expect(tuneGcForMpc()).toBe(false);
    } finally {
      p.getBuiltinModule = saved;
    }
  });
});
