/**
 * A forest of GGM trees (Goldreich, Goldwasser and Micali, JACM 1986), expanded level by level over
 * all trees at once, with the XOR of each tree's left (even) and right (odd) children at every level:
 * the values Ferret's single-point COT transfers (Yang et al., CCS 2020, §4, after Boyle et al.,
 * CCS 2019, "Efficient two-round OT extension and silent non-interactive secure computation").
 *
 * The length-doubling PRG is G(s) = (π0(s) ⊕ s, π1(s) ⊕ s) with π0, π1 AES-128 under two public
 * fixed keys (the fixed-key construction emp-ot's Ferret uses; its security rests on AES as an ideal
 * permutation, as the correlation-robust hash of rot.ts does). AES runs in 64 KiB calls over whole
 * levels, never per node.
 *
 * Layout: level i of a forest of T trees is T·2^i blocks, tree-major (node j of tree τ at τ·2^i + j),
 * so the children of the node at flat index x are at 2x and 2x + 1 for every tree at once, and a level
 * expands in place into the next when the nodes are taken from the last to the first.
 */
import { FixedKeyAes, sha256 } from "@petace/primitives";

const encoder = new TextEncoder();
const fixedKey = (label: string): Uint8Array => sha256(encoder.encode(label)).slice(0, 16);

/** The two fixed permutations of the PRG (public). */
export interface GgmPrg {
  readonly left: FixedKeyAes;
  readonly right: FixedKeyAes;
}

let prg: GgmPrg | undefined;
/** G's permutations: AES under SHA-256("petace-ts ferret GGM left"/"right")[0..16]. */
export function ggmPrg(): GgmPrg {
  return (prg ??= {
    left: new FixedKeyAes(fixedKey("petace-ts ferret GGM left")),
    right: new FixedKeyAes(fixedKey("petace-ts ferret GGM right")),
  });
}

/** Nodes per 64 KiB AES call. */
const CHUNK_NODES = 4096;

/**
 * Expands one level in place: `buf` holds `trees · width` nodes (width = 2^i nodes per tree) at its
 * start and afterwards `trees · 2·width` nodes of level i + 1. `sums` (trees × 8 words) receives, per
 * tree, the XOR of its new even children (words 0..3) and of its new odd children (words 4..7).
 * `logWidth` is log2(width). Constant-time in the node values.
 */
export function expandLevel(buf: Uint8Array, trees: number, logWidth: number, sums: Int32Array): void {
  const { left, right } = ggmPrg();
  const total = trees << logWidth;
  if (buf.length < 32 * total) throw new RangeError(`expandLevel: buffer has ${buf.length} bytes, the next level needs ${32 * total}`);
  if (sums.length < 8 * trees) throw new RangeError(`expandLevel: sums has ${sums.length} words, ${trees} trees need ${8 * trees}`);
  sums.fill(0, 0, 8 * trees);
  const w = new Int32Array(buf.buffer, buf.byteOffset, buf.length >>> 2);
  // Chunks from the last to the first: chunk [a, b) writes [2a, 2b), never a node not yet read.
  for (let b = total; b > 0; ) {
    const a = Math.max(0, b - CHUNK_NODES);
    const src = buf.subarray(16 * a, 16 * b);
    const e0b = left.encryptChunk(src);
    const e1b = right.encryptChunk(src);
    const e0 = new Int32Array(e0b.buffer, e0b.byteOffset, e0b.length >>> 2);
    const e1 = new Int32Array(e1b.buffer, e1b.byteOffset, e1b.length >>> 2);
    for (let x = b - 1; x >= a; x--) {
      const s = 4 * x;
      const e = 4 * (x - a);
      const s0 = w[s]!,
        s1 = w[s + 1]!,
        s2 = w[s + 2]!,
        s3 = w[s + 3]!;
      const l0 = e0[e]! ^ s0,
        l1 = e0[e + 1]! ^ s1,
        l2 = e0[e + 2]! ^ s2,
        l3 = e0[e + 3]! ^ s3;
      const r0 = e1[e]! ^ s0,
        r1 = e1[e + 1]! ^ s1,
        r2 = e1[e + 2]! ^ s2,
        r3 = e1[e + 3]! ^ s3;
      const c = 8 * x;
      w[c] = l0;
      w[c + 1] = l1;
      w[c + 2] = l2;
      w[c + 3] = l3;
      w[c + 4] = r0;
      w[c + 5] = r1;
      w[c + 6] = r2;
      w[c + 7] = r3;
      const t = 8 * (x >>> logWidth);
      sums[t]! ^= l0;
      sums[t + 1]! ^= l1;
      sums[t + 2]! ^= l2;
      sums[t + 3]! ^= l3;
      sums[t + 4]! ^= r0;
      sums[t + 5]! ^= r1;
      sums[t + 6]! ^= r2;
      sums[t + 7]! ^= r3;
    }
    b = a;
  }
}
