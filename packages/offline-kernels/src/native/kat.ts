/**
 * Known-answer tests the loader runs before it trusts a freshly loaded addon: a miscompiled or
 * stale build must fall back to the portable kernels rather than hand out wrong keys. Three layers:
 * - AES-128 on the FIPS-197 appendix C.1 vector;
 * - the CTR keystream of the all-zero key from counter 0, whose first three blocks E_0(0), E_0(1),
 *   E_0(2) are published in McGrew and Viega's GCM specification: test case 1's hash key H and tag
 *   (empty message), and test case 2's ciphertext (one zero block);
 * - every kernel on a small fixed input (covering the 8-block steps and their tails) against
 *   primitives' CrHash and AES-CTR keystream (IKNP's rows against the addon's own CTR stream, which
 *   is checked against primitives on a sample of seeds), and Gilboa's shares against x·y;
 * - Ferret's GGM forest against primitives' FixedKeyAes, its puncturing against the forest, and
 *   the local linear code against primitives' Prg.
 * It runs once per process and costs some 10–30 ms of CPU there, most of it the JIT warming up.
 */
import { aesCtr, CrHash, FixedKeyAes, Prg } from "@petace/primitives";
import type { OfflineKernels } from "../kernels.js";
import { gilboaCorrectionBytes } from "../kernels.js";
import { type NativeAddon, SCHEDULE_BYTES, STREAM_BYTES } from "./addon.js";
import { nativeKernels } from "./kernels.js";

export interface KatVectors {
  aes: { key: string; plaintext: string; ciphertext: string };
  ctr: { key: string; keystream: string };
}

export const KAT_VECTORS: KatVectors = {
  aes: {
    key: "000102030405060708090a0b0c0d0e0f",
    plaintext: "00112233445566778899aabbccddeeff",
    ciphertext: "69c4e0d86a7b0430d8cdb78070b4c55a",
  },
  ctr: {
    key: "00000000000000000000000000000000",
    keystream: "66e94bd4ef8a2c3b884cfa59ca342b2e58e2fccefa7e3061367f1d57a4e7455a0388dace60b6a392f328c2b971b2fe78",
  },
};

const M64 = (1n << 64n) - 1n;
const ZERO_IV = new Uint8Array(16);

function hex(s: string): Uint8Array {
  return Uint8Array.from(s.match(/../g) ?? [], (b) => parseInt(b, 16));
}

/** Index of the first differing byte, or -1 (a length difference counts at the shorter length). */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return firstDifference(a, b) < 0;
}

const bit = (a: Uint8Array, j: number): number => (a[j >>> 3]! >>> (j & 7)) & 1;

/** Fixed pseudorandom test input: the AES-CTR keystream of a key made from `tag`. */
function fixed(tag: number, bytes: number): Uint8Array {
  return aesCtr(new Uint8Array(16).fill(tag), ZERO_IV, new Uint8Array(bytes));
}

function low64(h: Uint8Array, j: number): bigint {
  return new DataView(h.buffer, h.byteOffset + 16 * j, 8).getBigUint64(0, true);
}

function xorDelta(q: Uint8Array, delta: Uint8Array): Uint8Array {
  return q.map((b, i) => b ^ delta[i & 15]!);
}

function packLsb(h: Uint8Array, n: number): Uint8Array {
  const out = new Uint8Array(n / 8);
  for (let j = 0; j < n; j++) out[j >>> 3]! |= (h[16 * j]! & 1) << (j & 7);
  return out;
}

/** AES and the CTR stream straight from the addon; a description of the first mismatch, if any. */
function primitivesCheck(addon: NativeAddon, v: KatVectors): string | undefined {
  const ks = new Uint8Array(SCHEDULE_BYTES);
  addon.expandKey(hex(v.aes.key), ks);
  const ct = new Uint8Array(16);
  addon.aesEcb(ks, hex(v.aes.plaintext), ct);
  if (!equal(ct, hex(v.aes.ciphertext))) return "AES-128 differs from the FIPS-197 vector";

  const want = hex(v.ctr.keystream);
  const state = new Uint8Array(STREAM_BYTES);
  addon.streamsInit(hex(v.ctr.key), state);
  // In two calls, so the counter must carry over between them.
  const got = new Uint8Array(want.length);
  addon.streamFill(state, got.subarray(0, 16));
  addon.streamFill(state, got.subarray(16));
  if (!equal(got, want)) return "the AES-CTR keystream differs from the published GCM vectors";
  return undefined;
}

function hashCheck(k: OfflineKernels): string | undefined {
  const crh = new CrHash();
  const n = 64;
  const x = fixed(1, 16 * n);
  const delta = fixed(2, 16);
  const h0 = crh.hash(x, new Uint8Array(16 * n));
  const h1 = crh.hash(xorDelta(x, delta), new Uint8Array(16 * n));
  // 43 blocks: five 8-block steps and a tail of 3 (ten 4-block pair steps and a tail of 3).
  const m = 43;
  const out0 = new Uint8Array(16 * m);
  const out1 = new Uint8Array(16 * m);
  k.hash(x.subarray(0, 16 * m), out0);
  if (!equal(out0, h0.subarray(0, 16 * m))) return "hash differs from CrHash";
  k.hashPair(x.subarray(0, 16 * m), delta, out0, out1);
  if (!equal(out0, h0.subarray(0, 16 * m)) || !equal(out1, h1.subarray(0, 16 * m))) return "hashPair differs from CrHash";
  const w0 = new BigUint64Array(m);
  const w1 = new BigUint64Array(m);
  k.hashLow64(x, m, w0);
  if (w0.some((w, j) => w !== low64(h0, j))) return "hashLow64 differs from CrHash";
  k.hashLow64Pair(x, delta, m, w0, w1);
  if (w0.some((w, j) => w !== low64(h0, j)) || w1.some((w, j) => w !== low64(h1, j))) return "hashLow64Pair differs from CrHash";
  const b0 = new Uint8Array(n / 8);
  const b1 = new Uint8Array(n / 8);
  k.hashLsb(x, n, b0);
  if (!equal(b0, packLsb(h0, n))) return "hashLsb differs from CrHash";
  k.hashLsbPair(x, delta, n, b0, b1);
  if (!equal(b0, packLsb(h0, n)) || !equal(b1, packLsb(h1, n))) return "hashLsbPair differs from CrHash";
  return undefined;
}

/** IKNP over two batches (the streams continue): u, t and q against AES-CTR rows and the transpose. */
function iknpCheck(addon: NativeAddon, k: OfflineKernels): string | undefined {
  const k0 = fixed(3, 2048);
  const k1 = fixed(4, 2048);
  const delta = fixed(5, 16);
  const ks = new Uint8Array(2048);
  for (let i = 0; i < 128; i++) ks.set((bit(delta, i) ? k1 : k0).subarray(16 * i, 16 * i + 16), 16 * i);
  const recv = k.iknpReceiver(k0, k1);
  const send = k.iknpSender(ks, delta);
  // 128 OTs (one block per stream row), then 1152 (an 8-block step and a tail).
  const batches = [128, 1152];
  const total = batches.reduce((a, b) => a + b) / 8;
  // The expected rows come from the addon's own CTR stream (checked against the published vectors
  // above), and for a sample of rows also from primitives' AES-CTR: setting up all 256 keys in
  // node:crypto would make this test cost tens of milliseconds at every process start.
  const rows = (keys: Uint8Array): Uint8Array[] => {
    const state = new Uint8Array(128 * STREAM_BYTES);
    addon.streamsInit(keys, state);
    return Array.from({ length: 128 }, (_, i) => {
      const row = new Uint8Array(total);
      addon.streamFill(state.subarray(i * STREAM_BYTES, (i + 1) * STREAM_BYTES), row);
      return row;
    });
  };
  const g0 = rows(k0);
  const g1 = rows(k1);
  for (const i of [0, 1, 63, 127])
    for (const [keys, g] of [
      [k0, g0],
      [k1, g1],
    ] as const)
      if (!equal(g[i]!, aesCtr(keys.subarray(16 * i, 16 * i + 16), ZERO_IV, new Uint8Array(total))))
        return `the CTR stream of seed ${i} differs from primitives' AES-CTR`;
  let at = 0;
  for (const [c, n] of batches.entries()) {
    const rb = n / 8;
    const r = fixed(12 + c, rb);
    const u = new Uint8Array(16 * n);
    const t = new Uint8Array(16 * n);
    const q = new Uint8Array(16 * n);
    recv.extend(r, n, u, t);
    send.expand(u, n, q);
    for (let i = 0; i < 128; i++) {
      const row = g0[i]!;
      for (let x = 0; x < rb; x++)
        if (u[i * rb + x] !== (row[at + x]! ^ g1[i]![at + x]! ^ r[x]!)) return `iknp extend: u row ${i} is wrong`;
      for (let j = 0; j < n; j++)
        if (bit(t, 128 * j + i) !== bit(row, 8 * at + j))
          return `iknp extend: t is not the transpose of the G(k0) rows (row ${i}, OT ${j})`;
    }
    for (let j = 0; j < n; j++)
      for (let b = 0; b < 16; b++)
        if ((q[16 * j + b]! ^ t[16 * j + b]!) !== (bit(r, j) ? delta[b]! : 0)) return `iknp expand: q ⊕ t ≠ r·Δ at OT ${j}`;
    at += rb;
  }
  return undefined;
}

/** Gilboa on three products (an odd count): shares sum to x·y, and product 0's c_0 and share are H's. */
function gilboaCheck(k: OfflineKernels): string | undefined {
  const n = 3;
  const cots = 256;
  const k0 = fixed(7, 2048);
  const k1 = fixed(8, 2048);
  const delta = fixed(9, 16);
  const ks = new Uint8Array(2048);
  for (let i = 0; i < 128; i++) ks.set((bit(delta, i) ? k1 : k0).subarray(16 * i, 16 * i + 16), 16 * i);
  const x = new BigUint64Array(fixed(10, 8 * n).buffer);
  const y = new BigUint64Array(fixed(11, 8 * n).buffer);
  const r = new Uint8Array(cots / 8);
  r.set(new Uint8Array(y.buffer));
  const u = new Uint8Array(16 * cots);
  const t = new Uint8Array(16 * cots);
  const q = new Uint8Array(16 * cots);
  k.iknpReceiver(k0, k1).extend(r, cots, u, t);
  k.iknpSender(ks, delta).expand(u, cots, q);
  const corr = new Uint8Array(gilboaCorrectionBytes(n));
  const a = new BigUint64Array(n);
  const b = new BigUint64Array(n);
  k.gilboaSend(q, delta, x, n, corr, a);
  k.gilboaReceive(t, y, n, corr, b);
  for (let i = 0; i < n; i++)
    if (((a[i]! + b[i]!) & M64) !== ((x[i]! * y[i]!) & M64)) return `gilboa: shares of product ${i} do not sum to x·y`;

  const crh = new CrHash();
  const h0 = crh.hash(q.subarray(0, 1024), new Uint8Array(1024));
  const h1 = crh.hash(xorDelta(q.subarray(0, 1024), delta), new Uint8Array(1024));
  const c0 = new DataView(corr.buffer).getBigUint64(0, true);
  if (c0 !== ((low64(h0, 0) + x[0]! - low64(h1, 0)) & M64)) return "gilboa: correction c_0 differs from CrHash";
  let share = 0n;
  for (let j = 0; j < 64; j++) share = (share + (low64(h0, j) << BigInt(j))) & M64;
  if (a[0] !== ((0n - share) & M64)) return "gilboa: the sender's share differs from CrHash";
  return undefined;
}

/** A block of a as a hex string (for comparisons of single blocks). */
const blockHex = (a: Uint8Array, j: number): string => Buffer.from(a.subarray(16 * j, 16 * j + 16)).toString("hex");

/**
 * Ferret: 3 GGM trees of depth 5 (levels of 1 to 16 nodes: the 4-node steps and their tails) against
 * a plain expansion with FixedKeyAes; the puncturing against it; the code on 70 outputs (a batch of
 * 64 and a tail) against Prg's words.
 */
function ferretCheck(k: OfflineKernels): string | undefined {
  const [trees, depth] = [3, 5];
  const keys = fixed(12, 32);
  const roots = fixed(13, 16 * trees);
  const delta = fixed(14, 16);
  const leaves = new Uint8Array((16 * trees) << depth);
  const sums = new Uint8Array(32 * trees * depth);
  k.ggmExpand(keys, roots, depth, leaves, sums);
  const left = new FixedKeyAes(keys.subarray(0, 16));
  const right = new FixedKeyAes(keys.subarray(16, 32));
  const choices = fixed(15, trees * depth).map((b) => b & 1);
  const kb = new Uint8Array(16 * trees * depth);
  const c = new Uint8Array(16 * trees);
  for (let tau = 0; tau < trees; tau++) {
    let level = roots.slice(16 * tau, 16 * tau + 16);
    for (let i = 0; i < depth; i++) {
      const l = left.encryptBlocks(level);
      const r = right.encryptBlocks(level);
      const next = new Uint8Array(2 * level.length);
      const even = new Uint8Array(16);
      const odd = new Uint8Array(16);
      for (let j = 0; j < level.length; j++) {
        const x = j >>> 4;
        const b = j & 15;
        next[32 * x + b] = l[j]! ^ level[j]!;
        next[32 * x + 16 + b] = r[j]! ^ level[j]!;
        even[b]! ^= next[32 * x + b]!;
        odd[b]! ^= next[32 * x + 16 + b]!;
      }
      level = next;
      const at = tau * depth + i;
      if (blockHex(sums, 2 * at) !== blockHex(even, 0) || blockHex(sums, 2 * at + 1) !== blockHex(odd, 0))
        return `ggmExpand: level sums of tree ${tau}, level ${i + 1} differ from FixedKeyAes`;
      kb.set(choices[at] ? odd : even, 16 * at);
      if (i === depth - 1) for (let b = 0; b < 16; b++) c[16 * tau + b] = delta[b]! ^ even[b]! ^ odd[b]!;
    }
    if (!equal(leaves.subarray((16 * tau) << depth, (16 * (tau + 1)) << depth), level))
      return `ggmExpand: leaves of tree ${tau} differ from FixedKeyAes`;
  }
  const got = new Uint8Array(leaves.length);
  k.ggmPuncture(keys, depth, choices, kb, c, got);
  for (let tau = 0; tau < trees; tau++) {
    let alpha = 0;
    for (let i = 0; i < depth; i++) alpha = 2 * alpha + 1 - choices[tau * depth + i]!;
    for (let j = 0; j < 1 << depth; j++) {
      const at = (tau << depth) + j;
      const want = j === alpha ? xorDelta(leaves.subarray(16 * at, 16 * at + 16), delta) : leaves.subarray(16 * at, 16 * at + 16);
      if (blockHex(got, at) !== blockHex(want, 0)) return `ggmPuncture: leaf ${j} of tree ${tau} differs from the forest`;
    }
  }

  // n = 70 within one batch of the native code's indices; n = 600 over three (256 outputs each).
  for (const [kk, n] of [
    [37, 70],
    [37, 600],
  ] as const) {
    const seed = fixed(16, 16);
    const base = fixed(17, 16 * kk);
    const baseBits = fixed(18, kk).map((b) => b & 1);
    const out = fixed(19, 16 * n);
    const outBits = fixed(20, n).map((b) => b & 1);
    const want = out.slice();
    const wantBits = outBits.slice();
    const w = new DataView(new Prg(seed).bytes(40 * n).buffer);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < 10; j++) {
        const y = Math.floor((w.getUint32(40 * i + 4 * j, true) * kk) / 2 ** 32);
        for (let b = 0; b < 16; b++) want[16 * i + b]! ^= base[16 * y + b]!;
        wantBits[i]! ^= baseBits[y]!;
      }
    const o2 = out.slice();
    k.lpnEncode(seed, base, o2);
    if (!equal(o2, want)) return "lpnEncode differs from the code made with Prg";
    k.lpnEncodeBits(seed, base, baseBits, out, outBits);
    if (!equal(out, want) || !equal(outBits, wantBits)) return "lpnEncodeBits differs from the code made with Prg";
  }
  return undefined;
}

/**
 * The addon with every kernel that has a VAES path kept at most on `wide` (false: the AES-NI path):
 * the known-answer test runs the Ferret checks on each narrower path too, so a CPU with VAES trusts
 * the build only when every path it can take agrees with the references.
 */
export function narrowed(addon: NativeAddon, wide: false | 256): NativeAddon {
  return {
    ...addon,
    ggmSend: (kl, kr, roots, h, leaves, sums) => addon.ggmSend(kl, kr, roots, h, leaves, sums, wide),
    ggmPuncture: (kl, kr, h, choices, k, c, leaves) => addon.ggmPuncture(kl, kr, h, choices, k, c, leaves, wide),
    lpnEncode: (ks, base, out) => addon.lpnEncode(ks, base, out, wide),
    lpnEncodeBits: (ks, base, baseBits, out, outBits) => addon.lpnEncodeBits(ks, base, baseBits, out, outBits, wide),
  };
}

/**
 * Runs every known-answer test on the addon: undefined when all pass, else what failed (as the
 * reason the loader reports). `vectors` is a parameter so a test can show a wrong answer is caught.
 */
export function knownAnswerTest(addon: NativeAddon, vectors: KatVectors = KAT_VECTORS): string | undefined {
  try {
    const basic = primitivesCheck(addon, vectors);
    if (basic) return basic;
    const k = nativeKernels(addon);
    const narrow = (wide: false | 256, name: string) => {
      const failed = ferretCheck(nativeKernels(narrowed(addon, wide)));
      return failed && `${name} path: ${failed}`;
    };
    const width = addon.vaesWidth();
    return (
      hashCheck(k) ??
      iknpCheck(addon, k) ??
      gilboaCheck(k) ??
      ferretCheck(k) ??
      (width === 512 ? narrow(256, "VAES-256") : undefined) ??
      (width > 0 ? narrow(false, "AES-NI") : undefined)
    );
  } catch (e) {
    return `threw ${e instanceof Error ? e.message : String(e)}`;
  }
}
