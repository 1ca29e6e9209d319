import { printable } from "./printable.js";

/**
 * Errors raised by a Channel. One family, so callers can `instanceof ChannelError`; messages say
 * which party, which tag and what to do, and never contain message contents (they may be secret).
 */
export class ChannelError extends Error {
  override name = "ChannelError";
}

/** The peer hung up, or this side closed the channel, while a message was still expected. */
export class ChannelClosedError extends ChannelError {
  override name = "ChannelClosedError";
}

/** No message arrived within the receive timeout. */
export class ChannelTimeoutError extends ChannelError {
  override name = "ChannelTimeoutError";
}

/**
 * The two parties disagree on what comes next: the peer sent a message tagged `actual` while this
 * side expected `expected`. Almost always the two parties are not running the same program.
 */
export class ProtocolMismatchError extends ChannelError {
  override name = "ProtocolMismatchError";
  constructor(
    readonly party: number,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(
      `party ${party} expected a message tagged "${printable(expected)}" but the peer sent "${printable(actual)}": ` +
        `the two parties are not running the same program (operators, shapes or settings differ)`,
    );
  }
}

/** A frame on the wire is malformed, truncated or larger than the configured limit. */
export class FrameError extends ChannelError {
  override name = "FrameError";
}

/**
 * The peer sent more than `maxQueuedBytes` that no receive had asked for: the connection is torn
 * down, so a peer cannot exhaust this side's memory.
 */
export class ReceiveOverflowError extends ChannelError {
  override name = "ReceiveOverflowError";
}

/** The peer that connected is not the one configured (wrong identity key / PeerId). */
export class PeerIdentityError extends ChannelError {
  override name = "PeerIdentityError";
}

/** Could not reach the peer before the connect deadline. */
export class ConnectError extends ChannelError {
  override name = "ConnectError";
}

/**
 * The connection opened but the two sides cannot talk: not a petace-ts peer, a different protocol
 * version, or both sides configured as the same party. The message names both sides' values.
 */
export class HandshakeError extends ChannelError {
  override name = "HandshakeError";
}

/** An identity key file is missing, unreadable, corrupt, or would be overwritten. */
export class IdentityError extends ChannelError {
  override name = "IdentityError";
}
