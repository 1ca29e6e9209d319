import { packageConfig } from "../../tooling/vitest.shared.ts";

export default packageConfig("@petace/cli", { timeoutMs: 60_000 });
