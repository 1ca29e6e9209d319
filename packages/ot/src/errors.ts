/**
 * A peer's OT or triple message is malformed (wrong length, invalid curve point). The message names
 * the party, the protocol and the message, never its contents.
 */
export class OtProtocolError extends Error {
  override name = "OtProtocolError";
  constructor(
    readonly party: number,
    readonly protocol: string,
    message: string,
  ) {
    super(`party ${party}, ${protocol}: ${message}`);
  }
}

/** Throws OtProtocolError unless a received message has exactly `expected` bytes. */
export function expectLength(party: number, protocol: string, tag: string, got: Uint8Array, expected: number): void {
  if (got.byteLength !== expected) {
    throw new OtProtocolError(party, protocol, `message "${tag}" from the peer has ${got.byteLength} bytes, expected ${expected}`);
  }
}
