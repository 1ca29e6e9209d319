export * from "./channel.js";
export * from "./errors.js";
export { memoryPair } from "./memory.js";
export { connectTcp, type TcpOptions } from "./tcp.js";
export { encodeFrame, encodeTag, FrameDecoder, frameHeader, FRAME_HEADER_BYTES, MAX_TAG_BYTES, type FrameDecoderOptions } from "./framing.js";
export { encodeHello, HELLO_BYTES, PROTOCOL_VERSION } from "./handshake.js";
