/**
 * A textbook NumPy LinearRegression (batch gradient descent; the Python is in this app's README),
 * ported. Against the Python the changes are: the import, camelCase, methods for operators (JavaScript has no overloading: `a - b` is
 * `a.sub(b)`), `fit` is async (it reports the loss as it goes), and an optional `np` argument so
 * that tests can run both parties in one process (`snp.use(vm)`); programs leave it out.
 */
import * as snp from "@petace/securenumpy";
import type { Namespace, SecureArray } from "@petace/securenumpy";

export interface FitOptions {
  /** Called after each iteration with its number; return a promise to make training wait for it. */
  onIteration?: (iteration: number, model: LinearRegression) => void | Promise<void>;
}

export class LinearRegression {
  theta: SecureArray | null = null;

  constructor(
    readonly learningRate = 0.01,
    readonly nIterations = 1000,
    readonly np: Namespace = snp,
  ) {}

  async fit(X: SecureArray, y: SecureArray, options: FitOptions = {}): Promise<this> {
    const np = this.np;
    // Add bias term (intercept) to X
    const Xb = np.concatenate([np.ones([X.shape[0]!, 1]), X], 1);
    // Number of training samples and features
    const [m, n] = Xb.shape as [number, number];
    // Initialize weights (theta) to zeros
    this.theta = np.zeros(n);
    // Gradient descent
    for (let i = 0; i < this.nIterations; i++) {
      // (1 / m) * ...: divided by m instead, as 1/m has too few fractional bits in fixed point for large m
      const gradients = np.dot(Xb.T, this.activation(np.dot(Xb, this.theta)).sub(y)).div(m);
      this.theta = this.theta.sub(gradients.mul(this.learningRate));
      await options.onIteration?.(i, this);
    }
    return this;
  }

  predict(X: SecureArray): SecureArray {
    const np = this.np;
    const Xb = np.concatenate([np.ones([X.shape[0]!, 1]), X], 1);
    return this.activation(np.dot(Xb, this.params()));
  }

  getParams(): SecureArray | null {
    return this.theta;
  }

  /** Mean squared error of the predictions (for logistic regression: of the probabilities). */
  loss(X: SecureArray, y: SecureArray): SecureArray {
    const r = this.predict(X).sub(y);
    return this.np.sum(r.mul(r)).div(X.shape[0]!);
  }

  /** The link between the linear score and the prediction: identity here. */
  protected activation(z: SecureArray): SecureArray {
    return z;
  }

  protected params(): SecureArray {
    if (!this.theta) throw new Error("LinearRegression: call fit before predict");
    return this.theta;
  }
}

/** Logistic regression: the same gradient descent with the sigmoid as the link (log-loss gradient). */
export class LogisticRegression extends LinearRegression {
  protected override activation(z: SecureArray): SecureArray {
    return this.np.sigmoid(z);
  }

  /** Class labels: probability > 0.5, as a secret bool array. */
  predictClass(X: SecureArray): SecureArray {
    return this.predict(X).gt(0.5);
  }
}
