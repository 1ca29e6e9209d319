/**
 * A pool of one kind of correlation, kept on the thread that consumes it and filled ahead of demand
 * by someone else (the correlation workers): `take` hands out the next items, and asks for more
 * while what is left or on its way is below a low-water mark, before the pool runs dry.
 *
 * Every decision to ask depends only on the sequence of `take` / `reserve` calls and their sizes,
 * never on timing or on which batches have arrived: both parties make the same calls (SPMD), so
 * both ask for the same batches in the same order, and their workers' OT messages match.
 *
 * Sizes: an ask is as large as everything consumed so far, at least FIRST_ASK and at most `batch`
 * items, and the low-water mark is the size of an ask, so one batch is always in the making while
 * the last one is consumed. A short program then does not pay for a full batch, a long one soon runs
 * on full ones, and what is made but never used stays below twice the larger of what was used and
 * FIRST_ASK, and below two batches. Bit columns are consumed in
 * whole bytes (every ask is a multiple of 256 items, so pieces never split a byte), as in pool.ts.
 */
import { MAX_REFILL, type Column, type ColumnSpec } from "./pool.js";

/** Items of the first ask (or `batch`, if smaller). */
const FIRST_ASK = 1024;

/** Makes `n` items (a multiple of 256), as columns of bytes, in one or more parts of consecutive items. */
export type Ask = (n: number) => Array<{ size: number; columns: Promise<Uint8Array[]> }>;

interface Segment {
  size: number;
  columns: Promise<Uint8Array[]>;
}

export class PrefetchPool {
  readonly #segments: Segment[] = [];
  /** Items of the front segment already handed out. */
  #cursor = 0;
  /** Items asked for and not yet handed out (made or on their way). */
  #ahead = 0;
  readonly #width: number[];
  readonly #bits: boolean;
  /** Items asked for and handed out (or dropped), for tests and stats. */
  asked = 0;
  consumed = 0;

  constructor(
    readonly name: string,
    readonly columns: readonly ColumnSpec[],
    private readonly ask: Ask,
    /** Largest ask made ahead of demand (a multiple of 256). */
    readonly batch: number,
  ) {
    this.#width = columns.map((c) => (c === "u64" ? 8 : c === "bits" ? 0 : c));
    this.#bits = this.#width.includes(0);
  }

  /** Size of an ask ahead of demand, and the low-water mark. */
  get #askSize(): number {
    return Math.min(this.batch, Math.ceil(Math.max(FIRST_ASK, this.consumed) / 256) * 256);
  }

  /** Items asked for and not handed out yet. */
  get ahead(): number {
    return this.#ahead;
  }

  /** The next n items, each column freshly allocated. */
  take(n: number): Promise<Column[]> {
    // Synchronous up to the first await: the asks happen in call order on both parties.
    const step = this.#bits ? (n + 7) & ~7 : n;
    if (this.#ahead < step) this.#askFor(step - this.#ahead, false);
    const pieces: Array<{ seg: Segment; from: number; k: number }> = [];
    for (let left = step; left > 0; ) {
      const seg = this.#segments[0]!;
      const k = Math.min(left, seg.size - this.#cursor);
      pieces.push({ seg, from: this.#cursor, k });
      this.#cursor += k;
      left -= k;
      if (this.#cursor === seg.size) {
        this.#segments.shift();
        this.#cursor = 0;
      }
    }
    this.#ahead -= step;
    this.consumed += step;
    if (this.#ahead < this.#askSize) this.#askFor(this.#askSize, false);
    return this.#assemble(n, pieces);
  }

  /** Makes at least n items ready (asked for and arrived). */
  async reserve(n: number): Promise<void> {
    if (this.#ahead < n) this.#askFor(n - this.#ahead, true);
    await Promise.all(this.#segments.map((s) => s.columns));
  }

  /**
   * Asks for at least `want` more items: max(ask size, want) rounded up to 256, split into asks of
   * at most MAX_REFILL items (so no typed array grows too large), unless `whole`.
   */
  #askFor(want: number, whole: boolean): void {
    let total = Math.ceil(Math.max(this.#askSize, want) / 256) * 256;
    while (total > 0) {
      const n = whole ? total : Math.min(total, MAX_REFILL);
      for (const part of this.ask(n)) {
        this.#segments.push(part);
        // An ask that fails rejects the takes that need it; until then nobody may be waiting on it.
        part.columns.catch(() => {});
      }
      this.#ahead += n;
      this.asked += n;
      total -= n;
    }
  }

  async #assemble(n: number, pieces: Array<{ seg: Segment; from: number; k: number }>): Promise<Column[]> {
    const out = this.#width.map((w) => new Uint8Array(w === 0 ? (n + 7) >>> 3 : w * n));
    let filled = 0;
    for (const { seg, from, k } of pieces) {
      const cols = await seg.columns;
      for (let i = 0; i < out.length; i++) {
        const w = this.#width[i]!;
        const o = out[i]!;
        // The last piece may run past n (bit columns advance in whole bytes): copy only what fits.
        if (w === 0) o.set(cols[i]!.subarray(from >>> 3, (from >>> 3) + Math.min(k >>> 3, o.length - (filled >>> 3))), filled >>> 3);
        else o.set(cols[i]!.subarray(w * from, w * (from + Math.min(k, n - filled))), w * filled);
      }
      filled += k;
    }
    if (n & 7) {
      const mask = (1 << (n & 7)) - 1;
      for (let i = 0; i < out.length; i++) if (this.#width[i] === 0) out[i]![out[i]!.length - 1]! &= mask;
    }
    return out.map((o, i) => (this.columns[i] === "u64" ? new BigUint64Array(o.buffer, 0, n) : o));
  }
}
