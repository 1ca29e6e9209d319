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

/**
 * A short fingerprint of an operator's parameters for the digest, public values included (a gather's
 * positions, a public operand): two parties passing different ones would otherwise compute a
 * wrong answer without any message differing. Costs one pass over each typed array (32-bit words).
 */
export function fingerprint(params: unknown): string {
  if (params === undefined || params === null) return "";
  if (typeof params !== "object") return String(params);
  let out = "";
  for (const [k, v] of Object.entries(params as Record<string, unknown>)) {
    out += `${k}=`;
    if (ArrayBuffer.isView(v)) out += `${v.byteLength}:${hashBytes(v).toString(16)}`;
    else if (Array.isArray(v)) out += v.join(",");
    else out += String(v);
    out += ";";
  }
  return out;
}

function hashBytes(v: ArrayBufferView): number {
  let h = FNV_OFFSET;
  const words = v.byteLength >>> 2;
  if (v.byteOffset % 4 === 0) {
    const w = new Uint32Array(v.buffer, v.byteOffset, words);
    for (let i = 0; i < words; i++) h = Math.imul(h ^ w[i]!, FNV_PRIME);
  } else {
    const dv = new DataView(v.buffer, v.byteOffset, v.byteLength);
    for (let i = 0; i < words; i++) h = Math.imul(h ^ dv.getUint32(4 * i, true), FNV_PRIME);
  }
  const b = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  for (let i = words * 4; i < b.length; i++) h = Math.imul(h ^ b[i]!, FNV_PRIME);
  return h >>> 0;
}
