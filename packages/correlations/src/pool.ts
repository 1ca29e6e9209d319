/**
 * A FIFO of one kind of correlation, refilled in batches and handing every item out exactly once.
 * Refills start small and double up to `batch`, so a short program does not pay for a full batch
 * it never uses, while a long one soon runs on full batches. A larger request is served in one
 * refill of its own size (one round trip), up to MAX_REFILL items and MAX_REFILL_BYTES per refill
 * (or `batch`, if larger), so that a long request, which the VM already cuts into bounded kernel
 * calls, does not make one huge batch; `reserve` is served in one refill whatever its size. Batches
 * queue as they were made (a refill never copies what is left of the last one in front of the new
 * one: the VM's reservations leave a few items over, and copying tens of MB of random OTs for
 * them cost more than using them), and each is released as soon as it is used up. A batch is a
 * list of columns, each one of:
 *   "u64"  one ring element per item (`BigUint64Array`),
 *   "bits" one bit per item, packed LSB-first (`Uint8Array`),
 *   number w: w bytes per item (`Uint8Array`, item j at bytes [w·j, w·j + w)).
 * Pools with a bit column are consumed in whole bytes: a request for n items takes ceil(n/8)·8 of
 * them and the unused tail is dropped, never handed out later.
 */
/** Items in the first refill (or `batch`, if smaller). */
const FIRST_REFILL = 1024;
/** Most items in one refill a `take` makes (or `batch`, if larger); no typed array may grow past what the runtime allows. */
export const MAX_REFILL = 1 << 22;
/**
 * Most bytes of one refill a `take` makes (or `batch` items, if larger): memory, not round trips,
 * bounds it. Room for the 2^20 random OTs a comparison asks for at once, in one refill.
 */
export const MAX_REFILL_BYTES = 64 << 20;

export type ColumnSpec = "u64" | "bits" | number;
export type Column = BigUint64Array | Uint8Array;
export type Produce = (n: number) => Promise<Column[]>;

function bytesOf(c: Column): Uint8Array {
  return c instanceof Uint8Array ? c : new Uint8Array(c.buffer, c.byteOffset, c.byteLength);
}

/** One batch as made: its columns (as bytes), its items and the first one not handed out. */
interface Batch {
  cols: Uint8Array[];
  size: number;
  cursor: number;
}

export class CorrelationPool {
  /** Batches not used up, oldest first. */
  #batches: Batch[] = [];
  readonly #width: number[]; // bytes per item; 0 for a bit column
  readonly #byteAligned: boolean;
  /** Largest refill of a `take`, in items. */
  readonly maxRefill: number;
  /** Size of the next refill when the deficit is smaller: doubles after each refill, up to `batch`. */
  #next: number;
  /** Items ever produced and ever handed out (or dropped); for tests and stats. */
  produced = 0;
  consumed = 0;

  constructor(
    readonly name: string,
    readonly columns: ColumnSpec[],
    private readonly produce: Produce,
    /** Items per refill (a multiple of 256). */
    readonly batch: number,
  ) {
    this.#width = columns.map((c) => (c === "u64" ? 8 : c === "bits" ? 0 : c));
    this.#byteAligned = this.#width.includes(0);
    this.#next = Math.min(batch, FIRST_REFILL);
    const itemBytes = this.#width.reduce((a, w) => a + (w === 0 ? 1 / 8 : w), 0);
    const byBytes = Math.max(256, Math.floor(MAX_REFILL_BYTES / itemBytes / 256) * 256);
    this.maxRefill = Math.max(batch, Math.min(MAX_REFILL, byBytes));
  }

  /** Bytes of the batches held (used or not): each released when used up. */
  get heldBytes(): number {
    let b = 0;
    for (const batch of this.#batches) for (const c of batch.cols) b += c.byteLength;
    return b;
  }

  /** Items ready without communication. */
  get available(): number {
    let a = 0;
    for (const b of this.#batches) a += b.size - b.cursor;
    return a;
  }

  /** Makes at least n items available, in one refill of at least the deficit. */
  async reserve(n: number): Promise<void> {
    const deficit = n - this.available;
    if (deficit > 0) await this.#refill(deficit, true);
  }

  /**
   * The next n items: views of one batch when they lie in it (a whole fresh batch is handed over),
   * otherwise columns freshly allocated. Items are handed out once, so a caller may overwrite its
   * own (e.g. zero them after use); a view keeps its batch in memory while the caller holds it.
   */
  async take(n: number): Promise<Column[]> {
    // A request that would be exactly one refill is made as one (then handed over as views).
    if (this.available === 0 && n > 0 && n % 256 === 0 && n >= this.#next && n <= this.maxRefill) await this.#refill(n);
    const first = this.#batches[0];
    if (first !== undefined && n > 0 && n <= first.size - first.cursor && (!this.#byteAligned || (n & 7) === 0)) {
      // Inside the oldest batch: views, no copy (random OTs are tens of MB per call).
      const from = first.cursor;
      const cols = first.cols.map((c, i) => {
        const w = this.#width[i]!;
        const bytes = w === 0 ? c.subarray(from >>> 3, (from + n) >>> 3) : c.subarray(w * from, w * (from + n));
        return this.columns[i] === "u64" ? new BigUint64Array(bytes.buffer, bytes.byteOffset, n) : bytes;
      });
      first.cursor += n;
      this.consumed += n;
      if (first.cursor === first.size) this.#batches.shift();
      return cols;
    }
    const out = this.#width.map((w) => new Uint8Array(w === 0 ? (n + 7) >>> 3 : w * n));
    let filled = 0;
    while (filled < n) {
      if (this.available === 0) await this.#refill(n - filled);
      const b = this.#batches[0]!;
      const left = b.size - b.cursor;
      const k = Math.min(n - filled, left);
      const from = b.cursor;
      for (let i = 0; i < out.length; i++) {
        const w = this.#width[i]!;
        const c = b.cols[i]!;
        if (w === 0) out[i]!.set(c.subarray(from >>> 3, (from + k + 7) >>> 3), filled >>> 3);
        else out[i]!.set(c.subarray(w * from, w * (from + k)), w * filled);
      }
      // With a bit column, advance in whole bytes (every batch holds a multiple of 256 items, so
      // `filled` stays a multiple of 8 until the last piece).
      const step = this.#byteAligned ? Math.min(left, (k + 7) & ~7) : k;
      b.cursor += step;
      this.consumed += step;
      filled += k;
      if (b.cursor === b.size) this.#batches.shift(); // used up: do not hold it until the next refill
    }
    if (n & 7) {
      const mask = (1 << (n & 7)) - 1;
      for (let i = 0; i < out.length; i++) if (this.#width[i] === 0) out[i]![out[i]!.length - 1]! &= mask;
    }
    return out.map((o, i) => (this.columns[i] === "u64" ? new BigUint64Array(o.buffer, 0, n) : o));
  }

  /** Both parties make the same sequence of requests, so both compute the same refill sizes. */
  async #refill(deficit: number, whole = false): Promise<void> {
    const want = whole ? Math.max(this.#next, deficit) : Math.min(Math.max(this.#next, deficit), this.maxRefill);
    const n = Math.ceil(want / 256) * 256;
    this.#next = Math.min(this.batch, 2 * this.#next);
    const fresh = (await this.produce(n)).map(bytesOf);
    this.#batches.push({ cols: fresh, size: n, cursor: 0 });
    this.produced += n;
  }
}
