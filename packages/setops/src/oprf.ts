/**
 * KKRT batched oblivious PRF: Kolesnikov, Kumaresan, Rosulek and Trieu, "Efficient Batched Oblivious
 * PRF with Applications to Private Set Intersection" (CCS 2016, ePrint 2016/799), Figure 2 (the
 * BaRK-OPRF). Semi-honest security.
 *
 * The receiver holds one 16-byte input r_j per instance j < m; afterwards it holds F(j, r_j) and the
 * sender holds a key with which it computes F(j, y) for any instance j and any y. The receiver learns
 * nothing else; the sender learns nothing about the inputs.
 *
 * The protocol is IKNP OT extension of width w = 512 instead of 128, where the receiver's "choice"
 * in instance j is not one bit but the codeword C(r_j) ∈ {0,1}^512:
 *   - 512 base OTs, the OPRF sender as their receiver with random choices s ∈ {0,1}^512;
 *   - the receiver sends u^i = G(k_i^0) ⊕ G(k_i^1) ⊕ c^i for each column i (c^i: column i of the
 *     m × 512 matrix of codewords), and keeps t_j (row j of the matrix of columns G(k_i^0));
 *   - the sender gets q_j = t_j ⊕ (C(r_j) ∧ s), and F(j, y) = H(j, q_j ⊕ (C(y) ∧ s)).
 * We run the 512 columns as four 128-column IKNP instances of @petace/offline-kernels (each its own
 * 128 base OTs and its own 128 bits of s): an instance extended with all-zero choices gives
 * u^i = G(k_i^0) ⊕ G(k_i^1), into which the receiver XORs the transposed codewords.
 *
 * Parameters (KKRT §4 and Table 2). H below is the correlation-robust hash of the offline kernels,
 * H(x) = π(σ(x)) ⊕ σ(x) with π fixed-key AES under a public key (Guo, Katz, Wang and Yu, S&P 2020,
 * §7.3), one native or WebAssembly call per buffer. The code is pseudorandom: lane c of C(y) is
 * H(y ⊕ k_c) for four 16-byte offsets k_c drawn from the context's joint seed after both parties
 * fixed their inputs, so in the ideal-permutation model codewords of distinct inputs are independent
 * and uniform. Two distinct inputs' codewords then differ in at least 128 of 512 bits except with
 * probability P[Bin(512, 1/2) < 128] < 2^-96 per pair, i.e. < 2^-46 over the 2^50 pairs of two sets
 * of 2^24 items with three hash functions each; KKRT's w = 424..448 is the same bound at a tighter
 * margin, and 512 keeps every lane a whole 128-bit IKNP instance.
 *
 * The output hash F(j, x) for x = x1 ‖ x2 ‖ x3 ‖ x4 (four 16-byte blocks) is a chain of H: z1 = x1,
 * z_{i+1} = H(z_i) ⊕ x_{i+1}, then F = H(H(z4) ⊕ t_j) with t_j the instance number and a domain
 * constant (a tweak, after GKWY §7.4, so that instances never share an input of the last H). In the
 * ideal-permutation model F is unpredictable unless all of x is known: for y ≠ r_j the unknown part
 * of x is (C(r_j) ⊕ C(y)) ∧ s, at least 128 secret bits, which is what KKRT's random oracle needs.
 * Nine H blocks per evaluation (four for the code, five for F), run over whole buffers.
 *
 * Seed OTs: 512 random OTs from the context's correlation provider when it offers them (the OT
 * provider's IKNP session: cheap), else 512 Chou–Orlandi base OTs (one round trip and a half, and
 * about a thousand curve multiplications per party).
 *
 * Costs: the seed OTs, then one message from receiver to sender of 64 bytes per instance (instances
 * rounded up to 128), sent in parts of at most BATCH instances so the sender expands one while the
 * receiver computes the next.
 */
import { offlineKernels } from "@petace/offline-kernels";
import { baseOtReceive, baseOtSend, expectLength } from "@petace/ot";
import { checkBytes, checkCount, randomBytes, transposeBits, xorBytes } from "@petace/primitives";
import type { ProtocolContext } from "@petace/protocols";

/** Width of the pseudorandom code in bits (four 128-bit IKNP lanes). */
export const OPRF_WIDTH = 512;
const LANES = OPRF_WIDTH / 128;
/** Base OT keys per lane: 128 keys of 16 bytes. */
const LANE_KEY_BYTES = 128 * 16;
/** Most instances per u message: 8 MiB of u, a multiple of 128. */
const BATCH = 1 << 17;
/** Evaluations per pass of the hash (64 KiB per lane: one AES call each). */
const CHUNK = 4096;
/** Most instances of one call: keeps every byte offset below 2^31 × 16 and the key's lanes below 4 GiB in total. */
export const MAX_OPRF_INSTANCES = 1 << 26;
/** A constant in word 1 of the tweak, so these tweaks never equal another protocol's use of π with a tweak in word 0 only. */
const TWEAK_DOMAIN = 0x6f707266; // "oprf"

/** The sender's key: evaluates F(j, y) for instance j < count and any 16-byte input y. Secret. */
export interface OprfKey {
  /** Number of instances m (as passed to `oprfSend`). */
  readonly count: number;
  /** F(instances[i], inputs[16i..16i+16)) for each i, 16 bytes each (instances.length × 16 bytes). */
  evaluate(instances: Uint32Array, inputs: Uint8Array): Uint8Array;
}

export interface OprfOptions {
  /** Message tag prefix (default "oprf"); both parties pass the same. */
  readonly tag?: string;
}

/**
 * The 512 seed OTs, OPRF receiver's side (it is their sender: both keys of each). Random OTs from the
 * context's correlation provider when it has them (IKNP random OTs of the provider's session: no
 * public-key work here), else 512 Chou–Orlandi base OTs. Both parties take the same branch when
 * both providers are of one kind, as the SPMD rule has them.
 */
async function seedOtsSend(ctx: ProtocolContext, tag: string): Promise<{ k0: Uint8Array; k1: Uint8Array }> {
  const rots = ctx.correlations.randomOts;
  if (rots) {
    const r = await rots.call(ctx.correlations, OPRF_WIDTH);
    r.choices.fill(0);
    r.received.fill(0);
    return { k0: r.m0, k1: r.m1 };
  }
  return baseOtSend(ctx.channel, OPRF_WIDTH, tag);
}

/** The 512 seed OTs, OPRF sender's side: random choices s (64 bytes) and the chosen keys. */
async function seedOtsReceive(ctx: ProtocolContext, tag: string): Promise<{ choices: Uint8Array; k: Uint8Array }> {
  const rots = ctx.correlations.randomOts;
  if (rots) {
    const r = await rots.call(ctx.correlations, OPRF_WIDTH);
    r.m0.fill(0);
    r.m1.fill(0);
    return { choices: r.choices, k: r.received };
  }
  const choices = randomBytes(OPRF_WIDTH / 8);
  const base = await baseOtReceive(ctx.channel, choices, OPRF_WIDTH, tag);
  return { choices, k: base.k };
}

/** n rounded up to a multiple of 128 (the IKNP kernels' unit). */
function padded(n: number): number {
  return Math.ceil(n / 128) * 128;
}

function tagOf(fn: string, options: OprfOptions | undefined): string {
  const tag = options?.tag ?? "oprf";
  if (typeof tag !== "string" || tag.length === 0) throw new TypeError(`${fn}: options.tag must be a non-empty string`);
  return tag;
}

/** The public parameters both parties draw from the joint seed: the code's four 16-byte offsets k_c (as words). */
function codeOffsets(ctx: ProtocolContext): Int32Array {
  return i32(ctx.sharedPrg.bytes(16 * LANES));
}

function i32(a: Uint8Array): Int32Array {
  return new Int32Array(a.buffer, a.byteOffset, a.length >>> 2);
}

/** H of every block of `blocks` into `out` (same length; may be `blocks`): the offline kernels' hash. */
function hashAll(blocks: Uint8Array, out: Uint8Array): void {
  offlineKernels().hash(blocks, out);
}

/** Lane c of the codewords of k inputs: out_i = H(inp_i ⊕ k_c) (inp and out 4-byte aligned). */
function codeLane(k: Int32Array, c: number, inp: Uint8Array, count: number, out: Uint8Array): void {
  const iw = i32(inp);
  const ow = i32(out);
  const k0 = k[4 * c]!,
    k1 = k[4 * c + 1]!,
    k2 = k[4 * c + 2]!,
    k3 = k[4 * c + 3]!;
  for (let i = 0, w = 4 * count; i < w; i += 4) {
    ow[i] = iw[i]! ^ k0;
    ow[i + 1] = iw[i + 1]! ^ k1;
    ow[i + 2] = iw[i + 2]! ^ k2;
    ow[i + 3] = iw[i + 3]! ^ k3;
  }
  const o = out.subarray(0, 16 * count);
  hashAll(o, o);
}

/**
 * F(j, x) of the module doc for k evaluations: lane c of evaluation i is x[c][16i..16i+16) (4-byte
 * aligned scratch), the tweak of evaluation i is instances[i]; writes 16 bytes per evaluation into
 * out. Overwrites x[0] and the scratch a.
 */
function chainHash(x: Uint8Array[], k: number, instances: ArrayLike<number>, a: Uint8Array, out: Uint8Array): void {
  const bytes = k * 16;
  const z = x[0]!.subarray(0, bytes);
  const zw = i32(z);
  const pa = a.subarray(0, bytes);
  const aw = i32(pa);
  const w = bytes >>> 2;
  for (let c = 1; c < LANES; c++) {
    hashAll(z, pa);
    const xw = i32(x[c]!);
    for (let i = 0; i < w; i++) zw[i] = aw[i]! ^ xw[i]!;
  }
  hashAll(z, pa);
  for (let i = 0, e = 0; i < w; i += 4, e++) {
    aw[i] = aw[i]! ^ instances[e]!;
    aw[i + 1] = aw[i + 1]! ^ TWEAK_DOMAIN;
  }
  hashAll(pa, out.subarray(0, bytes));
}

/** Scratch for chainHash over CHUNK evaluations. */
function hashScratch(): { x: Uint8Array[]; a: Uint8Array } {
  const x: Uint8Array[] = [];
  for (let c = 0; c < LANES; c++) x.push(new Uint8Array(CHUNK * 16));
  return { x, a: new Uint8Array(CHUNK * 16) };
}

/**
 * Receiver: one 16-byte input per instance (inputs: m × 16 bytes, 1 ≤ m ≤ MAX_OPRF_INSTANCES);
 * returns F(j, inputs_j) for each j (m × 16 bytes). The peer calls `oprfSend` with the same m.
 */
export async function oprfReceive(ctx: ProtocolContext, inputs: Uint8Array, options?: OprfOptions): Promise<Uint8Array> {
  checkBytes("oprfReceive", "inputs", inputs);
  if (inputs.length % 16 !== 0) throw new RangeError(`oprfReceive: inputs must hold 16 bytes per instance, got ${inputs.length} bytes`);
  const m = inputs.length / 16;
  checkCount("oprfReceive", m, { name: "the number of instances (inputs.length / 16)", min: 1, max: MAX_OPRF_INSTANCES });
  const prefix = ctx.op(tagOf("oprfReceive", options));
  const ch = ctx.channel;
  const code = codeOffsets(ctx);

  const base = await seedOtsSend(ctx, prefix("base"));
  const kernels = [];
  for (let c = 0; c < LANES; c++) {
    const lane = [c * LANE_KEY_BYTES, (c + 1) * LANE_KEY_BYTES] as const;
    kernels.push(offlineKernels().iknpReceiver(base.k0.subarray(...lane), base.k1.subarray(...lane)));
  }
  base.k0.fill(0);
  base.k1.fill(0);

  const np = padded(m);
  const t: Uint8Array[] = [];
  for (let c = 0; c < LANES; c++) t.push(new Uint8Array(np * 16));
  const zeroChoices = new Uint8Array(Math.min(BATCH, np) / 8);
  const block = new Uint8Array(Math.min(BATCH, np) * 16);
  const cw = new Uint8Array(block.length);
  const cwT = new Uint8Array(block.length);
  for (let off = 0; off < np; off += BATCH) {
    const b = Math.min(BATCH, np - off);
    const bytes = b * 16;
    // Inputs of this part; the padding instances past m get input 0 and are never evaluated.
    const inp = block.subarray(0, bytes);
    const have = Math.max(0, Math.min(m - off, b));
    inp.set(inputs.subarray(off * 16, (off + have) * 16));
    inp.fill(0, have * 16);
    const msg = new Uint8Array(LANES * bytes);
    for (let c = 0; c < LANES; c++) {
      const u = msg.subarray(c * bytes, (c + 1) * bytes);
      kernels[c]!.extend(zeroChoices.subarray(0, b / 8), b, u, t[c]!.subarray(off * 16, off * 16 + bytes));
      // Column i of the codeword matrix goes into row i of u.
      codeLane(code, c, inp, b, cw);
      transposeBits(cw.subarray(0, bytes), b, 128, cwT.subarray(0, bytes));
      xorBytes(u, cwT.subarray(0, bytes), u);
    }
    ch.send(prefix("u"), msg);
    if (off + b < np) await ch.flush();
  }
  block.fill(0);
  cw.fill(0);

  const out = new Uint8Array(m * 16);
  const s = hashScratch();
  const inst = new Uint32Array(CHUNK);
  for (let off = 0; off < m; off += CHUNK) {
    const k = Math.min(CHUNK, m - off);
    for (let c = 0; c < LANES; c++) s.x[c]!.set(t[c]!.subarray(off * 16, (off + k) * 16));
    for (let i = 0; i < k; i++) inst[i] = off + i;
    chainHash(s.x, k, inst, s.a, out.subarray(off * 16, (off + k) * 16));
  }
  for (const lane of t) lane.fill(0);
  return out;
}

/**
 * Sender of m instances (1 ≤ m ≤ MAX_OPRF_INSTANCES, the receiver's m): returns the key with which it
 * evaluates F(j, y). Two messages in (base OTs' R, then u in parts), one out (base OTs' S).
 */
export async function oprfSend(ctx: ProtocolContext, m: number, options?: OprfOptions): Promise<OprfKey> {
  checkCount("oprfSend", m, { name: "m", min: 1, max: MAX_OPRF_INSTANCES });
  const prefix = ctx.op(tagOf("oprfSend", options));
  const ch = ctx.channel;
  const code = codeOffsets(ctx);

  const base = await seedOtsReceive(ctx, prefix("base"));
  const s = base.choices;
  const kernels = [];
  for (let c = 0; c < LANES; c++) {
    kernels.push(
      offlineKernels().iknpSender(base.k.subarray(c * LANE_KEY_BYTES, (c + 1) * LANE_KEY_BYTES), s.subarray(16 * c, 16 * c + 16)),
    );
  }
  base.k.fill(0);

  const np = padded(m);
  const q: Uint8Array[] = [];
  for (let c = 0; c < LANES; c++) q.push(new Uint8Array(np * 16));
  for (let off = 0; off < np; off += BATCH) {
    const b = Math.min(BATCH, np - off);
    const bytes = b * 16;
    const tag = prefix("u");
    const msg = await ch.recv(tag);
    expectLength(ctx.party, "KKRT OPRF", tag, msg, LANES * bytes);
    for (let c = 0; c < LANES; c++)
      kernels[c]!.expand(msg.subarray(c * bytes, (c + 1) * bytes), b, q[c]!.subarray(off * 16, off * 16 + bytes));
  }
  return new KkrtKey(m, q, s, code);
}

/** The sender's state: the q rows of every instance (four lanes), s and the code's offsets. */
class KkrtKey implements OprfKey {
  readonly #q: Int32Array[];
  readonly #s: Int32Array;
  readonly #code: Int32Array;

  constructor(
    readonly count: number,
    q: Uint8Array[],
    s: Uint8Array,
    code: Int32Array,
  ) {
    this.#q = q.map(i32);
    this.#s = i32(s.slice());
    s.fill(0);
    this.#code = code;
  }

  evaluate(instances: Uint32Array, inputs: Uint8Array): Uint8Array {
    if (!(instances instanceof Uint32Array)) throw new TypeError("OprfKey.evaluate: instances must be a Uint32Array");
    checkBytes("OprfKey.evaluate", "inputs", inputs);
    const n = instances.length;
    if (inputs.length !== n * 16)
      throw new RangeError(`OprfKey.evaluate: inputs must hold 16 bytes per instance (${n * 16} bytes), got ${inputs.length}`);
    const count = this.count;
    for (let i = 0; i < n; i++) {
      if (instances[i]! >= count)
        throw new RangeError(`OprfKey.evaluate: instances[${i}] is ${instances[i]}, this key has ${count} instances`);
    }
    const out = new Uint8Array(n * 16);
    const sc = hashScratch();
    const inp = new Uint8Array(CHUNK * 16);
    const cw = new Uint8Array(CHUNK * 16);
    const cww = i32(cw);
    const sw = this.#s;
    for (let off = 0; off < n; off += CHUNK) {
      const k = Math.min(CHUNK, n - off);
      const bytes = k * 16;
      inp.set(inputs.subarray(off * 16, off * 16 + bytes));
      const ii = instances.subarray(off, off + k);
      for (let c = 0; c < LANES; c++) {
        codeLane(this.#code, c, inp, k, cw);
        const qw = this.#q[c]!;
        const xw = i32(sc.x[c]!);
        const s0 = sw[4 * c]!,
          s1 = sw[4 * c + 1]!,
          s2 = sw[4 * c + 2]!,
          s3 = sw[4 * c + 3]!;
        // x = q_j ⊕ (C(y) ∧ s), lane c
        for (let e = 0, i = 0; e < k; e++, i += 4) {
          const j = ii[e]! * 4;
          xw[i] = qw[j]! ^ (cww[i]! & s0);
          xw[i + 1] = qw[j + 1]! ^ (cww[i + 1]! & s1);
          xw[i + 2] = qw[j + 2]! ^ (cww[i + 2]! & s2);
          xw[i + 3] = qw[j + 3]! ^ (cww[i + 3]! & s3);
        }
      }
      chainHash(sc.x, k, ii, sc.a, out.subarray(off * 16, off * 16 + bytes));
    }
    inp.fill(0);
    cw.fill(0);
    return out;
  }
}
