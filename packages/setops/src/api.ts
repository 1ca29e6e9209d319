/**
 * The shapes of setops' two entry points, fixed first so that the private join, the revealing PSI and
 * securenumpy's `join` can be built side by side. Both parties call the same function with the same
 * options; each passes only its own table. Semi-honest two-party security.
 */
import type { PartyId } from "@petace/network";
import type { ProtocolContext } from "@petace/protocols";

/** A key as a user writes it: a string or a number of any length (see `hashKeys`). */
export type Key = string | number | bigint;

/** A table's keys after `hashKeys`: 16 bytes per row, in the table's row order. */
export type HashedKeys = Uint8Array;

/** One party's side of a join: its hashed keys and its columns as Z_2^64 ring elements (fixed point applied). */
export interface JoinSide {
  readonly keys: HashedKeys;
  /** One array per column, each with one element per row. */
  readonly columns: readonly BigUint64Array[];
}

export interface PrivateJoinOptions {
  /** The party whose rows define the output layout (its cuckoo table's bins); default 0. */
  readonly layoutParty?: PartyId;
}

/**
 * This party's shares of a private join, laid out in `slots` public slots (the layout party's cuckoo
 * bins). Which slot holds which of the layout party's rows is known to the layout party only; which
 * slots matched is known to neither party.
 */
export interface PrivateJoinResult {
  readonly slots: number;
  /** Additive share (Z_2^64) of 1 where the slot holds a layout-party row whose key the other party also has, else of 0. */
  readonly matched: BigUint64Array;
  /** Shares, per slot, of the layout party's columns (0 in empty slots). */
  readonly layoutColumns: readonly BigUint64Array[];
  /** Shares, per slot, of the other party's columns of the row with the same key (0 where unmatched). */
  readonly otherColumns: readonly BigUint64Array[];
  /** The layout party only: the slot of each of its rows, in row order; null at the other party. */
  readonly rowSlots: Int32Array | null;
}

export type PrivateJoin = (ctx: ProtocolContext, mine: JoinSide, options?: PrivateJoinOptions) => Promise<PrivateJoinResult>;

export interface PsiRevealOptions {
  /** Who learns the intersection (default "both"). Aligned shares need "both". */
  readonly revealTo?: "both" | PartyId;
}

export interface PsiRevealResult {
  /**
   * This party's row indices whose key is in the intersection, in one order both parties share (so
   * row i here and row i at the peer carry the same key); null at a party the intersection is not
   * revealed to.
   */
  readonly rows: Int32Array | null;
}

export type PsiReveal = (ctx: ProtocolContext, keys: HashedKeys, options?: PsiRevealOptions) => Promise<PsiRevealResult>;
