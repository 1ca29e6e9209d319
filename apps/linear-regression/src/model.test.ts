import { runLocal } from "@petace/duet";
import * as snp from "@petace/securenumpy";
import { describe, expect, it } from "vitest";
import { DEFAULTS, TOLERANCE, train, type TrainOptions } from "./train.js";
import { insecureDealer } from "@petace/duet";

// Both parties in one process (the in-memory channel); the INSECURE dealer makes triples fast here.
const both = (o: Partial<TrainOptions>) =>
  runLocal((vm, party) => train(snp.use(vm), party, { ...DEFAULTS, rows: 200, ...o }), { correlations: insecureDealer });

describe("gradient descent on shares vs plaintext", () => {
  it("linear regression, vertical split: coefficients and losses match plaintext training", async () => {
    const [r0, r1] = await both({ task: "linear", split: "vertical", iterations: 30 });
    expect(r1.maxCoefficientError).toBeLessThanOrEqual(TOLERANCE);
    expect(r0.theta).toEqual(r1.theta); // both parties get the model
    expect(r1.theta[2]).toBeCloseTo(-2, 1); // and it is near the truth
    expect(r1.losses).toHaveLength(30);
    for (const l of r1.losses) expect(Math.abs(l.secure - l.plain)).toBeLessThan(1e-3 + 1e-2 * l.plain);
    expect(r0.losses).toEqual([]); // the loss goes to party 1 only
    expect(r0.heldOut).toBeNull();
  });

  it("linear regression, horizontal split", async () => {
    const [, r1] = await both({ task: "linear", split: "horizontal", iterations: 20, lossEvery: 0 });
    expect(r1.maxCoefficientError).toBeLessThanOrEqual(TOLERANCE);
    expect(r1.heldOut!.secure).toBeCloseTo(r1.heldOut!.plain, 2);
  });

  it("logistic regression, vertical split (held column blocks): coefficients, losses and held-out accuracy", async () => {
    const [, r1] = await both({ task: "logistic", split: "vertical", iterations: 15, lossEvery: 5 });
    expect(r1.maxCoefficientError).toBeLessThanOrEqual(TOLERANCE);
    for (const l of r1.losses) expect(Math.abs(l.secure - l.plain)).toBeLessThan(1e-3 + 1e-2 * l.plain);
    expect(Math.abs(r1.heldOut!.secure - r1.heldOut!.plain)).toBeLessThanOrEqual(0.025);
  });

  it("logistic regression with the sigmoid: coefficients and held-out accuracy", async () => {
    const [, r1] = await both({ task: "logistic", split: "horizontal", iterations: 15, lossEvery: 5 });
    expect(r1.maxCoefficientError).toBeLessThanOrEqual(TOLERANCE);
    expect(r1.heldOut!.metric).toBe("accuracy");
    expect(Math.abs(r1.heldOut!.secure - r1.heldOut!.plain)).toBeLessThanOrEqual(0.025); // at most one of 40 held-out rows flips
    expect(r1.heldOut!.secure).toBeGreaterThan(0.7);
  });
});
