/**
 * Everything a program calls, by NumPy's names. `snp.use(vm)` binds this whole table to one VM, so a
 * new routine is one file in `ops/` (or `routines/`) plus one export line here.
 */
import { installMethods } from "./ops/methods.js";

export { SecureArray } from "./core/secure-array.js";
export { PlainArray, type NestedList, type PlainData, type Scalar } from "./core/plain.js";
export type { DType } from "./core/dtype.js";
export type { Shape } from "./core/shape.js";
export { getVM, setVM } from "./core/context.js";
export { slice, Slice, type IndexArg } from "./core/index-arg.js";

export { array, fromShare, type ArrayOptions, type FromShareOptions } from "./ops/input.js";
export { reveal, revealTo, toShare } from "./ops/output.js";
export type { Share } from "./core/share.js";
export {
  abs,
  absolute,
  add,
  divide,
  divide as trueDivide,
  mod,
  multiply,
  negative,
  power,
  power as pow,
  subtract,
} from "./ops/arithmetic.js";
export { equal, greater, greaterEqual, less, lessEqual, notEqual } from "./ops/compare.js";
export { and, logicalAnd, logicalNot, logicalOr, logicalXor, not, or, xor } from "./ops/logic.js";
export { matmul } from "./ops/matmul.js";
export { maximum, minimum } from "./ops/where.js";
export { astype } from "./ops/astype.js";
export { reshape, transpose } from "./ops/shape.js";
export { loadNpy, parseNpy, type NpyOptions } from "./io/npy.js";
// routines/ (one file per family)
export {
  arange,
  copy,
  empty,
  eye,
  full,
  fullLike,
  identity,
  linspace,
  logspace,
  ones,
  onesLike,
  zeros,
  zerosLike,
  type DTypeOption,
  type LogspaceOptions,
  type SpaceOptions,
} from "./routines/creation.js";
export { arraySplit, expandDims, flatten, flip, moveaxis, ravel, repeat, split, squeeze, swapaxes, tile } from "./routines/manipulation.js";
export { columnStack, concatenate, hstack, stack, vstack } from "./routines/join.js";
export { argmax, argmin, max, max as amax, min, min as amin, prod, sum } from "./routines/reduce.js";
export { cumprod, cumsum } from "./routines/cumulative.js";
export { diag, diagonal, dot, inner, outer, trace } from "./routines/linalg.js";
export { einsum } from "./routines/einsum.js";
export { tensordot } from "./routines/tensordot.js";
export { linalg } from "./routines/linalg-namespace.js";
export type { NormOrd } from "./routines/norm.js";
export type { SolveOptions } from "./routines/linalg-solve.js";
export { argsort, countNonzero, sort, where } from "./routines/sorting.js";
export {
  average,
  corrcoef,
  cov,
  histogram,
  mean,
  median,
  percentile,
  ptp,
  quantile,
  std,
  variance,
  variance as var,
  type AverageOptions,
  type VarOptions,
  type CovOptions,
  type HistogramOptions,
} from "./routines/statistics.js";
export { all, allclose, any, isclose, type CloseOptions } from "./routines/logic.js";
export { binaryCrossEntropyWithLogits, logSigmoid, relu, softmax } from "./routines/ml.js";
export { clip, exp, log, log10, log2, reciprocal, sigmoid, sign, sqrt, square, tanh } from "./routines/math.js";
export { ceil, floor, round, round as around, trunc, trunc as fix, type RoundOptions } from "./routines/rounding.js";
export { floorDivide, fmod, remainder } from "./routines/division.js";
export { cos, sin } from "./routines/trig.js";
export {
  bincount,
  digitize,
  searchsorted,
  type BincountOptions,
  type DigitizeOptions,
  type SearchsortedOptions,
} from "./routines/bins.js";
export { random } from "./routines/random.js";
export { loadCsv, parseCsv, type CsvOptions, type ParseCsvOptions } from "./io/csv.js";
export { loadTable, parseTable, type LoadedTable, type ParseTableOptions, type TableOptions } from "./io/table.js";
export { join, type JoinOptions } from "./join/join.js";
export { JoinResult, type JoinMode } from "./join/result.js";
export type { SetOps } from "./join/setops.js";
export type { ColumnInfo, Table, TableColumn } from "./join/table.js";
export type { KeepdimsOptions } from "./routines/util.js";

// SecureArray's operator methods live in ops/ (see core/secure-array.ts). Both ways into the
// package, index.ts and use(vm), pass through this table, so installing them here covers every array;
// package.json lists this file under sideEffects so that bundlers keep the call.
installMethods();

/** `x.get(snp.newaxis)` adds an axis of length 1 (NumPy's np.newaxis is None). */
export const newaxis = null;
/** `x.get(snp.ellipsis, 0)`: the "..." index. */
export const ellipsis = "...";
