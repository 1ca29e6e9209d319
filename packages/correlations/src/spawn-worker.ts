/**
 * Starts a correlation worker thread (ot-worker.ts) from wherever this package runs: the built
 * dist (plain JavaScript, the worker is ot-worker.js beside this file) or its TypeScript sources
 * under vitest or tsx (the tests, `pnpm demo`). A worker thread does not inherit the TypeScript
 * loader of its parent, so from sources it is started by a two-line bootstrap that registers tsx
 * in the thread and then imports ot-worker.ts, with the "source" export condition so the workspace
 * packages it imports resolve to their sources too.
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker, type TransferListItem } from "node:worker_threads";
import type { WorkerInit } from "./worker-protocol.js";

const FROM_SOURCE = import.meta.url.endsWith(".ts");

export function spawnOtWorker(init: WorkerInit, transferList: TransferListItem[]): Worker {
  if (!FROM_SOURCE) return new Worker(new URL("./ot-worker.js", import.meta.url), { workerData: init, transferList });
  const entry = new URL("./ot-worker.ts", import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi())}).then((tsx) => tsx.register()).then(() => import(${JSON.stringify(entry)}));`;
  return new Worker(bootstrap, { eval: true, execArgv: ["--conditions=source"], workerData: init, transferList });
}

/** The ESM entry of tsx's registration API, found from this package (a dev dependency of the workspace). */
function tsxApi(): string {
  let path: string;
  try {
    // Resolved with the require condition, which names the CommonJS twin of the ESM entry.
    path = createRequire(import.meta.url)
      .resolve("tsx/esm/api")
      .replace(/\.cjs$/, ".mjs");
  } catch (err) {
    throw new Error(
      "@petace/correlations: running from its TypeScript sources, a correlation worker needs tsx to load them; " +
        "install tsx, or use the built package (dist)",
      { cause: err },
    );
  }
  return pathToFileURL(path).href;
}
