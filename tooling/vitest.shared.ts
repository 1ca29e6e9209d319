import { defineConfig } from "vitest/config";

/** Shared per-package vitest settings; each package's vitest.config.ts calls this with its name. */
export function packageConfig(name: string, opts: { timeoutMs?: number } = {}) {
  return defineConfig({
    resolve: { conditions: ["source"] },
    ssr: { resolve: { conditions: ["source"], externalConditions: ["source"] } },
    test: {
      name,
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      environment: "node",
      testTimeout: opts.timeoutMs ?? 30_000,
      hookTimeout: opts.timeoutMs ?? 30_000,
      pool: "forks",
      // Tests run VMs on the insecure dealer on purpose (fast); its warning would repeat for every one.
      // Tests of the warning itself listen for the "warning" event, which this option does not stop.
      execArgv: ["--disable-warning=PETACE_INSECURE"],
    },
  });
}
