/**
 * Errors of the VM. One family (`instanceof DuetError`). Messages name parties, operators and
 * program digests, never a value: shares and inputs may be secret.
 */
export class DuetError extends Error {
  override name = "DuetError";
}

/** What one party was doing when a message arrived: parsed from the tag suffix the VM adds. */
export interface PartyPosition {
  /** The kernel message tag, e.g. `lt#12/open`. */
  message: string;
  /** The user-level operator being evaluated, e.g. `greater`. */
  operator: string;
  /** The operators made just before, oldest first. */
  recent: string[];
  /** Hash of every operator, shape and dtype made so far (hex). */
  digest: string;
}

/**
 * The two parties are not running the same program: a different operator, shape, dtype or order.
 * Detected at the first message after the point where they differ; names both sides' operators.
 */
export class DivergenceError extends DuetError {
  override name = "DivergenceError";
  constructor(
    readonly party: number,
    readonly ours: PartyPosition,
    readonly theirs: PartyPosition,
    options?: ErrorOptions,
  ) {
    super(
      `party ${party}: the two parties are not running the same program. ` +
        `This party is evaluating "${ours.operator}" (message "${ours.message}", after ${list(ours.recent)}, program digest ${ours.digest}); ` +
        `the peer is evaluating "${theirs.operator}" (message "${theirs.message}", after ${list(theirs.recent)}, program digest ${theirs.digest}). ` +
        `Both parties must call the same operators in the same order, on arrays of the same shapes and dtypes.`,
      options,
    );
  }
}

/**
 * The two parties ran the same operators but passed different public operands (a constant, a
 * plaintext operand, an index array) somewhere before `ours.operator`. Found by comparing hashes of
 * the operands under the secure equality, which reveals only that they differ: not which one, nor
 * any value. A value that only one party knows is a secret input, not a public operand.
 */
export class OperandDivergenceError extends DivergenceError {
  override name = "OperandDivergenceError";
  constructor(party: number, position: PartyPosition) {
    super(party, position, position);
    this.message =
      `party ${party}: the two parties passed different public operands (a constant, a plaintext operand or an index array) ` +
      `somewhere before "${position.operator}" (after ${list(position.recent)}); the check reveals only that they differ, not which one. ` +
      `Public operands must be the same on both parties: a value that only one party knows is a secret input (e.g. snp.array(value, owner)).`;
  }
}

function list(ops: readonly string[]): string {
  return ops.length === 0 ? "nothing" : ops.map((o) => `"${o}"`).join(", ");
}

/** The peer stopped its VM and said why (its own error has the details). */
export class PeerAbortError extends DuetError {
  override name = "PeerAbortError";
  constructor(
    readonly party: number,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`party ${party}: the peer (party ${1 - party}) stopped: ${reason}`, options);
  }
}

/** An operation on a VM that failed earlier; `cause` is the first failure. */
export class VMFailedError extends DuetError {
  override name = "VMFailedError";
  constructor(party: number, cause: unknown) {
    super(`party ${party}: this VM failed earlier and cannot continue (${describe(cause)}); create a new VM and channel`, { cause });
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
