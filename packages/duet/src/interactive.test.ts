/** `vm.interactive`: a step outside the graph on the VM's protocol context, in program order. */
import { asBytes } from "@petace/network";
import { describe, expect, it } from "vitest";
import { dec, enc } from "../test/util.js";
import { DivergenceError, insecureDealer, ops } from "./index.js";
import { runLocal } from "./run-local.js";

const fast = { correlations: insecureDealer };

describe("vm.interactive", () => {
  it("evaluates pending work first, runs on the VM's context, and profiles the step under its label", async () => {
    const [a, b] = await runLocal(async (vm, party) => {
      const x = vm.apply(ops.add_ap, [vm.constant(enc([1, 2]), 2)], { p: enc([3, 4]) });
      const got = await vm.interactive("swap", async (ctx) => {
        expect(x.state).toBe("done"); // flushed before the step
        expect(ctx.party).toBe(party);
        const tag = ctx.op("swap")("value");
        ctx.channel.send(tag, asBytes(BigUint64Array.of(BigInt(10 + party))));
        return Number(new BigUint64Array((await ctx.channel.recv(tag)).slice().buffer)[0]);
      });
      const after = dec((await vm.reveal(vm.fromShare((await vm.share(x)) as BigUint64Array, 2))) as BigUint64Array);
      const row = vm.profile().rows.find((r) => r.op === "swap");
      return { got, after, row };
    }, fast);
    expect([a.got, b.got]).toEqual([11, 10]);
    expect(a.after).toEqual([4, 6]); // party 1 holds zeros of the constant: the reveal of x's shares
    expect(a.row).toMatchObject({ rounds: 1, bytesSent: 8, bytesReceived: 8 });
  });

  it("a party that runs another step fails with a DivergenceError, not a wrong answer", async () => {
    const run = runLocal(async (vm, party) => {
      return vm.interactive(party === 0 ? "join" : "psi", async (ctx) => {
        const tag = ctx.op("step")("m");
        ctx.channel.send(tag, new Uint8Array(1));
        return (await ctx.channel.recv(tag)).length;
      });
    }, fast);
    await expect(run).rejects.toThrow(DivergenceError);
  });

  it("is refused on the reference backend, which has no protocol context", async () => {
    await runLocal(
      async (vm) => {
        await expect(vm.interactive("join", async () => 0)).rejects.toThrow(/join: needs the secure backend/);
      },
      { backend: "ref-insecure" },
    );
  });
});
