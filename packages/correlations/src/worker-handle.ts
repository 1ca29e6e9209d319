/**
 * The owner thread's side of one correlation worker: starts it on its own substream of the
 * connection, sends it requests, and turns whatever stops it (an error inside it, a crash, the
 * connection failing, `close`) into errors of the pending requests, never a hang. The worker keeps
 * the process alive only while a request is pending, so an idle one never delays exit.
 */
import { MessageChannel, type Worker } from "node:worker_threads";
import { ChannelClosedError, ChannelTimeoutError, servePort, type Channel, type PartyId, type PortService } from "@petace/network";
import { spawnOtWorker } from "./spawn-worker.js";
import type { WorkerInit, WorkReply, WorkRequest } from "./worker-protocol.js";

/** How a worker's OT session is made (WorkerInit's extension fields). */
export type WorkerOt = Pick<WorkerInit, "ot" | "silentParams">;

type Pending = { resolve: (columns: Uint8Array[]) => void; reject: (err: Error) => void };
type Request = WorkRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

export class OtWorker {
  readonly #worker: Worker;
  readonly #service: PortService;
  readonly #pending = new Map<number, Pending>();
  readonly #party: PartyId;
  #nextId = 0;
  #failure: Error | undefined;
  #closing = false;
  readonly #ready: Promise<void>;

  private constructor(stream: Channel, party: PartyId, tag: string, ot: WorkerOt) {
    this.#party = party;
    const { port1, port2 } = new MessageChannel();
    this.#service = servePort(port1, stream);
    port1.unref();
    this.#worker = spawnOtWorker({ party, port: port2, tag, ...ot }, [port2]);
    let started!: { resolve: () => void; reject: (e: Error) => void };
    this.#ready = new Promise<void>((resolve, reject) => {
      started = { resolve, reject };
    });
    this.#worker.on("message", (msg: WorkReply) => {
      if (msg.op === "ready") {
        this.#idle();
        started.resolve();
      } else if (msg.op === "batch") {
        const p = this.#pending.get(msg.id);
        this.#pending.delete(msg.id);
        if (this.#pending.size === 0) this.#idle();
        p?.resolve(msg.columns);
      } else {
        const err = fromWorker(msg.name, msg.message);
        this.#fail(err);
        started.reject(err);
      }
    });
    this.#worker.on("error", (e) => {
      const err = new Error(`party ${party}: the correlation worker thread crashed: ${e.message}`, { cause: e });
      this.#fail(err);
      started.reject(err);
    });
    this.#worker.on("exit", (code) => {
      const err = new Error(`party ${party}: the correlation worker thread exited (code ${code}) before the VM closed`);
      this.#fail(err);
      started.reject(err);
    });
  }

  /** Starts a worker whose OT session runs on `stream`; resolves once its base OTs are done. */
  static async start(stream: Channel, party: PartyId, tag: string, ot: WorkerOt = {}): Promise<OtWorker> {
    const w = new OtWorker(stream, party, tag, ot);
    try {
      await w.#ready;
    } catch (err) {
      await w.close();
      throw err;
    }
    return w;
  }

  /** The thread (tests kill it to check that a dead worker is an error, not a hang). */
  get thread(): Worker {
    return this.#worker;
  }

  /** Queues a request; the worker serves requests in the order they were made. */
  request(req: Request): Promise<Uint8Array[]> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    if (this.#pending.size === 0) this.#worker.ref();
    const done = new Promise<Uint8Array[]>((resolve, reject) => this.#pending.set(id, { resolve, reject }));
    this.#worker.postMessage({ ...req, id } as WorkRequest);
    return done;
  }

  /** Stops the worker and ends its stream; pending requests reject. Idempotent. */
  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    this.#fail(new ChannelClosedError(`party ${this.#party}: the correlation provider was closed`));
    await this.#service.close();
    await this.#worker.terminate();
  }

  /** No request pending: an idle worker must not keep the process alive. */
  #idle(): void {
    this.#worker.unref();
  }

  #fail(err: Error): void {
    if (this.#failure) return;
    this.#failure = err;
    for (const p of this.#pending.values()) p.reject(err);
    this.#pending.clear();
    this.#idle();
    // The peer's worker waits on this stream: ending it tells the peer now, not at its timeout.
    void this.#service.close();
    // Its OT session is out of step or its stream gone: the thread has nothing left to do.
    void this.#worker.terminate();
  }
}

/** A worker's error as an error of this thread: channel failures keep their class (callers tell consequences from causes by it). */
function fromWorker(name: string, message: string): Error {
  if (name === "ChannelClosedError") return new ChannelClosedError(message);
  if (name === "ChannelTimeoutError") return new ChannelTimeoutError(message);
  const err = new Error(`correlation worker: ${message}`);
  err.name = name;
  return err;
}
