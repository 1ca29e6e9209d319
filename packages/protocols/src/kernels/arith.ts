/**
 * Local arithmetic on additive shares: linear operations need no message (0 rounds, 0 bytes).
 * A public addend is added by party 0 only; a public integer factor multiplies both shares.
 */
import type { ProtocolContext } from "../context.js";
import type { Public } from "../values.js";
import * as ring from "./ring.js";
import { checkRows, type Ring } from "./ring.js";

function sameLength(fn: string, x: Ring, y: Ring): void {
  if (x.length !== y.length) throw new RangeError(`${fn}: operands have ${x.length} and ${y.length} elements`);
}

function publicLength(fn: string, x: Ring, p: Public): void {
  if (typeof p !== "bigint" && p.length !== x.length)
    throw new RangeError(`${fn}: public operand has ${p.length} elements, expected ${x.length}`);
}

export function add(x: Ring, y: Ring): Ring {
  sameLength("add", x, y);
  return ring.add(x, y);
}

export function sub(x: Ring, y: Ring): Ring {
  sameLength("sub", x, y);
  return ring.sub(x, y);
}

export function neg(x: Ring): Ring {
  return ring.neg(x);
}

export function addPublic(ctx: ProtocolContext, x: Ring, p: Public): Ring {
  publicLength("addPublic", x, p);
  if (ctx.party !== 0) return x.slice();
  return typeof p === "bigint" ? ring.addScalar(x, p) : ring.add(x, p);
}

/** p − x: party 0 holds p − x0, party 1 holds −x1. */
export function subFromPublic(ctx: ProtocolContext, p: Public, x: Ring): Ring {
  publicLength("subFromPublic", x, p);
  const out = ring.neg(x);
  if (ctx.party !== 0) return out;
  if (typeof p === "bigint") ring.addScalarInto(out, p);
  else ring.addInto(out, p);
  return out;
}

export function mulPublicInt(x: Ring, p: Public): Ring {
  publicLength("mulPublicInt", x, p);
  return typeof p === "bigint" ? ring.mulScalar(x, p) : ring.mul(x, p);
}

/** Sum of each row. Local: 0 rounds, 0 bytes. */
export function sumRows(x: Ring, rows: number, cols: number): Ring {
  checkRows("sum", x, rows, cols);
  const out = new BigUint64Array(rows);
  for (let r = 0; r < rows; r++) out[r] = sumRange(x, r * cols, cols);
  return out;
}

function sumRange(x: Ring, start: number, len: number): bigint {
  let s = 0n;
  for (let j = 0; j < len; j++) s = BigInt.asUintN(64, s + x[start + j]!);
  return s;
}

/** x − p for a public p. */
export function subPublic(ctx: ProtocolContext, x: Ring, p: Public): Ring {
  return addPublic(ctx, x, typeof p === "bigint" ? BigInt.asUintN(64, -p) : ring.neg(p));
}
