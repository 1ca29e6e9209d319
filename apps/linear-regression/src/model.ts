/**
 * A textbook NumPy LinearRegression (batch gradient descent; the Python is in this app's README),
 * ported. Against the Python the changes are: the import, camelCase, methods for operators (JavaScript has no overloading: `a - b` is
 * `a.sub(b)`), `fit` is async (it reports the loss as it goes), and an optional `np` argument so
 * that tests can run both parties in one process (`snp.use(vm)`); programs leave it out.
 */
import * as snp from "@petace/securenumpy";
import type { Namespace, SecureArray } from "@petace/securenumpy";

/**
 * The data matrix: one array, or its column blocks in order (a vertical split: each party's features,
 * input with `snp.array(data, owner, { held: true })` so that each product is its owner's plaintext
 * times shares, one OT cross term, instead of a product of two shared matrices).
 */
export type Design = SecureArray | readonly SecureArray[];

const isBlocks = (X: Design): X is readonly SecureArray[] => Array.isArray(X);

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

  async fit(X: Design, y: SecureArray, options: FitOptions = {}): Promise<this> {
    if (isBlocks(X)) return this.fitBlocks(X, y, options);
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

  predict(X: Design): SecureArray {
    if (isBlocks(X)) return this.activation(this.scores(X, this.params()));
    const np = this.np;
    const Xb = np.concatenate([np.ones([X.shape[0]!, 1]), X], 1);
    return this.activation(np.dot(Xb, this.params()));
  }

  getParams(): SecureArray | null {
    return this.theta;
  }

  /** Mean squared error of the predictions (for logistic regression: of the probabilities). */
  loss(X: Design, y: SecureArray): SecureArray {
    const r = this.predict(X).sub(y);
    return this.np.sum(r.mul(r)).div(y.shape[0]!);
  }

  /**
   * fit with X as column blocks [B_1, ..., B_p]: the same steps, written out per block, as
   * X_b·θ = θ_0 + Σ_j B_j·θ_j and X_b.T·r = [Σ r, B_1.T·r, ..., B_p.T·r].
   */
  protected async fitBlocks(blocks: readonly SecureArray[], y: SecureArray, options: FitOptions): Promise<this> {
    const np = this.np;
    const m = y.shape[0]!;
    this.theta = np.zeros(1 + blocks.reduce((s, B) => s + B.shape[1]!, 0));
    for (let i = 0; i < this.nIterations; i++) {
      const r = this.activation(this.scores(blocks, this.theta)).sub(y);
      const gradients = np.concatenate([np.sum(r).reshape(1), ...blocks.map((B) => np.dot(B.T, r))]).div(m);
      this.theta = this.theta.sub(gradients.mul(this.learningRate));
      await options.onIteration?.(i, this);
    }
    return this;
  }

  /** X_b·θ for X given as column blocks: the intercept plus one product per block. */
  protected scores(blocks: readonly SecureArray[], theta: SecureArray): SecureArray {
    let z = theta.get(0);
    let at = 1;
    for (const B of blocks) {
      const w = B.shape[1]!;
      z = z.add(this.np.dot(B, theta.get(`${at}:${at + w}`)));
      at += w;
    }
    return z;
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
  predictClass(X: Design): SecureArray {
    return this.predict(X).gt(0.5);
  }
}
