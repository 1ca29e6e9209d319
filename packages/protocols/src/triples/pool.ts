/**
 * A FIFO of one kind of correlation, refilled in large batches and handing every item out exactly
 * once. A batch is a list of columns: `BigUint64Array` columns hold one ring element per item,
 * `Uint8Array` columns hold one bit per item, packed LSB-first. Bit columns are consumed in whole
 * bytes: a request for n items takes ceil(n/8)·8 of them and the unused tail bits are dropped, never
 * handed out later.
 */
export type Column = BigUint64Array | Uint8Array;
export type Produce = (n: number) => Promise<Column[]>;

export class CorrelationPool {
  #cols: Column[] = [];
  /** Items in the current batch, and the first one not handed out. */
  #size = 0;
  #cursor = 0;
  /** Items ever produced and ever handed out (or dropped); for tests and stats. */
  produced = 0;
  consumed = 0;

  constructor(
    readonly name: string,
    private readonly produce: Produce,
    /** Items per refill (a multiple of 256). */
    readonly batch: number,
  ) {}

  /** Items ready without communication. */
  get available(): number {
    return this.#size - this.#cursor;
  }

  /** Makes at least n items available, in one refill of max(batch, deficit) items. */
  async reserve(n: number): Promise<void> {
    const deficit = n - this.available;
    if (deficit > 0) await this.#refill(deficit);
  }

  /** The next n items, each column freshly allocated. */
  async take(n: number): Promise<Column[]> {
    let out: Column[] | undefined;
    let filled = 0;
    while (filled < n) {
      if (this.available === 0) await this.#refill(n - filled);
      const cols = this.#cols;
      out ??= cols.map((c) => (c instanceof BigUint64Array ? new BigUint64Array(n) : new Uint8Array((n + 7) >>> 3)));
      const k = Math.min(n - filled, this.available);
      const from = this.#cursor;
      for (let i = 0; i < cols.length; i++) {
        const c = cols[i]!;
        const o = out[i]!;
        if (c instanceof BigUint64Array) (o as BigUint64Array).set(c.subarray(from, from + k), filled);
        else (o as Uint8Array).set(c.subarray(from >>> 3, (from + k + 7) >>> 3), filled >>> 3);
      }
      // Bit columns advance in whole bytes; `filled` stays a multiple of 8 until the last piece.
      const step = cols.some((c) => !(c instanceof BigUint64Array)) ? Math.min(this.available, (k + 7) & ~7) : k;
      this.#cursor += step;
      this.consumed += step;
      filled += k;
    }
    if (out === undefined) return this.#cols.map((c) => (c instanceof BigUint64Array ? new BigUint64Array(0) : new Uint8Array(0)));
    if (n & 7) for (const o of out) if (!(o instanceof BigUint64Array)) o[o.length - 1]! &= (1 << (n & 7)) - 1;
    return out;
  }

  async #refill(deficit: number): Promise<void> {
    const n = Math.ceil(Math.max(this.batch, deficit) / 256) * 256;
    const fresh = await this.produce(n);
    const left = this.available;
    if (left > 0) {
      // Keep the unconsumed tail in front of the new batch (only reserve() refills early).
      this.#cols = this.#cols.map((c, i) => concat(c, this.#cursor, this.#size, fresh[i]!, n));
      this.#size = left + n;
    } else {
      this.#cols = fresh;
      this.#size = n;
    }
    this.#cursor = 0;
    this.produced += n;
  }
}

function concat(old: Column, from: number, to: number, fresh: Column, n: number): Column {
  if (old instanceof BigUint64Array) {
    const out = new BigUint64Array(to - from + n);
    out.set(old.subarray(from, to));
    out.set(fresh as BigUint64Array, to - from);
    return out;
  }
  // from, to and n are multiples of 8 for bit columns
  const out = new Uint8Array((to - from + n) >>> 3);
  out.set(old.subarray(from >>> 3, to >>> 3));
  out.set((fresh as Uint8Array).subarray(0, n >>> 3), (to - from) >>> 3);
  return out;
}
