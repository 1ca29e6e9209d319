/**
 * The messages between a correlation worker thread (ot-worker.ts) and the provider that owns it
 * (worker-provider.ts). Correlations cross as columns of bytes (see pool.ts's ColumnSpec), their
 * buffers moved, never copied.
 */
import type { MessagePort } from "node:worker_threads";
import type { PartyId } from "@petace/network";
import type { FerretParamSets } from "@petace/ot";
import type { ColumnSpec } from "./pool.js";

/** The pooled kinds and their columns, in the order the columns travel. */
export const POOLED = {
  arith: ["u64", "u64", "u64"],
  bool: ["bits", "bits", "bits"],
  daBits: ["bits", "u64"],
  squares: ["u64", "u64"],
  randomOts: [16, 16, "bits", 16],
} as const satisfies Record<string, readonly ColumnSpec[]>;

export type PooledKind = keyof typeof POOLED;

/** What the worker is started with (its `workerData`). */
export interface WorkerInit {
  party: PartyId;
  /** The worker's end of the port its Channel runs over (see @petace/network's portChannel). */
  port: MessagePort;
  /** Tag prefix of the worker's OT session. */
  tag: string;
  /** The worker's OT extension ("iknp" when absent) and, for "silent", Ferret sets other than the default (tests). */
  ot?: "iknp" | "silent";
  silentParams?: FerretParamSets;
}

/** Owner → worker: make correlations. Served strictly in the order sent. */
export type WorkRequest =
  | { op: "pooled"; id: number; kind: PooledKind; n: number }
  | { op: "matrix"; id: number; m: number; k: number; n: number };

/** Worker → owner. */
export type WorkReply =
  /** The base OTs are done: requests are welcome. */
  | { op: "ready" }
  | { op: "batch"; id: number; columns: Uint8Array[] }
  /** The worker stopped: `id` is the request that failed, or -1 for set-up. */
  | { op: "error"; id: number; name: string; message: string };
