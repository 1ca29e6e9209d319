/**
 * Plaintext ↔ the VM's flat values for each dtype: float64 ↔ fixed point (the VM's fractional
 * bits), int64 ↔ two's complement, bool ↔ packed bits. Used for inputs, public operands and reveals.
 */
import type { Bits, Ring, Value } from "@petace/duet";
import { decodeFixed, encodeFixed, encodeInt64 } from "@petace/primitives";
import type { DType } from "./dtype.js";
import { PlainArray } from "./plain.js";
import { positionOf } from "./to-plain.js";

/** Encodes a PlainArray as `dtype` (its data converted NumPy-style where needed). */
export function encodePlain(p: PlainArray, dtype: DType, fracBits: number, where: string, arg: string): Value {
  const n = p.size;
  if (dtype === "bool") return packBools(p);
  if (dtype === "int64") {
    if (p.data instanceof BigInt64Array)
      return new BigUint64Array(p.data.buffer.slice(p.data.byteOffset, p.data.byteOffset + p.data.byteLength));
    try {
      return encodeInt64(p.toNumbers());
    } catch {
      const bad = firstNonInteger(p.toNumbers());
      throw new RangeError(`${where}: ${arg}${positionOf(bad, p.shape)} is not a safe integer (dtype int64)`);
    }
  }
  const x = p.toNumbers();
  try {
    return encodeFixed(x, fracBits, new BigUint64Array(n));
  } catch {
    const i = x.findIndex((v) => !(Math.abs(v * 2 ** fracBits) < 2 ** 63));
    const what = Number.isFinite(x[i])
      ? `is outside the fixed-point range (|x| < 2^${63 - fracBits} with ${fracBits} fractional bits)`
      : "is NaN or infinite";
    throw new RangeError(`${where}: ${arg}${positionOf(i, p.shape)} ${what}`);
  }
}

function firstNonInteger(x: Float64Array): number {
  return x.findIndex((v) => !Number.isSafeInteger(v));
}

function packBools(p: PlainArray): Bits {
  const n = p.size;
  const out = new Uint32Array((n + 31) >>> 5);
  const d = p.data;
  for (let i = 0; i < n; i++) if (d[i]) out[i >>> 5] = out[i >>> 5]! | (1 << (i & 31));
  return out;
}

/** A revealed value → PlainArray. */
export function decodeValue(v: Value, shape: readonly number[], dtype: DType, fracBits: number): PlainArray {
  if (dtype === "bool") {
    const w = v as Bits;
    const n = shape.reduce((a, b) => a * b, 1);
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = (w[i >>> 5]! >>> (i & 31)) & 1;
    return new PlainArray(out, shape, "bool");
  }
  const r = v as Ring;
  if (dtype === "int64")
    return new PlainArray(new BigInt64Array(r.buffer.slice(r.byteOffset, r.byteOffset + r.byteLength)), shape, "int64");
  return new PlainArray(decodeFixed(r, fracBits), shape, "float64");
}
