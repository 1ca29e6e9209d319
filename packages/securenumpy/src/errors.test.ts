/**
 * Bad input gets a clear error naming the routine and the argument; data-dependent rejections at
 * the owner stop both parties (the other one learns that, not the data). Secret-to-primitive
 * coercions throw TypeErrors naming what to use instead.
 */
import { inspect } from "node:util";
import { memoryPair, type PartyId } from "@petace/network";
import { DivergenceError, Duet, PeerAbortError, runLocal } from "@petace/duet";
import { describe, expect, it } from "vitest";
import * as snp from "./index.js";
import { both, FAST } from "../test/util.js";
import { insecureDealer } from "@petace/duet";

async function failure(p: Promise<unknown>): Promise<Error & { errors?: unknown[] }> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a failure");
}

/** Runs a program whose owner-side input is bad; returns both parties' errors. */
async function badInput(data: unknown, opts: snp.ArrayOptions = {}): Promise<{ owner: Error; other: unknown }> {
  const e = await failure(runLocal(async (vm, party) => snp.use(vm).array(party === 0 ? data : null, 0, opts), FAST));
  return { owner: e, other: e.errors?.find((x) => x !== e) };
}

describe("no VM", () => {
  it("getVM and creation routines say how to set one", async () => {
    snp.setVM(null);
    expect(() => snp.getVM()).toThrow(/getVM: no VM is set: call snp.setVM/);
    await expect(snp.array([1], 0)).rejects.toThrow(/array: no VM is set: call snp.setVM\(vm\) first, or call it through snp.use\(vm\)/);
    expect(() => snp.fromShare({ data: new BigUint64Array(1) }, { dtype: "float64" })).toThrow(/fromShare: no VM is set/);
    expect(() => snp.setVM({} as Duet)).toThrow(/setVM: expected a Duet VM/);
  });

  it("setVM serves a process with one VM", async () => {
    const [c0, c1] = memoryPair();
    // One VM per "process": the other party runs on its own VM through use().
    const run = async (ch: typeof c0, party: PartyId) => {
      const vm = await Duet.create(ch, party, { correlations: insecureDealer });
      if (party === 0) {
        snp.setVM(vm);
        expect(snp.getVM()).toBe(vm);
        const x = await snp.array([1, 2], 0);
        return (await x.mul(3).reveal()).tolist();
      }
      const np = snp.use(vm);
      const x = await np.array(null, 0);
      return (await x.mul(3).reveal()).tolist();
    };
    const out = await Promise.all([run(c0, 0), run(c1, 1)]);
    snp.setVM(null);
    expect(out).toEqual([
      [3, 6],
      [3, 6],
    ]);
    await c0.close();
  });
});

describe("array input", () => {
  it("party ids, dtypes and who passes data", async () => {
    await both(async (np) => {
      await expect(np.array([1], 2 as PartyId)).rejects.toThrow(/array: owner must be 0 or 1, got 2/);
      await expect(np.array([1], 0, { dtype: "float32" })).rejects.toThrow(
        /array: unknown dtype "float32"; use "float64", "int64" or "bool"/,
      );
    });
    const wrongParty = await failure(runLocal(async (vm) => (await snp.use(vm).array([1, 2], 0)).reveal(), FAST));
    expect(wrongParty.message).toMatch(/array: party 1 does not own this input \(owner is party 0\) and must pass null/);
    expect(String(wrongParty.errors?.find((x) => x instanceof PeerAbortError))).toMatch(/party 1 passed data for party 0's input/);
    const missing = await failure(runLocal(async (vm) => snp.use(vm).array(null, 0), FAST));
    expect(missing.message).toMatch(/array: party 0 owns this input and must pass its data, got null/);
  });

  it("NaN, infinities, out-of-range values, non-integers for int64, ragged arrays: named by position, never by value", async () => {
    const nan = await badInput([
      [1, 2],
      [3, NaN],
    ]);
    expect(nan.owner.message).toBe("array: data[1][1] is NaN or infinite");
    expect(nan.other).toBeInstanceOf(PeerAbortError);
    expect(String(nan.other)).toMatch(/party 0's data was rejected \(see its error\)/);
    expect(String(nan.other)).not.toMatch(/NaN/);
    expect((await badInput([Infinity])).owner.message).toBe("array: data[0] is NaN or infinite");
    expect((await badInput([1, 2 ** 50])).owner.message).toMatch(
      /array: data\[1\] is outside the fixed-point range \(\|x\| < 2\^47 with 16 fractional bits\)/,
    );
    expect((await badInput([1, 2.5], { dtype: "int64" })).owner.message).toMatch(
      /array: data element 1 is not a safe integer \(dtype int64\)/,
    );
    expect((await badInput([[1, 2], [3]])).owner.message).toBe("array: data[1] has 1 entries, expected 2 (ragged array)");
    expect((await badInput([1, "2"])).owner.message).toBe("array: data[1] must be a number, boolean or bigint, got string");
    expect((await badInput({ data: new Float64Array(5), shape: [2, 3] })).owner.message).toMatch(
      /array: data.data has 5 values, shape \[2, 3\] needs 6/,
    );
    expect((await badInput({ data: [1], shape: [-1] })).owner.message).toMatch(/array: data.shape must hold non-negative integers/);
  });

  it("both parties must agree on the dtype", async () => {
    const e = await failure(
      runLocal(async (vm, party) => snp.use(vm).array(party === 0 ? [1, 2] : null, 0, party === 1 ? { dtype: "int64" } : {}), FAST),
    );
    const all = [e, ...(e.errors ?? [])].map(String).join("\n");
    expect(all).toMatch(/array: party 1 asked for dtype int64 but party 0 shares float64; both parties must pass the same dtype option/);
  });
});

describe("operators", () => {
  it("exp, sigmoid and tanh (on sigmoid) refuse a VM whose fracBits is not 16 instead of answering wrongly", async () => {
    for (const [fracBits, name, run] of [
      [12, "exp", (np: snp.Namespace, x: snp.SecureArray) => np.exp(x)],
      [20, "sigmoid", (np: snp.Namespace, x: snp.SecureArray) => np.sigmoid(x)],
      [8, "sigmoid", (np: snp.Namespace, x: snp.SecureArray) => np.tanh(x)],
    ] as const) {
      const e = await failure(
        runLocal(
          async (vm, party) => {
            const np = snp.use(vm);
            return run(np, await np.array(party === 0 ? [0.5, -1] : null, 0)).reveal();
          },
          { ...FAST, fracBits },
        ),
      );
      const all = [e, ...(e.errors ?? [])].map(String).join("\n");
      expect(all).toMatch(new RegExp(`${name}: supported at fracBits = 16 \\(the default\\) only, the context has ${fracBits}`));
    }
  });

  it("shapes, operand types, VMs and public divisors", async () => {
    const [vmA] = await both(async (np, party, vm) => {
      const x = await np.array(
        party === 0
          ? [
              [1, 2, 3],
              [4, 5, 6],
            ]
          : null,
        0,
      );
      expect(() => x.add([1, 2, 3, 4])).toThrow(/^add: operands could not be broadcast together with shapes \(2,3\) \(4,\)$/);
      expect(() => np.where(x.gt(0), x, [1, 2])).toThrow(
        /where: operands could not be broadcast together with shapes \(2,3\) \(2,3\) \(2,\)/,
      );
      expect(() => x.add("1" as never)).toThrow(/add: x2 must be a SecureArray or a plaintext value .*got string/);
      expect(() => x.mul({} as never)).toThrow(/multiply: x2 must be a SecureArray or a plaintext value/);
      expect(() => np.add(1, 2)).toThrow(/add: at least one operand must be a SecureArray/);
      expect(() => x.div(0)).toThrow(/divide: division by zero \(the public divisor x2 has a 0 at flat position 0\)/);
      expect(() => x.mod(0)).toThrow(/mod: division by zero/);
      expect(() => x.astype("complex128" as never)).toThrow(/astype: unknown dtype "complex128"/);
      expect(() => x.reshape(4, 2)).toThrow(/reshape: cannot reshape array of size 6 into shape \(4,2\)/);
      expect(() => x.transpose(0, 0)).toThrow(/transpose: axes \[0, 0\] do not match/);
      await expect(x.revealTo(3 as PartyId)).rejects.toThrow(/revealTo: party must be 0 or 1, got 3/);
      return vm;
    });
    await both(async (np, party) => {
      const y = await np.array(party === 0 ? [1] : null, 0);
      // vmA (closed by now) only serves as another VM's identity.
      const fake = new snp.SecureArray(vmA, y.node, [1], "float64");
      expect(() => y.add(fake)).toThrow(/add: the operands belong to different VMs/);
    });
  });
});

describe("divergent programs", () => {
  it("a different operator on one party is reported with both routines' names", async () => {
    const e = await failure(
      runLocal(async (vm, party) => {
        const np = snp.use(vm);
        const x = await np.array(party === 0 ? [1, 2] : null, 0);
        const y = party === 0 ? x.add(1) : x.mul(3);
        return y.gt(0).reveal();
      }, FAST),
    );
    expect(e).toBeInstanceOf(DivergenceError);
    expect(e.message).toMatch(/"add"/);
    expect(e.message).toMatch(/"multiply"/);
  });

  it("a different shape is caught, even when only local operators differ", async () => {
    const e = await failure(
      runLocal(async (vm, party) => {
        const np = snp.use(vm);
        const x = await np.array(
          party === 0
            ? [
                [1, 2],
                [3, 4],
              ]
            : null,
          0,
        );
        const y = party === 0 ? x.get(0) : x.get(":, 0");
        return y.toShare();
      }, FAST),
    );
    expect(e).toBeInstanceOf(DivergenceError);
  });
});

describe("secret-to-primitive coercion", () => {
  it("throws TypeErrors that name what to use instead", async () => {
    await both(async (np, party) => {
      const x = await np.array(party === 0 ? [1, 2] : null, 0);
      const y = await np.array(party === 1 ? [2, 1] : null, 1);
      const any = x as unknown as number;
      expect(() => any > 1).toThrow(TypeError);
      expect(() => any > 1).toThrow(/x\.gt\(y\).*snp\.where\(cond, a, b\).*revealTo/);
      expect(() => (x as unknown as number) < (y as unknown as number)).toThrow(/cannot be used as a JavaScript number or boolean/);
      expect(() => any + 1).toThrow(/x\.add\(y\)/);
      expect(() => Number(x)).toThrow(TypeError);
      expect(() => `${x}`).toThrow(/cannot be turned into a string .*x\.shape and x\.dtype.*revealTo/);
      expect(() => String(x)).toThrow(TypeError);
      expect(() => x.valueOf()).toThrow(/valueOf would expose a secret.*snp\.where/);
      expect(() => x.toString()).toThrow(/toString would expose a secret.*revealTo/);
      expect(() => JSON.stringify({ x })).toThrow(/cannot be serialized to JSON; save this party's share with await x\.toShare\(\)/);
      // console.log shows only public metadata
      expect(inspect(x)).toBe("SecureArray { shape: [2], dtype: 'float64' }");
    });
  });
});
