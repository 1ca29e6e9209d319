/**
 * The body of a correlation worker thread: an OT session over a Channel carried by a MessagePort
 * (the owner thread forwards it on a substream of the connection), then correlations made on
 * request, strictly in the order requested. The owner makes the same requests in the same order on
 * both parties, so the two workers' OT messages match. Started by spawn-worker.ts; never imported.
 */
import { parentPort, workerData } from "node:worker_threads";
import { portChannel } from "@petace/network";
import { OtSession, randomOtsBothWays, SilentOtSession } from "@petace/ot";
import { arithTriplesFromCot, arithTriplesFromOt } from "./arith.js";
import { boolTriplesFromCot, boolTriplesFromOt } from "./bool.js";
import { daBitsFromCot, daBitsFromOt } from "./dabits.js";
import { matrixTripleFromCot, matrixTripleFromOt } from "./matrix.js";
import { randomOtsFromCot } from "./random-ots.js";
import { squarePairsFromCot, squarePairsFromOt } from "./square.js";
import type { Column } from "./pool.js";
import type { PooledKind, WorkerInit, WorkReply, WorkRequest } from "./worker-protocol.js";

const owner = parentPort;
if (!owner) throw new Error("ot-worker: this module runs only as a worker thread (see spawn-worker.ts)");
const init = workerData as WorkerInit;
const channel = portChannel(init.port, init.party);

/** The correlations of a request, on IKNP's fused makers or on the silent session's COTs (as OtCorrelationProvider). */
async function make(ot: OtSession | SilentOtSession, req: WorkRequest): Promise<Column[]> {
  const s = ot instanceof SilentOtSession ? ot : null;
  const iknp = ot instanceof OtSession ? ot : null;
  if (req.op === "matrix") {
    const t = s ? await matrixTripleFromCot(s, req.m, req.k, req.n) : await matrixTripleFromOt(iknp!, req.m, req.k, req.n);
    return [t.a, t.b, t.c];
  }
  const kind: PooledKind = req.kind;
  switch (kind) {
    case "arith": {
      const t = s ? await arithTriplesFromCot(s, req.n) : await arithTriplesFromOt(iknp!, req.n);
      return [t.a, t.b, t.c];
    }
    case "bool": {
      const t = s ? await boolTriplesFromCot(s, req.n) : await boolTriplesFromOt(iknp!, req.n);
      return [t.a, t.b, t.c];
    }
    case "daBits": {
      const d = s ? await daBitsFromCot(s, req.n) : await daBitsFromOt(iknp!, req.n);
      return [d.bits, d.arith];
    }
    case "squares": {
      const p = s ? await squarePairsFromCot(s, req.n) : await squarePairsFromOt(iknp!, req.n);
      return [p.a, p.c];
    }
    case "randomOts": {
      const r = s ? await randomOtsFromCot(s, req.n) : await randomOtsBothWays(iknp!, req.n);
      return [r.m0, r.m1, r.choices, r.received];
    }
  }
}

/** Each column as bytes over a buffer of its own, so it can be moved to the owner. */
function movable(c: Column): Uint8Array {
  const bytes = c instanceof Uint8Array ? c : new Uint8Array(c.buffer, c.byteOffset, c.byteLength);
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

function stop(id: number, err: unknown): void {
  const e = err instanceof Error ? err : new Error(String(err));
  owner!.postMessage({ op: "error", id, name: e.name, message: e.message } satisfies WorkReply);
  // The OT session is out of step after a failure: nothing later could be trusted.
  void channel.close();
}

let failed = false;
let queue: Promise<unknown> = Promise.resolve();

try {
  const ot =
    init.ot === "silent"
      ? await SilentOtSession.create(
          channel,
          init.silentParams === undefined ? { tag: init.tag } : { tag: init.tag, params: init.silentParams },
        )
      : await OtSession.create(channel, { tag: init.tag });
  owner.on("message", (req: WorkRequest) => {
    queue = queue.then(async () => {
      if (failed) return;
      try {
        const columns = (await make(ot, req)).map(movable);
        owner.postMessage(
          { op: "batch", id: req.id, columns } satisfies WorkReply,
          columns.map((c) => c.buffer as ArrayBuffer),
        );
      } catch (err) {
        failed = true;
        stop(req.id, err);
      }
    });
  });
  owner.postMessage({ op: "ready" } satisfies WorkReply);
} catch (err) {
  stop(-1, err);
}
