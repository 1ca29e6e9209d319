/**
 * The package's one argument convention, enforced in one place. Positional: the operands, the
 * required parameters, and those that say where (axis, offsets, diagonals, start/stop/step/num,
 * repeats, sections), in NumPy's order. Every other NumPy keyword argument (keepdims, ddof,
 * weights, dtype, rtol, ...) is a key of ONE trailing options object.
 *
 * Each exported routine is wrapped by `routine(name, positional, options, impl)`: the wrapper
 * checks the options slot (a plain object, known keys, values of the declared types) and the
 * argument count before the routine runs, so a NumPy-positional call such as
 * `average(a, 1, [1, 2, 3])` is a TypeError instead of a silently ignored argument. The
 * declaration stays attached to the wrapper (`declarationOf`), which is how the test walks every
 * export: a routine without a declaration fails it.
 */

/** What an option's value may be; `custom` for the few that need their own test. */
export type OptionType =
  | "boolean"
  | "number"
  | "integer"
  | "string"
  | "dtype"
  | "shape"
  | { test: (v: unknown) => boolean; expected: string };

export interface Declaration {
  /** The routine's name, as errors print it. */
  readonly name: string;
  /** Its positional parameters, in order; the options object comes right after them. */
  readonly positional: readonly string[];
  /** The option keys it accepts and their types (empty: it takes no options). */
  readonly options: Readonly<Record<string, OptionType>>;
}

const BASIC: Record<Exclude<OptionType, object>, [(v: unknown) => boolean, string]> = {
  boolean: [(v) => typeof v === "boolean", "a boolean"],
  number: [(v) => typeof v === "number" && Number.isFinite(v), "a finite number"],
  integer: [(v) => Number.isInteger(v), "an integer"],
  string: [(v) => typeof v === "string", "a string"],
  // The value itself is checked by parseDType where it is used (it knows NumPy's spellings).
  dtype: [(v) => typeof v === "string", 'a dtype name ("float64", "int64" or "bool")'],
  shape: [(v) => Number.isInteger(v) || (Array.isArray(v) && v.every((d) => Number.isInteger(d))), "a number or an array of integers"],
};

const DECLARED = new WeakMap<object, Declaration>();

/** The declaration of an exported routine (undefined for a function that has none). */
export function declarationOf(fn: unknown): Declaration | undefined {
  return typeof fn === "function" ? DECLARED.get(fn) : undefined;
}

/** True for `{ ... }` literals (and Object.create(null)): not arrays, typed arrays or class instances. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** "a SecureArray", "an array", "the number 3": what was passed, without printing data (it may be secret). */
function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "number" || typeof v === "boolean") return `the ${typeof v} ${String(v)}`;
  if (typeof v === "object") {
    const ctor = (v as { constructor?: { name?: string } }).constructor?.name;
    return ctor ? `a ${ctor}` : "an object";
  }
  return `a ${typeof v}`;
}

function signature(d: Declaration): string {
  return `${d.name}(${[...d.positional, "options"].join(", ")})`;
}

function accepted(d: Declaration): string {
  const keys = Object.keys(d.options);
  return keys.length === 0 ? `${d.name} takes no options` : `${d.name} accepts { ${keys.join(", ")} }`;
}

/** Checks the options slot; returns the object to hand to the routine (`{}` when omitted). */
export function checkOptions(d: Declaration, value: unknown): Record<string, unknown> {
  if (value === undefined) return {};
  const slot = `argument ${d.positional.length + 1}`;
  if (!isPlainObject(value)) {
    throw new TypeError(
      `${d.name}: ${slot} is the options object, got ${describe(value)}; ${accepted(d)}` +
        (Object.keys(d.options).length > 0 ? ` (NumPy's keyword arguments go there by name: ${signature(d)})` : ""),
    );
  }
  for (const [key, v] of Object.entries(value)) {
    const type = d.options[key];
    if (type === undefined || !Object.hasOwn(d.options, key))
      throw new TypeError(`${d.name}: unknown option ${JSON.stringify(key)}; ${accepted(d)}`);
    if (v === undefined) continue; // an absent option, as NumPy's default
    const [test, expected] = typeof type === "string" ? BASIC[type] : [type.test, type.expected];
    if (!test(v)) throw new TypeError(`${d.name}: option ${key} must be ${expected}, got ${describe(v)}; ${accepted(d)}`);
  }
  return value;
}

/** Arguments past the options slot, or an options object where a positional parameter belongs. */
function checkPositional(d: Declaration, args: readonly unknown[]): void {
  const slots = d.positional.length + 1;
  if (args.length > slots)
    throw new TypeError(
      `${d.name}: takes at most ${slots} arguments, ${signature(d)}, got ${args.length}; NumPy's keyword arguments go in the options object`,
    );
  const keys = Object.keys(d.options);
  if (keys.length === 0) return;
  for (let i = 0; i < Math.min(args.length, d.positional.length); i++) {
    const v = args[i];
    // Only an object made of this routine's option keys: `{ data, shape }` operands stay legal.
    if (isPlainObject(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => keys.includes(k)))
      throw new TypeError(
        `${d.name}: got an options object as ${d.positional[i]} (argument ${i + 1}); options come last: ${signature(d)}, ` +
          `passing null or undefined for the positional parameters before them`,
      );
  }
}

/**
 * Wraps `impl` so that every call is checked against the declaration first. Async routines
 * report the TypeError as a rejected promise, as their own errors.
 */
export function routine<F extends (...args: never[]) => unknown>(
  name: string,
  positional: readonly string[],
  options: Readonly<Record<string, OptionType>>,
  impl: F,
): F {
  const d: Declaration = Object.freeze({ name, positional: Object.freeze([...positional]), options: Object.freeze({ ...options }) });
  const isAsync = Object.prototype.toString.call(impl) === "[object AsyncFunction]";
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    try {
      checkPositional(d, args);
      if (args.length > positional.length) args[positional.length] = checkOptions(d, args[positional.length]);
    } catch (e) {
      if (isAsync) return Promise.reject(e);
      throw e;
    }
    return (impl as unknown as (...a: unknown[]) => unknown).apply(this, args);
  };
  Object.defineProperty(wrapped, "name", { value: impl.name || name });
  DECLARED.set(wrapped, d);
  return wrapped as unknown as F;
}
