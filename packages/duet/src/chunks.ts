/**
 * How a merged group of calls is cut into kernel calls of bounded size. Only public sizes go in, so
 * both parties cut at the same places and make the same calls in the same order.
 */

/** Units [from, to) of group member `member`. */
export interface Piece {
  member: number;
  from: number;
  to: number;
}

/**
 * Each member is cut into pieces of `perCall` units (the last one shorter), then consecutive
 * pieces share a call while their units fit in `perCall`: short members still merge, and a long
 * member's cuts fall at multiples of `perCall` from its start (word-aligned bits when `perCall` is
 * a multiple of 32). Empty members get no piece.
 */
export function planCalls(units: readonly number[], perCall: number): Piece[][] {
  if (!Number.isSafeInteger(perCall) || perCall < 1) throw new RangeError(`planCalls: perCall must be a positive integer, got ${perCall}`);
  const calls: Piece[][] = [];
  let call: Piece[] = [];
  let size = 0;
  units.forEach((u, member) => {
    for (let from = 0; from < u; from += perCall) {
      const to = Math.min(u, from + perCall);
      if (size + (to - from) > perCall && call.length > 0) {
        calls.push(call);
        call = [];
        size = 0;
      }
      call.push({ member, from, to });
      size += to - from;
    }
  });
  if (call.length > 0) calls.push(call);
  return calls;
}
