/**
 * Providers that split the offline phase (making correlations) from the online phase (the kernels)
 * for benchmarks: `RecordingProvider` notes the requests a kernel makes (their sequence depends on
 * sizes only, never on data), `prefetch` fetches that sequence from a real provider ahead of time,
 * and `ReplayProvider` hands the prefetched correlations out in the same order.
 * @internal
 */
import type { ArithTriples, BoolTriples, DaBits, MatrixTriple, RandomOts, CorrelationProvider } from "@petace/correlations";

export type Request = { kind: "arith" | "bool" | "daBits" | "rot"; n: number } | { kind: "matrix"; m: number; k: number; n: number };

type Item = ArithTriples | BoolTriples | DaBits | MatrixTriple | RandomOts;

export class RecordingProvider implements CorrelationProvider {
  readonly kind: string;
  readonly requests: Request[] = [];
  constructor(private readonly inner: CorrelationProvider) {
    this.kind = `recording(${inner.kind})`;
  }
  arithTriples(n: number): Promise<ArithTriples> {
    this.requests.push({ kind: "arith", n });
    return this.inner.arithTriples(n);
  }
  boolTriples(n: number): Promise<BoolTriples> {
    this.requests.push({ kind: "bool", n });
    return this.inner.boolTriples(n);
  }
  matrixTriple(m: number, k: number, n: number): Promise<MatrixTriple> {
    this.requests.push({ kind: "matrix", m, k, n });
    return this.inner.matrixTriple(m, k, n);
  }
  daBits(n: number): Promise<DaBits> {
    this.requests.push({ kind: "daBits", n });
    if (!this.inner.daBits) throw new Error("RecordingProvider: the inner provider has no daBits");
    return this.inner.daBits(n);
  }
  randomOts(n: number): Promise<RandomOts> {
    this.requests.push({ kind: "rot", n });
    if (!this.inner.randomOts) throw new Error("RecordingProvider: the inner provider has no randomOts");
    return this.inner.randomOts(n);
  }
}

/** Totals per kind of a request list (matrix triples count their m·k·n products). */
export function totals(reqs: readonly Request[]): { arith: number; bool: number; daBits: number; rot: number; matrixProducts: number } {
  const t = { arith: 0, bool: 0, daBits: 0, rot: 0, matrixProducts: 0 };
  for (const r of reqs) {
    if (r.kind === "matrix") t.matrixProducts += r.m * r.k * r.n;
    else t[r.kind] += r.n;
  }
  return t;
}

/** Fetches every request from `p` in order (with one `reserve` first when the provider has it). */
export async function prefetch(p: CorrelationProvider, reqs: readonly Request[]): Promise<Item[]> {
  const t = totals(reqs);
  if (p.reserve)
    await p.reserve({ arith: t.arith, bool: t.bool, ...(t.daBits ? { daBits: t.daBits } : {}) } as { arith: number; bool: number });
  const out: Item[] = [];
  for (const r of reqs) {
    if (r.kind === "matrix") out.push(await p.matrixTriple(r.m, r.k, r.n));
    else if (r.kind === "arith") out.push(await p.arithTriples(r.n));
    else if (r.kind === "bool") out.push(await p.boolTriples(r.n));
    else if (r.kind === "rot") out.push(await p.randomOts!(r.n));
    else out.push(await p.daBits!(r.n));
  }
  return out;
}

export class ReplayProvider implements CorrelationProvider {
  readonly kind = "replay";
  #next = 0;
  constructor(
    private readonly reqs: readonly Request[],
    private readonly items: readonly Item[],
  ) {}
  #take(kind: Request["kind"], n: number): Item {
    const i = this.#next++;
    const r = this.reqs[i];
    if (!r || r.kind !== kind || r.n !== n)
      throw new Error(`ReplayProvider: request ${i} is ${kind}(${n}), recorded ${r ? `${r.kind}(${r.n})` : "nothing"}`);
    return this.items[i]!;
  }
  async arithTriples(n: number): Promise<ArithTriples> {
    return this.#take("arith", n) as ArithTriples;
  }
  async boolTriples(n: number): Promise<BoolTriples> {
    return this.#take("bool", n) as BoolTriples;
  }
  async daBits(n: number): Promise<DaBits> {
    return this.#take("daBits", n) as DaBits;
  }
  async randomOts(n: number): Promise<RandomOts> {
    return this.#take("rot", n) as RandomOts;
  }
  async matrixTriple(_m: number, _k: number, n: number): Promise<MatrixTriple> {
    return this.#take("matrix", n) as MatrixTriple;
  }
}
