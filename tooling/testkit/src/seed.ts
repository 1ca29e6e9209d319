/**
 * Seeds for the random inputs of tests. Each test file's run picks one run seed: PETACE_TEST_SEED
 * when set, otherwise a fresh one, so every run explores new inputs. `testSeed()` derives a seed from
 * it and the caller's place (the test's full name and how many seeds that test took before; or the
 * order of calls at module and describe level), so separate calls give independent streams and the
 * same run seed gives them all back. A failing test reports the run seed in its failure message:
 *
 *   seed 0x1f2e3d4c — rerun with PETACE_TEST_SEED=0x1f2e3d4c
 *
 * Seeds are 32-bit numbers, the state size of @petace/primitives' SeededRandom: a test makes its
 * generator with `new SeededRandom(testSeed())`, and a Prg with `new Prg(rng.prgSeed())`. (This
 * package cannot hand out the generators itself: @petace/primitives' own tests use it, and a
 * dependency back on primitives would close a cycle in the workspace graph.)
 */
import { afterEach, expect, onTestFailed, onTestFinished, type TestContext } from "vitest";

/** The environment variable that fixes the run seed. */
export const SEED_ENV = "PETACE_TEST_SEED";

/** A seed as it is printed and accepted: 0x and eight hex digits. */
export function formatSeed(seed: number): string {
  return `0x${(seed >>> 0).toString(16).padStart(8, "0")}`;
}

/** Reads a seed written in hex (0x…) or decimal; anything else, or anything of 2^32 or more, throws. */
export function parseSeed(text: string): number {
  const t = text.trim();
  const v = /^0x[0-9a-f]+$/i.test(t) ? parseInt(t.slice(2), 16) : /^\d+$/.test(t) ? Number(t) : NaN;
  if (!Number.isSafeInteger(v) || v >= 2 ** 32)
    throw new RangeError(`${SEED_ENV} must be a 32-bit seed (0x1234abcd or a decimal number), got ${JSON.stringify(text)}`);
  return v;
}

/** The line a failing test gets. */
export function seedNote(seed: number): string {
  return `seed ${formatSeed(seed)} — rerun with ${SEED_ENV}=${formatSeed(seed)}`;
}

let chosen: number | undefined;

/** This test file's run seed: PETACE_TEST_SEED when set, else fresh (picked at the first call). */
export function runSeed(): number {
  if (chosen === undefined) {
    const env = process.env[SEED_ENV];
    chosen = env !== undefined && env !== "" ? parseSeed(env) : crypto.getRandomValues(new Uint32Array(1))[0]!;
  }
  return chosen;
}

/**
 * The seed for `key` under run seed `run`: a 32-bit FNV-1a hash of the key, xored with the run seed
 * and put through a multiply-xorshift finalizer, so that nearby keys and nearby run seeds still
 * give unrelated seeds.
 */
export function deriveSeed(run: number, key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h = (h ^ run) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Adds the note to the first error, which is what every reporter shows first. */
function report(ctx: TestContext): void {
  const note = seedNote(runSeed());
  const first = ctx.task.result?.errors?.[0];
  if (first === undefined) process.stderr.write(`${ctx.task.name}: ${note}\n`);
  else if (!first.message.includes(note)) first.message = `${first.message}\n${note}`;
}

/** Seeds taken so far per scope: the running test's full name, or module and describe level. */
const taken = new Map<string, number>();
const COLLECTING = "\0collect";

/**
 * A seed for this test's random inputs, reported in the failure message if the test fails. Each
 * call gives another seed; rerunning with the reported PETACE_TEST_SEED gives the same ones.
 *
 * Call it inside a test, or in a describe block or at module level for inputs shared by several
 * tests (every failing test of that block then reports it). Not from beforeAll: the report hooks
 * cannot be registered from there.
 */
export function testSeed(): number {
  const { currentTestName, testPath } = expect.getState();
  if (currentTestName !== undefined) {
    try {
      const scope = `${testPath ?? ""}\0${currentTestName}`;
      const k = taken.get(scope);
      if (k === undefined) {
        onTestFailed(report);
        onTestFinished(() => void taken.delete(scope));
      }
      taken.set(scope, (k ?? 0) + 1);
      return deriveSeed(runSeed(), `${scope}#${k ?? 0}`);
    } catch {
      // Not in a test after all: expect's state keeps naming the last test while hooks run.
    }
  }
  const k = taken.get(COLLECTING) ?? 0;
  taken.set(COLLECTING, k + 1);
  afterEach((ctx) => {
    if (ctx.task.result?.state === "fail") report(ctx);
  });
  return deriveSeed(runSeed(), `${testPath ?? ""}${COLLECTING}#${k}`);
}
