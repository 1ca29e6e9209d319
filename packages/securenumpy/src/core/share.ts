/**
 * The form of one party's raw share, shared by `toShare` (ops/output.ts), `fromShare`
 * (ops/input.ts) and SecureArray's declaration, which is why it lives in core/.
 */
import type { PartyId } from "@petace/duet";
import type { DType } from "./dtype.js";

/** One party's share of a SecureArray, as `toShare` returns it and `fromShare` takes it. */
export interface Share {
  shape: number[];
  dtype: DType;
  /** Fractional bits of float64 values. */
  fracBits: number;
  /** Which party holds this share. */
  party: PartyId;
  /** float64/int64: additive shares over Z_2^64; bool: packed XOR shares (bit i at word i >>> 5). */
  data: BigUint64Array | Uint32Array;
}
