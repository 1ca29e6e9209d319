export type { ArithTriples, BoolTriples, CorrelationProvider, DaBits, MatrixTriple, RandomOts } from "./provider.js";
export { OtCorrelationProvider, type OtCorrelationProviderOptions } from "./ot-provider.js";
export { InsecureDealerProvider } from "./insecure-dealer.js";
export { ARITH_TRIPLE_BYTES } from "./arith.js";
export { BOOL_TRIPLE_BYTES } from "./bool.js";
export { matrixTripleBytes } from "./matrix.js";
export { insecureDealer, otCorrelations, type CorrelationSource, type OtCorrelationsOptions } from "./source.js";
export { WorkerCorrelationProvider, type WorkerProviderOptions } from "./worker-provider.js";
