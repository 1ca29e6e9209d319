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
 * This file is the local computation only; the session (session.ts) moves the messages.
 */
import { type BaseOtReceiverKeys, type BaseOtSenderKeys, BASE_OT_KEY_BYTES } from "./base-ot.js";
import { matrix128, Prg, transposeMatrix128 } from "@petace/primitives";

/** Computational security parameter: columns of the extension matrix, bits of Δ. */
export const KAPPA = 128;
/** Batches are processed in slices of this many OTs (16 KiB per PRG call, 2 MiB per matrix). */
const SLICE = 1 << 17;

function checkBatch(fn: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0 || n % KAPPA !== 0)
    throw new RangeError(`${fn}: n must be a non-negative multiple of 128, got ${n}`);
}

function seedOf(keys: Uint8Array, i: number): Uint8Array {
  return keys.subarray(i * BASE_OT_KEY_BYTES, (i + 1) * BASE_OT_KEY_BYTES);
}

/** The extension receiver of one IKNP instance. */
export class IknpReceiver {
  readonly #g0: Prg[] = [];
  readonly #g1: Prg[] = [];

  /** `base`: this party's keys as sender of the 128 base OTs. */
  constructor(base: BaseOtSenderKeys) {
    if (base.n !== KAPPA) throw new RangeError(`IknpReceiver: needs ${KAPPA} base OTs, got ${base.n}`);
    for (let i = 0; i < KAPPA; i++) {
      this.#g0.push(new Prg(seedOf(base.k0, i)));
      this.#g1.push(new Prg(seedOf(base.k1, i)));
    }
  }

  /**
   * Extends n OTs (a multiple of 128) with bit-packed choices `r`: returns the message u for the
   * sender (128 × n/8 bytes) and t (n × 16 bytes, t_j = K_{r_j, j}; written into `out` if given).
   */
  extend(r: Uint8Array, n: number, out?: Uint8Array): { u: Uint8Array; t: Uint8Array } {
    checkBatch("IknpReceiver.extend", n);
    if (r.length < n >>> 3) throw new RangeError(`IknpReceiver.extend: r has ${r.length} bytes, ${n} OTs need ${n >>> 3}`);
    if ((r.byteOffset & 7) !== 0) r = r.slice(0, n >>> 3);
    const u = new Uint8Array((KAPPA / 8) * n); // not (KAPPA * n) >>> 3: it wraps at n = 2^25
    if (out && out.length < n * 16) throw new RangeError(`IknpReceiver.extend: out has ${out.length} bytes, ${n} OTs need ${n * 16}`);
    const t = out ? out.subarray(0, n * 16) : new Uint8Array(n * 16);
    for (let off = 0; off < n; off += SLICE) {
      const m = Math.min(SLICE, n - off);
      const rowBytes = m >>> 3;
      const mat = matrix128(m);
      const rw = new BigUint64Array(r.buffer, r.byteOffset + (off >>> 3), rowBytes >>> 3);
      for (let i = 0; i < KAPPA; i++) {
        const row = mat.subarray(i * rowBytes, (i + 1) * rowBytes);
        this.#g0[i]!.fill(row);
        // u_i = t_i ⊕ G(k_i^1) ⊕ r: G(k_i^1) straight into row i of u's slice, then XOR in place.
        const ub = i * (n >>> 3) + (off >>> 3);
        this.#g1[i]!.fill(u.subarray(ub, ub + rowBytes));
        const tw = new BigUint64Array(mat.buffer, mat.byteOffset + i * rowBytes, rowBytes >>> 3);
        const uw = new BigUint64Array(u.buffer, ub, rowBytes >>> 3);
        xor2(uw, tw, rw);
      }
      transposeMatrix128(m, t.subarray(off * 16, (off + m) * 16));
    }
    return { u, t };
  }
}

/** The extension sender of one IKNP instance: holds Δ. */
export class IknpSender {
  /** Δ, 16 bytes, bit i = this party's choice in base OT i. Secret. */
  readonly delta: Uint8Array;
  readonly #g: Prg[] = [];

  /** `base`: this party's keys as receiver of the 128 base OTs, with choices Δ. */
  constructor(base: BaseOtReceiverKeys) {
    if (base.n !== KAPPA) throw new RangeError(`IknpSender: needs ${KAPPA} base OTs, got ${base.n}`);
    this.delta = base.choices.slice(0, KAPPA / 8);
    for (let i = 0; i < KAPPA; i++) this.#g.push(new Prg(seedOf(base.k, i)));
  }

  /** From the receiver's u for n OTs (n a multiple of 128; u of 128 × n/8 bytes): q (n × 16 bytes, into `out` if given). */
  expand(u: Uint8Array, n: number, out?: Uint8Array): Uint8Array {
    checkBatch("IknpSender.expand", n);
    if (u.length !== (KAPPA / 8) * n) throw new RangeError(`IknpSender.expand: u has ${u.length} bytes, ${n} OTs need ${(KAPPA / 8) * n}`);
    if ((u.byteOffset & 7) !== 0) u = u.slice();
    if (out && out.length < n * 16) throw new RangeError(`IknpSender.expand: out has ${out.length} bytes, ${n} OTs need ${n * 16}`);
    const q = out ? out.subarray(0, n * 16) : new Uint8Array(n * 16);
    const d = this.delta;
    for (let off = 0; off < n; off += SLICE) {
      const m = Math.min(SLICE, n - off);
      const rowBytes = m >>> 3;
      const mat = matrix128(m);
      for (let i = 0; i < KAPPA; i++) {
        this.#g[i]!.fill(mat.subarray(i * rowBytes, (i + 1) * rowBytes));
        // q_i = G(k_i^{Δ_i}) ⊕ Δ_i·u_i, without a branch on Δ_i.
        const mask = MASK[(d[i >>> 3]! >>> (i & 7)) & 1]!;
        const qw = new BigUint64Array(mat.buffer, mat.byteOffset + i * rowBytes, rowBytes >>> 3);
        const uw = new BigUint64Array(u.buffer, u.byteOffset + i * (n >>> 3) + (off >>> 3), rowBytes >>> 3);
        xorMasked(qw, uw, mask);
      }
      transposeMatrix128(m, q.subarray(off * 16, (off + m) * 16));
    }
    return q;
  }
}

// The row XORs run on 64-bit words: V8 lowers BigUint64Array XOR to int64 ops, half the iterations
// of 32-bit words (all offsets are multiples of 16 bytes).
function xor2(acc: BigUint64Array, a: BigUint64Array, b: BigUint64Array): void {
  for (let k = 0; k < acc.length; k++) acc[k] = acc[k]! ^ a[k]! ^ b[k]!;
}

/** A 64-bit mask from a bit (an index, not a branch). */
const MASK = /* @__PURE__ */ new BigUint64Array([0n, 0xffffffffffffffffn]);

function xorMasked(acc: BigUint64Array, x: BigUint64Array, mask: bigint): void {
  for (let k = 0; k < acc.length; k++) acc[k] = acc[k]! ^ (x[k]! & mask);
}
