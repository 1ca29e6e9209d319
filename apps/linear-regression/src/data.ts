/**
 * Synthetic regression and classification data from a fixed seed (no public dataset is shipped).
 * Features are standard normal; labels follow known coefficients plus noise, so the trained
 * coefficients can also be read against the truth. Not cryptographic randomness.
 */
import { SeededRandom } from "@petace/primitives";

export type Task = "linear" | "logistic";

export interface Dataset {
  /** rows × features, row-major. */
  X: number[][];
  y: number[];
  /** The coefficients the labels were made from: [intercept, w1, ..., wd]. */
  truth: number[];
}

export const FEATURES = 4;
export const TRUTH: Record<Task, number[]> = {
  linear: [0.7, 1.5, -2, 0.5, 3],
  logistic: [-0.3, 2, -1, 0.5, 1.5],
};

export function makeDataset(task: Task, rows: number, seed: number): Dataset {
  const rng = new SeededRandom(seed);
  const z = () => rng.normal();
  const w = TRUTH[task];
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < rows; i++) {
    const x = Array.from({ length: FEATURES }, () => z());
    const score = x.reduce((s, v, j) => s + v * w[j + 1]!, w[0]!);
    X.push(x);
    y.push(task === "linear" ? score + 0.1 * z() : rng.float() < 1 / (1 + Math.exp(-score)) ? 1 : 0);
  }
  return { X, y, truth: w };
}

export type Split = "vertical" | "horizontal";

/** Which party holds what. Vertical: A has features 0-1, B features 2-3 and the labels. Horizontal: A the first half of the rows, B the rest. */
export function columnsOfA(split: Split): number {
  return split === "vertical" ? 2 : FEATURES;
}

/** The first `trainFraction` of the rows train, the rest are held out. */
export function trainTest(d: Dataset, trainFraction = 0.8): { train: Dataset; test: Dataset } {
  const k = Math.round(d.y.length * trainFraction);
  return {
    train: { X: d.X.slice(0, k), y: d.y.slice(0, k), truth: d.truth },
    test: { X: d.X.slice(k), y: d.y.slice(k), truth: d.truth },
  };
}
