import { defineConfig } from "vitest/config";

// One vitest run covers every package: each folder with a vitest.config.ts is a project.
// The "source" export condition makes workspace packages resolve to their TypeScript sources,
// so tests never run against a stale dist/.
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*", "test-e2e"],
  },
});
