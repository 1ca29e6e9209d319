export type * from "./correlations.js";
export { ProtocolContext, KernelProtocolError, type ContextOptions, type Tagger } from "./context.js";
export { DealerTripleProvider } from "./triples/dealer.js";
export type { Kernels, Public, Ring, Bits } from "./kernels/api.js";
export { secureKernels } from "./kernels/secure.js";
export { refKernels, type RefOptions } from "./ref/kernels.js";
