/**
 * The Channel between the two parties and its transports: in-memory, TCP, and libp2p (authenticated)
 * through `connect` or the "@petace/network/libp2p" entry point; party identities; an emulated link
 * (bandwidth cap and one-way delay) around any of them.
 * @module @petace/network
 */
export * from "./channel.js";
export * from "./errors.js";
export { memoryPair } from "./memory.js";
export { MAX_STREAM_NAME_BYTES } from "./substream.js";
export { portChannel, servePort, type PortService } from "./port-channel.js";
export { connectTcp, type TcpOptions } from "./tcp.js";
export { emulateLink, type EmulatedLinkChannel } from "./emulated-link.js";
export { describeLink, formatLinkSpec, LINK_SPEC_FORM, parseLinkSpec, type LinkSpec } from "./link-spec.js";
export {
  encodeFrame,
  encodeTag,
  FrameDecoder,
  frameHeader,
  FRAME_HEADER_BYTES,
  MAX_TAG_BYTES,
  type FrameDecoderOptions,
} from "./framing.js";
export { encodeHello, HELLO_BYTES, PROTOCOL_VERSION } from "./handshake.js";
// The libp2p transport lives in "@petace/network/libp2p" so that importing the memory or TCP
// channel does not load the libp2p stack: only its types are re-exported here, and connect,
// generateIdentity and loadIdentity load it when called.
export { connect, generateIdentity, loadIdentity, type ConnectOptions } from "./connect.js";
export type { Libp2pOptions, RefusedAttempt, Identity } from "./libp2p.js";
