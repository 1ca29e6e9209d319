import { packageConfig } from "../../tooling/vitest.shared.ts";

export default packageConfig("@petace/linear-regression", { timeoutMs: 55_000 });
