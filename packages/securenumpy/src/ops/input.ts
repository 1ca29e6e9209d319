/** Getting values in: `array` (secret-share a party's plaintext) and `fromShare` (raw shares). */
import type { PartyId } from "@petace/duet";
import { currentVM } from "../core/context.js";
import { kindOf, parseDType, type DType } from "../core/dtype.js";
import { encodePlain } from "../core/encode.js";
import { SecureArray } from "../core/secure-array.js";
import { checkShape, sizeOf, type Shape } from "../core/shape.js";
import type { Share } from "../core/share.js";
import { toPlain } from "../core/to-plain.js";
import { routine } from "../core/options.js";
import { markHeld } from "../core/held.js";

export interface ArrayOptions {
  /** float64 (default for numbers), int64 (default for bigints and integer typed arrays) or bool (default for booleans). */
  dtype?: DType | string;
  /**
   * Keep the values at the owner as its share, the other party's share zero (core/held.ts), for a
   * matrix the owner multiplies by shared values: `snp.dot(X, w)` and `snp.dot(X.T, r)` with X held
   * (float64) cost one OT cross term instead of a matrix triple. The other party learns nothing more
   * than with an ordinary input. Numeric dtypes only; both parties pass the same option.
   */
  held?: boolean;
}

/**
 * Secret-shares `data` owned by party `owner`; the other party passes null. Both parties call it at
 * the same point; the owner's shape and dtype are sent to the other party (they are public), the
 * values never are. Data: numbers, booleans, bigints, nested arrays, typed arrays, `{ data, shape }`
 * or a PlainArray (e.g. from `loadNpy`/`loadCsv`).
 */
export const array = routine(
  "array",
  ["data", "owner"],
  { dtype: "dtype", held: "boolean" },
  async function array(data: unknown, owner: PartyId, options: ArrayOptions = {}): Promise<SecureArray> {
    const vm = currentVM("array");
    if (owner !== 0 && owner !== 1) throw new RangeError(`array: owner must be 0 or 1, got ${String(owner)}`);
    const want = options.dtype === undefined ? undefined : parseDType(options.dtype, "array");
    const missing = data === null || data === undefined;
    let payload = null;
    if (vm.party === owner) {
      if (missing)
        throw vm.abort(
          new TypeError(`array: party ${owner} owns this input and must pass its data, got ${String(data)}`),
          `array: party ${owner} passed no data for its input`,
        );
      if (data instanceof SecureArray)
        throw vm.abort(new TypeError("array: data is already a SecureArray"), `array: party ${owner} passed a SecureArray as data`);
      try {
        const p = toPlain(data, "array", "data", "data", want);
        payload = {
          data: encodePlain(p, p.dtype, vm.fracBits, "array", "data"),
          header: JSON.stringify({ shape: p.shape, dtype: p.dtype }),
        };
      } catch (e) {
        throw vm.abort(e, `array: party ${owner}'s data was rejected (see its error)`);
      }
    } else if (!missing) {
      throw vm.abort(
        new TypeError(`array: party ${vm.party} does not own this input (owner is party ${owner}) and must pass null`),
        `array: party ${vm.party} passed data for party ${owner}'s input`,
      );
    }
    let shape: Shape = [];
    let dtype: DType = "float64";
    const describe = (header: string) => {
      const h = JSON.parse(header) as { shape: unknown; dtype: unknown };
      shape = checkShape(h.shape, "array", "shape from the owner");
      dtype = parseDType(h.dtype, "array");
      if (want !== undefined && dtype !== want) {
        throw new TypeError(
          `array: party ${vm.party} asked for dtype ${want} but party ${owner} shares ${dtype}; both parties must pass the same dtype option`,
        );
      }
      return { n: sizeOf(shape), kind: kindOf(dtype) };
    };
    const node = await vm.input(owner, payload, describe, { label: "array" });
    if (options.held !== true) return new SecureArray(vm, node, shape, dtype);
    if ((dtype as DType) === "bool")
      throw new TypeError("array: held arrays must be numeric (float64 or int64); pass held only for such data");
    // The input above brought the shape and dtype to the other party; the held node replaces its shares.
    const n = sizeOf(shape);
    const share = payload ? (payload.data as BigUint64Array) : new BigUint64Array(n);
    const held = vm.fromShare(share, n, { label: "held", meta: `${shape.join("x")}:${dtype}:held${owner}` });
    markHeld(held, owner);
    return new SecureArray(vm, held, shape, dtype);
  },
);

export interface FromShareOptions {
  dtype?: DType | string;
  shape?: readonly number[];
}

/** A SecureArray from this party's raw share (as `toShare` returns); the other party passes its own. */
export const fromShare = routine(
  "fromShare",
  ["share"],
  { dtype: "dtype", shape: "shape" },
  function fromShare(share: Share | { data: unknown; shape?: unknown }, options: FromShareOptions = {}): SecureArray {
    const vm = currentVM("fromShare");
    if (typeof share !== "object" || share === null || !("data" in share))
      throw new TypeError("fromShare: share must be an object with data (as returned by toShare)");
    const s = share as Partial<Share>;
    const dt = options.dtype ?? s.dtype;
    if (dt === undefined) throw new TypeError("fromShare: pass { dtype } (the share does not say which)");
    const dtype = parseDType(dt, "fromShare");
    const shape = checkShape(options.shape ?? s.shape ?? [sizeOfData(s.data)], "fromShare");
    if (s.fracBits !== undefined && dtype === "float64" && s.fracBits !== vm.fracBits) {
      throw new RangeError(`fromShare: the share has ${s.fracBits} fractional bits, this VM uses ${vm.fracBits}`);
    }
    const n = sizeOf(shape);
    const data = s.data;
    if (dtype === "bool") {
      if (!(data instanceof Uint32Array) || data.length < (n + 31) >>> 5)
        throw new TypeError(`fromShare: a bool share must be a Uint32Array of ${(n + 31) >>> 5} words for shape [${shape.join(", ")}]`);
    } else if (!(data instanceof BigUint64Array) || data.length !== n) {
      throw new TypeError(`fromShare: a ${dtype} share must be a BigUint64Array of ${n} elements for shape [${shape.join(", ")}]`);
    }
    return new SecureArray(vm, vm.fromShare(data, n, { label: "fromShare", meta: `${shape.join("x")}:${dtype}` }), shape, dtype);
  },
);

function sizeOfData(d: unknown): number {
  return d instanceof BigUint64Array ? d.length : 0;
}
