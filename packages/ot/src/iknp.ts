/**
 * IKNP OT extension (Ishai, Kilian, Nissim and Petrank, CRYPTO 2003) with the optimisations of
 * Asharov, Lindell, Schneider and Zohner, "More Efficient Oblivious Transfer and Extensions for
 * Faster Secure Computation" (CCS 2013): 128 base OTs on seeds, PRG-expanded columns so the receiver
 * sends one 128-bit column slice per OT (u_i = G(k_i^0) ⊕ G(k_i^1) ⊕ r), and the output left as a
 * correlated OT with one global Δ. Semi-honest security.
 *
 * Roles: the extension sender holds Δ ∈ {0,1}^128 and was receiver of the base OTs with choices Δ;
 * the extension receiver was their sender. After a batch of n OTs with choice bits r:
 *   sender   q_j = t_j ⊕ r_j·Δ      (so K0_j = q_j, K1_j = q_j ⊕ Δ)
 *   receiver t_j = K_{r_j, j}
 * Keys are 16-byte blocks, n × 16 bytes back to back. Each of the 128 (sender) / 256 (receiver) PRG
 * streams continues across batches, so no column of the extension matrix is ever used twice; both
 * parties must extend the same n in the same order (the SPMD rule).
 *
 * This file checks the arguments and owns the buffers; the PRG expansion, the row XORs and the
 * transpose run in one call of the offline kernels (@petace/offline-kernels, native or portable:
 * the two give the same bytes). The session (session.ts) moves the messages.
 */
import { type IknpReceiverKernel, type IknpSenderKernel, offlineKernels } from "@petace/offline-kernels";
import { type BaseOtReceiverKeys, type BaseOtSenderKeys, BASE_OT_KEY_BYTES } from "./base-ot.js";

/** Computational security parameter: columns of the extension matrix, bits of Δ. */
export const KAPPA = 128;

function checkBatch(fn: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0 || n % KAPPA !== 0)
    throw new RangeError(`${fn}: n must be a non-negative multiple of 128, got ${n}`);
}

/** Bytes of the receiver's message u for n OTs: 128 rows of n/8 bytes (no 32-bit shifts: n may exceed 2^25). */
export function uBytes(n: number): number {
  return (KAPPA / 8) * n;
}

/** The extension receiver of one IKNP instance. */
export class IknpReceiver {
  readonly #k: IknpReceiverKernel;

  /** `base`: this party's keys as sender of the 128 base OTs. */
  constructor(base: BaseOtSenderKeys) {
    if (base.n !== KAPPA) throw new RangeError(`IknpReceiver: needs ${KAPPA} base OTs, got ${base.n}`);
    const bytes = KAPPA * BASE_OT_KEY_BYTES;
    this.#k = offlineKernels().iknpReceiver(base.k0.subarray(0, bytes), base.k1.subarray(0, bytes));
  }

  /**
   * Extends n OTs (a multiple of 128) with bit-packed choices `r`: returns the message u for the
   * sender (128 × n/8 bytes) and t (n × 16 bytes, t_j = K_{r_j, j}; written into `out` if given).
   */
  extend(r: Uint8Array, n: number, out?: Uint8Array): { u: Uint8Array; t: Uint8Array } {
    checkBatch("IknpReceiver.extend", n);
    if (r.length < n / 8) throw new RangeError(`IknpReceiver.extend: r has ${r.length} bytes, ${n} OTs need ${n / 8}`);
    if (out && out.length < n * 16) throw new RangeError(`IknpReceiver.extend: out has ${out.length} bytes, ${n} OTs need ${n * 16}`);
    const u = new Uint8Array(uBytes(n));
    const t = out ? out.subarray(0, n * 16) : new Uint8Array(n * 16);
    if (n > 0) this.#k.extend(r.subarray(0, n / 8), n, u, t);
    return { u, t };
  }
}

/** The extension sender of one IKNP instance: holds Δ. */
export class IknpSender {
  /** Δ, 16 bytes, bit i = this party's choice in base OT i. Secret. */
  readonly delta: Uint8Array;
  readonly #k: IknpSenderKernel;

  /** `base`: this party's keys as receiver of the 128 base OTs, with choices Δ. */
  constructor(base: BaseOtReceiverKeys) {
    if (base.n !== KAPPA) throw new RangeError(`IknpSender: needs ${KAPPA} base OTs, got ${base.n}`);
    this.delta = base.choices.slice(0, KAPPA / 8);
    this.#k = offlineKernels().iknpSender(base.k.subarray(0, KAPPA * BASE_OT_KEY_BYTES), this.delta);
  }

  /** From the receiver's u for n OTs (n a multiple of 128; u of 128 × n/8 bytes): q (n × 16 bytes, into `out` if given). */
  expand(u: Uint8Array, n: number, out?: Uint8Array): Uint8Array {
    checkBatch("IknpSender.expand", n);
    if (u.length !== uBytes(n)) throw new RangeError(`IknpSender.expand: u has ${u.length} bytes, ${n} OTs need ${uBytes(n)}`);
    if (out && out.length < n * 16) throw new RangeError(`IknpSender.expand: out has ${out.length} bytes, ${n} OTs need ${n * 16}`);
    const q = out ? out.subarray(0, n * 16) : new Uint8Array(n * 16);
    if (n > 0) this.#k.expand(u, n, q);
    return q;
  }
}
