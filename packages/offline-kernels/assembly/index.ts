/**
 * The portable offline kernels: entry of the WebAssembly module that scripts/build-wasm.mjs builds
 * into src/portable/wasm-module.ts. Every function works on raw linear memory at addresses the JS
 * side (src/portable/) lays out; nothing is allocated here (runtime stub, no GC).
 */
export { heapBase } from "./memory";
export { transpose128 } from "./transpose";
export { deltaMasks, iknpReceiverSlice, iknpSenderSlice } from "./iknp";
export { sigma, sigmaPair, xorBlocks } from "./sigma";
export { low64, lsb } from "./extract";
export { gilboaReceive, gilboaSend } from "./gilboa";
export { matrixSpread, matrixXor } from "./matrix-expand";
export { matrixSendEntry, matrixSendFirst, matrixSendMid, matrixSendPair, matrixSendPair2 } from "./matrix-send";
export { matrixRecvEntry, matrixRecvFirst, matrixRecvMid, matrixRecvPair, matrixRecvPair2 } from "./matrix-recv";
export { ggmFix, ggmLevel, lpnChunk, lpnChunkBits } from "./ferret";
