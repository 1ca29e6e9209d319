/**
 * Training on data split between two parties, as a petace script:
 *   petace local src/train.ts [--task linear|logistic] [--split vertical|horizontal]
 *                             [--rows 500] [--iterations 60] [--lr 0.5] [--seed 7] [--loss-every 1]
 * Vertical: A (party 0) holds features 0-1, B (party 1) features 2-3 and the labels. Horizontal:
 * A holds the first half of the rows (features and labels), B the rest. Both parties generate the
 * same data from `--seed`; each inputs only its own part (the plaintext reference is possible only
 * because this is generated data). The training loss is revealed to B after each epoch, the final
 * coefficients to both, the held-out metric to B.
 */
import type { ScriptContext } from "@petace/cli";
import type { PartyId } from "@petace/duet";
import type { Namespace, SecureArray } from "@petace/securenumpy";
import { columnsOfA, makeDataset, trainTest, type Dataset, type Split, type Task } from "./data.js";
import { LinearRegression, LogisticRegression, type Design } from "./model.js";
import { accuracy, fitPlain, mse, predictPlain } from "./plain.js";

export interface TrainOptions {
  task: Task;
  split: Split;
  rows: number;
  iterations: number;
  learningRate: number;
  seed: number;
  /** Reveal the training loss every this many iterations (0: never). */
  lossEvery: number;
}

export interface TrainResult {
  task: Task;
  split: Split;
  /** [intercept, w1..w4], trained on shares. */
  theta: number[];
  /** Plaintext gradient descent, same data and steps. */
  plainTheta: number[];
  maxCoefficientError: number;
  /** Training loss after each reported iteration (party 1 only). */
  losses: { iteration: number; secure: number; plain: number }[];
  /** Held-out metric, party 1 only: accuracy (logistic) or MSE (linear), secure and plaintext. */
  heldOut: { metric: "accuracy" | "mse"; secure: number; plain: number } | null;
}

export const DEFAULTS: TrainOptions = {
  task: "linear",
  split: "vertical",
  rows: 500,
  iterations: 60,
  learningRate: 0.5,
  seed: 7,
  lossEvery: 1,
};

/** Coefficients trained on shares agree with plaintext training within this (absolute). */
export const TOLERANCE = 0.02;

export function parseTrainArgs(args: readonly string[]): TrainOptions {
  const o = { ...DEFAULTS };
  for (let i = 0; i < args.length; i += 2) {
    const [k, v] = [args[i]!, args[i + 1]];
    if (v === undefined) throw new RangeError(`train: ${k} needs a value`);
    const num = Number(v);
    if (k === "--task" && (v === "linear" || v === "logistic")) o.task = v;
    else if (k === "--split" && (v === "vertical" || v === "horizontal")) o.split = v;
    else if (k === "--rows" && Number.isInteger(num) && num >= 10) o.rows = num;
    else if (k === "--iterations" && Number.isInteger(num) && num >= 1) o.iterations = num;
    else if (k === "--lr" && num > 0) o.learningRate = num;
    else if (k === "--seed" && Number.isInteger(num)) o.seed = num;
    else if (k === "--loss-every" && Number.isInteger(num) && num >= 0) o.lossEvery = num;
    else throw new RangeError(`train: bad argument ${k} ${v}`);
  }
  return o;
}

/**
 * Each party inputs its part of a dataset; returns the joint (X, y) on shares. Vertical: X as its
 * two column blocks, each held by its owner (a product with it is one OT cross term, model.ts).
 */
async function share(np: Namespace, party: PartyId, d: Dataset, split: Split): Promise<[Design, SecureArray]> {
  const mine = (owner: PartyId, value: number[] | number[][], held = false) => np.array(party === owner ? value : null, owner, { held });
  if (split === "vertical") {
    const k = columnsOfA(split);
    const XA = await mine(
      0,
      d.X.map((r) => r.slice(0, k)),
      true,
    );
    const XB = await mine(
      1,
      d.X.map((r) => r.slice(k)),
      true,
    );
    return [[XA, XB], await mine(1, d.y)];
  }
  const h = Math.floor(d.y.length / 2);
  const [XA, yA] = [await mine(0, d.X.slice(0, h)), await mine(0, d.y.slice(0, h))];
  const [XB, yB] = [await mine(1, d.X.slice(h)), await mine(1, d.y.slice(h))];
  return [np.concatenate([XA, XB], 0), np.concatenate([yA, yB], 0)];
}

export async function train(
  np: Namespace,
  party: PartyId,
  o: TrainOptions,
  hooks: { print?: (line: string) => void; progress?: (done: number, total: number, label?: string) => void } = {},
): Promise<TrainResult> {
  const print = party === 1 ? (hooks.print ?? (() => {})) : () => {};
  const { train: tr, test } = trainTest(makeDataset(o.task, o.rows, o.seed));
  const plain = fitPlain(o.task, tr.X, tr.y, o.learningRate, o.iterations);
  const [X, y] = await share(np, party, tr, o.split);
  const [Xt, yt] = await share(np, party, test, o.split);
  const model =
    o.task === "logistic"
      ? new LogisticRegression(o.learningRate, o.iterations, np)
      : new LinearRegression(o.learningRate, o.iterations, np);
  const losses: TrainResult["losses"] = [];
  print(
    `${o.task} regression, ${o.split} split, ${tr.y.length} training rows, ${o.iterations} iterations, learning rate ${o.learningRate}`,
  );
  await model.fit(X, y, {
    onIteration: async (i, m) => {
      await m.theta!.evaluate(); // the graph is lazy: evaluate so that progress means work done
      hooks.progress?.(i + 1, o.iterations, "iteration");
      if (o.lossEvery === 0 || ((i + 1) % o.lossEvery !== 0 && i + 1 !== o.iterations)) return;
      const opened = await model.loss(X, y).revealTo(1);
      if (opened) {
        const secure = Number(opened.data[0]);
        losses.push({ iteration: i + 1, secure, plain: plain.losses[i]! });
        print(`  epoch ${String(i + 1).padStart(4)}  loss ${secure.toFixed(6)}  (plaintext ${plain.losses[i]!.toFixed(6)})`);
      }
    },
  });
  const theta = Array.from((await model.getParams()!.reveal()).data as ArrayLike<number>);
  const err = Math.max(...theta.map((t, j) => Math.abs(t - plain.theta[j]!)));
  print(`coefficients (intercept first), secure:    ${theta.map((t) => t.toFixed(4)).join(" ")}`);
  print(`                                plaintext: ${plain.theta.map((t) => t.toFixed(4)).join(" ")}`);
  print(`                                truth:     ${tr.truth.map((t) => t.toFixed(4)).join(" ")}`);
  print(`largest difference from plaintext training: ${err.toExponential(2)} (tolerance ${TOLERANCE})`);

  const plainPred = predictPlain(o.task, plain.theta, test.X);
  let heldOut: TrainResult["heldOut"] = null;
  if (o.task === "logistic") {
    const hits = np.sum((model as LogisticRegression).predictClass(Xt).eq(yt).astype("float64"));
    const opened = await hits.revealTo(1);
    if (opened) heldOut = { metric: "accuracy", secure: Number(opened.data[0]) / test.y.length, plain: accuracy(plainPred, test.y) };
  } else {
    const opened = await model.loss(Xt, yt).revealTo(1);
    if (opened) heldOut = { metric: "mse", secure: Number(opened.data[0]), plain: mse(plainPred, test.y) };
  }
  if (heldOut)
    print(`held-out ${heldOut.metric} on ${test.y.length} rows: ${heldOut.secure.toFixed(4)} (plaintext ${heldOut.plain.toFixed(4)})`);
  return { task: o.task, split: o.split, theta, plainTheta: plain.theta, maxCoefficientError: err, losses, heldOut };
}

export default async function ({ snp, party, args, print, progress }: ScriptContext): Promise<TrainResult> {
  const o = parseTrainArgs(args);
  const result = await train(snp, party, o, { print, progress });
  if (party === 0)
    print(`done: coefficients ${result.theta.map((t) => t.toFixed(4)).join(" ")} (the loss and held-out metric went to party 1)`);
  if (!(result.maxCoefficientError <= TOLERANCE))
    throw new Error(`train: coefficients differ from plaintext training by ${result.maxCoefficientError} (> ${TOLERANCE})`);
  return result;
}
