/**
 * The per-party protocol context every share kernel runs in: who we are, the channel, a private PRG,
 * a PRG both parties seed jointly (for correlated randomness that needs no message, such as zero
 * shares and the input masks of `input`), the triple provider and the fixed-point precision.
 *
 * Semi-honest two-party model: the joint seed is the hash of one fresh seed from each party, so it
 * is uniform as long as either party is honest; it is known to both parties and so is only ever used
 * for values that both parties may know.
 */
import { asBytes, assertParty, type Channel, type PartyId } from "@petace/network";
import type { CorrelationProvider } from "@petace/correlations";
import { checkFracBits, DEFAULT_FRAC_BITS, Prg, randomSeed, sha256 } from "@petace/primitives";

export interface ContextOptions {
  /** Fractional bits of fixed-point values (default 16). */
  fracBits?: number;
  /** Seed of the private PRG (default: fresh from the CSPRNG). Tests only. */
  privateSeed?: Uint8Array;
  /**
   * MSB/comparison method: "millionaire" (CrypTFlow2, needs the provider's `randomOts`),
   * "carry-tree" (AND triples only), or "auto" (the default: millionaire when the provider has
   * random OTs, else carry-tree).
   */
  comparison?: ComparisonMethod;
  /**
   * Truncation of fixed-point products and public divisions (`kernels/truncate.ts`): "exact" (the
   * default) rounds to the nearest value, ties up, deterministically; "stochastic" is the one-round
   * method whose result is the floor or the floor + 1 at random, which is cheaper but lets repeated
   * reveals of recomputed values narrow an input below the rounding (opt in only where no value is
   * revealed repeatedly and results need not be reproducible).
   */
  truncation?: TruncationMethod;
}

export type ComparisonMethod = "auto" | "carry-tree" | "millionaire";
export type TruncationMethod = "exact" | "stochastic";

/** What a cost depends on besides the call itself. */
export interface CostEnv {
  readonly fracBits: number;
  /** The comparison method in force (see `ContextOptions.comparison`). */
  readonly comparison: "millionaire" | "carry-tree";
  /** Whether the correlation provider offers random OTs (the multiplexer then uses them). */
  readonly randomOts: boolean;
  /** Whether it offers square pairs (squares then open one element instead of two). */
  readonly squarePairs: boolean;
  /** The truncation method in force (see `ContextOptions.truncation`). */
  readonly truncation: TruncationMethod;
}
/** Names the messages of one operator call: `tag("open")` → `"mul#12/open"`. */
export type Tagger = (message: string) => string;

const SHARED_SEED_LABEL = new TextEncoder().encode("petace-ts/shared-prg/v1");

/**
 * One step of independent AND work waiting to ride on the next `and` call's round (kernels/boolean.ts):
 * its words are appended to that call's, and `done` gets their ANDs (and may arm the next step).
 */
export interface AndRider {
  readonly x: Uint32Array;
  readonly y: Uint32Array;
  done(z: Uint32Array): void;
}

/** Words to open (exchange) with the next `exchangeRiding` message; `done` gets the peer's. */
export interface OpenRider {
  readonly words: Uint32Array;
  done(theirs: Uint32Array): void;
}

export class ProtocolContext {
  #calls = 0;

  /** Set by a kernel with independent AND steps (kernels/smallbits.ts `rideSteps`), absorbed by the next `and`. */
  andRider: AndRider | null = null;

  /** Masked bits waiting to be opened with the next `exchangeRiding` (a truncation's opening, an AND, a Beaver product). */
  openRider: OpenRider | null = null;

  private constructor(
    readonly party: PartyId,
    readonly channel: Channel,
    readonly correlations: CorrelationProvider,
    /** This party's private randomness. */
    readonly prg: Prg,
    /** Randomness known to both parties (and only to them). */
    readonly sharedPrg: Prg,
    readonly fracBits: number,
    readonly comparison: ComparisonMethod,
    truncation: TruncationMethod,
  ) {
    const randomOts = correlations.randomOts !== undefined;
    const resolved = comparison === "auto" ? (randomOts ? "millionaire" : "carry-tree") : comparison;
    this.costEnv = { fracBits, comparison: resolved, randomOts, squarePairs: correlations.squarePairs !== undefined, truncation };
  }

  /** The comparison method in force ("auto" resolved) and what else the operators' costs depend on. */
  readonly costEnv: CostEnv;

  /**
   * Builds the context; both parties call it at the same point of the program. One round: each
   * party sends a fresh 16-byte seed and the joint seed is SHA-256(label ‖ seed0 ‖ seed1)[0..16).
   */
  static async create(channel: Channel, correlations: CorrelationProvider, opts: ContextOptions = {}): Promise<ProtocolContext> {
    assertParty(channel.party, "ProtocolContext.create");
    const fracBits = opts.fracBits ?? DEFAULT_FRAC_BITS;
    checkFracBits("ProtocolContext.create", fracBits);
    const mine = randomSeed();
    channel.send("context/shared-seed", mine.slice());
    const theirs = await channel.recv("context/shared-seed");
    if (theirs.byteLength !== 16) {
      throw new RangeError(
        `ProtocolContext.create: party ${channel.party} got a ${theirs.byteLength}-byte shared-seed message, expected 16`,
      );
    }
    const [s0, s1] = channel.party === 0 ? [mine, theirs] : [theirs, mine];
    const joint = new Uint8Array(SHARED_SEED_LABEL.length + 32);
    joint.set(SHARED_SEED_LABEL, 0);
    joint.set(s0, SHARED_SEED_LABEL.length);
    joint.set(s1, SHARED_SEED_LABEL.length + 16);
    const sharedSeed = sha256(joint).slice(0, 16);
    const privateSeed = opts.privateSeed ?? randomSeed();
    const comparison = opts.comparison ?? "auto";
    if (comparison !== "auto" && comparison !== "carry-tree" && comparison !== "millionaire") {
      throw new RangeError(`ProtocolContext.create: comparison must be "auto", "carry-tree" or "millionaire", got ${String(comparison)}`);
    }
    if (comparison === "millionaire" && !correlations.randomOts) {
      throw new RangeError(
        `ProtocolContext.create: comparison "millionaire" needs a correlation provider with randomOts (provider "${correlations.kind}" has none)`,
      );
    }
    const truncation = opts.truncation ?? "exact";
    if (truncation !== "exact" && truncation !== "stochastic") {
      throw new RangeError(`ProtocolContext.create: truncation must be "exact" or "stochastic", got ${String(truncation)}`);
    }
    return new ProtocolContext(
      channel.party,
      channel,
      correlations,
      new Prg(privateSeed),
      new Prg(sharedSeed),
      fracBits,
      comparison,
      truncation,
    );
  }

  /** The other party's id. */
  get peer(): PartyId {
    return this.party === 0 ? 1 : 0;
  }

  /**
   * Starts one operator call and returns its tagger. Both parties start operators in the same order
   * (SPMD), so call numbers agree and a desynchronised program fails at once with a tag mismatch.
   */
  op(name: string): Tagger {
    const prefix = `${name}#${this.#calls++}/`;
    return (message) => prefix + message;
  }

  /** Sends ring elements (ownership passes to the channel). */
  sendRing(tag: string, data: BigUint64Array): void {
    this.channel.send(tag, asBytes(data));
  }

  /**
   * One exchange under `tag`: sends `data` with a waiting OpenRider's words appended (then clears
   * it), receives the peer's message of the same layout, hands the rider its part and returns the
   * rest (8-byte aligned, as every received message). Both parties arm the same riders.
   */
  async exchangeRiding(tag: string, data: ArrayBufferView): Promise<Uint8Array> {
    const rider = this.openRider;
    this.openRider = null;
    const own = asBytes(data);
    const extra = rider ? rider.words.byteLength : 0;
    let msg = own;
    if (rider) {
      msg = new Uint8Array(own.byteLength + extra);
      msg.set(own);
      msg.set(asBytes(rider.words), own.byteLength);
    }
    this.channel.send(tag, msg);
    const got = await this.channel.recv(tag);
    if (got.byteLength !== own.byteLength + extra) throw this.lengthError(tag, got.byteLength, own.byteLength + extra);
    if (rider) rider.done(new Uint32Array(got.slice(own.byteLength).buffer));
    return got.subarray(0, own.byteLength);
  }

  /** Receives exactly `n` ring elements. */
  async recvRing(tag: string, n: number): Promise<BigUint64Array> {
    const bytes = await this.channel.recv(tag);
    if (bytes.byteLength !== n * 8) throw this.lengthError(tag, bytes.byteLength, n * 8);
    return new BigUint64Array(bytes.buffer, bytes.byteOffset, n);
  }

  /** Receives exactly `words` 32-bit words. */
  async recvWords(tag: string, words: number): Promise<Uint32Array> {
    const bytes = await this.channel.recv(tag);
    if (bytes.byteLength !== words * 4) throw this.lengthError(tag, bytes.byteLength, words * 4);
    return new Uint32Array(bytes.buffer, bytes.byteOffset, words);
  }

  /** A zero sharing: both parties get the same mask r; party 0 holds r, party 1 holds −r. */
  zeroShares(n: number): BigUint64Array {
    const r = this.sharedPrg.ring(n);
    if (this.party === 1) for (let i = 0; i < n; i++) r[i] = BigInt.asUintN(64, -r[i]!);
    return r;
  }

  private lengthError(tag: string, got: number, expected: number): Error {
    return new KernelProtocolError(this.party, `message "${tag}" from the peer has ${got} bytes, expected ${expected}`);
  }
}

/** A peer's message is malformed. Names the party and the message, never its contents. */
export class KernelProtocolError extends Error {
  override name = "KernelProtocolError";
  constructor(
    readonly party: number,
    message: string,
  ) {
    super(`party ${party}: ${message}`);
  }
}
