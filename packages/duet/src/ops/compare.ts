/**
 * Comparisons of ring values → bits. Domain: |x − y| < 2^63 as signed values (fixed point and
 * integers alike, when both sides have the same scale). Merged element-wise.
 */
import type { Kernels, Public, Ring } from "@petace/protocols";
import { checkPublicParam, elementwise, publicMerge, type OpSpec, type PublicParam } from "../op-spec.js";

export type Comparison = "lt" | "le" | "gt" | "ge" | "eq" | "ne";

/** x < 0. */
export const msb = elementwise("msb", ["ring"], "bits", true, (k, xs) => k.msb(xs[0] as Ring));

function secretSpec(op: Comparison): OpSpec {
  return elementwise(op, ["ring", "ring"], "bits", true, (k, xs) => k[op](xs[0] as Ring, xs[1] as Ring));
}

const PUBLIC: Record<Comparison, (k: Kernels, x: Ring, p: Public) => Promise<Uint32Array>> = {
  lt: (k, x, p) => k.ltPublic(x, p),
  le: (k, x, p) => k.lePublic(x, p),
  gt: (k, x, p) => k.gtPublic(x, p),
  ge: (k, x, p) => k.gePublic(x, p),
  eq: (k, x, p) => k.eqPublic(x, p),
  ne: (k, x, p) => k.nePublic(x, p),
};

function publicSpec(op: Comparison): OpSpec<PublicParam> {
  const name = `${op}Public`;
  return elementwise<PublicParam>(name, ["ring"], "bits", true, (k, xs, { p }) => PUBLIC[op](k, xs[0] as Ring, p), {
    check: checkPublicParam(name),
    merge: publicMerge,
  });
}

export const lt = secretSpec("lt");
export const le = secretSpec("le");
export const gt = secretSpec("gt");
export const ge = secretSpec("ge");
export const eq = secretSpec("eq");
export const ne = secretSpec("ne");
export const ltPublic = publicSpec("lt");
export const lePublic = publicSpec("le");
export const gtPublic = publicSpec("gt");
export const gePublic = publicSpec("ge");
export const eqPublic = publicSpec("eq");
export const nePublic = publicSpec("ne");
