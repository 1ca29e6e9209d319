import { packageConfig } from "../tooling/vitest.shared.ts";

export default packageConfig("@petace/test-e2e", { timeoutMs: 120_000 });
