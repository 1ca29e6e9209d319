import { packageConfig } from "../../tooling/vitest.shared.ts";

export default packageConfig("@petace/analytics", { timeoutMs: 55_000 });
