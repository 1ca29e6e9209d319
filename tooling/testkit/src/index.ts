/**
 * @petace/testkit: dev-only helpers for the workspace's tests. This entry is for vitest tests (it
 * imports vitest); the process rig, which benchmark drivers use outside vitest, is
 * "@petace/testkit/spawn".
 */
export { deriveSeed, formatSeed, parseSeed, runSeed, SEED_ENV, seedNote, testSeed } from "./seed.js";
export * from "./spawn.js";
