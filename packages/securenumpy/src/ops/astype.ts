/** `x.astype(dtype)`: NumPy's conversions (see core/cast.ts for how each is computed). */
import { castNode } from "../core/cast.js";
import { parseDType } from "../core/dtype.js";
import { Graph } from "../core/graph.js";
import { SecureArray } from "../core/secure-array.js";
import { routine } from "../core/options.js";

export const astype = routine("astype", ["x", "dtype"], {}, function astype(x: SecureArray, dtype: unknown): SecureArray {
  if (!(x instanceof SecureArray)) throw new TypeError("astype: x must be a SecureArray");
  const to = parseDType(dtype, "astype");
  if (to === x.dtype) return new SecureArray(x.vm, x.node, x.shape, to);
  const g = new Graph(x.vm, "astype", x.shape);
  return g.out(castNode(g, x.node, x.dtype, to), to);
});
