export {
  ProtocolContext,
  KernelProtocolError,
  type ComparisonMethod,
  type ContextOptions,
  type TruncationMethod,
  type Tagger,
} from "./context.js";
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
// Operators are defined in the table only: its building blocks (elementwise, ...) stay internal.
export type {
  Cost,
  CostEnv,
  Operand,
  Operator,
  ParamsOf,
  PublicBitsParam,
  PublicParam,
  RowsParams,
  Slicing,
} from "./operator.js";
export { secureBackend, refBackend, type Backend } from "./backend.js";
export { correlationDemand, DEMAND_KINDS, type Demand, type DemandKind } from "./demand.js";
export type { RefOptions } from "./ref/operators.js";
export * from "./values.js";
