/**
 * The parties must run the same program. A divergence (other operator, order, shape, or a local
 * operator that sends nothing) fails at the next message with both sides' operators named, never a
 * hang or a wrong answer; a party that stops on purpose tells the other why.
 */
import { describe, expect, it } from "vitest";
import { DivergenceError, PeerAbortError } from "./errors.js";
import { ops } from "./index.js";
import { runLocal } from "./run-local.js";
import { enc, inputVec } from "../test/util.js";
import { insecureDealer } from "./index.js";

const fast = { correlations: insecureDealer, timeoutMs: 5000 };

async function failure(p: Promise<unknown>): Promise<Error & { errors?: unknown[] }> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a failure");
}

describe("divergence", () => {
  it("a different interactive operator names both", async () => {
    const e = await failure(
      runLocal(async (vm, party) => {
        const x = await inputVec(vm, 0, party === 0 ? [1, 2] : null, 2);
        const y =
          party === 0
            ? vm.apply(ops.mul_aa, [x, x], undefined, { label: "multiply" })
            : vm.apply(ops.msb_a, [vm.apply(ops.sub_aa, [x, x], undefined)], undefined, { label: "less" });
        await vm.evaluate();
        return y;
      }, fast),
    );
    expect(e).toBeInstanceOf(DivergenceError);
    expect(e.message).toMatch(/not running the same program/);
    expect(e.message).toMatch(/"multiply"/);
    expect(e.message).toMatch(/"less"/);
  });

  it("a different local operator is caught at the next message, with the operators made before it", async () => {
    const e = await failure(
      runLocal(async (vm, party) => {
        const x = await inputVec(vm, 0, party === 0 ? [1, 2] : null, 2);
        const y =
          party === 0
            ? vm.apply(ops.add_aa, [x, x], undefined, { label: "add" })
            : vm.apply(ops.sub_aa, [x, x], undefined, { label: "subtract" });
        return vm.reveal(y);
      }, fast),
    );
    expect(e).toBeInstanceOf(DivergenceError);
    const d = e as DivergenceError;
    expect([d.ours.recent, d.theirs.recent].flat()).toEqual(expect.arrayContaining(["add", "subtract"]));
    expect(d.ours.digest).not.toBe(d.theirs.digest);
    expect(e.message).toMatch(/"add"/);
    expect(e.message).toMatch(/"subtract"/);
  });

  it("a different length is caught (same operator, other shape)", async () => {
    const e = await failure(
      runLocal(async (vm, party) => {
        const x = vm.constant(enc(party === 0 ? [1, 2] : [1, 2, 3]), party === 0 ? 2 : 3, { label: "ones" });
        return vm.reveal(vm.apply(ops.mul_aa, [x, x], undefined));
      }, fast),
    );
    expect(e).toBeInstanceOf(DivergenceError);
  });

  it("a party that does more than the other fails at once instead of hanging", async () => {
    const e = await failure(
      runLocal(async (vm, party) => {
        const x = await inputVec(vm, 0, party === 0 ? [1] : null, 1);
        await vm.reveal(x);
        if (party === 1) await vm.reveal(vm.apply(ops.mul_aa, [x, x], undefined));
      }, fast),
    );
    // A closed channel, not a receive timeout: the party learnt at once that its peer had stopped.
    expect(e.name).toMatch(/ChannelClosedError/);
  });

  it("bad input at the owner stops both parties, and the other learns why (without the data)", async () => {
    const e = await failure(
      runLocal(async (vm, party) => {
        await vm.input(0, party === 0 ? { data: enc([1, 2]), header: "3" } : null, (h) => ({ n: Number(h), kind: "arith" }), {
          label: "array",
        });
      }, fast),
    );
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toMatch(/array: expected a BigUint64Array of 3/);
    const other = e.errors?.find((x) => x instanceof PeerAbortError) as PeerAbortError | undefined;
    expect(other?.message).toMatch(/party 0's input was rejected/);
  });

  it("data passed by the wrong party is refused on that party, and reported to the other", async () => {
    const e = await failure(
      runLocal(async (vm) => {
        await vm.input(1, { data: enc([1]), header: "1" }, () => ({ n: 1, kind: "arith" }), { label: "array" });
      }, fast),
    );
    expect(e.message).toMatch(/party 0 does not own the input and must pass null/);
  });

  it("a header the other party rejects stops both", async () => {
    const e = await failure(
      runLocal(async (vm, party) => {
        const describe = (h: string) => {
          if (party === 1 && h === "2") throw new RangeError("array: party 1 expected dtype int64, the owner sent float64");
          return { n: Number(h), kind: "arith" as const };
        };
        await vm.input(0, party === 0 ? { data: enc([1, 2]), header: "2" } : null, describe, { label: "array" });
        await vm.reveal(vm.constant(enc([1]), 1));
      }, fast),
    );
    const all = [e, ...(e.errors ?? [])].map((x) => String(x));
    expect(all.join("\n")).toMatch(/party 1 expected dtype int64/);
    expect(all.join("\n")).toMatch(/rejected party 0's input header/);
  });
});
