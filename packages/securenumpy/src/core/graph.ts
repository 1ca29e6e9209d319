/**
 * The bridge from routines to the VM: a `Graph` makes nodes for one routine call (its label and
 * result shape go into profiles, divergence reports and the program digest), and turns nodes into
 * SecureArrays. Routines never touch shares: they compose VM operators.
 */
import { ops, type Duet, type Node, type Operator, type Value } from "@petace/duet";
import type { DType } from "./dtype.js";
import { fmtShape, sizeOf, type Shape } from "./shape.js";
import { SecureArray } from "./secure-array.js";

export class Graph {
  readonly n: number;

  constructor(
    readonly vm: Duet,
    /** The routine's NumPy name (error messages, labels). */
    readonly where: string,
    /** The result shape. */
    readonly shape: Shape,
  ) {
    this.n = sizeOf(shape);
  }

  apply<P>(spec: Operator<P>, inputs: readonly Node[], params: P): Node {
    return this.vm.apply(spec, inputs, params, { label: this.where, meta: fmtShape(this.shape) });
  }

  /** Shorthand for operators without parameters. */
  op(spec: Operator<undefined>, ...inputs: Node[]): Node {
    return this.apply(spec, inputs, undefined);
  }

  /** A public value as shares (no message). */
  constant(value: Value, n = this.n): Node {
    return this.vm.constant(value, n, { label: this.where, meta: fmtShape(this.shape) });
  }

  /** Reads flat positions `idx` of x (local). */
  gather(x: Node, idx: Uint32Array): Node {
    return this.apply(ops.gather, [x], { idx });
  }

  out(node: Node, dtype: DType, shape: Shape = this.shape): SecureArray {
    return new SecureArray(this.vm, node, shape, dtype);
  }
}

/** The VM of the SecureArray operands (all must share one), or a TypeError naming the routine. */
export function vmOf(where: string, ...xs: unknown[]): Duet {
  let vm: Duet | null = null;
  for (const x of xs) {
    if (!(x instanceof SecureArray)) continue;
    if (vm !== null && x.vm !== vm) throw new TypeError(`${where}: the operands belong to different VMs`);
    vm = x.vm;
  }
  if (vm === null)
    throw new TypeError(`${where}: at least one operand must be a SecureArray (plaintext-only arithmetic is plain JavaScript)`);
  return vm;
}
