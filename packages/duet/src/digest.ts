/**
 * A running hash of the program: every operator made, with its parameters' public summary, lengths
 * and operands. Two parties running the same program have the same digest at the same point; the VM
 * puts it in every message tag, so a divergence in local operators (which send nothing) is caught at
 * the next message. FNV-1a, 32 bits: a check, not a security measure.
 */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const RECENT = 4;

export class ProgramDigest {
  #h = FNV_OFFSET;
  readonly #recent: string[] = [];

  add(record: string, label: string): void {
    let h = this.#h;
    for (let i = 0; i < record.length; i++) {
      h ^= record.charCodeAt(i);
      h = Math.imul(h, FNV_PRIME);
    }
    this.#h = h >>> 0;
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
