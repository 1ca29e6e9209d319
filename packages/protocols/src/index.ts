export { ProtocolContext, KernelProtocolError, type ComparisonMethod, type ContextOptions, type Tagger } from "./context.js";
export {
  operators,
  type OperatorId,
  type Operators,
  type InputParams,
  type RevealToParams,
  type TruncParams,
  type MatmulParams,
  type PowParams,
  type SortParams,
  type IndexParams,
  type ConcatParams,
} from "./operators.js";
export {
  commonLength,
  concatPublic,
  elementwise,
  sameParams,
  type Cost,
  type CostEnv,
  type Operand,
  type Operator,
  type ParamsOf,
  type PublicBitsParam,
  type PublicParam,
  type RowsParams,
} from "./operator.js";
export { secureBackend, refBackend, type Backend } from "./backend.js";
export { refOperators, type RefOptions } from "./ref/operators.js";
export * from "./values.js";
