import { packageConfig } from "../../tooling/vitest.shared.ts";

export default packageConfig("@petace/smoke", { timeoutMs: 120_000 });
