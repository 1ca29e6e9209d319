/**
 * The per-entry arithmetic of Gilboa with vector messages for matrix triples, as a small
 * WebAssembly module (native i64 arithmetic; JS would need BigInt or 32-bit halves). @internal
 *
 * For entry e = (l, col) of B and row r, the virtual product x·y has x = A_sender[r][l] and
 * y = B_receiver[l][col]; COT k (bit k of y) gives hashes h0_k, h1_k (sender) and h_{y_k}
 * (receiver), expanded by matrix-expand.ts. As in scalar Gilboa (gilboa.ts):
 *   sender sends  c_k = h0_k + x − h1_k mod 2^(64−k),  its share is −Σ_k 2^k·h0_k
 *   receiver's share is Σ_k 2^k·(h_k + y_k·c_k) = Σ_k 2^k·(h0_k + y_k·x)
 * Both parties' shares of both cross terms accumulate into one u64 per (col, r).
 *
 * Wire format per entry, 260·m bytes (Σ_k (64−k) = 2080 bits per virtual product, no padding):
 * 32 slots of m u64 then m u32. Slot 0 is c_0; slot j (1..31) holds c_j in its low 64−j bits and
 * c_{64−j} in its high j bits (the receiver needs 2^j·c_j, where the partner's bits shift out, and
 * 2^(64−j)·c_{64−j} = slot & ~(2^(64−j) − 1)); the u32s are c_32. Key j and key 64−j are handled in
 * one pass for that reason.
 *
 * The module is generated below (like primitives' transpose-wasm.ts). Functions (all i32 params,
 * addresses in bytes, end = 8·m, loops run at least once; hashes are read as 8 bytes at W·r for a
 * key of W-byte elements, see matrix-expand.ts):
 *   spread(...)                          the AES inputs of a tile (see spreadFn)
 *   xor(a, b, n)                         a[0..n) ^= b[0..n), 16 bytes per step (SIMD)
 *   sendFirst(h0, h1, x, c, acc, end)    key 0: c = h0 + x − h1; acc −= h0
 *   sendMid(h0, h1, x, c32, acc, end)    key 32 (4-byte elements): c32 = h0 + x − h1; acc −= h0 << 32
 *   sendPair(w0, w1, n0, n1, x, c, acc, end, k, Wk, W64k)
 *                                        keys k and 64−k into slot k; acc −= 2^k·h0_k + 2^(64−k)·h0_{64−k}
 *   recvFirst(h, c, acc, end, y)         acc += h + y·c
 *   recvMid(h, c32, acc, end, y)         acc += (h + y·c32) << 32
 *   recvPair(w, n, c, acc, end, k, yk, y64k, Wk, W64k)
 *                                        acc += 2^k(h_k + y_k c_k) + 2^(64−k)(h_{64−k} + y_{64−k} c_{64−k})
 *   sendPair2, recvPair2 (same params)   the pair kernels on i64x2, two elements per step (SIMD)
 *   sendEntry(h0, set, x, c, acc, end, offs), recvEntry(h, c, acc, end, offs, ylo, yhi)
 *                                        one entry: the calls above for all 64 keys (offs: key
 *                                        offsets), pairs of elements on SIMD and an odd m's last
 *                                        element on the scalar kernel
 * No data-dependent branches or addresses (y selects by masks).
 */
import { leb, section, sleb, WASM_HEADER, wasmName } from "@petace/primitives";

// Opcodes.
const LOCAL_GET = 0x20,
  LOCAL_SET = 0x21,
  I32_CONST = 0x41,
  I64_CONST = 0x42;
const I32_LOAD = 0x28,
  I64_LOAD = 0x29,
  I32_STORE = 0x36,
  I64_STORE = 0x37;
const I32_ADD = 0x6a,
  I32_SUB = 0x6b,
  I32_AND = 0x71,
  I32_LT_U = 0x49;
const I64_ADD = 0x7c,
  I64_SUB = 0x7d,
  I64_AND = 0x83,
  I64_OR = 0x84,
  I64_SHL = 0x86,
  I64_SHR_U = 0x88;
const I64_EXTEND_I32_U = 0xad;
const LOOP = 0x03,
  BR_IF = 0x0d,
  END = 0x0b,
  VOID = 0x40;
const I32_SHL = 0x74,
  I32_SHR_U = 0x76,
  I32_MUL = 0x6c,
  IF = 0x04,
  CALL = 0x10;
const SIMD = 0xfd,
  V128_LOAD = 0x00,
  V128_STORE = 0x0b,
  V128_CONST = 0x0c,
  V128_XOR = 0x51,
  I32X4_ADD = [0xae, 0x01];
const V128_LOAD64_ZERO = 0x5d,
  V128_LOAD64_LANE = 0x57,
  V128_AND = 0x4e,
  V128_OR = 0x50,
  I64X2_SPLAT = 0x12;
const I64X2_SHL = [0xcb, 0x01],
  I64X2_ADD = [0xce, 0x01],
  I64X2_SUB = [0xd1, 0x01];
const I32 = 0x7f,
  I64 = 0x7e,
  V128 = 0x7b;

type Code = number[];
const get = (i: number): Code => [LOCAL_GET, ...leb(i)];
const set = (i: number, v: Code): Code => [...v, LOCAL_SET, ...leb(i)];
const i32 = (v: number): Code => [I32_CONST, ...sleb(v)];
const i64 = (v: number): Code => [I64_CONST, ...sleb(v)];
/** base + index (two locals). */
const at = (base: number, index: number): Code => [...get(base), ...get(index), I32_ADD];
const load64 = (addr: Code): Code => [...addr, I64_LOAD, 0, 0];
const load32 = (addr: Code): Code => [...addr, I32_LOAD, 0, 0];
const store64 = (addr: Code, v: Code): Code => [...addr, ...v, I64_STORE, 0, 0];
const store32 = (addr: Code, v: Code): Code => [...addr, ...v, I32_STORE, 0, 0];
const u64 = (v: Code): Code => [...v, I64_EXTEND_I32_U];

/** do { body; i += step; (j += 4) } while (i < end) */
function loop(i: number, step: number, end: number, body: Code, j?: number): Code {
  return loopBy(i, step, end, body, j === undefined ? [] : [[j, i32(4)]]);
}

/** do { body; each local += its step; i += step } while (i < end) */
function loopBy(i: number, step: number, end: number, body: Code, bumps: [number, Code][]): Code {
  const more = bumps.flatMap(([l, by]) => set(l, [...get(l), ...by, I32_ADD]));
  return [LOOP, VOID, ...body, ...more, ...set(i, [...get(i), ...i32(step), I32_ADD]), ...get(i), ...get(end), I32_LT_U, BR_IF, 0, END];
}

interface Fn {
  name: string;
  params: number;
  i32s: number;
  i64s: number;
  v128s?: number;
  body: Code;
}

const v128Load = (addr: Code): Code => [...addr, SIMD, V128_LOAD, 0, 0];
const v128Store = (addr: Code, v: Code): Code => [...addr, ...v, SIMD, V128_STORE, 0, 0];
const v128Const = (words: number[]): Code => [
  SIMD,
  V128_CONST,
  ...words.flatMap((w) => [w & 255, (w >>> 8) & 255, (w >>> 16) & 255, (w >>> 24) & 255]),
];

/**
 * spread(src, keys, table, dst, set, d): the AES inputs σ(K_j) ⊕ (i, 0, i, 0) = σ(K_j ⊕ i) for
 * keys j < keys (σ(K_j) at src + 16j), i < table[j mod 64] (i32s), packed from dst; when set ≠ 0
 * also σ(K_j ⊕ i) ⊕ σ(Δ) (σ(Δ) at d) `set` bytes further on.
 */
function spreadFn(): Fn {
  const [src, keys, table, dst, setOff, d] = [0, 1, 2, 3, 4, 5];
  const [j, n, i, p] = [6, 7, 8, 9];
  const [sk, tw, dv, v] = [10, 11, 12, 13];
  return {
    name: "spread",
    params: 6,
    i32s: 4,
    i64s: 0,
    v128s: 4,
    body: [
      ...set(dv, v128Load(get(d))),
      ...set(p, get(dst)),
      LOOP,
      VOID,
      ...set(sk, v128Load([...get(src), ...get(j), ...i32(4), I32_SHL, I32_ADD])),
      ...set(n, load32([...get(table), ...get(j), ...i32(63), I32_AND, ...i32(2), I32_SHL, I32_ADD])),
      ...set(tw, v128Const([0, 0, 0, 0])),
      ...set(i, i32(0)),
      LOOP,
      VOID,
      ...set(v, [...get(sk), ...get(tw), SIMD, V128_XOR]),
      ...v128Store(get(p), get(v)),
      ...get(setOff),
      IF,
      VOID,
      ...v128Store(at(p, setOff), [...get(v), ...get(dv), SIMD, V128_XOR]),
      END,
      ...set(tw, [...get(tw), ...v128Const([1, 0, 1, 0]), SIMD, ...I32X4_ADD]),
      ...set(p, [...get(p), ...i32(16), I32_ADD]),
      ...set(i, [...get(i), ...i32(1), I32_ADD]),
      ...get(i),
      ...get(n),
      I32_LT_U,
      BR_IF,
      0,
      END,
      ...set(j, [...get(j), ...i32(1), I32_ADD]),
      ...get(j),
      ...get(keys),
      I32_LT_U,
      BR_IF,
      0,
      END,
    ],
  };
}

function xorFn(): Fn {
  const [a, b, n, i] = [0, 1, 2, 3];
  const v128 = (addr: Code, op: number): Code => [...addr, SIMD, op, 0, 0];
  return {
    name: "xor",
    params: 3,
    i32s: 1,
    i64s: 0,
    body: loop(i, 16, n, [...at(a, i), ...v128(at(a, i), V128_LOAD), ...v128(at(b, i), V128_LOAD), SIMD, V128_XOR, SIMD, V128_STORE, 0, 0]),
  };
}

function sendFirstFn(): Fn {
  const [h0, h1, x, c, acc, end, j, t] = [0, 1, 2, 3, 4, 5, 6, 7];
  return {
    name: "sendFirst",
    params: 6,
    i32s: 1,
    i64s: 1,
    body: loop(j, 8, end, [
      ...set(t, load64(at(h0, j))),
      ...store64(at(c, j), [...get(t), ...load64(at(x, j)), I64_ADD, ...load64(at(h1, j)), I64_SUB]),
      ...store64(at(acc, j), [...load64(at(acc, j)), ...get(t), I64_SUB]),
    ]),
  };
}

function sendMidFn(): Fn {
  const [h0, h1, x, c32, acc, end, i, j, a] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  return {
    name: "sendMid",
    params: 6,
    i32s: 3,
    i64s: 0,
    body: loop(
      j,
      8,
      end,
      [
        ...set(a, load32(at(h0, i))),
        ...store32(at(c32, i), [...get(a), ...load32(at(x, j)), I32_ADD, ...load32(at(h1, i)), I32_SUB]),
        ...store64(at(acc, j), [...load64(at(acc, j)), ...u64(get(a)), ...i64(32), I64_SHL, I64_SUB]),
      ],
      i,
    ),
  };
}

function sendPairFn(): Fn {
  const [w0, w1, n0, n1, x, c, acc, end, k, ww, wn] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const [i, j, ni] = [11, 12, 13];
  const [kk, sn, lo, h, a, xv] = [14, 15, 16, 17, 18, 19];
  return {
    name: "sendPair",
    params: 11,
    i32s: 3,
    i64s: 6,
    body: [
      ...set(kk, u64(get(k))),
      ...set(sn, [...i64(64), ...get(kk), I64_SUB]),
      ...set(lo, [...i64(-1), ...get(kk), I64_SHR_U]),
      // j: the 8-byte index of x, c and acc; i: the wide key's byte index; n: the narrow key's
      ...loopBy(
        j,
        8,
        end,
        [
          ...set(h, load64(at(w0, i))),
          ...set(a, load64(at(n0, ni))),
          ...set(xv, load64(at(x, j))),
          ...store64(at(c, j), [
            ...get(h),
            ...get(xv),
            I64_ADD,
            ...load64(at(w1, i)),
            I64_SUB,
            ...get(lo),
            I64_AND,
            ...get(a),
            ...get(xv),
            I64_ADD,
            ...load64(at(n1, ni)),
            I64_SUB,
            ...get(sn),
            I64_SHL,
            I64_OR,
          ]),
          ...store64(at(acc, j), [...load64(at(acc, j)), ...get(h), ...get(kk), I64_SHL, I64_SUB, ...get(a), ...get(sn), I64_SHL, I64_SUB]),
        ],
        [
          [i, get(ww)],
          [ni, get(wn)],
        ],
      ),
    ],
  };
}

function recvFirstFn(): Fn {
  const [h, c, acc, end, y, j, mask] = [0, 1, 2, 3, 4, 5, 6];
  return {
    name: "recvFirst",
    params: 5,
    i32s: 1,
    i64s: 1,
    body: [
      ...set(mask, [...i64(0), ...u64(get(y)), I64_SUB]),
      ...loop(j, 8, end, [
        ...store64(at(acc, j), [...load64(at(acc, j)), ...load64(at(h, j)), I64_ADD, ...load64(at(c, j)), ...get(mask), I64_AND, I64_ADD]),
      ]),
    ],
  };
}

function recvMidFn(): Fn {
  const [h, c32, acc, end, y, i, j, mask] = [0, 1, 2, 3, 4, 5, 6, 7];
  return {
    name: "recvMid",
    params: 5,
    i32s: 3,
    i64s: 0,
    body: [
      ...set(mask, [...i32(0), ...get(y), I32_SUB]),
      ...loop(
        j,
        8,
        end,
        [
          ...store64(at(acc, j), [
            ...load64(at(acc, j)),
            ...u64([...load32(at(h, i)), ...load32(at(c32, i)), ...get(mask), I32_AND, I32_ADD]),
            ...i64(32),
            I64_SHL,
            I64_ADD,
          ]),
        ],
        i,
      ),
    ],
  };
}

function recvPairFn(): Fn {
  const [w, n, c, acc, end, k, yk, yn, ww, wn] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const [i, j, ni] = [10, 11, 12];
  const [kk, sn, mw, mn, cv] = [13, 14, 15, 16, 17];
  return {
    name: "recvPair",
    params: 10,
    i32s: 3,
    i64s: 5,
    body: [
      ...set(kk, u64(get(k))),
      ...set(sn, [...i64(64), ...get(kk), I64_SUB]),
      ...set(mw, [...i64(0), ...u64(get(yk)), I64_SUB]),
      // y_{64−k}·2^(64−k)·c_{64−k} = slot & mn
      ...set(mn, [...i64(0), ...u64(get(yn)), I64_SUB, ...i64(-1), ...get(sn), I64_SHL, I64_AND]),
      ...loopBy(
        j,
        8,
        end,
        [
          ...set(cv, load64(at(c, j))),
          ...store64(at(acc, j), [
            ...load64(at(acc, j)),
            ...load64(at(w, i)),
            ...get(kk),
            I64_SHL,
            I64_ADD,
            ...load64(at(n, ni)),
            ...get(sn),
            I64_SHL,
            I64_ADD,
            ...get(cv),
            ...get(kk),
            I64_SHL,
            ...get(mw),
            I64_AND,
            I64_ADD,
            ...get(cv),
            ...get(mn),
            I64_AND,
            I64_ADD,
          ]),
        ],
        [
          [i, get(ww)],
          [ni, get(wn)],
        ],
      ),
    ],
  };
}

/** Elements r and r+1 (W bytes apart) of the stream at base + idx (locals) as an i64x2. */
const lanes = (base: number, idx: number, w: number): Code => [
  ...get(base),
  ...get(idx),
  I32_ADD,
  ...get(w),
  I32_ADD,
  ...get(base),
  ...get(idx),
  I32_ADD,
  SIMD,
  V128_LOAD64_ZERO,
  0,
  0,
  SIMD,
  V128_LOAD64_LANE,
  0,
  0,
  1,
];
const v128At = (base: number, idx: number): Code => [...get(base), ...get(idx), I32_ADD, SIMD, V128_LOAD, 0, 0];
const simd = (...op: number[]): Code => [SIMD, ...op];

/** sendPair on two elements per step (i64x2); end = 16·⌊m/2⌋ > 0. */
function sendPair2Fn(): Fn {
  const [w0, w1, n0, n1, x, c, acc, end, k, ww, wn] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const [i, j, ni, sn] = [11, 12, 13, 14];
  const [h, a, xv, lo] = [15, 16, 17, 18];
  return {
    name: "sendPair2",
    params: 11,
    i32s: 4,
    i64s: 0,
    v128s: 4,
    body: [
      ...set(sn, [...i32(64), ...get(k), I32_SUB]),
      ...set(lo, [...i64(-1), ...u64(get(k)), I64_SHR_U, ...simd(I64X2_SPLAT)]),
      ...loopBy(
        j,
        16,
        end,
        [
          ...set(h, lanes(w0, i, ww)),
          ...set(a, lanes(n0, ni, wn)),
          ...set(xv, v128At(x, j)),
          ...at(c, j),
          ...get(h),
          ...get(xv),
          ...simd(...I64X2_ADD),
          ...lanes(w1, i, ww),
          ...simd(...I64X2_SUB),
          ...get(lo),
          ...simd(V128_AND),
          ...get(a),
          ...get(xv),
          ...simd(...I64X2_ADD),
          ...lanes(n1, ni, wn),
          ...simd(...I64X2_SUB),
          ...get(sn),
          ...simd(...I64X2_SHL),
          ...simd(V128_OR),
          SIMD,
          V128_STORE,
          0,
          0,
          ...at(acc, j),
          ...v128At(acc, j),
          ...get(h),
          ...get(k),
          ...simd(...I64X2_SHL),
          ...simd(...I64X2_SUB),
          ...get(a),
          ...get(sn),
          ...simd(...I64X2_SHL),
          ...simd(...I64X2_SUB),
          SIMD,
          V128_STORE,
          0,
          0,
        ],
        [
          [i, [...get(ww), ...get(ww), I32_ADD]],
          [ni, [...get(wn), ...get(wn), I32_ADD]],
        ],
      ),
    ],
  };
}

/** recvPair on two elements per step (i64x2); end = 16·⌊m/2⌋ > 0. */
function recvPair2Fn(): Fn {
  const [w, n, c, acc, end, k, yk, yn, ww, wn] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const [i, j, ni, sn] = [10, 11, 12, 13];
  const [mw, mn, cv] = [14, 15, 16];
  return {
    name: "recvPair2",
    params: 10,
    i32s: 4,
    i64s: 0,
    v128s: 3,
    body: [
      ...set(sn, [...i32(64), ...get(k), I32_SUB]),
      ...set(mw, [...i64(0), ...u64(get(yk)), I64_SUB, ...simd(I64X2_SPLAT)]),
      ...set(mn, [...i64(0), ...u64(get(yn)), I64_SUB, ...i64(-1), ...u64(get(sn)), I64_SHL, I64_AND, ...simd(I64X2_SPLAT)]),
      ...loopBy(
        j,
        16,
        end,
        [
          ...set(cv, v128At(c, j)),
          ...at(acc, j),
          ...v128At(acc, j),
          ...lanes(w, i, ww),
          ...get(k),
          ...simd(...I64X2_SHL),
          ...simd(...I64X2_ADD),
          ...lanes(n, ni, wn),
          ...get(sn),
          ...simd(...I64X2_SHL),
          ...simd(...I64X2_ADD),
          ...get(cv),
          ...get(k),
          ...simd(...I64X2_SHL),
          ...get(mw),
          ...simd(V128_AND),
          ...simd(...I64X2_ADD),
          ...get(cv),
          ...get(mn),
          ...simd(V128_AND),
          ...simd(...I64X2_ADD),
          SIMD,
          V128_STORE,
          0,
          0,
        ],
        [
          [i, [...get(ww), ...get(ww), I32_ADD]],
          [ni, [...get(wn), ...get(wn), I32_ADD]],
        ],
      ),
    ],
  };
}

/** Function indices, in FNS order. */
const SEND_FIRST = 2,
  SEND_MID = 3,
  SEND_PAIR = 4,
  RECV_FIRST = 5,
  RECV_MID = 6,
  RECV_PAIR = 7,
  SEND_PAIR2 = 8,
  RECV_PAIR2 = 9;

/** 8 − (k >> 3): the bytes of key k's elements (k a local). */
const keyBytes = (k: Code): Code => [...i32(8), ...k, ...i32(3), I32_SHR_U, I32_SUB];
/** The i32 at offs + 4·k. */
const offsetOf = (offs: number, k: Code): Code => load32([...get(offs), ...k, ...i32(2), I32_SHL, I32_ADD]);

/**
 * sendEntry(h0, set, x, c, acc, end, offs): the sender's keys 0, 32 and the pairs (j, 64−j) of one
 * entry; offs holds the byte offsets of the 64 keys in a key set (i32s).
 */
function sendEntryFn(): Fn {
  const [h0, setOff, x, c, acc, end, offs] = [0, 1, 2, 3, 4, 5, 6];
  const [j, wk, nk, ww, wn, even, cj] = [7, 8, 9, 10, 11, 12, 13];
  const jn = [...i32(64), ...get(j), I32_SUB];
  // the last element of an odd m, for the scalar kernel: key base + W·(m−1), or x/c/acc base + 8·(m−1)
  const tail = (base: number, w: number | null): Code => [
    ...get(base),
    ...(w === null ? get(even) : [...get(w), ...get(even), ...i32(3), I32_SHR_U, I32_MUL]),
    I32_ADD,
  ];
  return {
    name: "sendEntry",
    params: 7,
    i32s: 7,
    i64s: 0,
    body: [
      ...get(h0),
      ...at(h0, setOff),
      ...get(x),
      ...get(c),
      ...get(acc),
      ...get(end),
      CALL,
      SEND_FIRST,
      ...set(wk, [...get(h0), ...offsetOf(offs, i32(32)), I32_ADD]),
      ...get(wk),
      ...at(wk, setOff),
      ...get(x),
      ...get(c),
      ...get(end),
      ...i32(32),
      I32_MUL,
      I32_ADD,
      ...get(acc),
      ...get(end),
      CALL,
      SEND_MID,
      ...set(j, i32(1)),
      LOOP,
      VOID,
      ...set(wk, [...get(h0), ...offsetOf(offs, get(j)), I32_ADD]),
      ...set(nk, [...get(h0), ...offsetOf(offs, jn), I32_ADD]),
      ...set(ww, keyBytes(get(j))),
      ...set(wn, keyBytes(jn)),
      ...set(even, [...get(end), ...i32(-16), I32_AND]), // 16·⌊m/2⌋
      ...set(cj, [...get(c), ...get(end), ...get(j), I32_MUL, I32_ADD]),
      ...get(even),
      IF,
      VOID,
      ...get(wk),
      ...at(wk, setOff),
      ...get(nk),
      ...at(nk, setOff),
      ...get(x),
      ...get(cj),
      ...get(acc),
      ...get(even),
      ...get(j),
      ...get(ww),
      ...get(wn),
      CALL,
      SEND_PAIR2,
      END,
      ...get(end),
      ...i32(8),
      I32_AND,
      IF,
      VOID,
      ...set(wk, tail(wk, ww)),
      ...set(nk, tail(nk, wn)),
      ...get(wk),
      ...at(wk, setOff),
      ...get(nk),
      ...at(nk, setOff),
      ...tail(x, null),
      ...tail(cj, null),
      ...tail(acc, null),
      ...i32(8),
      ...get(j),
      ...get(ww),
      ...get(wn),
      CALL,
      SEND_PAIR,
      END,
      ...set(j, [...get(j), ...i32(1), I32_ADD]),
      ...get(j),
      ...i32(32),
      I32_LT_U,
      BR_IF,
      0,
      END,
    ],
  };
}

/** recvEntry(h, c, acc, end, offs, ylo, yhi): the receiver's side of one entry with y = ylo + 2^32·yhi. */
function recvEntryFn(): Fn {
  const [h, c, acc, end, offs, ylo, yhi] = [0, 1, 2, 3, 4, 5, 6];
  const [j, wk, nk, ww, wn, even, cj, yk, yn] = [7, 8, 9, 10, 11, 12, 13, 14, 15];
  const jn = [...i32(64), ...get(j), I32_SUB];
  const bit = (y: number, shift: Code): Code => [...get(y), ...shift, I32_SHR_U, ...i32(1), I32_AND];
  const tail = (base: number, w: number | null): Code => [
    ...get(base),
    ...(w === null ? get(even) : [...get(w), ...get(even), ...i32(3), I32_SHR_U, I32_MUL]),
    I32_ADD,
  ];
  return {
    name: "recvEntry",
    params: 7,
    i32s: 9,
    i64s: 0,
    body: [
      ...get(h),
      ...get(c),
      ...get(acc),
      ...get(end),
      ...bit(ylo, i32(0)),
      CALL,
      RECV_FIRST,
      ...get(h),
      ...offsetOf(offs, i32(32)),
      I32_ADD,
      ...get(c),
      ...get(end),
      ...i32(32),
      I32_MUL,
      I32_ADD,
      ...get(acc),
      ...get(end),
      ...bit(yhi, i32(0)),
      CALL,
      RECV_MID,
      ...set(j, i32(1)),
      LOOP,
      VOID,
      ...set(wk, [...get(h), ...offsetOf(offs, get(j)), I32_ADD]),
      ...set(nk, [...get(h), ...offsetOf(offs, jn), I32_ADD]),
      ...set(ww, keyBytes(get(j))),
      ...set(wn, keyBytes(jn)),
      ...set(even, [...get(end), ...i32(-16), I32_AND]),
      ...set(cj, [...get(c), ...get(end), ...get(j), I32_MUL, I32_ADD]),
      ...set(yk, bit(ylo, get(j))),
      ...set(yn, bit(yhi, [...i32(32), ...get(j), I32_SUB])),
      ...get(even),
      IF,
      VOID,
      ...get(wk),
      ...get(nk),
      ...get(cj),
      ...get(acc),
      ...get(even),
      ...get(j),
      ...get(yk),
      ...get(yn),
      ...get(ww),
      ...get(wn),
      CALL,
      RECV_PAIR2,
      END,
      ...get(end),
      ...i32(8),
      I32_AND,
      IF,
      VOID,
      ...tail(wk, ww),
      ...tail(nk, wn),
      ...tail(cj, null),
      ...tail(acc, null),
      ...i32(8),
      ...get(j),
      ...get(yk),
      ...get(yn),
      ...get(ww),
      ...get(wn),
      CALL,
      RECV_PAIR,
      END,
      ...set(j, [...get(j), ...i32(1), I32_ADD]),
      ...get(j),
      ...i32(32),
      I32_LT_U,
      BR_IF,
      0,
      END,
    ],
  };
}

const FNS = [
  spreadFn,
  xorFn,
  sendFirstFn,
  sendMidFn,
  sendPairFn,
  recvFirstFn,
  recvMidFn,
  recvPairFn,
  sendPair2Fn,
  recvPair2Fn,
  sendEntryFn,
  recvEntryFn,
];

function moduleBytes(): Uint8Array {
  const fns = FNS.map((f) => f());
  const types = fns.flatMap((f) => [0x60, f.params, ...new Array<number>(f.params).fill(I32), 0]);
  const code = fns.flatMap((f) => {
    const body = [3, ...leb(f.i32s), I32, ...leb(f.i64s), I64, ...leb(f.v128s ?? 0), V128, ...f.body, END];
    return [...leb(body.length), ...body];
  });
  return Uint8Array.from([
    ...WASM_HEADER,
    ...section(1, [fns.length, ...types]),
    ...section(3, [fns.length, ...fns.map((_, t) => t)]),
    ...section(5, [1, 0x00, 1]), // one memory, min 1 page
    ...section(7, [fns.length + 1, ...fns.flatMap((f, t) => [...wasmName(f.name), 0x00, t]), ...wasmName("m"), 0x02, 0]),
    ...section(10, [fns.length, ...code]),
  ]);
}

type F = (...args: number[]) => void;
export interface MatrixWasm {
  spread: F;
  xor: F;
  sendFirst: F;
  sendMid: F;
  sendPair: F;
  recvFirst: F;
  recvMid: F;
  recvPair: F;
  sendPair2: F;
  recvPair2: F;
  sendEntry: F;
  recvEntry: F;
  m: { buffer: ArrayBuffer; grow(pages: number): number };
}

/** The part of the WebAssembly API used here (this package builds without DOM types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object) => { exports: unknown };
}

let compiled: object | undefined;

/** Pages of wasm32 memory (64 KiB each) an instance can have. */
const MAX_PAGES = 65536;

/** A fresh instance (own memory of at least `bytes`): one per matrix triple, so concurrent triples do not share scratch. */
export function matrixWasm(bytes: number): MatrixWasm {
  const wa = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!wa) throw new Error("matrixTripleFromOt: needs WebAssembly");
  if (Math.ceil(bytes / 65536) > MAX_PAGES)
    throw new RangeError(
      `matrixTripleFromOt: needs ${bytes} bytes of scratch (A's columns, the m×n shares, messages), more than wasm's 4 GiB; split the product`,
    );
  compiled ??= new wa.Module(moduleBytes());
  const k = new wa.Instance(compiled).exports as MatrixWasm;
  const have = k.m.buffer.byteLength;
  if (bytes > have) k.m.grow(Math.ceil((bytes - have) / 65536));
  return k;
}
