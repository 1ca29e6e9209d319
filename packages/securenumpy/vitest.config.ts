import { mergeConfig } from "vitest/config";
import { packageConfig } from "../../tooling/vitest.shared.ts";

// --expose-gc: the memory test forces collections to compare heaps before and after a long loop.
export default mergeConfig(packageConfig("@petace/securenumpy"), { test: { execArgv: ["--expose-gc"] } });
