export { baseOtBothWays, baseOtReceive, baseOtSend, BASE_OT_KEY_BYTES, type BaseOtReceiverKeys, type BaseOtSenderKeys } from "./base-ot.js";
export { hashBlocks, hashLow64, hashLow64Pair, hashLsb, hashLsbPair, hashPair, words, xorDelta } from "./blocks.js";
export { expectLength, OtProtocolError } from "./errors.js";
export { otReceive, otSend, randomOtsBothWays, rotReceive, rotSend } from "./rot.js";
export { OtSession, paddedCount, type OtSessionOptions } from "./session.js";
