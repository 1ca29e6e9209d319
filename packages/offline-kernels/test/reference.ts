/**
 * The semantics of every kernel in plain, slow code: the yardstick both implementations are tested
 * against byte for byte. Built only from primitives' Prg (AES-CTR) and CrHash (H) and BigInt loops.
 */
import { CrHash, FixedKeyAes, Prg } from "@petace/primitives";
import { gilboaCorrectionBytes, type IknpReceiverKernel, type IknpSenderKernel, type OfflineKernels } from "../src/kernels.js";

const M64 = (1n << 64n) - 1n;
const bit = (a: Uint8Array, j: number): number => (a[j >>> 3]! >>> (j & 7)) & 1;

/** Column j of a 128-row bit matrix (rows of rowBytes) as block j of out. */
function transpose(rows: Uint8Array[], n: number, out: Uint8Array): void {
  out.fill(0, 0, 16 * n);
  for (let i = 0; i < 128; i++) {
    const row = rows[i]!;
    for (let j = 0; j < n; j++) if (bit(row, j)) out[16 * j + (i >>> 3)]! |= 1 << (i & 7);
  }
}

function seeds(k: Uint8Array): Prg[] {
  return Array.from({ length: 128 }, (_, i) => new Prg(k.slice(16 * i, 16 * i + 16)));
}

const crh = new CrHash();
function H(blocks: Uint8Array): Uint8Array {
  return crh.hash(blocks, new Uint8Array(blocks.length));
}
function xorDelta(q: Uint8Array, delta: Uint8Array): Uint8Array {
  return q.map((b, i) => b ^ delta[i & 15]!);
}
function low64(h: Uint8Array, j: number): bigint {
  return new DataView(h.buffer, h.byteOffset + 16 * j, 8).getBigUint64(0, true);
}
function packLsb(h: Uint8Array, n: number, out: Uint8Array): void {
  out.fill(0, 0, n >>> 3);
  for (let j = 0; j < n; j++) out[j >>> 3]! |= (h[16 * j]! & 1) << (j & 7);
}

/** The GGM PRG on one node: (π_L(s) ⊕ s, π_R(s) ⊕ s). */
let prg: { keys: string; l: FixedKeyAes; r: FixedKeyAes } | undefined;
function prgChildren(keys: Uint8Array, s: Uint8Array): [Uint8Array, Uint8Array] {
  const id = keys.join();
  if (prg?.keys !== id) prg = { keys: id, l: new FixedKeyAes(keys.slice(0, 16)), r: new FixedKeyAes(keys.slice(16, 32)) };
  const l = prg.l.encryptBlocks(s);
  const r = prg.r.encryptBlocks(s);
  return [l.map((b, i) => b ^ s[i]!), r.map((b, i) => b ^ s[i]!)];
}
const xorInto = (a: Uint8Array, b: Uint8Array): void => {
  for (let i = 0; i < 16; i++) a[i]! ^= b[i]!;
};

/** Row i of the code: its 10 indices into [0, k), from the words 10i.. of the seed's Prg stream. */
function lpnRows(seed: Uint8Array, k: number, n: number): number[][] {
  const w = new DataView(new Prg(seed).bytes(40 * n).buffer);
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: 10 }, (_, j) => Number((BigInt(w.getUint32(40 * i + 4 * j, true)) * BigInt(k)) >> 32n)),
  );
}

export const referenceKernels: OfflineKernels = {
  name: "portable",
  iknpReceiver(k0: Uint8Array, k1: Uint8Array): IknpReceiverKernel {
    const g0 = seeds(k0);
    const g1 = seeds(k1);
    return {
      extend(r, n, u, t) {
        const rb = n >>> 3;
        const rows: Uint8Array[] = [];
        for (let i = 0; i < 128; i++) {
          const a = g0[i]!.bytes(rb);
          const b = g1[i]!.bytes(rb);
          for (let x = 0; x < rb; x++) u[i * rb + x] = a[x]! ^ b[x]! ^ r[x]!;
          rows.push(a);
        }
        transpose(rows, n, t);
      },
    };
  },
  iknpSender(k: Uint8Array, delta: Uint8Array): IknpSenderKernel {
    const g = seeds(k);
    return {
      expand(u, n, q) {
        const rb = n >>> 3;
        const rows: Uint8Array[] = [];
        for (let i = 0; i < 128; i++) {
          const a = g[i]!.bytes(rb);
          if (bit(delta, i)) for (let x = 0; x < rb; x++) a[x]! ^= u[i * rb + x]!;
          rows.push(a);
        }
        transpose(rows, n, q);
      },
    };
  },
  hash(blocks, out) {
    out.set(H(blocks));
  },
  hashPair(q, delta, out0, out1) {
    const h1 = H(xorDelta(q, delta));
    out0.set(H(q));
    out1.set(h1);
  },
  hashLow64(blocks, n, out) {
    const h = H(blocks.subarray(0, 16 * n));
    for (let j = 0; j < n; j++) out[j] = low64(h, j);
  },
  hashLow64Pair(q, delta, n, out0, out1) {
    const h0 = H(q.subarray(0, 16 * n));
    const h1 = H(xorDelta(q.subarray(0, 16 * n), delta));
    for (let j = 0; j < n; j++) {
      out0[j] = low64(h0, j);
      out1[j] = low64(h1, j);
    }
  },
  hashLsb(blocks, n, out) {
    packLsb(H(blocks.subarray(0, 16 * n)), n, out);
  },
  hashLsbPair(q, delta, n, out0, out1) {
    packLsb(H(q.subarray(0, 16 * n)), n, out0);
    packLsb(H(xorDelta(q.subarray(0, 16 * n), delta)), n, out1);
  },
  gilboaSend(q, delta, x, n, corr, acc) {
    if (corr.length < gilboaCorrectionBytes(n)) throw new RangeError("reference gilboaSend: corr too short");
    const h0 = H(q.subarray(0, 1024 * n));
    const h1 = H(xorDelta(q.subarray(0, 1024 * n), delta));
    const view = new DataView(corr.buffer, corr.byteOffset, corr.length);
    for (let t = 0; t < n; t++) {
      const c: bigint[] = [];
      let share = 0n;
      for (let k = 0; k < 64; k++) {
        const a = low64(h0, 64 * t + k);
        c.push((a + x[t]! - low64(h1, 64 * t + k)) & M64);
        share = (share + (a << BigInt(k))) & M64;
      }
      acc[t] = (acc[t]! - share) & M64;
      view.setBigUint64(256 * t, c[0]!, true);
      for (let k = 1; k < 32; k++) {
        const lo = c[k]! & ((1n << BigInt(64 - k)) - 1n);
        const hi = (c[64 - k]! << BigInt(64 - k)) & M64;
        view.setBigUint64(256 * t + 8 * k, lo | hi, true);
      }
      view.setUint32(256 * n + 4 * t, Number(c[32]! & 0xffffffffn), true);
    }
  },
  gilboaReceive(t, y, n, corr, acc) {
    if (corr.length < gilboaCorrectionBytes(n)) throw new RangeError("reference gilboaReceive: corr too short");
    const h = H(t.subarray(0, 1024 * n));
    const view = new DataView(corr.buffer, corr.byteOffset, corr.length);
    for (let p = 0; p < n; p++) {
      // c_k as the receiver needs it, times 2^k (only its low 64−k bits matter).
      const ck = (k: number): bigint => {
        if (k === 0) return view.getBigUint64(256 * p, true);
        if (k === 32) return BigInt(view.getUint32(256 * n + 4 * p, true)) << 32n;
        if (k < 32) return (view.getBigUint64(256 * p + 8 * k, true) << BigInt(k)) & M64;
        const w = view.getBigUint64(256 * p + 8 * (64 - k), true);
        return w & ~((1n << BigInt(k)) - 1n) & M64;
      };
      let share = 0n;
      for (let k = 0; k < 64; k++) {
        const yk = (y[p]! >> BigInt(k)) & 1n;
        share = (share + (low64(h, 64 * p + k) << BigInt(k)) + yk * ck(k)) & M64;
      }
      acc[p] = (acc[p]! + share) & M64;
    }
  },
  ggmExpand(keys, roots, depth, leaves, sums) {
    const trees = roots.length / 16;
    for (let tau = 0; tau < trees; tau++) {
      let level: Uint8Array[] = [roots.slice(16 * tau, 16 * tau + 16)];
      for (let i = 0; i < depth; i++) {
        level = level.flatMap((s) => prgChildren(keys, s));
        const even = new Uint8Array(16);
        const odd = new Uint8Array(16);
        level.forEach((v, j) => xorInto(j & 1 ? odd : even, v));
        sums.set(even, 32 * (tau * depth + i));
        sums.set(odd, 32 * (tau * depth + i) + 16);
      }
      level.forEach((v, j) => leaves.set(v, 16 * ((tau << depth) + j)));
    }
  },
  ggmPuncture(keys, depth, choices, k, c, leaves) {
    // The receiver as the paper states it: only the nodes it knows, never a stale value.
    const trees = c.length / 16;
    for (let tau = 0; tau < trees; tau++) {
      let known = new Map<number, Uint8Array>();
      let path = 0;
      for (let i = 0; i < depth; i++) {
        const next = new Map<number, Uint8Array>();
        for (const [x, s] of known) {
          const [l, r] = prgChildren(keys, s);
          next.set(2 * x, l);
          next.set(2 * x + 1, r);
        }
        const b = choices[tau * depth + i]! & 1;
        path = 2 * path + (1 - b);
        const sib = k.slice(16 * (tau * depth + i), 16 * (tau * depth + i) + 16);
        for (const [x, v] of next) if ((x & 1) === b) xorInto(sib, v);
        next.set(path ^ 1, sib);
        known = next;
      }
      const leaf = c.slice(16 * tau, 16 * tau + 16);
      for (const [x, v] of known) {
        xorInto(leaf, v);
        leaves.set(v, 16 * ((tau << depth) + x));
      }
      leaves.set(leaf, 16 * ((tau << depth) + path));
    }
  },
  lpnEncode(seed, base, out) {
    lpnRows(seed, base.length / 16, out.length / 16).forEach((row, i) => {
      for (const y of row) xorInto(out.subarray(16 * i, 16 * i + 16), base.subarray(16 * y, 16 * y + 16));
    });
  },
  lpnEncodeBits(seed, base, baseBits, out, outBits) {
    lpnRows(seed, base.length / 16, out.length / 16).forEach((row, i) => {
      for (const y of row) {
        xorInto(out.subarray(16 * i, 16 * i + 16), base.subarray(16 * y, 16 * y + 16));
        outBits[i]! ^= baseBits[y]!;
      }
    });
  },
  newBuffer(bytes) {
    return new Uint8Array(bytes);
  },
};
