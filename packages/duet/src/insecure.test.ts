/** An insecure VM is never silent: one warning per VM, and the flag in its settings and profile. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { INSECURE_WARNING_CODE, insecureDealer, otCorrelations } from "./index.js";
import { runLocal } from "./run-local.js";

let warnings: Error[] = [];
const listen = (w: Error) => {
  if ((w as { code?: string }).code === INSECURE_WARNING_CODE) warnings.push(w);
};
beforeEach(() => {
  warnings = [];
  process.on("warning", listen);
});
afterEach(() => {
  process.off("warning", listen);
});

/** Warnings are emitted on the next tick: let them arrive. */
const settle = () => new Promise((r) => setImmediate(r));

describe("insecure settings are announced", () => {
  it("the insecure dealer: one SecurityWarning per VM naming the source, insecure in settings and profile", async () => {
    const [s0, s1] = await runLocal((vm) => ({ security: vm.security, profile: vm.profile().security, table: vm.profile().table() }), {
      correlations: insecureDealer,
    });
    await settle();
    expect(s0.security).toEqual({ correlations: "dealer-insecure", backend: "secure", insecure: true });
    expect(s1.profile).toEqual(s1.security);
    expect(s0.table.split("\n")[0]).toBe("correlations dealer-insecure, backend secure, INSECURE (no privacy)");
    expect(warnings.map((w) => w.name)).toEqual(["SecurityWarning", "SecurityWarning"]);
    const byParty = warnings.map((w) => w.message).sort((a, b) => (a.includes("(party 0)") ? -1 : b.includes("(party 0)") ? 1 : 0));
    expect(byParty[0]).toMatch(/INSECURE petace VM \(party 0\): correlation source "dealer-insecure" lets either party unmask/);
    expect(byParty[1]).toMatch(/INSECURE petace VM \(party 1\)/);
  });

  it("the ref-insecure backend warns that it computes in the clear", async () => {
    const [s0] = await runLocal((vm) => vm.security, { backend: "ref-insecure" });
    await settle();
    expect(s0).toEqual({ correlations: "none", backend: "ref-insecure", insecure: true });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]!.message).toMatch(/backend "ref-insecure" computes in the clear/);
  });

  it("the default (OT correlations, secure backend) is quiet and says insecure: false", { timeout: 20_000 }, async () => {
    const [s0, s1] = await runLocal((vm) => ({ security: vm.security, table: vm.profile().table() }), { correlations: otCorrelations() });
    await settle();
    expect(s0.security).toEqual({ correlations: "ot", backend: "secure", insecure: false });
    expect(s1.table.split("\n")[0]).toBe("correlations ot, backend secure");
    expect(warnings).toEqual([]);
  });
});
