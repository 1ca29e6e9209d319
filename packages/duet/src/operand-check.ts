/**
 * The comparison of the two parties' public operands (constants, plaintext operands, index arrays)
 * without disclosing them. Each party folds its operands, in program order, into a SHA-256 chain
 * that never leaves it; when a value is about to leave the VM (reveal, revealTo, share, sync) and
 * operands were given since the last check, the VM compares the two chains with the secure equality
 * kernel and opens one bit: "the public operands agreed". Party 0's chain is its share of the
 * difference and party 1's negated chain the other share, so no message carries a hash either.
 *
 * 128 bits of the chain are compared (two ring elements, ANDed before the opening): differing
 * operands go unnoticed with probability 2^-128 per check.
 */
import { sha256 } from "@petace/primitives";

const encoder = /* @__PURE__ */ new TextEncoder();

export class PublicOperands {
  #chain: Uint8Array = new Uint8Array(32);
  #unchecked = false;

  /** Folds one operand in: `where` names its position in the program (node id and parameter). */
  add(where: string, bytes: Uint8Array): void {
    const head = encoder.encode(`${where}\0${bytes.length}\0`);
    const msg = new Uint8Array(64 + head.length);
    msg.set(this.#chain);
    msg.set(sha256(bytes), 32);
    msg.set(head, 64);
    this.#chain = sha256(msg);
    this.#unchecked = true;
  }

  /**
   * True when operands were added since the last `takeShare`. It depends only on the program's
   * shape (which operators take typed-array or bigint parameters), so both parties agree on it.
   */
  get unchecked(): boolean {
    return this.#unchecked;
  }

  /** This party's arithmetic share of (chain of party 0 − chain of party 1), 128 bits as two ring elements. */
  takeShare(party: 0 | 1): BigUint64Array {
    this.#unchecked = false;
    const view = new DataView(this.#chain.buffer, this.#chain.byteOffset, 16);
    const h = BigUint64Array.of(view.getBigUint64(0, true), view.getBigUint64(8, true));
    if (party === 1) for (let i = 0; i < h.length; i++) h[i] = BigInt.asUintN(64, -h[i]!);
    return h;
  }
}
