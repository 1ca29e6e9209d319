export type {
  ArithTriples,
  BoolTriples,
  CorrelationProvider,
  DaBits,
  MatrixMask,
  MatrixTriple,
  OwnedMatrixTriple,
  RandomOts,
  SquarePairs,
} from "./provider.js";
export { OtCorrelationProvider, type OtCorrelationProviderOptions } from "./ot-provider.js";
export { InsecureDealerProvider } from "./insecure-dealer.js";
export { ARITH_TRIPLE_BYTES } from "./arith.js";
export { SQUARE_PAIR_BYTES } from "./square.js";
export { BOOL_TRIPLE_BYTES } from "./bool.js";
export { matrixTripleBytes } from "./matrix.js";
export { ownedMatrixTripleFromCot } from "./owned-matrix.js";
export { insecureDealer, otCorrelations, type CorrelationSource, type OtCorrelationsOptions } from "./source.js";
export { WorkerCorrelationProvider, type WorkerProviderOptions } from "./worker-provider.js";
