/**
 * Array creation. Every routine here makes a PUBLIC constant: both parties know the values, and the
 * VM turns them into shares locally (party 0 holds the value, party 1 zero), so there is no
 * message, no owner and nothing to hide. To make an array only one party knows, use
 * `snp.array(data, owner)`. The VM is the one bound by `snp.use(vm)` or set by `snp.setVM`; the
 * `*Like` routines and `copy` use their argument's VM.
 */
import { currentVM } from "../core/context.js";
import { parseDType, type DType } from "../core/dtype.js";
import type { SecureArray } from "../core/secure-array.js";
import { checkShape, sizeOf, type Shape } from "../core/shape.js";
import { toPlain } from "../core/to-plain.js";
import { constantOf, plainOf, same, secureArg } from "./util.js";
import { routine } from "../core/options.js";

export interface DTypeOption {
  /** "float64" (the default), "int64" or "bool". */
  dtype?: DType;
}

/** The declaration of `DTypeOption` for `routine` (core/options.ts). */
const DTYPE = { dtype: "dtype" } as const;

function dtypeOf(where: string, options: DTypeOption | undefined, dflt: DType): DType {
  return options?.dtype === undefined ? dflt : parseDType(options.dtype, where);
}

function filled(where: string, shape: unknown, value: number, dtype: DType, vm = currentVM(where)): SecureArray {
  const s = checkShape(shape, where);
  return constantOf(vm, where, plainOf(new Float64Array(sizeOf(s)).fill(value), s, dtype), dtype);
}

/**
 * NumPy `zeros(shape, dtype=float)`. Cost: none (a public constant).
 * @example const z = np.zeros([2, 3]);                 // float64 zeros
 * @example const c = np.zeros(4, { dtype: "int64" });
 */
export const zeros = routine(
  "zeros",
  ["shape"],
  DTYPE,
  function zeros(shape: number | readonly number[], options?: DTypeOption): SecureArray {
    return filled("zeros", shape, 0, dtypeOf("zeros", options, "float64"));
  },
);

/**

 * NumPy `ones`. Cost: none (a public constant).

 * @example np.ones([3], { dtype: "bool" })

 */
export const ones = routine("ones", ["shape"], DTYPE, function ones(shape: number | readonly number[], options?: DTypeOption): SecureArray {
  return filled("ones", shape, 1, dtypeOf("ones", options, "float64"));
});

/**
 * NumPy `empty`: shares hold no secret anyway, so this is `zeros` (NumPy's "arbitrary values" are
 * zeros here). Cost: none.
 * @example np.empty([2, 2]) // zeros
 */
export const empty = routine(
  "empty",
  ["shape"],
  DTYPE,
  function empty(shape: number | readonly number[], options?: DTypeOption): SecureArray {
    return filled("empty", shape, 0, dtypeOf("empty", options, "float64"));
  },
);

/**
 * NumPy `full(shape, fill_value, dtype=None)`: the dtype follows the fill value as in NumPy (an
 * integer → int64, a fraction → float64, a boolean → bool) unless given. Cost: none.
 * @example np.full([2, 2], 0.5)
 */
export const full = routine(
  "full",
  ["shape", "fillValue"],
  DTYPE,
  function full(shape: number | readonly number[], fillValue: number | boolean | bigint, options?: DTypeOption): SecureArray {
    return fullOn("full", currentVM("full"), shape, fillValue, options);
  },
);

function fullOn(where: string, vm: SecureArray["vm"], shape: unknown, fillValue: unknown, options: DTypeOption | undefined): SecureArray {
  if (typeof fillValue !== "number" && typeof fillValue !== "boolean" && typeof fillValue !== "bigint") {
    throw new TypeError(`${where}: fillValue must be a number, boolean or bigint (a public scalar)`);
  }
  const p = toPlain(fillValue, where, "fillValue", "operand");
  const dtype = dtypeOf(where, options, p.dtype);
  return filled(where, shape, Number(fillValue), dtype, vm);
}

/**

 * NumPy `identity(n)`: the n×n identity. Cost: none.

 * @example np.identity(3)

 */
export const identity = routine("identity", ["n"], DTYPE, function identity(n: number, options?: DTypeOption): SecureArray {
  return eyeOn("identity", n, n, 0, dtypeOf("identity", options, "float64"));
});

/**
 * NumPy `eye(N, M=None, k=0)`: ones on the k-th diagonal. Cost: none.
 * @example np.eye(3, 4, 1)
 */
export const eye = routine(
  "eye",
  ["n", "m", "k"],
  DTYPE,
  function eye(n: number, m?: number | null, k = 0, options?: DTypeOption): SecureArray {
    return eyeOn("eye", n, m ?? n, k, dtypeOf("eye", options, "float64"));
  },
);

function eyeOn(where: string, n: number, m: number, k: number, dtype: DType): SecureArray {
  const s = checkShape([n, m], where, "N, M");
  if (!Number.isInteger(k)) throw new TypeError(`${where}: k must be an integer`);
  const v = new Float64Array(n * m);
  for (let i = 0; i < n; i++) if (i + k >= 0 && i + k < m) v[i * m + i + k] = 1;
  return constantOf(currentVM(where), where, plainOf(v, s, dtype), dtype);
}

/**
 * NumPy `arange([start,] stop[, step])`: int64 when every argument is an integer, else float64.
 * Cost: none.
 * @example np.arange(5) // [0 1 2 3 4]   np.arange(1, 2, 0.25)
 */
export const arange = routine(
  "arange",
  ["start", "stop", "step"],
  DTYPE,
  function arange(start: number, stop?: number | null, step = 1, options?: DTypeOption): SecureArray {
    const [a, b] = stop === undefined || stop === null ? [0, start] : [start, stop];
    for (const [v, name] of [
      [a, "start"],
      [b, "stop"],
      [step, "step"],
    ] as const) {
      if (typeof v !== "number" || !Number.isFinite(v)) throw new TypeError(`arange: ${name} must be a finite number`);
    }
    if (step === 0) throw new RangeError("arange: step must not be 0");
    const n = Math.max(0, Math.ceil((b - a) / step));
    const v = Float64Array.from({ length: n }, (_, i) => a + i * step);
    const ints = Number.isInteger(a) && Number.isInteger(b) && Number.isInteger(step);
    const dtype = dtypeOf("arange", options, ints ? "int64" : "float64");
    return constantOf(currentVM("arange"), "arange", plainOf(v, [n], dtype), dtype);
  },
);

export interface SpaceOptions extends DTypeOption {
  /** Include `stop` (default true). */
  endpoint?: boolean;
}

export interface LogspaceOptions extends SpaceOptions {
  /** The base (default 10). */
  base?: number;
}

/**
 * NumPy `linspace(start, stop, num=50, endpoint=True)`. Cost: none.
 * @example np.linspace(0, 1, 5) // [0 0.25 0.5 0.75 1]
 */
export const linspace = routine(
  "linspace",
  ["start", "stop", "num"],
  { endpoint: "boolean", ...DTYPE },
  function linspace(start: number, stop: number, num = 50, options?: SpaceOptions): SecureArray {
    const dtype = dtypeOf("linspace", options, "float64");
    return constantOf(currentVM("linspace"), "linspace", plainOf(space("linspace", start, stop, num, options), [num], dtype), dtype);
  },
);

/**
 * NumPy `logspace(start, stop, num=50, endpoint=True, base=10)`: base ** linspace(...). Cost: none.
 * @example np.logspace(0, 3, 4) // [1 10 100 1000]
 */
export const logspace = routine(
  "logspace",
  ["start", "stop", "num"],
  { endpoint: "boolean", base: "number", ...DTYPE },
  function logspace(start: number, stop: number, num = 50, options?: LogspaceOptions): SecureArray {
    const base = options?.base ?? 10;
    if (typeof base !== "number" || !(base > 0)) throw new RangeError("logspace: base must be a positive number");
    const dtype = dtypeOf("logspace", options, "float64");
    const v = space("logspace", start, stop, num, options).map((e) => base ** e);
    return constantOf(currentVM("logspace"), "logspace", plainOf(v, [num], dtype), dtype);
  },
);

function space(where: string, start: number, stop: number, num: number, options: SpaceOptions | undefined): Float64Array {
  if (typeof start !== "number" || typeof stop !== "number" || !Number.isFinite(start) || !Number.isFinite(stop))
    throw new TypeError(`${where}: start and stop must be finite numbers`);
  if (!Number.isInteger(num) || num < 0) throw new RangeError(`${where}: num must be a non-negative integer, got ${num}`);
  const endpoint = options?.endpoint ?? true;
  const div = endpoint ? num - 1 : num;
  const step = div > 0 ? (stop - start) / div : 0;
  const v = Float64Array.from({ length: num }, (_, i) => start + i * step);
  if (endpoint && num > 1) v[num - 1] = stop;
  return v;
}

/**
 * NumPy `zeros_like(a, dtype=None)`: public zeros with a's shape (and VM). Cost: none.
 * @example np.zerosLike(x, { dtype: "int64" })
 */
export const zerosLike = routine("zerosLike", ["a"], DTYPE, function zerosLike(a: SecureArray, options?: DTypeOption): SecureArray {
  const x = secureArg("zerosLike", a);
  return filled("zerosLike", x.shape, 0, dtypeOf("zerosLike", options, x.dtype), x.vm);
});

/**
 * NumPy `ones_like`. Cost: none.
 * @example np.onesLike(x)
 */
export const onesLike = routine("onesLike", ["a"], DTYPE, function onesLike(a: SecureArray, options?: DTypeOption): SecureArray {
  const x = secureArg("onesLike", a);
  return filled("onesLike", x.shape, 1, dtypeOf("onesLike", options, x.dtype), x.vm);
});

/**
 * NumPy `full_like(a, fill_value)`: a's dtype unless given (the value is cast to it). Cost: none.
 * @example np.fullLike(x, 0.5)
 */
export const fullLike = routine(
  "fullLike",
  ["a", "fillValue"],
  DTYPE,
  function fullLike(a: SecureArray, fillValue: number | boolean | bigint, options?: DTypeOption): SecureArray {
    const x = secureArg("fullLike", a);
    return fullOn("fullLike", x.vm, x.shape as Shape, fillValue, { dtype: dtypeOf("fullLike", options, x.dtype) });
  },
);

/**
 * NumPy `copy(a)`: a new array with a's values; later `set` on either leaves the other alone.
 * Cost: none (shares are immutable graph nodes; nothing is copied).
 * @example const y = np.copy(x); y.set(0, 1); // x unchanged
 */
export const copy = routine("copy", ["a"], {}, function copy(a: SecureArray): SecureArray {
  return same(secureArg("copy", a));
});
