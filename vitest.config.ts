import { defineConfig } from "vitest/config";

// One vitest run covers every package: each folder with a vitest.config.ts is a project.
// Workspace packages resolve to their TypeScript sources (the "source" export condition, set in
// tooling/vitest.shared.ts), so tests never run against a stale dist/.
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*", "test-e2e*", "tooling/testkit"],
    reporters: ["default", "./tooling/vitest-summary.ts"],
  },
});
