/**
 * The argument convention (core/options.ts), checked on every exported routine. The list is the
 * package's exports themselves (index.ts: the api.ts table and `use`), so a routine added to api.ts without a declaration fails here; each is
 * called with bad options in its options slot and must refuse them with a TypeError naming it.
 */
import { describe, expect, it } from "vitest";
import * as api from "./index.js";
import { declarationOf } from "./core/options.js";
import { both } from "../test/util.js";

const isClass = (f: unknown): boolean => typeof f === "function" && /^class[\s{]/.test(Function.prototype.toString.call(f));
// Namespaces of routines (`random`: frozen plain objects) are walked member by member.
const isNamespace = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype && Object.isFrozen(v);
const routines = Object.entries(api)
  .flatMap(([k, v]) => (isNamespace(v) ? Object.entries(v).map(([m, f]) => [`${k}.${m}`, f] as const) : [[k, v] as const]))
  .filter(([, v]) => typeof v === "function" && !isClass(v)) as [string, (...a: unknown[]) => unknown][];

/** Calls fn, turning a rejected promise (async routines) into a thrown error. */
async function failure(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("one argument convention: every exported routine", () => {
  it("the table is not empty and every routine has a declaration", () => {
    expect(routines.length).toBeGreaterThan(100);
    const missing = routines.filter(([, fn]) => declarationOf(fn) === undefined).map(([name]) => name);
    expect(missing, "routines without an options declaration (wrap them with routine() from core/options.ts)").toEqual([]);
  });

  it.each(routines)("%s refuses an unknown key, an array, a SecureArray and a number as its options", async (_name, fn) => {
    const d = declarationOf(fn)!;
    const keys = Object.keys(d.options);
    const accepts = keys.length === 0 ? `${d.name} takes no options` : `${d.name} accepts { ${keys.join(", ")} }`;
    await both(async (np) => {
      const secret = np.zeros([3]);
      // The positional slots hold placeholders: the options are checked before the routine runs.
      const call = (options: unknown) => failure(() => fn(...new Array<unknown>(d.positional.length).fill(undefined), options));
      for (const bad of [{ noSuchOption: 1 }, [1, 2, 3], secret, 3]) {
        const e = await call(bad);
        expect(e, `${d.name} with ${Array.isArray(bad) ? "an array" : typeof bad} as options`).toBeInstanceOf(TypeError);
        expect((e as Error).message).toMatch(new RegExp(`^${esc(d.name)}: `));
        expect((e as Error).message).toContain(accepts);
      }
      // Too many arguments (e.g. NumPy's keepdims passed after the options) is refused too.
      const extra = await failure(() => fn(...new Array<unknown>(d.positional.length).fill(undefined), {}, true));
      expect(extra).toBeInstanceOf(TypeError);
      expect((extra as Error).message).toMatch(new RegExp(`^${esc(d.name)}: takes at most ${d.positional.length + 1} arguments`));
      return null;
    });
  });

  it("a value of the wrong type names the option, what it must be, and the accepted keys", async () => {
    for (const [, fn] of routines) {
      const d = declarationOf(fn)!;
      for (const key of Object.keys(d.options)) {
        const e = await failure(() => fn(...new Array<unknown>(d.positional.length).fill(undefined), { [key]: Symbol("wrong") }));
        expect(e, `${d.name} { ${key}: Symbol }`).toBeInstanceOf(TypeError);
        expect((e as Error).message).toMatch(new RegExp(`^${esc(d.name)}: option ${esc(key)} must be .*; ${esc(d.name)} accepts`));
      }
    }
  });
});

describe("the two calls of issue 16", () => {
  it("average(a, 1, [1, 2, 3]) in NumPy's positional order is a TypeError pointing at { weights }", async () => {
    await both(async (np, party) => {
      const a = await np.array(party === 0 ? [[1, 2, 3]] : null, 0);
      expect(() => np.average(a, 1, [1, 2, 3] as never)).toThrow(
        /^average: argument 3 is the options object, got an array; average accepts \{ weights, keepdims \}/,
      );
      expect(() => np.std(a, { ddof: 1 } as never)).toThrow(
        /^std: got an options object as axis \(argument 2\); options come last: std\(a, axis, options\)/,
      );
      // An empty (or omitted) options object is fine, also after where's three operands.
      expect(np.where(a.gt(1), a, 0, {}).shape).toEqual([1, 3]);
      expect(() => np.mean(a, null, { keepdims: 1 } as never)).toThrow(/^mean: option keepdims must be a boolean, got the number 1/);
      return null;
    });
  });
});
