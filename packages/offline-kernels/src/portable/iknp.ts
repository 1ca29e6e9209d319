/**
 * IKNP extension (Ishai, Kilian, Nissim, Petrank, CRYPTO 2003; ALSZ, CCS 2013) on the portable
 * kernels: per slice of SLICE OTs, every PRG stream (primitives' Prg, AES-CTR keyed by its base-OT
 * seed, continuing across calls) writes its row straight into wasm memory, the caller's u is
 * copied in (sender), one fused kernel XORs and transposes (assembly/iknp.ts), and u (receiver)
 * and the columns are copied out.
 */
import { Prg } from "@petace/primitives";
import type { IknpReceiverKernel, IknpSenderKernel } from "../kernels.js";
import { checkBytes, checkCount, checkExact } from "./checks.js";
import { SLICE, type Wasm } from "./instance.js";

/** Base OTs, columns of the extension matrix. */
const KAPPA = 128;

function streams(fn: string, name: string, keys: Uint8Array): Prg[] {
  checkExact(fn, name, keys, 16 * KAPPA);
  return Array.from({ length: KAPPA }, (_, i) => new Prg(keys.slice(16 * i, 16 * i + 16)));
}

/** Fills the 128 rows of rb bytes at wasm address `to` with the next rb bytes of each stream. */
function fillRows(w: Wasm, g: Prg[], rb: number, to: number): void {
  for (let i = 0; i < KAPPA; i++) g[i]!.fill(w.u8.subarray(to + i * rb, to + (i + 1) * rb));
}

function checkOts(fn: string, n: number): void {
  checkCount(fn, n, KAPPA, "OTs");
}

export class PortableIknpReceiver implements IknpReceiverKernel {
  readonly #w: Wasm;
  readonly #g0: Prg[];
  readonly #g1: Prg[];

  constructor(w: Wasm, k0: Uint8Array, k1: Uint8Array) {
    this.#w = w;
    this.#g0 = streams("iknpReceiver", "k0", k0);
    this.#g1 = streams("iknpReceiver", "k1", k1);
  }

  extend(r: Uint8Array, n: number, u: Uint8Array, t: Uint8Array): void {
    const fn = "iknpReceiver.extend";
    checkOts(fn, n);
    checkBytes(fn, "r", r, n >>> 3, `${n} choice bits`);
    checkBytes(fn, "u", u, 16 * n, `128 rows of ${n} bits`);
    checkBytes(fn, "t", t, 16 * n, `${n} blocks`);
    const { k, at, u8 } = this.#w;
    const row = n >>> 3;
    for (let off = 0; off < n; off += SLICE) {
      const m = Math.min(SLICE, n - off);
      const rb = m >>> 3;
      fillRows(this.#w, this.#g0, rb, at.a);
      fillRows(this.#w, this.#g1, rb, at.b);
      u8.set(r.subarray(off >>> 3, (off >>> 3) + rb), at.r);
      k.iknpReceiverSlice(at.a, at.b, at.r, rb, at.t);
      if (m === n) u.set(u8.subarray(at.b, at.b + 16 * m));
      else for (let i = 0; i < KAPPA; i++) u.set(u8.subarray(at.b + i * rb, at.b + (i + 1) * rb), i * row + (off >>> 3));
      t.set(u8.subarray(at.t, at.t + 16 * m), 16 * off);
    }
  }
}

export class PortableIknpSender implements IknpSenderKernel {
  readonly #w: Wasm;
  readonly #g: Prg[];
  readonly #delta: Uint8Array;

  constructor(w: Wasm, k: Uint8Array, delta: Uint8Array) {
    this.#w = w;
    this.#g = streams("iknpSender", "k", k);
    checkExact("iknpSender", "delta", delta, 16);
    this.#delta = delta.slice();
  }

  expand(u: Uint8Array, n: number, q: Uint8Array): void {
    const fn = "iknpSender.expand";
    checkOts(fn, n);
    checkBytes(fn, "u", u, 16 * n, `128 rows of ${n} bits`);
    checkBytes(fn, "q", q, 16 * n, `${n} blocks`);
    const { k, at, u8 } = this.#w;
    u8.set(this.#delta, at.delta);
    k.deltaMasks(at.delta, at.masks);
    const row = n >>> 3;
    for (let off = 0; off < n; off += SLICE) {
      const m = Math.min(SLICE, n - off);
      const rb = m >>> 3;
      fillRows(this.#w, this.#g, rb, at.a);
      if (m === n) u8.set(u.subarray(0, 16 * m), at.b);
      else for (let i = 0; i < KAPPA; i++) u8.set(u.subarray(i * row + (off >>> 3), i * row + (off >>> 3) + rb), at.b + i * rb);
      k.iknpSenderSlice(at.a, at.b, at.masks, rb, at.t);
      q.set(u8.subarray(at.t, at.t + 16 * m), 16 * off);
    }
  }
}
