/**
 * Small Ferret parameter sets for tests: same shapes as the real ones, seconds faster, and NO
 * security (the LPN instance is tiny). Never pass them outside tests.
 */
import type { FerretParamSets } from "../src/ferret/params.js";

export const INSECURE_TEST_PARAMS: FerretParamSets = Object.freeze({
  main: Object.freeze({ n: 4096, k: 512, t: 16, h: 8 }),
  pre: Object.freeze({ n: 1024, k: 128, t: 8, h: 7 }),
});
