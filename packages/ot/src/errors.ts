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

/**
 * An OT session whose step failed part-way (a peer's message of the wrong length, a closed channel,
 * an allocation that failed): its PRG streams may no longer match the peer's, so it refuses to run.
 */
export class OtSessionFailedError extends Error {
  override name = "OtSessionFailedError";
  constructor(party: number, fn: string, cause: unknown) {
    super(
      `party ${party}, ${fn}: this OT session failed earlier (${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}) and cannot be used again, since its streams may be out of step with the peer's; create a new session`,
      { cause },
    );
  }
}
