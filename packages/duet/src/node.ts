/**
 * A node of the lazy operator graph: one operator applied to earlier nodes. Its length and kind are
 * known when it is made; its value arrives when the VM evaluates it. An evaluated node forgets its
 * inputs and parameters, so a long program holds only the values still referenced.
 */
import type { Kind, Operator, Value } from "@petace/protocols";

/**
 * "deferred": a local operator the VM chose not to evaluate whole (its consumers read it in slices,
 * see slices.ts); it keeps its inputs and parameters so that any slice of it, or all of it, can be
 * computed later.
 */
export type NodeState = "pending" | "deferred" | "done" | "failed";

const NO_INPUTS: readonly Node[] = Object.freeze([]);

export class Node {
  /** Interactive depth within the batch being evaluated (scheduler scratch). */
  depth = 0;
  state: NodeState;
  /** Set once evaluated; `null` for a value this party does not receive (revealTo the other party). */
  value: Value | null | undefined;
  #inputs: readonly Node[];
  #params: unknown;

  constructor(
    /** The VM that made it (operands of one operator must share a VM). */
    readonly vmId: number,
    /** Creation number within that VM: the same on both parties when they run the same program. */
    readonly id: number,
    readonly op: Operator<never>,
    inputs: readonly Node[],
    params: unknown,
    /** Element count. */
    readonly n: number,
    readonly kind: Kind,
    /** User-level name of the operator that made it (profiles and divergence reports). */
    readonly label: string,
    value?: Value | null,
  ) {
    this.#inputs = inputs;
    this.#params = params;
    this.state = value === undefined ? "pending" : "done";
    this.value = value;
    if (value !== undefined) this.#drop();
  }

  get inputs(): readonly Node[] {
    return this.#inputs;
  }

  get params(): unknown {
    return this.#params;
  }

  /** Records the value and releases what produced it. */
  resolve(value: Value | null): void {
    this.value = value;
    this.state = "done";
    this.#drop();
  }

  /** Leaves the value uncomputed (local operators only): it is computed from the inputs when read. */
  defer(): void {
    this.state = "deferred";
  }

  fail(): void {
    this.state = "failed";
    this.#drop();
  }

  #drop(): void {
    this.#inputs = NO_INPUTS;
    this.#params = undefined;
  }
}
