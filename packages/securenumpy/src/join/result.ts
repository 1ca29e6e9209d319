/**
 * What `join` returns: both tables' value columns as SecureArrays in one public layout of `slots`
 * rows, the secret 0/1 column `matched`, and reductions that count only matched rows (a row that
 * did not match contributes nothing to a sum, a count or a mean).
 *
 * Public: `slots`, the column names and dtypes, and in reveal mode the matched rows themselves
 * (`rows`; `slots` is then the intersection's size). Secret in private mode: which slots matched,
 * how many did, and every value.
 */
import { printable } from "@petace/network";
import type { SecureArray } from "../core/secure-array.js";
import { divide, multiply } from "../ops/arithmetic.js";
import { sum as reduceSum } from "../routines/reduce.js";

export type JoinMode = "private" | "reveal";

/** @internal What join.ts hands over. */
export interface JoinParts {
  readonly mode: JoinMode;
  readonly slots: number;
  /** bool, see JoinResult.matched. */
  readonly matched: SecureArray;
  /** The same as int64 0/1. */
  readonly matchedInt: SecureArray;
  /** Value columns in the result's order: the layout party's first (private mode), else party 0's first. */
  readonly columns: readonly { readonly name: string; readonly array: SecureArray; readonly zeroWhereUnmatched: boolean }[];
  readonly rows: Int32Array | null;
  readonly rowSlots: Int32Array | null;
  readonly tableRows: readonly [number, number];
}

export class JoinResult {
  /** "private": which rows matched stays secret; "reveal": the matched rows are known to both parties. */
  readonly mode: JoinMode;
  /** Number of rows of every column (public): the layout party's slots, or in reveal mode the intersection's size. */
  readonly slots: number;
  /**
   * Secret bool column: true where the slot holds a row whose key both tables have (all true in
   * reveal mode). Use it as NumPy would: `snp.where(j.matched, x, 0)` (one multiplexer per slot),
   * `cond.and(j.matched)` (one AND). Made locally from setops' 0/1 shares (the low bit of an
   * additive share of 0 or 1 is an XOR share of it), so it costs nothing.
   */
  readonly matched: SecureArray;
  /** Both tables' value columns by name (the key column is not among them), each of length `slots`. */
  readonly columns: Readonly<Record<string, SecureArray>>;
  /**
   * Reveal mode: this party's row indices of the matched rows, in the order of the result's rows
   * (row i of the result is row `rows[i]` of this party's table). Private mode: null.
   */
  readonly rows: Int32Array | null;
  /**
   * Private mode, at the layout party only: the slot of each of its table's rows, in row order (known
   * to it alone). Null at the other party and in reveal mode.
   */
  readonly rowSlots: Int32Array | null;
  /** Rows of party 0's and party 1's tables (public: each party tells the other). */
  readonly tableRows: readonly [number, number];
  readonly #zero: ReadonlySet<string>;
  /** `matched` as int64 0/1 (setops' arithmetic shares): masks by one product without truncation, sums locally. */
  readonly #matchedInt: SecureArray;

  /** @internal Made by `join`. */
  constructor(parts: JoinParts) {
    this.mode = parts.mode;
    this.slots = parts.slots;
    this.matched = parts.matched;
    this.#matchedInt = parts.matchedInt;
    this.rows = parts.rows;
    this.rowSlots = parts.rowSlots;
    this.tableRows = Object.freeze([parts.tableRows[0], parts.tableRows[1]] as const);
    const columns: Record<string, SecureArray> = {};
    const zero = new Set<string>();
    for (const c of parts.columns) {
      // Defined, not assigned: a column may be called "__proto__" (names come from the tables).
      Object.defineProperty(columns, c.name, { value: c.array, enumerable: true });
      if (c.zeroWhereUnmatched) zero.add(c.name);
    }
    this.columns = Object.freeze(columns);
    this.#zero = zero;
  }

  /** The column called `name` (an error lists the names there are). */
  column(name: string): SecureArray {
    if (typeof name !== "string" || !Object.hasOwn(this.columns, name))
      throw new RangeError(
        // Column names come from both tables (the peer's too): escaped before they reach a terminal.
        `join result: no column ${printable(JSON.stringify(name) ?? String(name), 100)} (columns: ${Object.keys(this.columns)
          .map((n) => printable(JSON.stringify(n), 100))
          .join(", ")})`,
      );
    return this.columns[name]!;
  }

  /**
   * Column `name` with 0 in the rows that did not match (NumPy's `where(matched, x, 0)`). Cost: one
   * Beaver product per slot without truncation; none for the other party's columns in private mode
   * (setops already puts 0 there) and in reveal mode (every row matched).
   */
  masked(name: string): SecureArray {
    const x = this.column(name);
    if (this.mode === "reveal" || this.#zero.has(name)) return x;
    return multiply(x, this.#matchedInt);
  }

  /** The number of matched rows, a secret int64 scalar (public in reveal mode, where it is `slots`). Local. */
  count(): SecureArray {
    return reduceSum(this.#matchedInt);
  }

  /** The sum of column `name` over the matched rows (a secret scalar of its dtype). Cost: `masked`'s, then local. */
  sum(name: string): SecureArray {
    return reduceSum(this.masked(name));
  }

  /**
   * The mean of column `name` over the matched rows: `sum(name) / count()`, one secret division
   * (float64 result; see `divide` for its accuracy). With no matched row the quotient is meaningless
   * (a division by zero on shares does not fail): check `count()` where that can happen.
   */
  mean(name: string): SecureArray {
    return divide(this.sum(name), this.count());
  }

  /** console.log shows what is public. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `JoinResult { mode: '${this.mode}', slots: ${this.slots}, columns: [${Object.keys(this.columns)
      .map((n) => `'${n}'`)
      .join(", ")}] }`;
  }
}
