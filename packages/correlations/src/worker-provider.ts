/**
 * The dealer-free provider with its offline phase in worker threads: the same correlations as
 * OtCorrelationProvider, made by OT extension in one or more worker threads per party, each with
 * its own OT session on its own substream of the connection, while this thread runs the online
 * protocol. Per kind a PrefetchPool on this thread hands correlations out and asks the workers for
 * the next batch before it runs dry (see prefetch-pool.ts for the rule; it depends only on the
 * calls made, so both parties ask for the same batches in the same order).
 *
 * With several workers every ask is split into one part per worker (each a multiple of 256 items),
 * so the workers make one batch together. Matrix triples are made on demand, by the workers in
 * turn. Semi-honest security, as OtCorrelationProvider: nothing secret leaves this party except
 * through the OT protocols.
 */
import { substream, type Channel, type PartyId } from "@petace/network";
import { checkCount, checkParty } from "@petace/primitives";
import { PrefetchPool } from "./prefetch-pool.js";
import type { ArithTriples, BoolTriples, CorrelationProvider, DaBits, MatrixTriple, RandomOts, SquarePairs } from "./provider.js";
import { OtWorker, type WorkerOt } from "./worker-handle.js";
import type { FerretParamSets } from "@petace/ot";
import { POOLED, type PooledKind } from "./worker-protocol.js";

export interface WorkerProviderOptions {
  /** Worker threads per party (default 1, at most 16). Both parties must use the same number. */
  workers?: number;
  /** Largest batch asked for ahead of demand, per kind. Defaults as OtCorrelationProvider's batch. */
  batch?: { arith?: number; bool?: number; daBits?: number; squares?: number; randomOts?: number };
  /** Name prefix of the workers' substreams and OT sessions (default "corr"). */
  stream?: string;
  /**
   * The workers' OT extension, as OtCorrelationProvider's `ot`: "iknp" (default) or "silent" (every
   * worker runs its own Ferret session, so its buffers are paid once per worker and party; sizes in
   * bench/notes.md). Both parties must pass the same; "silent" states it in a versioned first message.
   */
  ot?: "iknp" | "silent";
  /** Ferret parameter sets for ot: "silent" (tests only: small sets give no security). */
  silentParams?: FerretParamSets;
}

const MAX_WORKERS = 16;
const MAX_BATCH = 1 << 24;
const COUNT = { max: 2 ** 30 } as const;
const DEFAULT_BATCH: Record<PooledKind, number> = { arith: 1 << 14, bool: 1 << 20, daBits: 1 << 16, squares: 1 << 14, randomOts: 1 << 18 };

export class WorkerCorrelationProvider implements CorrelationProvider {
  readonly kind = "ot";
  readonly party: PartyId;
  readonly #workers: OtWorker[];
  readonly #pools: Record<PooledKind, PrefetchPool>;
  #nextMatrixWorker = 0;

  private constructor(party: PartyId, workers: OtWorker[], batch: Record<PooledKind, number>) {
    this.party = party;
    this.#workers = workers;
    const pool = (kind: PooledKind) =>
      new PrefetchPool(
        kind,
        POOLED[kind],
        (n) => this.#split(n).map((size, i) => ({ size, columns: workers[i]!.request({ op: "pooled", kind, n: size }) })),
        batch[kind],
      );
    this.#pools = {
      arith: pool("arith"),
      bool: pool("bool"),
      daBits: pool("daBits"),
      squares: pool("squares"),
      randomOts: pool("randomOts"),
    };
  }

  /**
   * Starts the workers on substreams of `channel` and runs their base OTs; both parties call it at
   * the same point. The channel must carry substreams (every transport of @petace/network does).
   */
  static async create(channel: Channel, party: PartyId, opts: WorkerProviderOptions = {}): Promise<WorkerCorrelationProvider> {
    checkParty("WorkerCorrelationProvider.create", party);
    if (channel.party !== party)
      throw new RangeError(`WorkerCorrelationProvider.create: party ${party} does not match the channel's party ${channel.party}`);
    const count = opts.workers ?? 1;
    if (!Number.isSafeInteger(count) || count < 1 || count > MAX_WORKERS)
      throw new RangeError(`WorkerCorrelationProvider.create: workers must be an integer in [1, ${MAX_WORKERS}], got ${String(count)}`);
    const batch = { ...DEFAULT_BATCH };
    for (const kind of Object.keys(DEFAULT_BATCH) as PooledKind[]) {
      const v = opts.batch?.[kind];
      if (v === undefined) continue;
      if (!Number.isSafeInteger(v) || v < 1 || v > MAX_BATCH)
        throw new RangeError(`WorkerCorrelationProvider.create: batch.${kind} must be an integer in [1, 2^24], got ${String(v)}`);
      batch[kind] = Math.ceil(v / 256) * 256;
    }
    const prefix = opts.stream ?? "corr";
    if (opts.ot !== undefined && opts.ot !== "iknp" && opts.ot !== "silent")
      throw new TypeError(`WorkerCorrelationProvider.create: ot must be "iknp" or "silent", got ${String(opts.ot)}`);
    const ot: WorkerOt =
      opts.ot === "silent" ? { ot: "silent", ...(opts.silentParams === undefined ? {} : { silentParams: opts.silentParams }) } : {};
    const started = await Promise.allSettled(
      Array.from({ length: count }, (_, i) => OtWorker.start(substream(channel, `${prefix}/${i}`), party, `${prefix}${i}`, ot)),
    );
    const workers = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    const failed = started.find((s) => s.status === "rejected");
    if (failed) {
      await Promise.all(workers.map((w) => w.close()));
      throw failed.reason;
    }
    return new WorkerCorrelationProvider(party, workers, batch);
  }

  /** n (a multiple of 256) split into one part per worker, each a multiple of 256; empty parts left out. */
  #split(n: number): number[] {
    const per = Math.ceil(n / 256 / this.#workers.length) * 256;
    const parts: number[] = [];
    for (let left = n; left > 0; left -= per) parts.push(Math.min(per, left));
    return parts;
  }

  async arithTriples(n: number): Promise<ArithTriples> {
    checkCount("WorkerCorrelationProvider.arithTriples", n, COUNT);
    const [a, b, c] = (await this.#pools.arith.take(n)) as BigUint64Array[];
    return { a: a!, b: b!, c: c! };
  }

  async boolTriples(n: number): Promise<BoolTriples> {
    checkCount("WorkerCorrelationProvider.boolTriples", n, COUNT);
    const [a, b, c] = (await this.#pools.bool.take(n)) as Uint8Array[];
    return { a: a!, b: b!, c: c! };
  }

  async daBits(n: number): Promise<DaBits> {
    checkCount("WorkerCorrelationProvider.daBits", n, COUNT);
    const [bits, arith] = await this.#pools.daBits.take(n);
    return { bits: bits as Uint8Array, arith: arith as BigUint64Array };
  }

  /** Square pairs (a, a²): one Gilboa cross term each (square.ts). */
  async squarePairs(n: number): Promise<SquarePairs> {
    checkCount("WorkerCorrelationProvider.squarePairs", n, COUNT);
    const [a, c] = (await this.#pools.squares.take(n)) as BigUint64Array[];
    return { a: a!, c: c! };
  }

  /** See OtCorrelationProvider.randomOts. */
  async randomOts(n: number): Promise<RandomOts> {
    checkCount("WorkerCorrelationProvider.randomOts", n, COUNT);
    const [m0, m1, choices, received] = (await this.#pools.randomOts.take(n)) as Uint8Array[];
    return { m0: m0!, m1: m1!, choices: choices!, received: received! };
  }

  /** Made on demand (shapes vary), by the next worker in turn, after what was asked of it before. */
  async matrixTriple(m: number, k: number, n: number): Promise<MatrixTriple> {
    for (const [name, v] of [
      ["m", m],
      ["k", k],
      ["n", n],
    ] as const)
      checkCount(`WorkerCorrelationProvider.matrixTriple (${name})`, v, COUNT);
    const worker = this.#workers[this.#nextMatrixWorker++ % this.#workers.length]!;
    const [a, b, c] = await worker.request({ op: "matrix", m, k, n });
    const u64 = (x: Uint8Array) => new BigUint64Array(x.buffer, x.byteOffset, x.byteLength / 8);
    return { a: u64(a!), b: u64(b!), c: u64(c!) };
  }

  /** Makes at least these counts ready (asked for and arrived). */
  async reserve(counts: { arith?: number; bool?: number; daBits?: number; squares?: number; randomOts?: number }): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const kind of Object.keys(DEFAULT_BATCH) as PooledKind[]) {
      const v = counts[kind];
      if (v === undefined) continue;
      checkCount(`WorkerCorrelationProvider.reserve (${kind})`, v, COUNT);
      waits.push(this.#pools[kind].reserve(v));
    }
    await Promise.all(waits);
  }

  /** Items asked for, handed out and still ahead per kind (tests, diagnostics). */
  get stats(): Record<PooledKind, { asked: number; consumed: number; ahead: number }> {
    const s = (p: PrefetchPool) => ({ asked: p.asked, consumed: p.consumed, ahead: p.ahead });
    return {
      arith: s(this.#pools.arith),
      bool: s(this.#pools.bool),
      daBits: s(this.#pools.daBits),
      squares: s(this.#pools.squares),
      randomOts: s(this.#pools.randomOts),
    };
  }

  /** Stops the workers and ends their streams; later requests reject. Idempotent. */
  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.close()));
  }
}
