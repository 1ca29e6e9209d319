/** Plaintext gradient descent, the same steps as model.ts in float64: the reference to compare with. */
import type { Task } from "./data.js";

export interface PlainFit {
  theta: number[];
  /** Mean squared error (of probabilities, for logistic) after each iteration. */
  losses: number[];
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function predictPlain(task: Task, theta: readonly number[], X: readonly (readonly number[])[]): number[] {
  return X.map((x) => {
    const z = x.reduce((s, v, j) => s + v * theta[j + 1]!, theta[0]!);
    return task === "logistic" ? sigmoid(z) : z;
  });
}

export function mse(p: readonly number[], y: readonly number[]): number {
  return p.reduce((s, v, i) => s + (v - y[i]!) ** 2, 0) / p.length;
}

export function fitPlain(
  task: Task,
  X: readonly (readonly number[])[],
  y: readonly number[],
  learningRate: number,
  iterations: number,
): PlainFit {
  const m = X.length;
  const n = X[0]!.length + 1;
  let theta = new Array<number>(n).fill(0);
  const losses: number[] = [];
  for (let it = 0; it < iterations; it++) {
    const p = predictPlain(task, theta, X);
    const g = new Array<number>(n).fill(0);
    for (let i = 0; i < m; i++) {
      const r = p[i]! - y[i]!;
      g[0]! += r;
      for (let j = 1; j < n; j++) g[j]! += X[i]![j - 1]! * r;
    }
    theta = theta.map((t, j) => t - (learningRate * g[j]!) / m);
    losses.push(mse(predictPlain(task, theta, X), y));
  }
  return { theta, losses };
}

export function accuracy(p: readonly number[], y: readonly number[]): number {
  return p.filter((v, i) => (v > 0.5 ? 1 : 0) === y[i]).length / p.length;
}
