/**
 * NumPy `sin` and `cos` on secret angles (radians), any x in the fixed-point range: the angle is
 * reduced modulo 2π on the shares by the ring's own wrap (x·2^(64−f)/(2π) mod 2^64 is x/(2π) mod 1
 * turn), then each party takes the sine and cosine of its own share's angle in the clear and one
 * secret product combines them by the angle-addition identity (@petace/protocols `kernels/sincos.ts`).
 * No polynomial, so no fitted range: the accuracy holds over the whole input range.
 */
import { ops, type Operator } from "@petace/duet";
import { Graph } from "../core/graph.js";
import { routine } from "../core/options.js";
import type { SecureArray } from "../core/secure-array.js";
import { nodeAs, secureArg } from "./util.js";

function trig(where: string, a: SecureArray, spec: Operator<undefined>): SecureArray {
  const x = secureArg(where, a, "x");
  const g = new Graph(x.vm, where, x.shape);
  const node = nodeAs(g, x, "float64");
  return g.out(x.size === 0 ? node : g.op(spec, node), "float64");
}

/**
 * NumPy `sin` (radians; int64 and bool inputs are converted to float64 first, as NumPy does).
 * Error within 0.52 ulp + π·|x|·2^(f−64) of sin of the fixed-point input (0.52 ulp for |x| < 2^20,
 * 1.3 ulp at |x| = 2^30, f = 16); below 1 ulp more under the stochastic truncation opt-in.
 * Cost: one Beaver round on 2n elements (32 B per element) and one truncation by 2k − f bits
 * (k = min(f + 8, 30): 32 bits for f = 16): 7 rounds, ≈ 53 B per element (sin and cos are
 * separate calls: 14 rounds for both).
 * @example np.sin(x)
 */
export const sin = routine("sin", ["x"], {}, (x: SecureArray): SecureArray => trig("sin", x, ops.sin_a));

/**
 * NumPy `cos` (radians), as `sin` (party 0 adds a quarter turn to its share's angle).
 * Error and cost as `sin`.
 * @example np.cos(x)
 */
export const cos = routine("cos", ["x"], {}, (x: SecureArray): SecureArray => trig("cos", x, ops.cos_a));
