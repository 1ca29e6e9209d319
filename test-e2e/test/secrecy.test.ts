/**
 * Secrets stay secret: each party's channel records everything it sends and receives (at the
 * Channel API, i.e. what the peer's program sees after Noise), and its logs are kept. No input of one
 * party, nor its 8-byte little-endian fixed-point or float64 encoding, nor its decimal spelling, may
 * show up in what the other party received, in any log or in any error message. The revealed outputs
 * reach only the party named in `revealTo`. A run with the INSECURE plaintext backend is the control
 * that shows the search finds values that are there. Message tags travel in the clear with a digest
 * of the program: a value passed as a public operand by mistake must not change them. And the same
 * product recomputed and revealed again and again must show party 1 one value: a reveal that varies
 * with party 1's own shares narrows party 0's input below the rounding (stochastic truncation, the
 * opt-in whose run is the control there).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configs, freePort, makeKeys, script, startParty, type Exit, type Keys } from "../src/harness.js";
import type { PartyConfig } from "../src/party.js";
import { SECRET_X, SECRET_Y } from "../scripts/secrets.js";

let keys: Keys;
beforeAll(async () => {
  keys = await makeKeys();
});
afterAll(() => keys?.cleanup());

const FRAC_BITS = 16;

/** The byte patterns a value could leak as: fixed point (ring element, LE), float64 LE, decimal text. */
function needles(v: number): { what: string; bytes: Buffer }[] {
  const fixed = Buffer.alloc(8);
  fixed.writeBigInt64LE(BigInt(Math.round(v * 2 ** FRAC_BITS)));
  const float = Buffer.alloc(8);
  float.writeDoubleLE(v);
  return [
    { what: `fixed-point ${v}`, bytes: fixed },
    { what: `float64 ${v}`, bytes: float },
    { what: `text ${v}`, bytes: Buffer.from(String(v)) },
  ];
}

function found(haystack: Buffer, values: number[]): string[] {
  return values.flatMap((v) =>
    needles(v)
      .filter((n) => haystack.includes(n.bytes))
      .map((n) => n.what),
  );
}

interface Run {
  exits: [Exit, Exit];
  /** What each party received from the other. */
  received: [Buffer, Buffer];
  /** The tags each party sent, stop notices left out (whether one goes out before the hang-up is a race). */
  tags: [string[], string[]];
}

async function run(args: string[], extra: Partial<PartyConfig> = {}): Promise<Run> {
  const port = await freePort();
  const rec = (p: number) => join(keys.dir, `rec-${port}-${p}`);
  const [c0, c1] = configs(keys, port, { script: script("secrets.ts"), args, ...extra });
  const procs = [startParty({ ...c0, record: rec(0) }), startParty({ ...c1, record: rec(1) })];
  const exits = (await Promise.all(procs.map((p) => p.exit))) as [Exit, Exit];
  const read = (p: number) => {
    try {
      return readFileSync(`${rec(p)}.recv.bin`);
    } catch {
      return Buffer.alloc(0);
    }
  };
  const tags = (p: number) => {
    try {
      return readFileSync(`${rec(p)}.tags.txt`, "utf8")
        .split("\n")
        .filter((t) => t !== "" && !t.startsWith("vm/abort|"));
    } catch {
      return [];
    }
  };
  return { exits, received: [read(0), read(1)], tags: [tags(0), tags(1)] };
}

const ULP = 2 ** FRAC_BITS;
const ROUNDS = 16;

/**
 * Inputs for the repeated reveals, all exact in fixed point: party 0's x, a public non-integer c and
 * party 1's y, with x·c and x·y both at least a quarter ulp away from the nearest multiples of an ulp.
 * Stochastic rounding then goes up with probability between 1/4 and 3/4 at each reveal, so 16 reveals
 * of one element all agree with probability at most 0.75^16 + 0.25^16 ≈ 0.01, and of all four
 * elements of a product with probability below 10^-8: the control fails only by such bad luck.
 */
function repeatInputs(seed: number, n = 4): { xs: bigint[]; cs: bigint[]; ys: bigint[] } {
  const rng = new SeededRandom(seed);
  const fracOf = (v: bigint) => ((v % BigInt(ULP)) + BigInt(ULP)) % BigInt(ULP);
  const inMiddle = (v: bigint) => fracOf(v) >= BigInt(ULP / 4) && fracOf(v) <= BigInt((3 * ULP) / 4);
  const draw = (max: number) => BigInt(rng.int(-max * ULP, max * ULP + 1));
  const out = { xs: [] as bigint[], cs: [] as bigint[], ys: [] as bigint[] };
  while (out.xs.length < n) {
    // |x| < 1000 and |c|, |y| < 8 keep the products far inside the truncation's range (2^30).
    const [x, c, y] = [draw(1000), draw(8), draw(8)];
    if (fracOf(c) === 0n || fracOf(y) === 0n || !inMiddle(x * c) || !inMiddle(x * y)) continue;
    out.xs.push(x);
    out.cs.push(c);
    out.ys.push(y);
  }
  return out;
}

/** k rounds of x·c and x·y revealed to party 1, in fixed-point units; party 0's results must be null. */
async function repeatedReveals(inputs: { xs: bigint[]; cs: bigint[]; ys: bigint[] }, extra: Partial<PartyConfig> = {}) {
  const json = (v: bigint[]) => JSON.stringify(v.map((e) => Number(e) / ULP));
  const { exits } = await run(["repeat", String(ROUNDS), json(inputs.xs), json(inputs.cs), json(inputs.ys)], extra);
  for (const e of exits) expect(e.code, e.stderr).toBe(0);
  type Reveals = { byPublic: (number[] | null)[]; bySecret: (number[] | null)[] };
  const r0 = (JSON.parse(exits[0].stdout) as { result: Reveals }).result;
  const r1 = (JSON.parse(exits[1].stdout) as { result: Reveals }).result;
  expect([...r0.byPublic, ...r0.bySecret]).toEqual(new Array(2 * ROUNDS).fill(null));
  const units = (rounds: (number[] | null)[]) => rounds.map((r) => r!.map((v) => Math.round(v * ULP)));
  return { byPublic: units(r1.byPublic), bySecret: units(r1.bySecret) };
}

/** Per element, the set of values the rounds revealed. */
const seen = (rounds: number[][]) => rounds[0]!.map((_, i) => new Set(rounds.map((r) => r[i]!)));

const products = SECRET_X.map((v, i) => v * SECRET_Y[i]!);
const total = SECRET_X.reduce((s, v) => s + v, 0);

describe("secrets stay secret across two processes", () => {
  it("a normal run: nothing of the other's inputs in received bytes or logs; outputs only to party 1", async () => {
    const { exits, received } = await run([]);
    for (const e of exits) expect(e.code, e.stderr).toBe(0);
    expect(received[0].length).toBeGreaterThan(1000);
    expect(found(received[1], SECRET_X)).toEqual([]);
    expect(found(received[0], SECRET_Y)).toEqual([]);
    // Party 0 is not the one in revealTo: neither the product, nor the total reach it in any form.
    expect(found(received[0], [...products, total])).toEqual([]);
    expect(found(Buffer.from(exits[0].stdout + exits[0].stderr), [...SECRET_Y, ...products, total])).toEqual([]);
    expect(found(Buffer.from(exits[1].stderr), SECRET_X)).toEqual([]);
    const r0 = JSON.parse(exits[0].stdout) as { result: Record<string, unknown> };
    const r1 = JSON.parse(exits[1].stdout) as { result: { product: number[]; bigger: boolean[]; total: number } };
    expect(r0.result).toEqual({ product: null, bigger: null, total: null });
    for (const [i, v] of r1.result.product.entries()) expect(v).toBeCloseTo(products[i]!, 2);
    expect(r1.result.bigger).toEqual(SECRET_X.map((v, i) => v > SECRET_Y[i]!));
    expect(r1.result.total).toBeCloseTo(total, 6);
  });

  it("a failing run (the programs diverge): the error messages carry no input value", async () => {
    const { exits, received } = await run(["diverge"]);
    for (const e of exits) expect(e.stderr).toMatch(/DivergenceError/);
    const logs = Buffer.from(exits.map((e) => e.stdout + e.stderr).join("\n"));
    expect(found(logs, [...SECRET_X, ...SECRET_Y])).toEqual([]);
    expect(found(received[1], SECRET_X)).toEqual([]);
    expect(found(received[0], SECRET_Y)).toEqual([]);
  });

  it("a party-local value passed as a public operand: the tags do not depend on it, and both parties stop", async () => {
    const [a, b] = [await run(["public", "48213"]), await run(["public", "1234"])];
    for (const r of [a, b])
      for (const e of r.exits) {
        expect(e.code, e.stderr).toBe(1);
        expect(e.stderr).toMatch(/OperandDivergenceError: .*passed different public operands/);
      }
    expect(a.tags[0].length).toBeGreaterThan(3);
    expect(a.tags).toEqual(b.tags);
    const partyOneSaw = Buffer.concat([
      a.received[1],
      Buffer.from(a.tags[0].join("\n")),
      Buffer.from(a.exits[1].stdout + a.exits[1].stderr),
    ]);
    expect(found(partyOneSaw, [48213])).toEqual([]);
  });

  it("the same product recomputed 16 times shows party 1 one value: exact truncation, nothing below the rounding", async () => {
    const inputs = repeatInputs(testSeed());
    const { byPublic, bySecret } = await repeatedReveals(inputs);
    expect(byPublic).toHaveLength(ROUNDS);
    // Round to nearest, ties up (>> floors): the one value a simulator knowing only the output gives.
    const rounded = (p: bigint[]) => p.map((v) => Number((v + BigInt(ULP / 2)) >> BigInt(FRAC_BITS)));
    const xc = rounded(inputs.xs.map((x, i) => x * inputs.cs[i]!));
    const xy = rounded(inputs.xs.map((x, i) => x * inputs.ys[i]!));
    for (const r of byPublic) expect(r).toEqual(xc);
    for (const r of bySecret) expect(r).toEqual(xy);
  });

  it("control: with stochastic truncation the 16 reveals differ, by the carry that depends on party 1's shares", async () => {
    const inputs = repeatInputs(testSeed());
    const { byPublic, bySecret } = await repeatedReveals(inputs, { truncation: "stochastic" });
    const floors = (p: bigint[]) => p.map((v) => Number(v >> BigInt(FRAC_BITS)));
    for (const [rounds, floor] of [
      [byPublic, floors(inputs.xs.map((x, i) => x * inputs.cs[i]!))],
      [bySecret, floors(inputs.xs.map((x, i) => x * inputs.ys[i]!))],
    ] as const) {
      // Each reveal is floor or floor + 1, so what the rounds disagree on lies below the rounding.
      for (const r of rounds) for (const [i, v] of r.entries()) expect([floor[i], floor[i]! + 1]).toContain(v);
      expect(seen(rounds).some((s) => s.size > 1)).toBe(true);
    }
  });

  it("control: with the INSECURE plaintext backend the same search finds the inputs", async () => {
    const { exits, received } = await run([], { backend: "ref-insecure" });
    for (const e of exits) expect(e.code, e.stderr).toBe(0);
    expect(found(received[1], SECRET_X).length).toBeGreaterThan(0);
  });
});
