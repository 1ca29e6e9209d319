/**
 * Golden values from real NumPy (issue 16, item 5): every case of test/golden/numpy-golden.json,
 * written by scripts/numpy-golden.py from NumPy itself, replayed through securenumpy by two parties
 * (dealer correlations: the values do not depend on where correlations come from). All cases run in
 * one session and are revealed together, so the VM merges their rounds; each case is then its own
 * test, compared with the bound the fixture states for its routine (exact, or within
 * max(abs, rel·|numpy|)). A case marked xfail is a known disagreement with NumPy, kept as `it.fails`
 * so that it cannot silently pass once fixed (remove the mark then).
 *
 * The coverage test walks the package's exports: an exported routine without a golden case fails it
 * (add its entry to ROUTINES in scripts/numpy-golden.py and rerun the script).
 */
import { readFileSync } from "node:fs";
import type { PartyId } from "@petace/duet";
import { beforeAll, describe, expect, it } from "vitest";
import { both } from "../test/util.js";
import { declarationOf } from "./core/options.js";
import { PlainArray } from "./core/plain.js";
import { SecureArray } from "./core/secure-array.js";
import * as api from "./index.js";
import type { Namespace } from "./use.js";

interface Encoded {
  shape: number[];
  dtype: "float64" | "int64" | "bool";
  /** int64 as decimal strings (exact beyond 2^53). */
  data: (number | string | boolean)[];
}
type Arg = null | number | string | boolean | Arg[] | { secret: Encoded; owner: PartyId } | { public: Encoded } | { [key: string]: Arg };
type Expected = { array: Encoded } | { list: Expected[] } | { error: string };
interface Case {
  routine: string;
  id: string;
  args: Arg[];
  opts: Record<string, Arg>;
  expected: Expected;
  tol: { abs?: number; rel?: number };
  xfail: string | null;
  note: string | null;
}
interface Fixture {
  generator: string;
  numpy: string;
  fracBits: number;
  cases: Case[];
}

const fixture = JSON.parse(readFileSync(new URL("../test/golden/numpy-golden.json", import.meta.url), "utf8")) as Fixture;

/**
 * Exports that are not numeric routines, each with why no golden case applies. Everything else
 * the package exports as a function (classes aside) needs a case in the fixture.
 */
const NOT_ROUTINES: Record<string, string> = {
  use: "binds the namespace to a VM",
  setVM: "sets the default VM",
  getVM: "returns the default VM",
  array: "secret-shares input; every golden case goes through it",
  fromShare: "wraps a raw share (round trip tested in io.test.ts)",
  toShare: "returns a raw share, random by design",
  reveal: "opens a result; every golden case goes through it",
  revealTo: "opens a result to one party (tested in elementwise.test.ts)",
  slice: "builds an index argument for x.get/x.set (tested in indexing.test.ts)",
  loadNpy: "reads a file into a PlainArray (io.test.ts)",
  parseNpy: "parses .npy bytes into a PlainArray (io.test.ts)",
  loadCsv: "reads a file into a PlainArray (io.test.ts)",
  parseCsv: "parses CSV text into a PlainArray (io.test.ts)",
  loadTable: "reads a keyed CSV table (io/table.test.ts)",
  parseTable: "parses a keyed CSV table (io/table.test.ts)",
  join: "joins two parties' keyed tables (join/join.test.ts, against a plaintext join)",
  "random.uniform": "random by design: its distribution is tested statistically in routines/random.test.ts",
  "random.normal": "random by design: its distribution is tested statistically in routines/random.test.ts",
};

const isClass = (f: unknown): boolean => typeof f === "function" && /^class[\s{]/.test(Function.prototype.toString.call(f));

/** `"linalg.norm"` → that member of a namespace object of `table` (the package, or a use(vm) namespace). */
function lookup(table: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>((o, k) => (o !== null && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), table);
}

/** The exported routines by name: functions (classes aside) and the functions of namespace objects (`linalg.norm`). */
function exportedRoutines(): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [name, v] of Object.entries(api)) {
    if (typeof v === "function" && !isClass(v)) out.push([name, v]);
    else if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype)
      for (const [member, f] of Object.entries(v)) if (typeof f === "function" && !isClass(f)) out.push([`${name}.${member}`, f]);
  }
  return out;
}

function toPlain(e: Encoded): PlainArray {
  if (e.dtype === "float64") return new PlainArray(Float64Array.from(e.data as number[]), e.shape, "float64");
  if (e.dtype === "int64")
    return new PlainArray(
      BigInt64Array.from(e.data, (v) => BigInt(v as string)),
      e.shape,
      "int64",
    );
  return new PlainArray(
    Uint8Array.from(e.data, (v) => (v ? 1 : 0)),
    e.shape,
    "bool",
  );
}

/** Turns a fixture argument into what the routine receives: secrets are shared by their owner. */
async function decode(np: Namespace, party: PartyId, a: Arg): Promise<unknown> {
  if (Array.isArray(a)) return Promise.all(a.map((x) => decode(np, party, x)));
  if (a === null || typeof a !== "object") return a;
  if ("secret" in a && "owner" in a) {
    const s = a as { secret: Encoded; owner: PartyId };
    return np.array(party === s.owner ? toPlain(s.secret) : null, s.owner, { dtype: s.secret.dtype });
  }
  if ("public" in a) return toPlain((a as { public: Encoded }).public);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a)) out[k] = await decode(np, party, v);
  return out;
}

/** Opens whatever a routine returned: SecureArrays are revealed, PlainArrays (public results) kept. */
function open(r: unknown): Promise<unknown> {
  if (r instanceof SecureArray) return api.reveal(r);
  if (Array.isArray(r)) return Promise.all(r.map(open));
  return Promise.resolve(r);
}

type Outcome = { value: unknown } | { error: unknown };

/** Runs every case in one two-party session; party 0's outcomes by case id. */
async function runAll(cases: Case[]): Promise<Map<string, Outcome>> {
  const [mine] = await both(async (np, party) => {
    // Share every input first (independent sends), then build every call, then open everything at
    // once: the VM evaluates the lazy graphs of all cases in the same rounds.
    const inputs = await Promise.all(cases.map((c) => Promise.all([decode(np, party, c.args), decode(np, party, c.opts)])));
    const built = cases.map((c, i): Outcome => {
      const [args, opts] = inputs[i]! as [unknown[], Record<string, unknown>];
      const fn = lookup(np, c.routine) as (...a: unknown[]) => unknown;
      if (typeof fn !== "function") return { error: new Error(`golden: securenumpy exports no ${c.routine}`) };
      const positional = declarationOf(lookup(api, c.routine))!.positional.length;
      const call =
        Object.keys(opts).length === 0 ? args : [...args, ...new Array(Math.max(0, positional - args.length)).fill(undefined), opts];
      try {
        return { value: fn(...call) };
      } catch (e) {
        return { error: e };
      }
    });
    const opened = await Promise.all(
      built.map(async (o): Promise<Outcome> => {
        if ("error" in o) return o;
        try {
          return { value: await open(await o.value) };
        } catch (e) {
          return { error: e };
        }
      }),
    );
    return new Map(cases.map((c, i) => [c.id, opened[i]!]));
  });
  return mine;
}

const lanes = (shape: number[], axis: number): number[][] => {
  // Flat positions of each 1-D lane along `axis`, in order.
  const st = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const n = shape.reduce((a, b) => a * b, 1);
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    if (Math.floor(i / st[axis]!) % shape[axis]! !== 0) continue;
    out.push(Array.from({ length: shape[axis]! }, (_, k) => i + k * st[axis]!));
  }
  return out;
};

/** argsort is documented as not stable: any permutation of each lane that sorts it is right. */
function checkArgsort(got: PlainArray, c: Case): void {
  const input = (c.args[0] as { secret: Encoded }).secret;
  const values = input.data.map(Number);
  const axisArg = c.args[1];
  const ax = typeof axisArg === "number" ? axisArg : -1;
  const shape = got.shape as number[];
  const axis = ax < 0 ? ax + shape.length : ax;
  const idx = Array.from(got.toNumbers());
  for (const lane of lanes(shape, axis)) {
    const picked = lane.map((p) => idx[p]!);
    expect(
      [...picked].sort((a, b) => a - b),
      `${c.id}: a permutation of the lane`,
    ).toEqual(lane.map((_, k) => k));
    const st = lane.length > 1 ? lane[1]! - lane[0]! : 1;
    const vals = picked.map((k) => values[lane[0]! + k * st]!);
    expect(vals, `${c.id}: the lane's values in order`).toEqual([...vals].sort((a, b) => a - b));
  }
}

function compare(got: unknown, want: Expected, c: Case, where: string): void {
  if ("error" in want) throw new Error("unreachable");
  if ("list" in want) {
    expect(Array.isArray(got), `${where}: a list of ${want.list.length}`).toBe(true);
    const g = got as unknown[];
    expect(g.length, `${where}: length`).toBe(want.list.length);
    want.list.forEach((w, i) => compare(g[i], w, c, `${where}[${i}]`));
    return;
  }
  const e = want.array;
  expect(got, `${where}: an array`).toBeInstanceOf(PlainArray);
  const a = got as PlainArray;
  expect([...a.shape], `${where}: shape`).toEqual(e.shape);
  expect(a.dtype, `${where}: dtype`).toBe(e.dtype);
  if (c.routine === "argsort") {
    checkArgsort(a, c);
    return;
  }
  if (e.dtype === "int64") {
    expect(Array.from(a.data as BigInt64Array, String), `${where}: int64 values`).toEqual(e.data);
    return;
  }
  if (e.dtype === "bool") {
    expect(
      Array.from(a.data as Uint8Array, (v) => v !== 0),
      `${where}: bool values`,
    ).toEqual(e.data);
    return;
  }
  const abs = c.tol.abs ?? 0;
  const rel = c.tol.rel ?? 0;
  const g = a.toNumbers();
  const bad: string[] = [];
  (e.data as number[]).forEach((w, i) => {
    const err = Math.abs(g[i]! - w);
    if (!(err <= Math.max(abs, rel * Math.abs(w))))
      bad.push(`[${i}] got ${g[i]}, NumPy ${w} (error ${err.toExponential(2)} = ${(err * 2 ** fixture.fracBits).toFixed(2)} ulp)`);
  });
  expect(bad, `${where}: float64 values within max(${abs}, ${rel}·|NumPy|)`).toEqual([]);
}

describe("golden values from NumPy", () => {
  let outcomes: Map<string, Outcome>;
  beforeAll(async () => {
    outcomes = await runAll(fixture.cases);
  }, 120_000);

  for (const c of fixture.cases) {
    const title = `${c.id}${c.note ? ` (${c.note})` : ""}`;
    const check = (): void => {
      const o = outcomes.get(c.id)!;
      if ("error" in c.expected) {
        expect("error" in o, `${c.id}: NumPy raises ${c.expected.error}, securenumpy must refuse too`).toBe(true);
        return;
      }
      if ("error" in o) throw o.error;
      compare(o.value, c.expected, c, c.id);
    };
    if (c.xfail) it.fails(`${title} — known failure: ${c.xfail}`, check);
    else it(title, check);
  }
});

describe("golden coverage", () => {
  const exported = exportedRoutines();
  const covered = new Set(fixture.cases.map((c) => lookup(api, c.routine)));

  it("every exported numeric routine (or one of its aliases) has a golden case", () => {
    const missing = exported.filter(([name, fn]) => !(name in NOT_ROUTINES) && !covered.has(fn)).map(([name]) => name);
    expect(missing, "add an entry to ROUTINES in scripts/numpy-golden.py and rerun it").toEqual([]);
  });

  it("the list of non-routines names only real exports, and no routine with cases", () => {
    for (const name of Object.keys(NOT_ROUTINES)) {
      expect(typeof lookup(api, name), `${name} is exported`).toBe("function");
      expect(covered.has(lookup(api, name)), `${name} has golden cases: drop it from NOT_ROUTINES`).toBe(false);
    }
  });

  it("every fixture routine is an export (a stale fixture fails here)", () => {
    const names = new Set(exported.map(([n]) => n));
    expect(fixture.cases.map((c) => c.routine).filter((n) => !names.has(n))).toEqual([]);
  });
});
