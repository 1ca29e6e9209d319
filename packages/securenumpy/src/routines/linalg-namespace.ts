/**
 * `linalg`, NumPy's np.linalg namespace: `np.linalg.norm`, `np.linalg.inv`, `np.linalg.solve`.
 * A frozen object of routines; `use(vm)` binds its members like the top-level ones.
 */
import { inv, solve } from "./linalg-solve.js";
import { norm } from "./norm.js";

export const linalg = Object.freeze({ norm, inv, solve });
