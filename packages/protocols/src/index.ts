export { ProtocolContext, KernelProtocolError, type ComparisonMethod, type ContextOptions, type Tagger } from "./context.js";
export type { Kernels, Public, Ring, Bits } from "./kernels/api.js";
export { secureKernels } from "./kernels/secure.js";
export { refKernels, type RefOptions } from "./ref/kernels.js";
