/**
 * The 128 × n bit transpose of OT extension (IKNP's 128 columns → n 16-byte blocks) in
 * WebAssembly SIMD, with the JS word kernel of bits.ts as fallback. @internal
 *
 * Method (the movemask transpose): load 16 rows × 16 bytes, transpose those bytes with four rounds
 * of byte interleaves, so vector c holds byte c of each of the 16 rows; then `i8x16.bitmask`
 * gathers bit 7 of the 16 bytes (16 output bits of one column) and `i8x16.shl 1` brings up the
 * next bit, 8 times per vector. The module is small and generated below; its text form:
 *
 *   (module
 *     (memory (export "m") 1)
 *     (func (export "t") (param $src i32) (param $rb i32) (param $dst i32)
 *       (local $p i32) (local $q i32) (local $o i32) (local $g i32) (local $end i32)
 *       (local $a0 v128) ... (local $a15 v128) (local $b0 v128) ... (local $b15 v128)
 *       (loop $G                                   ;; g = 0..7: rows 16g..16g+15
 *         (local.set $p (i32.add (local.get $src) (i32.shl (i32.mul (local.get $g) (local.get $rb)) (i32.const 4))))
 *         (local.set $end (i32.add (local.get $p) (local.get $rb)))
 *         (local.set $o (i32.add (local.get $dst) (i32.shl (local.get $g) (i32.const 1))))
 *         (loop $C                                 ;; 16 bytes (128 columns) of the 16 rows per pass
 *           (local.set $q (local.get $p))
 *           ;; a_i = v128.load q; q += rb                                  (i = 0..15)
 *           ;; 4×: y_2k = shuffle(x_k, x_k+8, 0 16 1 17 .. 7 23),
 *           ;;     y_2k+1 = shuffle(x_k, x_k+8, 8 24 .. 15 31)            (a→b→a→b→a)
 *           ;; for c, b = 7..0: i32.store16 offset=128c+16b o (i8x16.bitmask a_c); a_c = i8x16.shl a_c 1
 *           (local.set $p (i32.add (local.get $p) (i32.const 16)))
 *           (local.set $o (i32.add (local.get $o) (i32.const 2048)))
 *           (br_if $C (i32.lt_u (local.get $p) (local.get $end))))
 *         (local.set $g (i32.add (local.get $g) (i32.const 1)))
 *         (br_if $G (i32.lt_u (local.get $g) (i32.const 8))))))
 *
 * Output block j = 128·cb + 8c + b holds rows 16g..16g+15 of column j in its bytes 2g, 2g+1: bit i
 * of the bitmask is row 16g + i, as the LSB-first layout wants. Constant time: no data-dependent
 * branch or address.
 */
import { leb, section, WASM_HEADER, wasmName } from "./wasm-emit.js";

// Opcodes used by the emitter.
const LOCAL_GET = 0x20,
  LOCAL_SET = 0x21,
  I32_CONST = 0x41,
  I32_ADD = 0x6a,
  I32_MUL = 0x6c,
  I32_SHL = 0x74;
const I32_LT_U = 0x49,
  I32_STORE16 = 0x3b,
  LOOP = 0x03,
  BR_IF = 0x0d,
  END = 0x0b,
  VOID = 0x40;
const SIMD = 0xfd,
  V128_LOAD = 0x00,
  I8X16_SHUFFLE = 0x0d,
  I8X16_BITMASK = 0x64,
  I8X16_SHL = 0x6b;
const I32 = 0x7f,
  V128 = 0x7b;
// Local indices: params, then i32 locals, then the two sets of 16 vectors.
const SRC = 0,
  RB = 1,
  DST = 2,
  P = 3,
  Q = 4,
  O = 5,
  G = 6,
  ENDL = 7,
  A = 8,
  B = 24;

const get = (i: number): number[] => [LOCAL_GET, ...leb(i)];
const set = (i: number): number[] => [LOCAL_SET, ...leb(i)];
const LO = [0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23];
const HI = LO.map((v) => v + 8);

/** One pass: 16 rows × 16 bytes at p → 128 output blocks' bytes at o. */
function passBody(): number[] {
  const c: number[] = [...get(P), ...set(Q)];
  for (let i = 0; i < 16; i++) {
    c.push(...get(Q), SIMD, ...leb(V128_LOAD), 0, 0, ...set(A + i));
    if (i < 15) c.push(...get(Q), ...get(RB), I32_ADD, ...set(Q));
  }
  // Each round rotates the 8-bit (vector, lane) address left by one; four rounds swap the nibbles.
  for (let round = 0; round < 4; round++) {
    const x = round % 2 === 0 ? A : B;
    const y = round % 2 === 0 ? B : A;
    for (let k = 0; k < 8; k++) {
      c.push(...get(x + k), ...get(x + k + 8), SIMD, ...leb(I8X16_SHUFFLE), ...LO, ...set(y + 2 * k));
      c.push(...get(x + k), ...get(x + k + 8), SIMD, ...leb(I8X16_SHUFFLE), ...HI, ...set(y + 2 * k + 1));
    }
  }
  for (let v = 0; v < 16; v++) {
    for (let b = 7; b >= 0; b--) {
      c.push(...get(O), ...get(A + v), SIMD, ...leb(I8X16_BITMASK), I32_STORE16, 1, ...leb(128 * v + 16 * b));
      if (b > 0) c.push(...get(A + v), I32_CONST, 1, SIMD, ...leb(I8X16_SHL), ...set(A + v));
    }
  }
  return c;
}

function funcBody(): number[] {
  const code: number[] = [
    LOOP,
    VOID,
    ...get(SRC),
    ...get(G),
    ...get(RB),
    I32_MUL,
    I32_CONST,
    4,
    I32_SHL,
    I32_ADD,
    ...set(P),
    ...get(P),
    ...get(RB),
    I32_ADD,
    ...set(ENDL),
    ...get(DST),
    ...get(G),
    I32_CONST,
    1,
    I32_SHL,
    I32_ADD,
    ...set(O),
    LOOP,
    VOID,
    ...passBody(),
    ...get(P),
    I32_CONST,
    16,
    I32_ADD,
    ...set(P),
    ...get(O),
    I32_CONST,
    ...leb(2048),
    I32_ADD,
    ...set(O),
    ...get(P),
    ...get(ENDL),
    I32_LT_U,
    BR_IF,
    0,
    END,
    ...get(G),
    I32_CONST,
    1,
    I32_ADD,
    ...set(G),
    ...get(G),
    I32_CONST,
    8,
    I32_LT_U,
    BR_IF,
    0,
    END,
    END,
  ];
  const locals = [2, 5, I32, 32, V128];
  return [...leb(locals.length + code.length), ...locals, ...code];
}

function moduleBytes(): Uint8Array {
  return Uint8Array.from([
    ...WASM_HEADER,
    ...section(1, [1, 0x60, 3, I32, I32, I32, 0]), // type: (i32 i32 i32) -> ()
    ...section(3, [1, 0]), // one function of type 0
    ...section(5, [1, 0x00, 1]), // one memory, min 1 page
    ...section(7, [2, ...wasmName("t"), 0x00, 0, ...wasmName("m"), 0x02, 0]), // exports
    ...section(10, [1, ...funcBody()]),
  ]);
}

interface Kernel {
  t: (src: number, rb: number, dst: number) => void;
  m: { buffer: ArrayBuffer; grow(pages: number): number };
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object) => { exports: unknown };
}

let kernel: Kernel | null | undefined;

/** The compiled kernel, or null where WebAssembly or its SIMD is missing. */
function load(): Kernel | null {
  if (kernel !== undefined) return kernel;
  try {
    const wa = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    kernel = wa ? (new wa.Instance(new wa.Module(moduleBytes())).exports as Kernel) : null;
  } catch {
    kernel = null;
  }
  return kernel;
}

/** Whether the SIMD kernel runs here (tests compare it with the JS path). */
export function wasmTransposeAvailable(): boolean {
  return load() !== null;
}

/**
 * The kernel's input area sized for a 128 × cols matrix (cols a multiple of 128): a view of wasm
 * memory, valid until the next call into this module; null when the kernel is unavailable.
 */
export function wasmInput128(cols: number): Uint8Array | null {
  const k = load();
  if (k === null) return null;
  const len = cols * 16;
  const need = 2 * len;
  if (k.m.buffer.byteLength < need) k.m.grow(Math.ceil((need - k.m.buffer.byteLength) / 65536));
  return new Uint8Array(k.m.buffer, 0, len);
}

/** Transposes the 128 × cols matrix in the input area (see wasmInput128) into out (cols × 16 bytes). */
export function transposeInput128(cols: number, out: Uint8Array): void {
  const k = load()!;
  const len = cols * 16;
  k.t(0, cols >>> 3, len);
  out.set(new Uint8Array(k.m.buffer, len, len));
}

/**
 * 128 × cols → cols × 128 (cols a multiple of 128, out cols × 16 bytes, not overlapping src) through
 * the wasm kernel; false (nothing written) when the kernel is unavailable.
 */
export function transpose128Wasm(src: Uint8Array, cols: number, out: Uint8Array): boolean {
  const input = wasmInput128(cols);
  if (input === null) return false;
  input.set(src);
  transposeInput128(cols, out);
  return true;
}
