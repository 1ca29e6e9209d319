/**
 * The Ferret kernels on the portable path: AES (the GGM PRG's two fixed keys, and the code's Prg)
 * from primitives on whole 64 KiB chunks, everything else in wasm (assembly/ferret.ts).
 *
 * They run on their own instance of the module, whose memory grows to the largest call (the code's
 * base is k blocks, 9 MiB at Ferret's main set), so the shared instance of the other kernels keeps
 * its fixed layout. GGM trees are expanded a group at a time (2 MiB of nodes), level by level over
 * the group, so each AES call covers many trees; the code's outputs go through in chunks of 4096.
 * The copies of secret inputs left in wasm memory are zeroed before a call returns.
 */
import { FixedKeyAes, Prg } from "@petace/primitives";
import { checkGgmExpand, checkGgmPuncture, checkLpn } from "../ferret-checks.js";
import { CHUNK, newInstance } from "./instance.js";

interface FerretExports {
  heapBase(): number;
  ggmLevel(buf: number, e0: number, e1: number, a: number, b: number, logWidth: number, sums: number, stride: number): void;
  ggmFix(buf: number, sums: number, trees: number, h: number, i: number, choices: number, k: number, c: number, path: number): void;
  lpnChunk(words: number, m: number, k: number, base: number, out: number): void;
  lpnChunkBits(words: number, m: number, k: number, base: number, out: number, baseBits: number, outBits: number): void;
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
}

/** Bytes of GGM nodes per group of trees, and outputs of the code per chunk. */
const GROUP_BYTES = 1 << 21;
const LPN_CHUNK = 4096;
const DEGREE = 10;

let ex: FerretExports | undefined;

/** Lays out regions of the given sizes (64-byte aligned) and grows memory to hold them. */
function regions<K extends string>(sizes: Record<K, number>): { at: Record<K, number>; u8: Uint8Array; x: FerretExports } {
  ex ??= newInstance().exports as FerretExports;
  const x = ex;
  let p = (x.heapBase() + 63) & ~63;
  const at = {} as Record<K, number>;
  for (const key of Object.keys(sizes) as K[]) {
    at[key] = p;
    p += (sizes[key] + 63) & ~63;
  }
  const have = x.memory.buffer.byteLength;
  if (p > have) x.memory.grow(Math.ceil((p - have) / 65536));
  return { at, u8: new Uint8Array(x.memory.buffer), x };
}

let prgKeys: { keys: Uint8Array; left: FixedKeyAes; right: FixedKeyAes } | undefined;
function ggmAes(keys: Uint8Array): { left: FixedKeyAes; right: FixedKeyAes } {
  if (!prgKeys || prgKeys.keys.some((b, i) => b !== keys[i]))
    prgKeys = { keys: keys.slice(), left: new FixedKeyAes(keys.subarray(0, 16)), right: new FixedKeyAes(keys.subarray(16, 32)) };
  return prgKeys;
}

interface Puncture {
  choices: Uint8Array;
  k: Uint8Array;
  c: Uint8Array;
}

/** Both GGM kernels: the sender's (roots and sums) or the receiver's (puncture). */
function ggm(
  keys: Uint8Array,
  trees: number,
  depth: number,
  leaves: Uint8Array,
  send: { roots: Uint8Array; sums: Uint8Array } | Puncture,
): void {
  const size = 2 ** depth;
  const G = Math.max(1, Math.min(trees, Math.floor(GROUP_BYTES / (16 * size))));
  const recv = "choices" in send ? send : undefined;
  const { at, u8, x } = regions({
    buf: 16 * G * size,
    e0: 16 * CHUNK,
    e1: 16 * CHUNK,
    sums: 32 * G * depth,
    choices: recv ? G * depth : 0,
    k: recv ? 16 * G * depth : 0,
    c: recv ? 16 * G : 0,
    path: recv ? 4 * G : 0,
  });
  const { left, right } = ggmAes(keys);
  for (let g0 = 0; g0 < trees; g0 += G) {
    const g = Math.min(G, trees - g0);
    u8.fill(0, at.sums, at.sums + 32 * g * depth);
    if (recv) {
      u8.fill(0, at.buf, at.buf + 16 * g);
      u8.set(recv.choices.subarray(g0 * depth, (g0 + g) * depth), at.choices);
      u8.set(recv.k.subarray(16 * g0 * depth, 16 * (g0 + g) * depth), at.k);
      u8.set(recv.c.subarray(16 * g0, 16 * (g0 + g)), at.c);
      u8.fill(0, at.path, at.path + 4 * g);
    } else {
      u8.set((send as { roots: Uint8Array }).roots.subarray(16 * g0, 16 * (g0 + g)), at.buf);
    }
    for (let i = 0; i < depth; i++) {
      // Chunks from the last to the first: chunk [a, b) writes [2a, 2b), never a node not yet read.
      for (let b = g << i; b > 0; ) {
        const a = Math.max(0, b - CHUNK);
        const src = u8.subarray(at.buf + 16 * a, at.buf + 16 * b);
        u8.set(left.encryptChunk(src), at.e0);
        u8.set(right.encryptChunk(src), at.e1);
        x.ggmLevel(at.buf, at.e0, at.e1, a, b, i, at.sums + 32 * i, 32 * depth);
        b = a;
      }
      if (recv) x.ggmFix(at.buf, at.sums, g, depth, i, at.choices, at.k, at.c, at.path);
    }
    leaves.set(u8.subarray(at.buf, at.buf + 16 * g * size), 16 * g0 * size);
    if (!recv) (send as { sums: Uint8Array }).sums.set(u8.subarray(at.sums, at.sums + 32 * g * depth), 32 * g0 * depth);
  }
  const end = at.path + (recv ? 4 * G : 0);
  u8.fill(0, at.buf, Math.max(end, at.sums + 32 * G * depth));
}

function lpn(
  seed: Uint8Array,
  base: Uint8Array,
  k: number,
  out: Uint8Array,
  n: number,
  bits?: { baseBits: Uint8Array; outBits: Uint8Array },
): void {
  const { at, u8, x } = regions({
    base: 16 * k,
    baseBits: bits ? k : 0,
    words: 4 * DEGREE * LPN_CHUNK,
    out: 16 * LPN_CHUNK,
    outBits: bits ? LPN_CHUNK : 0,
  });
  u8.set(base.subarray(0, 16 * k), at.base);
  if (bits) u8.set(bits.baseBits.subarray(0, k), at.baseBits);
  const prg = new Prg(seed);
  for (let first = 0; first < n; first += LPN_CHUNK) {
    const m = Math.min(LPN_CHUNK, n - first);
    prg.fill(u8.subarray(at.words, at.words + 4 * DEGREE * m));
    u8.set(out.subarray(16 * first, 16 * (first + m)), at.out);
    if (bits) {
      u8.set(bits.outBits.subarray(first, first + m), at.outBits);
      x.lpnChunkBits(at.words, m, k, at.base, at.out, at.baseBits, at.outBits);
      bits.outBits.set(u8.subarray(at.outBits, at.outBits + m), first);
    } else {
      x.lpnChunk(at.words, m, k, at.base, at.out);
    }
    out.set(u8.subarray(at.out, at.out + 16 * m), 16 * first);
  }
  u8.fill(0, at.base, at.outBits + (bits ? LPN_CHUNK : 0));
}

/** The four Ferret kernels of OfflineKernels, with their checks. */
export function ferretKernels() {
  return {
    ggmExpand(keys: Uint8Array, roots: Uint8Array, depth: number, leaves: Uint8Array, sums: Uint8Array): void {
      const trees = checkGgmExpand("ggmExpand", keys, roots, depth, leaves, sums);
      ggm(keys, trees, depth, leaves, { roots, sums });
    },
    ggmPuncture(keys: Uint8Array, depth: number, choices: Uint8Array, k: Uint8Array, c: Uint8Array, leaves: Uint8Array): void {
      const trees = checkGgmPuncture("ggmPuncture", keys, depth, choices, k, c, leaves);
      ggm(keys, trees, depth, leaves, { choices, k, c });
    },
    lpnEncode(seed: Uint8Array, base: Uint8Array, out: Uint8Array): void {
      const { k, n } = checkLpn("lpnEncode", seed, base, out);
      lpn(seed, base, k, out, n);
    },
    lpnEncodeBits(seed: Uint8Array, base: Uint8Array, baseBits: Uint8Array, out: Uint8Array, outBits: Uint8Array): void {
      const { k, n } = checkLpn("lpnEncodeBits", seed, base, out, { baseBits, outBits });
      lpn(seed, base, k, out, n, { baseBits, outBits });
    },
  };
}
