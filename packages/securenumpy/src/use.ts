import { Duet } from "@petace/duet";
import * as api from "./api.js";
import { withVM } from "./core/context.js";
import { routine } from "./core/options.js";

export type Namespace = typeof api;

const isClass = (f: unknown): boolean => typeof f === "function" && /^class[\s{]/.test(Function.prototype.toString.call(f));

/** A frozen plain object of routines, such as `random`. */
const isNamespace = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype && Object.isFrozen(v);

/**
 * The securenumpy namespace bound to `vm`: `const np = snp.use(vm); await np.array(...)`. Needed
 * where two VMs share a process (runLocal: one per party); elsewhere `snp.setVM(vm)` is enough.
 */
export const use = routine("use", ["vm"], {}, function use(vm: Duet): Namespace {
  if (!(vm instanceof Duet)) throw new TypeError("use: expected a Duet VM (from Duet.create or runLocal)");
  const bind = (value: unknown): unknown =>
    typeof value === "function" && !isClass(value)
      ? (...args: unknown[]) => withVM(vm, () => (value as (...a: unknown[]) => unknown)(...args))
      : value;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(api)) {
    // Namespaces of routines (`random`) are bound member by member, as NumPy's np.random.
    out[name] = isNamespace(value) ? Object.freeze(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bind(v)]))) : bind(value);
  }
  out.getVM = routine("getVM", [], {}, () => vm); // declared as the table's getVM is
  return Object.freeze(out) as unknown as Namespace;
});
