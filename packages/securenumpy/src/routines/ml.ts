/** Machine-learning helpers built on the kernels, written to stay inside their valid ranges. */
import { operand } from "../core/elementwise.js";
import { vmOf } from "../core/graph.js";
import type { SecureArray } from "../core/secure-array.js";
import { absolute, add, multiply, negative, subtract } from "../ops/arithmetic.js";
import { maximum, minimum } from "../ops/where.js";
import { exp, log, reciprocal } from "./math.js";
import { max, sum } from "./reduce.js";
import { mean } from "./statistics.js";
import { axisOf, secureArg, type Axis } from "./util.js";
import { routine } from "../core/options.js";

/**
 * softmax along an axis (SciPy's `softmax(x, axis)`): exp(x − max) / Σ exp(x − max). Subtracting
 * the row maximum keeps exp's argument ≤ 0 (no overflow) and the denominator in [1, n] (inside the
 * reciprocal's range). Cost: max (9⌈log2 n⌉ rounds) + exp + reciprocal + a product (costs in
 * @petace/protocols' table).
 * @example np.softmax(logits, -1)
 */
export const softmax = routine("softmax", ["a", "axis"], {}, function softmax(a: SecureArray, axis = -1): SecureArray {
  const x = secureArg("softmax", a, "x");
  if (x.ndim === 0) throw new RangeError("softmax: x must have at least one axis");
  const ax = axisOf("softmax", axis, x.ndim);
  const e = exp(subtract(x, max(x, ax, { keepdims: true })));
  return multiply(e, reciprocal(sum(e, ax, { keepdims: true })));
});

/**
 * ReLU: `maximum(x, 0)`. Cost: 9 rounds (msb + selection).
 * @example np.relu(x)
 */
export const relu = routine("relu", ["a"], {}, function relu(a: SecureArray): SecureArray {
  return maximum(secureArg("relu", a, "x"), 0);
});

/**
 * log(sigmoid(x)) (SciPy's `log_expit`), computed as min(x, 0) − log(1 + exp(−|x|)): exp's argument
 * is ≤ 0 and log's in (1, 2], so it is accurate on the whole line (no log of a tiny sigmoid).
 * Cost: abs and min (9 rounds, merged) + exp (27) + log (25).
 * @example np.logSigmoid(z)
 */
export const logSigmoid = routine("logSigmoid", ["a"], {}, function logSigmoid(a: SecureArray): SecureArray {
  const x = secureArg("logSigmoid", a, "x");
  return subtract(minimum(x, 0), softplusTail(x));
});

/** log(1 + exp(−|x|)) ∈ (0, ln 2]. */
function softplusTail(x: SecureArray): SecureArray {
  return log(add(exp(negative(absolute(x))), 1));
}

/**
 * Mean binary cross-entropy of logits z against labels y (0/1, public or secret), as PyTorch's
 * `binary_cross_entropy_with_logits`: mean(max(z, 0) − z·y + log(1 + exp(−|z|))). Works on logits,
 * so no log of a probability near 0. `axis` as `mean` (default: all). Cost: ≈ logSigmoid + a
 * product (6 rounds) + a public division (one truncation).
 * @example np.binaryCrossEntropyWithLogits(X.matmul(w), y)
 */
export const binaryCrossEntropyWithLogits = routine(
  "binaryCrossEntropyWithLogits",
  ["logits", "labels", "axis"],
  {},
  function binaryCrossEntropyWithLogits(logits: SecureArray, labels: unknown, axis?: Axis): SecureArray {
    const z = secureArg("binaryCrossEntropyWithLogits", logits, "logits");
    vmOf("binaryCrossEntropyWithLogits", z, labels);
    const y = operand(labels, "binaryCrossEntropyWithLogits", "labels"); // public labels: a local product
    const loss = add(subtract(maximum(z, 0), multiply(z, y)), softplusTail(z));
    return mean(loss, axis);
  },
);
