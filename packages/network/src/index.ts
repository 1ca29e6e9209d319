export * from "./channel.js";
export * from "./errors.js";
export { memoryPair } from "./memory.js";
