/**
 * The hello each side of a stream transport sends first, before any frame:
 *
 *     magic "PETACECH" (8 bytes) | u16 LE protocol version | u8 party id | u8 flags (0) | u64 LE maxMessageBytes
 *
 * Both sides send theirs at once and check the other's: a wrong magic means the peer is not a
 * petace-ts channel at all; a different version or the same party id means a misconfigured peer.
 * The peer's maxMessageBytes lets `send` refuse an oversized message locally, with a clear error,
 * instead of the peer tearing the connection down.
 */
import type { PartyId } from "./channel.js";
import { HandshakeError } from "./errors.js";

export const HELLO_MAGIC = new Uint8Array([0x50, 0x45, 0x54, 0x41, 0x43, 0x45, 0x43, 0x48]); // "PETACECH"
export const PROTOCOL_VERSION = 1;
export const HELLO_BYTES = 20;

export interface Hello {
  version: number;
  party: PartyId;
  maxMessageBytes: number;
}

export function encodeHello(party: PartyId, maxMessageBytes: number, version = PROTOCOL_VERSION): Uint8Array {
  const out = new Uint8Array(HELLO_BYTES);
  const view = new DataView(out.buffer);
  out.set(HELLO_MAGIC, 0);
  view.setUint16(8, version, true);
  out[10] = party;
  out[11] = 0;
  view.setBigUint64(12, BigInt(maxMessageBytes), true);
  return out;
}

/** Thrown when the first bytes are not a petace-ts hello: the caller may drop that connection and keep waiting. */
export class NotAPeerError extends HandshakeError {
  override name = "HandshakeError";
}

/**
 * Parses and checks the peer's hello against this side's party id. Throws NotAPeerError for a
 * foreign protocol, HandshakeError for a petace-ts peer that cannot talk to this one.
 */
export function checkHello(bytes: Uint8Array, ours: PartyId, describePeer: string): Hello {
  for (let i = 0; i < HELLO_MAGIC.length; i++) {
    if (bytes[i] !== HELLO_MAGIC[i]) {
      throw new NotAPeerError(`party ${ours}: ${describePeer} is not a petace-ts channel (wrong hello magic); check the address`);
    }
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, HELLO_BYTES);
  const version = view.getUint16(8, true);
  const party = bytes[10]!;
  const max = view.getBigUint64(12, true);
  if (version !== PROTOCOL_VERSION) {
    throw new HandshakeError(
      `party ${ours}: ${describePeer} speaks channel protocol version ${version}, this side speaks version ${PROTOCOL_VERSION}; ` +
        `run the same petace-ts release on both sides`,
    );
  }
  if (party !== 0 && party !== 1) {
    throw new HandshakeError(`party ${ours}: ${describePeer} announced party id ${party}, which is neither 0 nor 1`);
  }
  if (party === ours) {
    throw new HandshakeError(
      `party ${ours}: ${describePeer} also claims to be party ${party}; this side is party ${ours}: ` +
        `configure one side as party 0 and the other as party 1`,
    );
  }
  if (max === 0n) throw new HandshakeError(`party ${ours}: ${describePeer} announced maxMessageBytes 0`);
  return { version, party, maxMessageBytes: max > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(max) };
}
