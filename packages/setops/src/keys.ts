/**
 * Keys as users write them (strings, numbers, bigints) mapped to fixed-size digests, 16 bytes per row,
 * which is what every set operation of this package compares. Local: no message, no secret.
 *
 * What is the same key:
 *   - strings compare after Unicode NFC normalisation (so a precomposed "é" and "e" + combining
 *     acute are one key), then as UTF-8 bytes; case and spaces are kept as they are. A string that
 *     is not well-formed UTF-16 (a lone surrogate) is refused, since UTF-8 could not encode it
 *     faithfully.
 *   - numbers and bigints compare by mathematical value: 1, 1.0 and 1n are one key, 0 and -0 are
 *     one key, 2 ** 60 and 2n ** 60n are one key. Non-integer numbers (0.5) are keys of their own
 *     float64 value. NaN and ±Infinity are refused.
 *   - a string never equals a number: "1" and 1 are different keys (hash them as the same type on
 *     both sides, e.g. `String(id)`, if a column is numbers on one side and text on the other).
 * The digest is the first 16 bytes of SHA-256("petace-ts/key/v1" ‖ type ‖ encoding), where type is one byte
 * (integer, float, string) and the encoding is injective within a type (sign and big-endian
 * magnitude of an integer; the float64 bits; the UTF-8 bytes), so two different keys collide only
 * if SHA-256 truncated to 128 bits does: with up to 2^24 keys per party, a false match between the
 * two parties has probability at most n_A·n_B/2^128 ≤ 2^-80, and a false "duplicate" within one
 * table at most n²/2^129 ≤ 2^-81.
 *
 * A key may appear once per table: hashKeys refuses duplicates, naming the two rows (0-based row
 * indices) and never the key.
 */
import type { HashedKeys, Key } from "./api.js";
import { sha256First16 } from "./sha256-batch.js";

/** Bytes per hashed key. */
export const KEY_BYTES = 16;

/** 16 bytes, so a key of up to 38 bytes is one SHA-256 block. */
const DOMAIN = new TextEncoder().encode("petace-ts/key/v1");
const TYPE_INTEGER = 1;
const TYPE_FLOAT = 2;
const TYPE_STRING = 3;

export interface HashKeysOptions {
  /** The table's name, for error messages only (it does not change the digests). */
  readonly table?: string;
}

/** A table's duplicate keys: the two row indices (0-based), or null. */
export type Duplicate = readonly [first: number, second: number] | null;

function where(options: HashKeysOptions | undefined): string {
  const t = options?.table;
  return t === undefined ? "" : ` (table "${String(t).slice(0, 60)}")`;
}

/**
 * One 16-byte digest per key, in row order (see the module doc for what counts as the same key).
 * Throws TypeError for a key of another type, RangeError for NaN, ±Infinity, a malformed string, or a
 * key that appears twice (naming both rows).
 */
export function hashKeys(keys: readonly Key[], options?: HashKeysOptions): HashedKeys {
  if (!Array.isArray(keys)) throw new TypeError(`hashKeys${where(options)}: keys must be an array of strings, numbers or bigints`);
  const n = keys.length;
  const out = new Uint8Array(n * KEY_BYTES);
  const enc = new TextEncoder();
  // Every key's message, DOMAIN ‖ type ‖ encoding, back to back: message i is buf[starts[i] .. starts[i+1]).
  let buf: Uint8Array = new Uint8Array(Math.max(1024, 64 * n));
  const starts = new Int32Array(n + 1);
  let pos = 0;
  const ensure = (need: number): void => {
    if (buf.length >= need) return;
    if (need >= 2 ** 31 - 1) throw new RangeError(`hashKeys${where(options)}: the keys take more than 2 GiB to encode; hash them in parts`);
    const b = new Uint8Array(Math.min(2 ** 31 - 1, Math.max(need, 2 * buf.length)));
    b.set(buf.subarray(0, pos));
    buf = b;
  };
  for (let row = 0; row < n; row++) {
    const k: unknown = keys[row];
    const body = pos + DOMAIN.length + 1;
    ensure(body + 16);
    buf.set(DOMAIN, pos);
    let end: number;
    if (typeof k === "string") {
      // ASCII (the usual identifier) is copied byte by byte: it is its own UTF-8 and already NFC.
      // Anything else is normalised (normalize() is slow, so only then) and encoded.
      const len = k.length;
      ensure(body + 3 * len);
      let i = 0;
      for (; i < len; i++) {
        const c = k.charCodeAt(i);
        if (c >= 0x80) break;
        buf[body + i] = c;
      }
      let written = len;
      if (i < len) {
        if (hasLoneSurrogate(k))
          throw new RangeError(
            `hashKeys${where(options)}: the key at row ${row} is a string with a lone surrogate (not well-formed UTF-16)`,
          );
        const s = k.normalize("NFC");
        ensure(body + 3 * s.length);
        written = enc.encodeInto(s, buf.subarray(body)).written;
      }
      buf[body - 1] = TYPE_STRING;
      end = body + written;
    } else if (typeof k === "number") {
      if (!Number.isFinite(k))
        throw new RangeError(`hashKeys${where(options)}: the key at row ${row} is NaN or infinite; keys must be finite numbers`);
      if (Number.isSafeInteger(k)) end = encodeSafeInteger(buf, body, k);
      else if (Number.isInteger(k)) {
        ensure(body + 140);
        end = encodeBigInt(buf, body, BigInt(k));
      } else {
        buf[body - 1] = TYPE_FLOAT;
        new DataView(buf.buffer, buf.byteOffset).setFloat64(body, k);
        end = body + 8;
      }
    } else if (typeof k === "bigint") {
      ensure(body + 1 + Math.ceil(bitLength(k) / 8));
      end = encodeBigInt(buf, body, k);
    } else {
      throw new TypeError(
        `hashKeys${where(options)}: the key at row ${row} is ${k === null ? "null" : typeof k}; keys must be strings, numbers or bigints`,
      );
    }
    pos = end;
    starts[row + 1] = end;
  }
  sha256First16(buf, starts, n, out);
  const dup = findDuplicate(out);
  if (dup)
    throw new RangeError(
      `hashKeys${where(options)}: rows ${dup[0]} and ${dup[1]} have the same key; a key may appear once per table (merge or drop one of the rows)`,
    );
  return out;
}

/** True if s has a UTF-16 surrogate that is not part of a pair. */
function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c > 0xdbff) return true;
    const d = s.charCodeAt(i + 1);
    if (!(d >= 0xdc00 && d <= 0xdfff)) return true;
    i++;
  }
  return false;
}

function bitLength(v: bigint): number {
  return (v < 0n ? -v : v).toString(16).length * 4;
}

/** Integer encoding: a sign byte (0 for ≥ 0, 1 for < 0), then the magnitude's minimal big-endian bytes (none for 0). */
function encodeSafeInteger(msg: Uint8Array, body: number, k: number): number {
  msg[body - 1] = TYPE_INTEGER;
  msg[body] = k < 0 ? 1 : 0;
  let mag = Math.abs(k);
  let bytes = 0;
  for (let v = mag; v > 0; v = Math.floor(v / 256)) bytes++;
  for (let i = bytes; i > 0; i--) {
    msg[body + i] = mag % 256;
    mag = Math.floor(mag / 256);
  }
  return body + 1 + bytes;
}

function encodeBigInt(msg: Uint8Array, body: number, k: bigint): number {
  msg[body - 1] = TYPE_INTEGER;
  msg[body] = k < 0n ? 1 : 0;
  let mag = k < 0n ? -k : k;
  let hex = mag === 0n ? "" : mag.toString(16);
  if (hex.length & 1) hex = `0${hex}`;
  const bytes = hex.length / 2;
  for (let i = 0; i < bytes; i++) msg[body + 1 + i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  mag = 0n;
  return body + 1 + bytes;
}

/**
 * The first pair of rows (in row order of the second) whose 16-byte keys are equal, or null. An
 * open-addressing table on the keys' first 32-bit word (digests are uniform, so no further mixing).
 */
export function findDuplicate(keys: HashedKeys): Duplicate {
  const n = Math.floor(keys.length / KEY_BYTES);
  if (n < 2) return null;
  const w = keys.byteOffset & 3 ? new Int32Array(keys.slice().buffer) : new Int32Array(keys.buffer, keys.byteOffset, 4 * n);
  let size = 1;
  while (size < 2 * n) size <<= 1;
  const mask = size - 1;
  const slot = new Int32Array(size).fill(-1);
  for (let i = 0; i < n; i++) {
    const a = w[4 * i]!,
      b = w[4 * i + 1]!,
      c = w[4 * i + 2]!,
      d = w[4 * i + 3]!;
    let h = a & mask;
    for (;;) {
      const j = slot[h]!;
      if (j < 0) {
        slot[h] = i;
        break;
      }
      if (w[4 * j] === a && w[4 * j + 1] === b && w[4 * j + 2] === c && w[4 * j + 3] === d) return [j, i];
      h = (h + 1) & mask;
    }
  }
  return null;
}
