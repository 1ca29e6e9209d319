/**
 * What may index a SecureArray in `x.get(...)` and `x.set(...)`: integers (negative from the end),
 * slices (`snp.slice` or NumPy slice strings such as ":2, 1:"), "...", `null` (newaxis), integer
 * arrays and boolean masks. index-plan.ts resolves them; they live apart from it so that
 * SecureArray's declaration can name them without depending on the resolver.
 */
import type { PlainArray } from "./plain.js";
import { routine } from "./options.js";

/** A slice, as Python's `slice(start, stop, step)`; null means "default". */
export class Slice {
  constructor(
    readonly start: number | null = null,
    readonly stop: number | null = null,
    readonly step: number | null = null,
  ) {}

  toString(): string {
    const p = (v: number | null) => (v === null ? "" : String(v));
    return `${p(this.start)}:${p(this.stop)}${this.step === null ? "" : `:${this.step}`}`;
  }
}

/** `slice(stop)` or `slice(start, stop, step?)`, as Python's builtin. */
export const slice = routine(
  "slice",
  ["startOrStop", "stop", "step"],
  {},
  function slice(startOrStop: number | null = null, stop?: number | null, step: number | null = null): Slice {
    return stop === undefined ? new Slice(null, startOrStop, null) : new Slice(startOrStop, stop, step);
  },
);

/** What may index an array: see the module doc. */
export type IndexArg =
  | number
  | string
  | Slice
  | null
  | readonly unknown[]
  | PlainArray
  | ArrayBufferView
  | { data: unknown; shape: unknown };
