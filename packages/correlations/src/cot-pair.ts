/**
 * Correlated OTs in both directions at once on any COT session (IKNP's OtSession or Ferret's
 * SilentOtSession), for the correlations that run on silent OT. Each party is the COT sender of one
 * instance and the receiver of the other; the two requests are issued together. Sessions run their
 * calls one at a time in call order. On IKNP the receiver sends and the sender waits, so the instance
 * whose sender is party 0 comes first on both sides, or each party would wait for the other. A silent
 * session bootstraps both instances at its first call, and its random COTs need no message but
 * Ferret's, so those are taken sender side first on both sides (the two parties' sender iterations
 * then run at the same time).
 *
 * Random COTs (`randomCotsBothWays`) take the receiver's choices from the OT itself: on a silent
 * session no message at all (Ferret's COTs have random choices), on IKNP the choices are drawn here
 * and extended as usual (16 bytes per OT). Chosen COTs (`chosenCotsBothWays`) cost one more bit per
 * OT on silent OT (the derandomization message). Semi-honest security, as the sessions under them.
 */
import type { CotSession } from "@petace/ot";
import { randomBytes } from "@petace/primitives";
import type { Column, ColumnSpec } from "./pool.js";

/** A COT session that also hands out its random-choice COTs as they are (SilentOtSession). */
export interface RandomCotSession extends CotSession {
  rcotSend(n: number): Promise<Uint8Array>;
  rcotReceive(n: number): Promise<{ choices: Uint8Array; keys: Uint8Array }>;
}

function hasRandomCots(s: CotSession): s is RandomCotSession {
  return (
    typeof (s as Partial<RandomCotSession>).rcotSend === "function" && typeof (s as Partial<RandomCotSession>).rcotReceive === "function"
  );
}

/**
 * The most COTs each way one maker call asks a session for at a time (64 MiB of keys per
 * direction): a larger request is made in parts, each part's keys recycled before the next, so a
 * prefetch of millions of bit correlations (a few MiB of output) does not hold gigabytes of keys.
 */
export const MAX_COTS_PER_CALL = 1 << 22;

/**
 * n items made in parts of at most `part` items (a multiple of 8) by `make`, joined column by
 * column as the pool lays columns out (`widths`, pool.ts's ColumnSpec); a single call when n fits.
 * The makers recycle each part's keys before the next part asks for COTs.
 */
export async function inParts<T extends { [K in keyof T]: Column }>(
  n: number,
  part: number,
  widths: { [K in keyof T]: ColumnSpec },
  make: (n: number) => Promise<T>,
): Promise<T> {
  if (n <= part) return make(n);
  const at = (w: ColumnSpec, items: number): number => (w === "u64" ? items : w === "bits" ? (items + 7) >>> 3 : w * items);
  const out = {} as Record<string, Column>;
  for (const key in widths) out[key] = widths[key] === "u64" ? new BigUint64Array(n) : new Uint8Array(at(widths[key], n));
  for (let off = 0; off < n; off += part) {
    const made = await make(Math.min(part, n - off));
    for (const key in widths) (out[key] as Uint8Array).set(made[key] as Uint8Array, at(widths[key], off));
  }
  return out as T;
}

/** This party's two halves of n COTs each way: sender keys q (K1 = K0 ⊕ Δ) and receiver keys t for its choices. */
export interface CotsBothWays {
  /** Sender side: K0 of each OT, at least 16·n bytes (only the first n blocks are this call's). */
  q: Uint8Array;
  /** Receiver side: K_{x_j} of each OT, at least 16·n bytes. */
  t: Uint8Array;
}

/** Runs the sender and receiver calls together, party 0's instance first on both sides. */
async function bothWays<R>(s: CotSession, send: () => Promise<Uint8Array>, receive: () => Promise<R>): Promise<[Uint8Array, R]> {
  if (s.party === 0) return Promise.all([send(), receive()]);
  const [r, q] = await Promise.all([receive(), send()]);
  return [q, r];
}

/**
 * n random COTs each way: as receiver, random choices x (packed LSB-first, ceil(n/8) bytes, unused
 * high bits zero) and keys t = K_{x_j}; as sender, keys q. Both parties call with the same n.
 */
export async function randomCotsBothWays(s: CotSession, n: number): Promise<CotsBothWays & { x: Uint8Array }> {
  if (hasRandomCots(s)) {
    // Sender side first on both sides: a silent session bootstraps both instances at its first call,
    // and after that an empty sender side runs its Ferret iteration (which needs nothing from the
    // peer) while the peer runs its own, instead of one party idling through the other's.
    const q = s.rcotSend(n);
    const r = s.rcotReceive(n);
    const [qk, rk] = await Promise.all([q, r]);
    return { q: qk, t: rk.keys, x: rk.choices };
  }
  const x = randomBytes((n + 7) >>> 3);
  if (n & 7) x[x.length - 1]! &= (1 << (n & 7)) - 1;
  const [q, t] = await bothWays(
    s,
    () => s.cotSend(n, "rcot"),
    () => s.cotReceive(x, n, "rcot"),
  );
  return { q, t, x };
}

/**
 * Whether n random COTs each way (`randomCotsBothWays`) exchange messages: on IKNP always (the
 * extension's u), on a silent session when they need a Ferret iteration in either role (more than it
 * holds, see SilentOtSession.buffered). Callers that pipeline other messages past these calls must
 * read everything the peer sent before such a call, so the peer's messages are read in the order it
 * sent them; and callers that keep keys across calls recycle them first, so the iteration may
 * write over their buffer.
 */
export function randomCotsTalk(s: CotSession, n: number): boolean {
  if (!hasRandomCots(s)) return true;
  const buffered = (s as { buffered?: { send: number; receive: number } }).buffered;
  return buffered === undefined || buffered.send < n || buffered.receive < n;
}

/**
 * Hands COT keys this party is done with back to the session (SilentOtSession.recycle), so that a
 * later Ferret iteration may write over their memory instead of a fresh 170 MB buffer; a no-op on
 * sessions without it (IKNP's keys are fresh arrays). Call only once the keys are no longer read.
 */
export function recycleCots(s: CotSession, ...keys: Uint8Array[]): void {
  const recycle = (s as { recycle?: (...a: Uint8Array[]) => void }).recycle;
  if (typeof recycle === "function") recycle.call(s, ...keys);
}

/** n COTs each way with this party's chosen receiver choices r (packed); label tags the messages. */
export async function chosenCotsBothWays(s: CotSession, r: Uint8Array, n: number, label: string): Promise<CotsBothWays> {
  const [q, t] = await bothWays(
    s,
    () => s.cotSend(n, label),
    () => s.cotReceive(r, n, label),
  );
  return { q, t };
}
