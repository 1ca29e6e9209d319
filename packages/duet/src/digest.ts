/**
 * A running hash of the program's shape: every operator made, with its parameters' public shape
 * (sizes, bit counts, parties, lengths), operand positions and labels. Two parties running the same
 * program have the same digest at the same point; the VM puts it in every message tag, so a
 * divergence in local operators (which send nothing) is caught at the next message. FNV-1a, 32 bits:
 * a check, not a security measure.
 *
 * The digest is sent in the clear, so it must not depend on any value: public operand values (a
 * constant, a plaintext operand, a gather's positions) never enter it, since a party-local value
 * passed as "public" by mistake could be brute-forced from a 32-bit hash. They are compared by
 * `PublicOperands` (operand-check.ts) instead, which reveals one bit.
 */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const RECENT = 4;

export class ProgramDigest {
  #h = FNV_OFFSET;
  readonly #recent: string[] = [];

  /** `label` joins the recent operators named in tags and errors; the VM's own checks pass none. */
  add(record: string, label?: string): void {
    let h = this.#h;
    for (let i = 0; i < record.length; i++) {
      h ^= record.charCodeAt(i);
      h = Math.imul(h, FNV_PRIME);
    }
    this.#h = h >>> 0;
    if (label === undefined) return;
    this.#recent.push(label);
    if (this.#recent.length > RECENT) this.#recent.shift();
  }

  get hex(): string {
    return this.#h.toString(16).padStart(8, "0");
  }

  get recent(): string[] {
    return this.#recent.slice();
  }
}

/**
 * The shape of an operator's parameters, for the digest. Typed arrays and bigints are public
 * operand values: only their type and size appear here, and their bytes go to `operand` (named by
 * the parameter) for the one-bit comparison. Numbers, booleans, strings and plain arrays are the
 * program's shape (bit counts, matrix sizes, lengths, parties) and appear as they are.
 */
export function shapeOf(params: unknown, operand: (name: string, bytes: Uint8Array) => void): string {
  if (params === undefined || params === null) return "";
  if (typeof params !== "object" || ArrayBuffer.isView(params)) return valueShape("", params, operand);
  let out = "";
  for (const [k, v] of Object.entries(params as Record<string, unknown>)) out += `${k}=${valueShape(k, v, operand)};`;
  return out;
}

function valueShape(name: string, v: unknown, operand: (name: string, bytes: Uint8Array) => void): string {
  if (ArrayBuffer.isView(v)) {
    operand(name, new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    return `${v.constructor.name}[${v.byteLength}]`;
  }
  if (typeof v === "bigint") {
    operand(name, new TextEncoder().encode(v.toString(16)));
    return "bigint";
  }
  if (Array.isArray(v)) return v.join(",");
  return String(v);
}
