/**
 * The one WebAssembly instance of the portable kernels (assembly/, built into wasm-module.ts) and
 * the layout of its linear memory. Memory is sized once, at instantiation, for the largest slice
 * and chunk, so the views made here stay valid: no kernel call allocates or grows anything.
 * Calls are synchronous and never interleave, so every kernel shares the same scratch.
 */
import { WASM_BASE64 } from "./wasm-module.js";

/** The module's exports: addresses and counts are byte offsets and element counts in linear memory. */
export interface KernelExports {
  heapBase(): number;
  transpose128(src: number, rb: number, dst: number): void;
  deltaMasks(delta: number, masks: number): void;
  iknpReceiverSlice(a: number, b: number, r: number, rb: number, dst: number): void;
  iknpSenderSlice(a: number, u: number, masks: number, rb: number, dst: number): void;
  sigma(x: number, n: number): void;
  sigmaPair(x: number, n: number, delta: number, s: number): void;
  xorBlocks(e: number, s: number, n: number): void;
  low64(e: number, s: number, n: number, out: number): void;
  lsb(e: number, s: number, n: number, out: number): void;
  gilboaSend(e0: number, s0: number, e1: number, s1: number, x: number, n: number, words: number, halves: number, acc: number): void;
  gilboaReceive(e: number, s: number, y: number, n: number, words: number, halves: number, acc: number): void;
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
}

/** The part of the WebAssembly API used here (the package builds without DOM types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object, imports?: object) => { exports: unknown };
}

/**
 * OTs per IKNP slice: each of the 128 or 256 PRG streams fills 8 KiB per AES call (fewer, longer
 * calls amortise node:crypto's fixed cost per call), the slice's three 1 MiB matrices stay in cache
 * between the PRG and the transpose, and a batch of Gilboa's (65536 COTs) is one slice.
 */
export const SLICE = 1 << 16;
/** Blocks per hash pass: 64 KiB, one AES call (primitives' AES_CHUNK). */
export const CHUNK = 4096;
/** Gilboa products per pass: 64 COTs each, so one pass is one chunk of blocks. */
export const TILE = CHUNK / 64;

/** Byte offsets of the scratch regions (64-byte aligned). */
export interface Layout {
  /** IKNP: the slice's rows G(k0) (receiver) or G(k) (sender), 128 × SLICE/8 bytes. */
  a: number;
  /** IKNP: the rows G(k1) then u (receiver), or u's rows (sender). */
  b: number;
  /** IKNP: the transposed slice, SLICE blocks. */
  t: number;
  /** IKNP: the slice's choice bits. */
  r: number;
  /** IKNP: the 128 row masks of Δ, 16 bytes each. */
  masks: number;
  /** Δ, 16 bytes. */
  delta: number;
  /** Hashing: σ of a chunk, then (pairs) σ ⊕ σ(Δ); and their AES outputs. */
  s0: number;
  s1: number;
  e0: number;
  e1: number;
  /** Hashing: low 64 bits or packed LSBs of a chunk. */
  out: number;
  /** Gilboa: a tile's x or y, its accumulators, corrections (words, then c_32 halves). */
  x: number;
  acc: number;
  words: number;
  halves: number;
  /** Bytes the layout needs. */
  end: number;
}

function layout(base: number): Layout {
  let at = (base + 63) & ~63;
  const take = (bytes: number): number => {
    const p = at;
    at += (bytes + 63) & ~63;
    return p;
  };
  const l = {
    a: take(16 * SLICE),
    b: take(16 * SLICE),
    t: take(16 * SLICE),
    r: take(SLICE / 8),
    masks: take(128 * 16),
    delta: take(16),
    s0: take(16 * CHUNK),
    s1: take(16 * CHUNK),
    e0: take(16 * CHUNK),
    e1: take(16 * CHUNK),
    out: take(8 * CHUNK),
    x: take(8 * TILE),
    acc: take(8 * TILE),
    words: take(256 * TILE),
    halves: take(4 * TILE),
  };
  return { ...l, end: at };
}

/** The instance with its layout and views of its memory. */
export interface Wasm {
  k: KernelExports;
  at: Layout;
  u8: Uint8Array;
  u64: BigUint64Array;
}

let wasm: Wasm | undefined;
let compiled: { wa: WasmApi; module: object } | undefined;

function decode(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** A fresh instance of the module (compiled once), with its own memory of 0 pages to grow. */
export function newInstance(): { exports: unknown } {
  if (!compiled) {
    const wa = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (!wa) throw new Error("portable offline kernels: this runtime has no WebAssembly");
    try {
      compiled = { wa, module: new wa.Module(decode(WASM_BASE64)) };
    } catch (e) {
      throw new Error(
        `portable offline kernels: the WebAssembly module did not compile (it needs wasm SIMD: Node ≥ 16.4 or a current browser): ${String(e)}`,
      );
    }
  }
  return new compiled.wa.Instance(compiled.module, {});
}

/** The instance of the portable kernels, made at the first call. */
export function instance(): Wasm {
  if (wasm) return wasm;
  const k = newInstance().exports as KernelExports;
  const at = layout(k.heapBase());
  const have = k.memory.buffer.byteLength;
  if (at.end > have) k.memory.grow(Math.ceil((at.end - have) / 65536));
  const buffer = k.memory.buffer;
  wasm = { k, at, u8: new Uint8Array(buffer), u64: new BigUint64Array(buffer) };
  return wasm;
}
