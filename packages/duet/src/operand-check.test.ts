/**
 * Public operands never travel: the tags (which carry the program digest) are the same whatever the
 * public values, and the parties' operands are compared by a secure equality that opens one bit. A
 * party-local value passed as "public" by mistake is caught with a clear error, not leaked.
 */
import { memoryPair, type Channel, type PartyId } from "@petace/network";
import { SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { describe, expect, it } from "vitest";
import { Duet } from "./duet.js";
import { DivergenceError, OperandDivergenceError } from "./errors.js";
import { insecureDealer, ops } from "./index.js";
import { dec, enc, inputVec } from "../test/util.js";

/** Records the tags this party sends. */
class TagRecorder implements Channel {
  readonly tags: string[] = [];
  constructor(readonly inner: Channel) {}
  get party() {
    return this.inner.party;
  }
  get stats() {
    return this.inner.stats;
  }
  get closed() {
    return this.inner.closed;
  }
  send(tag: string, data: ArrayBufferView): void {
    this.tags.push(tag);
    this.inner.send(tag, data);
  }
  recv(tag: string) {
    return this.inner.recv(tag);
  }
  flush() {
    return this.inner.flush();
  }
  close() {
    return this.inner.close();
  }
}

/** Both parties on recording channels; returns each party's outcome and the tags it sent. */
async function run<T>(fn: (vm: Duet, party: PartyId) => Promise<T>) {
  const [c0, c1] = memoryPair({ timeoutMs: 5000 }).map((c) => new TagRecorder(c));
  const one = async (c: TagRecorder) => {
    const vm = await Duet.create(c, c.party, { correlations: insecureDealer });
    try {
      return await fn(vm, c.party);
    } finally {
      await vm.close().catch(() => {});
      await c.close();
    }
  };
  const outcomes = await Promise.allSettled([one(c0!), one(c1!)]);
  return { outcomes, tags: [c0!.tags, c1!.tags] };
}

/** A program with every kind of public operand: a constant, an array and a scalar operand, positions. */
function program(values: { k: number[]; p: number[]; s: number; idx: number[] }) {
  return async (vm: Duet, party: PartyId) => {
    const x = await inputVec(vm, 0, party === 0 ? [1, 2, 3, 4] : null, 4);
    const k = vm.constant(enc(values.k), 4, { label: "constant" });
    const y = vm.apply(ops.add_ap, [vm.apply(ops.add_aa, [x, k], undefined)], { p: enc(values.p) });
    const z = vm.apply(ops.mul_ap, [y], { p: BigInt(values.s) });
    const g = vm.apply(ops.gather, [z], { idx: Uint32Array.from(values.idx) });
    return dec((await vm.reveal(g)) as BigUint64Array);
  };
}

function randomValues(rng: SeededRandom) {
  return {
    k: Array.from({ length: 4 }, () => rng.int(-50_000, 50_000)),
    p: Array.from({ length: 4 }, () => rng.int(-50_000, 50_000)),
    s: rng.int(2, 48_213),
    idx: Array.from({ length: 3 }, () => rng.int(0, 3)),
  };
}

describe("public operands in the divergence check", () => {
  it("the tags sent do not depend on public operand values", async () => {
    const rng = new SeededRandom(testSeed());
    const a = randomValues(rng);
    const b = randomValues(rng);
    const ra = await run(program(a));
    const rb = await run(program(b));
    for (const r of [ra, rb]) expect(r.outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(ra.tags).toEqual(rb.tags);
    // No tag spells a value either (e.g. a scalar's decimal or hex form).
    const all = ra.tags.flat().join("\n");
    for (const v of [a.s, ...a.k, ...a.p]) {
      expect(all).not.toContain(`=${v}`);
      expect(all).not.toContain(`=${BigInt(v << 16).toString(16)}`);
    }
    // Results are still right (the check opened "agreed").
    const [r0] = ra.outcomes as PromiseFulfilledResult<number[]>[];
    const y = [1, 2, 3, 4].map((x, i) => (x + a.k[i]! + a.p[i]!) * a.s * 2 ** -16);
    expect(r0!.value).toEqual(a.idx.map((i) => y[i]!).map((v) => expect.closeTo(v, 3)));
  });

  it.each([
    ["a constant", (v: ReturnType<typeof randomValues>) => ({ ...v, k: v.k.map((x) => x + 1) })],
    ["an array operand", (v: ReturnType<typeof randomValues>) => ({ ...v, p: [...v.p.slice(0, 3), v.p[3]! + 7] })],
    ["a scalar operand", (v: ReturnType<typeof randomValues>) => ({ ...v, s: v.s + 1 })],
    ["gather positions", (v: ReturnType<typeof randomValues>) => ({ ...v, idx: v.idx.map((i) => 3 - i) })],
  ])("differing %s: both parties fail with OperandDivergenceError before the value is returned", async (_what, change) => {
    const v = randomValues(new SeededRandom(testSeed()));
    const w = change(v);
    const { outcomes } = await run((vm, party) => program(party === 0 ? v : w)(vm, party));
    for (const o of outcomes) {
      expect(o.status).toBe("rejected");
      const e = (o as PromiseRejectedResult).reason as Error;
      expect(e).toBeInstanceOf(OperandDivergenceError);
      expect(e).toBeInstanceOf(DivergenceError);
      expect(e.message).toMatch(/the two parties passed different public operands .* before "reveal" \(after .*"gather"/);
      expect(e.message).toMatch(/a value that only one party knows is a secret input/);
    }
  });

  it("with a comparison at the batch's first depth, the check rides in its call: no equality, no rounds of its own, same detection", async () => {
    // x > t for a public t (one msb call at depth 1), then one AND: the check's four msb and its ANDs merge in.
    const compared = (t: number) => async (vm: Duet, party: PartyId) => {
      const x = await inputVec(vm, 0, party === 0 ? [1, 5, -3, 9] : null, 4);
      const above = vm.apply(ops.msb_a, [vm.apply(ops.sub_pa, [x], { p: enc([t, t, t, t]) })], undefined);
      const both = vm.apply(ops.and_bb, [above, vm.apply(ops.msb_a, [x], undefined)], undefined);
      const inner = vm.apply(ops.and_bb, [both, above], undefined);
      const bits = (await vm.reveal(inner)) as Uint32Array;
      return { bits: bits[0]! & 15, profile: vm.profile().rows.map((r) => [r.op, r.calls, r.rounds] as const) };
    };
    const ok = await run(compared(2));
    expect(ok.outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled"]);
    const [r0] = ok.outcomes as PromiseFulfilledResult<Awaited<ReturnType<ReturnType<typeof compared>>>>[];
    expect(r0!.value.bits).toBe(0); // t > x and x < 0 is never both true here
    const rows = new Map(r0!.value.profile.map(([op, calls, rounds]) => [op, { calls, rounds }]));
    expect(rows.has("eq_ap")).toBe(false);
    expect(rows.get("msb_a")!.calls).toBe(1);
    // The check's two AND levels ride the program's two: one call each.
    expect(rows.get("and_bb")!.calls).toBe(2);

    const bad = await run((vm, party) => compared(party === 0 ? 2 : 3)(vm, party));
    for (const o of bad.outcomes) expect((o as PromiseRejectedResult).reason).toBeInstanceOf(OperandDivergenceError);
  });

  it("share and sync check too; with no public operand since the last check, nothing is added", async () => {
    const { outcomes } = await run(async (vm, party) => {
      const x = await inputVec(vm, 0, party === 0 ? [1, 2] : null, 2);
      const y = vm.apply(ops.mul_ap, [x], { p: party === 0 ? 3n : 5n });
      return vm.share(y);
    });
    for (const o of outcomes) expect((o as PromiseRejectedResult).reason).toBeInstanceOf(OperandDivergenceError);

    const synced = await run(async (vm, party) => {
      vm.constant(enc([party]), 1);
      await vm.sync();
    });
    for (const o of synced.outcomes) expect((o as PromiseRejectedResult).reason).toBeInstanceOf(OperandDivergenceError);

    const quiet = await run(async (vm, party) => {
      const x = await inputVec(vm, 0, party === 0 ? [1, 2] : null, 2);
      await vm.reveal(vm.apply(ops.add_ap, [x], { p: 1n }));
      vm.resetProfile();
      await vm.reveal(vm.apply(ops.add_aa, [x, x], undefined));
      return vm.profile().rows.map((r) => r.op);
    });
    const [rows] = quiet.outcomes as PromiseFulfilledResult<string[]>[];
    expect(rows!.value).toEqual(["add_aa", "reveal_a"]);
  });
});
