/**
 * A test and bench convenience over a Backend: run a table operator by id on flat values, working
 * out the output length from the table's own shape rule, plus short names for input and output.
 * @internal
 */
import type { PartyId } from "@petace/network";
import type { Operand } from "../src/operator.js";
import { operators, type OperatorId } from "../src/operators.js";
import { refBackend, type Backend } from "../src/backend.js";
import type { RefOptions } from "../src/ref/operators.js";
import { wordCount, type Bits, type Ring, type Value } from "../src/values.js";

export interface OpRunner {
  readonly backend: Backend;
  readonly party: PartyId;
  readonly fracBits: number;
  /**
   * Runs operator `id`. Without `n`, the output length comes from the table's rule, with each bit
   * operand taken to hold as many elements as the arithmetic operands (or 32 per word when none).
   */
  run<T extends Value = Ring>(id: OperatorId, xs: readonly Value[], params?: unknown, n?: number): Promise<T>;
  input(owner: PartyId, data: Ring | null, n: number): Promise<Ring>;
  inputBits(owner: PartyId, data: Bits | null, n: number): Promise<Bits>;
  reveal(x: Ring): Promise<Ring>;
  revealBits(x: Bits, n: number): Promise<Bits>;
  revealTo(x: Ring, to: PartyId): Promise<Ring | null>;
  revealBitsTo(x: Bits, n: number, to: PartyId): Promise<Bits | null>;
}

export function runner(backend: Backend): OpRunner {
  const call = <T>(id: OperatorId, xs: readonly Value[], params: unknown, n: number): Promise<T> =>
    backend.run(operators[id] as never, xs, params as never, n) as Promise<T>;
  return {
    backend,
    party: backend.party,
    fracBits: backend.fracBits,
    run: (id, xs, params, n) => call(id, xs, params, n ?? outLength(id, xs, params)),
    input: (owner, data, n) => call("input_a", data ? [data] : [], { owner }, n),
    inputBits: (owner, data, n) => call("input_b", data ? [data] : [], { owner }, n),
    reveal: (x) => call("reveal_a", [x], undefined, x.length),
    revealBits: (x, n) => call("reveal_b", [x], undefined, n),
    revealTo: (x, to) => call("revealTo_a", [x], { to }, x.length),
    revealBitsTo: (x, n, to) => call("revealTo_b", [x], { to }, n),
  };
}

/** The plaintext reference as an OpRunner (one process acting for both parties). */
export function refRunner(opts: RefOptions = {}): OpRunner {
  return runner(refBackend(opts));
}

function outLength(id: OperatorId, xs: readonly Value[], params: unknown): number {
  const arith = xs.find((x): x is Ring => x instanceof BigUint64Array);
  const operands: Operand[] = xs.map((x) =>
    x instanceof BigUint64Array ? { n: x.length, kind: "arith" } : { n: arith ? arith.length : 32 * x.length, kind: "bool" },
  );
  const op = operators[id] as { out(inputs: readonly Operand[], params: unknown): Operand };
  const { n } = op.out(operands, params);
  return n;
}

/** Bits of a packed array as 0/1 numbers. */
export const unpack = (w: Bits, n: number): number[] => Array.from({ length: n }, (_, i) => (w[i >>> 5]! >>> (i & 31)) & 1);

export { wordCount };
