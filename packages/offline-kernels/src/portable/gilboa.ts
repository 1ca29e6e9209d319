/**
 * Gilboa product sharing fused with the hash (assembly/gilboa.ts states the protocol): tile by
 * tile of TILE products (one chunk of 64·TILE COTs), the COT keys are hashed in wasm memory as in
 * hash.ts, then the products' inputs, accumulators and (receiver) corrections are copied in, the
 * kernel runs, and the corrections (sender) and accumulators are copied back out.
 */
import { gilboaCorrectionBytes } from "../kernels.js";
import { encryptInto } from "./aes.js";
import { checkBlocks, checkBytes, checkCount, checkExact, checkWords } from "./checks.js";
import { TILE, type Wasm } from "./instance.js";

/** Copies n u64s from a (at element `from`) into wasm memory at byte address `to`. */
function wordsIn(w: Wasm, a: BigUint64Array, from: number, n: number, to: number): void {
  w.u64.set(a.subarray(from, from + n), to >>> 3);
}

function checkArgs(fn: string, keys: Uint8Array, v: BigUint64Array, vName: string, n: number, corr: Uint8Array, acc: BigUint64Array): void {
  checkCount(fn, n, 1, "products");
  checkBlocks(fn, fn === "gilboaSend" ? "q" : "t", keys, 64 * n);
  checkWords(fn, vName, v, n);
  checkBytes(fn, "corr", corr, gilboaCorrectionBytes(n), `gilboaCorrectionBytes(${n})`);
  checkWords(fn, "acc", acc, n);
}

export function gilboaKernels(w: Wasm) {
  const { k, at, u8, u64 } = w;
  return {
    gilboaSend(q: Uint8Array, delta: Uint8Array, x: BigUint64Array, n: number, corr: Uint8Array, acc: BigUint64Array): void {
      checkArgs("gilboaSend", q, x, "x", n, corr, acc);
      checkExact("gilboaSend", "delta", delta, 16);
      u8.set(delta, at.delta);
      const halves = 256 * n;
      for (let f = 0; f < n; f += TILE) {
        const m = Math.min(TILE, n - f);
        const blocks = 64 * m;
        u8.set(q.subarray(1024 * f, 1024 * (f + m)), at.s0);
        k.sigmaPair(at.s0, blocks, at.delta, at.s1);
        encryptInto(w, at.s0, blocks, at.e0);
        encryptInto(w, at.s1, blocks, at.e1);
        wordsIn(w, x, f, m, at.x);
        wordsIn(w, acc, f, m, at.acc);
        k.gilboaSend(at.e0, at.s0, at.e1, at.s1, at.x, m, at.words, at.halves, at.acc);
        corr.set(u8.subarray(at.words, at.words + 256 * m), 256 * f);
        corr.set(u8.subarray(at.halves, at.halves + 4 * m), halves + 4 * f);
        acc.set(u64.subarray(at.acc >>> 3, (at.acc >>> 3) + m), f);
      }
      // An odd n leaves half a word of padding: zero, so no stale bytes go on the wire.
      if (n & 1) corr.fill(0, halves + 4 * n, halves + 4 * n + 4);
    },
    gilboaReceive(t: Uint8Array, y: BigUint64Array, n: number, corr: Uint8Array, acc: BigUint64Array): void {
      checkArgs("gilboaReceive", t, y, "y", n, corr, acc);
      const halves = 256 * n;
      for (let f = 0; f < n; f += TILE) {
        const m = Math.min(TILE, n - f);
        const blocks = 64 * m;
        u8.set(t.subarray(1024 * f, 1024 * (f + m)), at.s0);
        k.sigma(at.s0, blocks);
        encryptInto(w, at.s0, blocks, at.e0);
        wordsIn(w, y, f, m, at.x);
        wordsIn(w, acc, f, m, at.acc);
        u8.set(corr.subarray(256 * f, 256 * (f + m)), at.words);
        u8.set(corr.subarray(halves + 4 * f, halves + 4 * (f + m)), at.halves);
        k.gilboaReceive(at.e0, at.s0, at.x, m, at.words, at.halves, at.acc);
        acc.set(u64.subarray(at.acc >>> 3, (at.acc >>> 3) + m), f);
      }
    },
  };
}
