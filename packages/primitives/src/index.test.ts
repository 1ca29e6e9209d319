import { describe, expect, it } from "vitest";
import { RING_BITS } from "@petace/primitives";
describe("setup", () => { it("resolves the source", () => { expect(RING_BITS).toBe(64); }); });
