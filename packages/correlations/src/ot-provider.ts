/**
 * The dealer-free CorrelationProvider: every correlation is made by the two parties with OT extension
 * (IKNP/ALSZ over Chou–Orlandi base OTs), the default of this library, or with silent OT (Ferret,
 * `ot: "silent"`), where every kind runs on the silent session's COTs (the *FromCot makers:
 * cot-pair.ts, gilboa-cot.ts). Semi-honest security.
 *
 * Pools per kind refill in large batches (one or two messages per party per batch) and hand each
 * correlation out exactly once. All communication of one provider is serialised in call order, so
 * both parties, making the same calls in the same order (SPMD), refill at the same points. The
 * provider's messages share the channel with whatever else runs on it: call `reserve()` before an
 * online phase, or give the provider a channel of its own, if other protocols' messages could
 * otherwise interleave with a refill differently on the two sides.
 */
import type { Channel, PartyId } from "@petace/network";
import { checkCount, checkParty, Prg } from "@petace/primitives";
import type {
  ArithTriples,
  BoolTriples,
  DaBits,
  MatrixMask,
  MatrixTriple,
  CorrelationProvider,
  OwnedMatrixTriple,
  SquarePairs,
} from "./provider.js";
import { baseCount, mpcotMessageBytes, OtSession, SilentOtSession, type CotSession, type FerretParamSets } from "@petace/ot";
import { arithTriplesFromCot, arithTriplesFromOt } from "./arith.js";
import { boolTriplesFromCot, boolTriplesFromOt } from "./bool.js";
import { daBitsFromCot, daBitsFromOt } from "./dabits.js";
import { matrixTripleFromCot, matrixTripleFromOt, matrixTripleWithA, matrixTripleWithACot } from "./matrix.js";
import { ownedMatrixTripleFromCot } from "./owned-matrix.js";
import { randomOtsFromCot } from "./random-ots.js";
import { squarePairsFromCot, squarePairsFromOt } from "./square.js";
import { CorrelationPool } from "./pool.js";
import { randomOtsBothWays } from "@petace/ot";

export interface OtCorrelationProviderOptions {
  /** Items per refill, per kind (rounded up to a multiple of 256). Defaults: arith 2^14, bool 2^20, daBits 2^16, randomOts 2^18, squares 2^14. */
  batch?: { arith?: number; bool?: number; daBits?: number; randomOts?: number; squares?: number };
  /** Tag prefix of the provider's messages (default "ot"). */
  tag?: string;
  /**
   * OT extension under every correlation: "iknp" (default, the fused IKNP kernels) or "silent"
   * (Ferret silent OT, @petace/ot's SilentOtSession: under 1 bit per COT on the wire, more CPU;
   * triples, AND triples, daBits, square pairs, random OTs and matrix triples all run on its COTs).
   * Both parties must pass the same; "silent" states it in a versioned first message, so a
   * mismatch is an OtExtensionMismatchError.
   */
  ot?: "iknp" | "silent";
  /** Ferret parameter sets for ot: "silent" (default the 128-bit sets). Others are for tests only: small sets give no security. */
  silentParams?: FerretParamSets;
}

const MAX_BATCH = 1 << 24;

function checkBatch(name: string, v: number | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 1 || v > MAX_BATCH) {
    throw new RangeError(`OtCorrelationProvider.create: batch.${name} must be an integer in [1, 2^24], got ${String(v)}`);
  }
  return Math.ceil(v / 256) * 256;
}

/** Correlations per request. */
const COUNT = { max: 2 ** 30 } as const;

export class OtCorrelationProvider implements CorrelationProvider {
  /** "ot" (IKNP) or "ot/silent", as the source's kind (otCorrelations). */
  readonly kind: "ot" | "ot/silent";
  readonly party: PartyId;
  /** The OT session (use through `withOt` so its messages stay in call order with the pools'). */
  readonly #ot: OtSession;
  /** The silent session serving every kind (ot: "silent"), or null (IKNP). */
  readonly #silent: SilentOtSession | null;
  readonly #arith: CorrelationPool;
  readonly #bool: CorrelationPool;
  readonly #dabit: CorrelationPool;
  readonly #rot: CorrelationPool;
  readonly #square: CorrelationPool;
  /** Masks this provider drew (a triple is made only on one of them). */
  readonly #masks = new WeakSet<MatrixMask>();
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(
    ot: OtSession,
    batch: { arith: number; bool: number; daBits: number; randomOts: number; squares: number },
    silent: SilentOtSession | null = null,
  ) {
    this.#ot = ot;
    this.#silent = silent;
    this.kind = silent ? "ot/silent" : "ot";
    this.party = ot.party;
    this.#arith = new CorrelationPool(
      "arith",
      ["u64", "u64", "u64"],
      async (n) => {
        const t = silent ? await arithTriplesFromCot(silent, n) : await arithTriplesFromOt(ot, n);
        return [t.a, t.b, t.c];
      },
      batch.arith,
    );
    this.#bool = new CorrelationPool(
      "bool",
      ["bits", "bits", "bits"],
      async (n) => {
        const t = silent ? await boolTriplesFromCot(silent, n) : await boolTriplesFromOt(ot, n);
        return [t.a, t.b, t.c];
      },
      batch.bool,
    );
    this.#dabit = new CorrelationPool(
      "dabit",
      ["bits", "u64"],
      async (n) => {
        const d = silent ? await daBitsFromCot(silent, n) : await daBitsFromOt(ot, n);
        return [d.bits, d.arith];
      },
      batch.daBits,
    );
    this.#rot = new CorrelationPool(
      "rot",
      [16, 16, "bits", 16],
      async (n) => {
        const r = silent ? await randomOtsFromCot(silent, n) : await randomOtsBothWays(ot, n);
        return [r.m0, r.m1, r.choices, r.received];
      },
      batch.randomOts,
    );
    this.#square = new CorrelationPool(
      "square",
      ["u64", "u64"],
      async (n) => {
        const p = silent ? await squarePairsFromCot(silent, n) : await squarePairsFromOt(ot, n);
        return [p.a, p.c];
      },
      batch.squares,
    );
  }

  /** Runs the base OTs for both OT-extension directions (two messages per party, ~0.3 s). */
  static async create(channel: Channel, party: PartyId, opts: OtCorrelationProviderOptions = {}): Promise<OtCorrelationProvider> {
    checkParty("OtCorrelationProvider.create", party);
    if (channel.party !== party)
      throw new RangeError(`OtCorrelationProvider.create: party ${party} does not match the channel's party ${channel.party}`);
    const batch = {
      arith: checkBatch("arith", opts.batch?.arith, 1 << 14),
      bool: checkBatch("bool", opts.batch?.bool, 1 << 20),
      daBits: checkBatch("daBits", opts.batch?.daBits, 1 << 16),
      randomOts: checkBatch("randomOts", opts.batch?.randomOts, 1 << 18),
      squares: checkBatch("squares", opts.batch?.squares, 1 << 14),
    };
    const tag = opts.tag === undefined ? {} : { tag: opts.tag };
    if (opts.ot !== undefined && opts.ot !== "iknp" && opts.ot !== "silent")
      throw new TypeError(`OtCorrelationProvider.create: ot must be "iknp" or "silent", got ${String(opts.ot)}`);
    if (opts.ot === "silent") {
      const silent = await SilentOtSession.create(channel, opts.silentParams === undefined ? tag : { ...tag, params: opts.silentParams });
      return new OtCorrelationProvider(silent.iknp, batch, silent);
    }
    const ot = await OtSession.create(channel, tag);
    return new OtCorrelationProvider(ot, batch);
  }

  /** Runs `op` after every earlier call of this provider has finished its communication. */
  #serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(op, op);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async arithTriples(n: number): Promise<ArithTriples> {
    checkCount("OtCorrelationProvider.arithTriples", n, COUNT);
    return this.#serial(async () => {
      const [a, b, c] = (await this.#arith.take(n)) as BigUint64Array[];
      return { a: a ?? new BigUint64Array(0), b: b ?? new BigUint64Array(0), c: c ?? new BigUint64Array(0) };
    });
  }

  async boolTriples(n: number): Promise<BoolTriples> {
    checkCount("OtCorrelationProvider.boolTriples", n, COUNT);
    return this.#serial(async () => {
      const [a, b, c] = (await this.#bool.take(n)) as Uint8Array[];
      return { a: a ?? new Uint8Array(0), b: b ?? new Uint8Array(0), c: c ?? new Uint8Array(0) };
    });
  }

  /** Pairs (a, a²) for squaring (see square.ts: half the OT work and bytes of a triple each). */
  async squarePairs(n: number): Promise<SquarePairs> {
    checkCount("OtCorrelationProvider.squarePairs", n, COUNT);
    return this.#serial(async () => {
      const [a, c] = (await this.#square.take(n)) as BigUint64Array[];
      return { a: a ?? new BigUint64Array(0), c: c ?? new BigUint64Array(0) };
    });
  }

  async daBits(n: number): Promise<DaBits> {
    checkCount("OtCorrelationProvider.daBits", n, COUNT);
    return this.#serial(async () => {
      const [bits, arith] = await this.#dabit.take(n);
      return {
        bits: (bits as Uint8Array | undefined) ?? new Uint8Array(0),
        arith: (arith as BigUint64Array | undefined) ?? new BigUint64Array(0),
      };
    });
  }

  /**
   * n random OTs in each direction: as sender this party gets random 16-byte m0, m1 (n × 16 bytes
   * each); as receiver, random packed choice bits and the chosen messages. This party's sender side
   * pairs with the peer's receiver side (peer.received_j = m_{peer.choices_j, j}). One IKNP random OT
   * each way, 16 bytes per OT per party; on silent OT one random COT each way, hashed (no message
   * beyond the session's).
   */
  async randomOts(n: number): Promise<{ m0: Uint8Array; m1: Uint8Array; choices: Uint8Array; received: Uint8Array }> {
    checkCount("OtCorrelationProvider.randomOts", n, COUNT);
    return this.#serial(async () => {
      const [m0, m1, choices, received] = (await this.#rot.take(n)) as Uint8Array[];
      return { m0: m0!, m1: m1!, choices: choices!, received: received! };
    });
  }

  /** Made on demand, not pooled (shapes vary); see matrix.ts for the cost. */
  async matrixTriple(m: number, k: number, n: number): Promise<MatrixTriple> {
    const silent = this.#silent;
    return this.#serial(() => (silent ? matrixTripleFromCot(silent, m, k, n) : matrixTripleFromOt(this.#ot, m, k, n)));
  }

  /** Made on demand, not pooled; one cross term of a matrix triple (owned-matrix.ts). */
  async ownedMatrixTriple(owner: PartyId, m: number, k: number, n: number): Promise<OwnedMatrixTriple> {
    const s: CotSession = this.#silent ?? this.#ot;
    return this.#serial(() => ownedMatrixTripleFromCot(s, owner, m, k, n));
  }

  /**
   * A matrix mask (see MatrixMask): this party's share of A drawn locally, no message. Its triples
   * (`matrixTripleFor`) cost what a fresh triple does; the saving is online (E opened once).
   */
  async matrixMask(m: number, k: number): Promise<MatrixMask> {
    checkCount("OtCorrelationProvider.matrixMask", m, COUNT);
    checkCount("OtCorrelationProvider.matrixMask", k, COUNT);
    const mask: MatrixMask = Object.freeze({ m, k, a: Prg.fromRandom().ring(m * k) });
    this.#masks.add(mask);
    return mask;
  }

  /** A triple (A, B, C = A·B) on the mask's A with a fresh B (k×n). */
  async matrixTripleFor(mask: MatrixMask, n: number): Promise<MatrixTriple> {
    if (!this.#masks.has(mask)) throw new TypeError("OtCorrelationProvider.matrixTripleFor: the mask was not made by this provider");
    const silent = this.#silent;
    return this.#serial(() =>
      silent ? matrixTripleWithACot(silent, mask.a, mask.m, mask.k, n) : matrixTripleWithA(this.#ot, mask.a, mask.m, mask.k, n),
    );
  }

  /** Pre-generates at least these counts (one refill per kind that is short). */
  async reserve(counts: { arith?: number; bool?: number; daBits?: number; randomOts?: number; squares?: number }): Promise<void> {
    for (const [k, v] of Object.entries(counts)) if (v !== undefined) checkCount(`OtCorrelationProvider.reserve (${k})`, v, COUNT);
    return this.#serial(async () => {
      if (counts.arith) await this.#arith.reserve(counts.arith);
      if (counts.bool) await this.#bool.reserve(counts.bool);
      if (counts.daBits) await this.#dabit.reserve(counts.daBits);
      if (counts.randomOts) await this.#rot.reserve(counts.randomOts);
      if (counts.squares) await this.#square.reserve(counts.squares);
    });
  }

  /**
   * Raw OTs for protocols that need them, in call order with the pools' refills. With ot: "silent"
   * this is the silent session's bootstrapping IKNP session (same Δ).
   */
  withOt<T>(fn: (ot: OtSession) => Promise<T>): Promise<T> {
    return this.#serial(() => fn(this.#ot));
  }

  /**
   * COTs the OT session has served per role (padded batches included), and for silent OT the bytes
   * of Ferret messages per served COT in the steady state (the main parameter set's message over the
   * COTs an iteration leaves for use; 0 for IKNP, whose 16 bytes per COT are in its own messages).
   * For benchmarks that state bytes per operation without the one-time bootstrap.
   */
  get otCounts(): { extension: "iknp" | "silent"; sent: number; received: number; ferretBytesPerCot: number } {
    const s = this.#silent;
    if (s === null) return { extension: "iknp", sent: this.#ot.counts.sent, received: this.#ot.counts.received, ferretBytesPerCot: 0 };
    const main = s.params.main;
    return {
      extension: "silent",
      sent: s.counts.sent,
      received: s.counts.received,
      ferretBytesPerCot: mpcotMessageBytes(main) / (main.n - baseCount(main)),
    };
  }

  /** Items ready per kind and totals produced/consumed (tests, diagnostics). */
  get stats(): Record<"arith" | "bool" | "daBits" | "randomOts" | "squares", { available: number; produced: number; consumed: number }> {
    const s = (p: CorrelationPool) => ({ available: p.available, produced: p.produced, consumed: p.consumed });
    return { arith: s(this.#arith), bool: s(this.#bool), daBits: s(this.#dabit), randomOts: s(this.#rot), squares: s(this.#square) };
  }
}
