/**
 * INSECURE trusted-dealer correlations, for tests and for benchmarks that separate the online cost
 * of the share kernels from the cost of making triples. Never a default.
 *
 * Both parties hold the same 16-byte seed and each simulates the dealer, keeping only its own part:
 * either party can therefore compute the other's shares, and every correlation is known to both.
 * Running a real computation on it gives no privacy at all. Use `OtCorrelationProvider` (dealer-free,
 * the default) for anything but tests and offline/online cost splits.
 *
 * Streams: one AES-CTR PRG per correlation kind and per party (seeds derived from the common seed),
 * so party 0 only expands its own part and party 1 expands party 0's part plus its own free values,
 * then computes its product share. Correlations are never handed out twice: every call advances the
 * streams.
 */
import type { Channel, PartyId } from "@petace/network";
import type {
  ArithTriples,
  BoolTriples,
  DaBits,
  MatrixMask,
  MatrixTriple,
  OwnedMatrixTriple,
  RandomOts,
  CorrelationProvider,
  SquarePairs,
} from "./provider.js";
import { checkCount, checkParty, deriveSeed, Prg, randomSeed, ringAdd, ringMatmul, ringSub } from "@petace/primitives";

type Kind = "arith" | "bool" | "matrix" | "mask" | "owned" | "dabit" | "rot" | "square";

/** Requests name their size "count" in messages (matrix dimensions too). */
const COUNT = { name: "count" } as const;

export class InsecureDealerProvider implements CorrelationProvider {
  readonly kind = "dealer-insecure";
  readonly insecure = true;
  readonly party: PartyId;
  readonly #streams = new Map<string, Prg>();
  readonly #seed: Uint8Array;
  /** Each mask this dealer made: with its whole A at party 1 (which derives party 0's share too), its share at party 0. */
  readonly #masks = new WeakMap<MatrixMask, BigUint64Array>();

  /** Both parties pass the same seed. */
  constructor(party: PartyId, seed: Uint8Array) {
    checkParty("InsecureDealerProvider", party);
    if (!(seed instanceof Uint8Array) || seed.length !== 16)
      throw new RangeError("InsecureDealerProvider: seed must be a 16-byte Uint8Array");
    this.party = party;
    this.#seed = seed.slice();
  }

  /**
   * INSECURE: party 0 picks the seed and sends it to party 1 in the clear. One message. Tests and
   * benchmarks only.
   */
  static async overChannel(channel: Channel): Promise<InsecureDealerProvider> {
    const tag = "dealer-insecure/seed";
    if (channel.party === 0) {
      const seed = randomSeed();
      channel.send(tag, seed.slice());
      return new InsecureDealerProvider(0, seed);
    }
    const seed = await channel.recv(tag);
    return new InsecureDealerProvider(1, seed.slice(0, 16));
  }

  /** The dealer's stream for one kind and one party's part. */
  #stream(kind: Kind, part: PartyId): Prg {
    const key = `${kind}/${part}`;
    let prg = this.#streams.get(key);
    if (!prg) {
      prg = new Prg(deriveSeed(this.#seed, `petace-ts/dealer-insecure/${key}`));
      this.#streams.set(key, prg);
    }
    return prg;
  }

  async arithTriples(n: number): Promise<ArithTriples> {
    checkCount("InsecureDealerProvider.arithTriples", n, COUNT);
    const p0 = this.#stream("arith", 0).ring(3 * n);
    const a0 = p0.subarray(0, n),
      b0 = p0.subarray(n, 2 * n),
      c0 = p0.subarray(2 * n);
    if (this.party === 0) return { a: a0, b: b0, c: c0 };
    const p1 = this.#stream("arith", 1).ring(2 * n);
    const a1 = p1.subarray(0, n),
      b1 = p1.subarray(n);
    const c1 = new BigUint64Array(n);
    for (let i = 0; i < n; i++) c1[i] = BigInt.asUintN(64, (a0[i]! + a1[i]!) * (b0[i]! + b1[i]!) - c0[i]!);
    return { a: a1, b: b1, c: c1 };
  }

  async squarePairs(n: number): Promise<SquarePairs> {
    checkCount("InsecureDealerProvider.squarePairs", n, COUNT);
    const p0 = this.#stream("square", 0).ring(2 * n);
    const a0 = p0.subarray(0, n),
      c0 = p0.subarray(n);
    if (this.party === 0) return { a: a0, c: c0 };
    const a1 = this.#stream("square", 1).ring(n);
    const c1 = new BigUint64Array(n);
    for (let i = 0; i < n; i++) {
      const a = a0[i]! + a1[i]!;
      c1[i] = BigInt.asUintN(64, a * a - c0[i]!);
    }
    return { a: a1, c: c1 };
  }

  async boolTriples(n: number): Promise<BoolTriples> {
    checkCount("InsecureDealerProvider.boolTriples", n, COUNT);
    const bytes = (n + 7) >>> 3;
    const p0 = this.#stream("bool", 0).bytes(3 * bytes);
    const a0 = p0.subarray(0, bytes),
      b0 = p0.subarray(bytes, 2 * bytes),
      c0 = p0.subarray(2 * bytes);
    if (this.party === 0) return { a: a0, b: b0, c: c0 };
    const p1 = this.#stream("bool", 1).bytes(2 * bytes);
    const a1 = p1.subarray(0, bytes),
      b1 = p1.subarray(bytes);
    const c1 = new Uint8Array(bytes);
    for (let i = 0; i < bytes; i++) c1[i] = ((a0[i]! ^ a1[i]!) & (b0[i]! ^ b1[i]!)) ^ c0[i]!;
    return { a: a1, b: b1, c: c1 };
  }

  async matrixTriple(m: number, k: number, n: number): Promise<MatrixTriple> {
    checkCount("InsecureDealerProvider.matrixTriple", m, COUNT);
    checkCount("InsecureDealerProvider.matrixTriple", k, COUNT);
    checkCount("InsecureDealerProvider.matrixTriple", n, COUNT);
    const p0 = this.#stream("matrix", 0).ring(m * k + k * n + m * n);
    const a0 = p0.subarray(0, m * k),
      b0 = p0.subarray(m * k, m * k + k * n),
      c0 = p0.subarray(m * k + k * n);
    if (this.party === 0) return { a: a0, b: b0, c: c0 };
    const p1 = this.#stream("matrix", 1).ring(m * k + k * n);
    const a1 = p1.subarray(0, m * k),
      b1 = p1.subarray(m * k);
    return { a: a1, b: b1, c: shareOfProduct(ringAdd(a0, a1), ringAdd(b0, b1), m, k, n, c0) };
  }

  /**
   * Stream "owned/0" holds the owner's R and its share of C, "owned/1" the other party's S (read by
   * the other party alone, which derives its share of C from both).
   */
  async ownedMatrixTriple(owner: PartyId, m: number, k: number, n: number): Promise<OwnedMatrixTriple> {
    checkParty("InsecureDealerProvider.ownedMatrixTriple", owner);
    checkCount("InsecureDealerProvider.ownedMatrixTriple", m, COUNT);
    checkCount("InsecureDealerProvider.ownedMatrixTriple", k, COUNT);
    checkCount("InsecureDealerProvider.ownedMatrixTriple", n, COUNT);
    const o = this.#stream("owned", 0).ring(m * k + m * n);
    const r = o.subarray(0, m * k),
      c0 = o.subarray(m * k);
    if (this.party === owner) return { owner, mine: r, c: c0 };
    const s = this.#stream("owned", 1).ring(k * n);
    return { owner, mine: s, c: shareOfProduct(r, s, m, k, n, c0) };
  }

  /** Stream "mask/p" holds party p's shares of every mask's A; a mask's triples come from the "matrix" streams. */
  async matrixMask(m: number, k: number): Promise<MatrixMask> {
    checkCount("InsecureDealerProvider.matrixMask", m, COUNT);
    checkCount("InsecureDealerProvider.matrixMask", k, COUNT);
    const a0 = this.#stream("mask", 0).ring(m * k);
    const a1 = this.party === 1 ? this.#stream("mask", 1).ring(m * k) : null;
    const mask: MatrixMask = Object.freeze({ m, k, a: a1 ?? a0 });
    this.#masks.set(mask, a1 ? a0.map((v, i) => BigInt.asUintN(64, v + a1[i]!)) : a0);
    return mask;
  }

  async matrixTripleFor(mask: MatrixMask, n: number): Promise<MatrixTriple> {
    const whole = this.#masks.get(mask);
    if (!whole) throw new TypeError("InsecureDealerProvider.matrixTripleFor: the mask was not made by this provider");
    checkCount("InsecureDealerProvider.matrixTripleFor", n, COUNT);
    const { m, k } = mask;
    const p0 = this.#stream("matrix", 0).ring(k * n + m * n);
    const b0 = p0.subarray(0, k * n),
      c0 = p0.subarray(k * n);
    if (this.party === 0) return { a: mask.a, b: b0, c: c0 };
    const b1 = this.#stream("matrix", 1).ring(k * n);
    return { a: mask.a, b: b1, c: shareOfProduct(whole, ringAdd(b0, b1), m, k, n, c0) };
  }

  async daBits(n: number): Promise<DaBits> {
    checkCount("InsecureDealerProvider.daBits", n, COUNT);
    const s0 = this.#stream("dabit", 0);
    const bits0 = s0.bits(n);
    const arith0 = s0.ring(n);
    if (this.party === 0) return { bits: bits0, arith: arith0 };
    const bits1 = this.#stream("dabit", 1).bits(n);
    const arith1 = new BigUint64Array(n);
    for (let i = 0; i < n; i++) {
      const r = ((bits0[i >>> 3]! ^ bits1[i >>> 3]!) >>> (i & 7)) & 1;
      arith1[i] = BigInt.asUintN(64, (r === 1 ? 1n : 0n) - arith0[i]!);
    }
    return { bits: bits1, arith: arith1 };
  }

  /** Stream "rot/p" holds the OTs where party p is the sender: m0, m1, then the choice bits. */
  async randomOts(n: number): Promise<RandomOts> {
    checkCount("InsecureDealerProvider.randomOts", n, COUNT);
    const draw = (sender: PartyId) => {
      const s = this.#stream("rot", sender);
      const m0 = s.bytes(16 * n),
        m1 = s.bytes(16 * n),
        choices = s.bits(n);
      return { m0, m1, choices };
    };
    const mine = draw(this.party);
    const theirs = draw(this.party === 0 ? 1 : 0);
    const received = new Uint8Array(16 * n);
    for (let j = 0; j < n; j++) {
      const src = (theirs.choices[j >>> 3]! >>> (j & 7)) & 1 ? theirs.m1 : theirs.m0;
      received.set(src.subarray(16 * j, 16 * j + 16), 16 * j);
    }
    return { m0: mine.m0, m1: mine.m1, choices: theirs.choices, received };
  }
}

/** The share of A·B (m×k·k×n) that completes the other share c0, on the ring kernels. */
function shareOfProduct(a: BigUint64Array, b: BigUint64Array, m: number, k: number, n: number, c0: BigUint64Array): BigUint64Array {
  const c = ringMatmul(a, b, m, k, n);
  return ringSub(c, c0, c);
}
