/**
 * An oblivious key-value store (OKVS): a 3-hash garbled cuckoo table with a small dense part, after
 * PaXoS (Pinkas, Rosulek, Trieu, Yanai, "PSI from PaXoS: fast, malicious private set intersection",
 * EUROCRYPT 2020, §5: peeling plus d dense columns that absorb the 2-core) with three hash functions
 * instead of two, as analysed by Garimella, Pinkas, Rosulek, Trieu, Yanai ("Oblivious key-value stores
 * and amplification for private set intersection", CRYPTO 2021, §4: 3H-GCT, ~1.3 n cells).
 *
 * Each key k gets three sparse cells p_0(k) < p_1(k) < p_2(k), one in each third of the sparse part,
 * and a 64-bit dense vector δ(k); decode(D, k) = D[p_0] ⊕ D[p_1] ⊕ D[p_2] ⊕ ⊕_{i: δ_i = 1} D[sparse + i].
 * Encoding solves decode(D, k_j) = v_j for all keys: peel the hypergraph of sparse cells (a cell
 * touched by one remaining key fixes that key), solve the few keys left (the 2-core) by Gaussian
 * elimination over their cells and the dense cells, fill every other cell with fresh randomness, and
 * back-substitute the peeled keys in reverse order.
 *
 * Obliviousness: with the free cells uniform and the values pseudorandom, the table is pseudorandom
 * and says nothing about the keys (PaXoS, Def. 5). Failure: the keys left after peeling (the 2-core)
 * are more than `MAX_CORE` or their system, over their cells and the 64 dense columns, is singular.
 * Above the peeling threshold (1.22 n cells for three hashes) the 2-core is empty or small except
 * with a probability that falls with n (Raghuraman–Rindal, "Blazing fast PSI from improved OKVS and
 * subfield VOLE", CCS 2022, §3.2: 2^-40 and below from a few thousand keys at 1.3 n), and a small
 * core is solvable unless it has about 64 more keys than cells. The caller then retries with a fresh
 * seed, which tells the peer only that an earlier seed failed for its keys.
 * Hashes: AES-128 under the public seed (a random permutation chosen after the keys), one block for
 * the sparse cells and one, under a key derived from the seed, for δ. Cells are `valueWords` 32-bit words.
 */
import { FixedKeyAes } from "@petace/primitives";

/** Dense columns (a multiple of 8: δ is looked up a byte at a time). */
export const OKVS_DENSE = 64;
/** Sparse cells per key, as a ratio. */
export const OKVS_EXPANSION = 1.3;
/** The largest 2-core solved by elimination; larger cores fail (and are retried with a fresh seed). */
const MAX_CORE = 4096;

export interface OkvsShape {
  readonly keys: number;
  /** Cells in each third of the sparse part. */
  readonly third: number;
  readonly sparse: number;
  readonly cells: number;
}

/** The public size of an OKVS for `n` keys. */
export function okvsShape(n: number): OkvsShape {
  const third = Math.ceil((OKVS_EXPANSION * n) / 3) + 2;
  return { keys: n, third, sparse: 3 * third, cells: 3 * third + OKVS_DENSE };
}

interface KeyHashes {
  /** Three sparse cells per key. */
  readonly pos: Uint32Array;
  /** δ: two words per key. */
  readonly dense: Uint32Array;
}

function hashKeys(keys: Uint8Array, n: number, shape: OkvsShape, seed: Uint8Array): KeyHashes {
  const pos = new Uint32Array(3 * n);
  const dense = new Uint32Array(2 * n);
  if (n === 0) return { pos, dense };
  const aes = new FixedKeyAes(seed);
  const input = keys.subarray(0, 16 * n);
  const a = aes.encryptBlocks(input);
  const denseKey = aes.encryptBlocks(new Uint8Array(16).fill(0xd5));
  const b = new FixedKeyAes(denseKey).encryptBlocks(input);
  const wa = new Uint32Array(a.buffer, a.byteOffset, 4 * n);
  const wb = new Uint32Array(b.buffer, b.byteOffset, 4 * n);
  const t = shape.third;
  for (let i = 0; i < n; i++) {
    pos[3 * i] = Math.floor((wa[4 * i]! * t) / 4294967296);
    pos[3 * i + 1] = t + Math.floor((wa[4 * i + 1]! * t) / 4294967296);
    pos[3 * i + 2] = 2 * t + Math.floor((wa[4 * i + 2]! * t) / 4294967296);
    dense[2 * i] = wb[4 * i]!;
    dense[2 * i + 1] = wb[4 * i + 1]!;
  }
  return { pos, dense };
}

/**
 * For each of the 8 bytes of δ, the XOR of the dense cells each byte value selects: 8·256 cells, so
 * that δ·D costs eight lookups instead of one XOR per set bit.
 */
function denseTables(table: Uint32Array, sparse: number, ww: number): Uint32Array {
  const out = new Uint32Array(8 * 256 * ww);
  for (let byte = 0; byte < 8; byte++) {
    const base = byte * 256 * ww;
    for (let v = 1; v < 256; v++) {
      const low = 31 - Math.clz32(v & -v); // index of v's lowest set bit
      const prev = base + (v & (v - 1)) * ww;
      const cell = (sparse + 8 * byte + low) * ww;
      const dst = base + v * ww;
      for (let w = 0; w < ww; w++) out[dst + w] = out[prev + w]! ^ table[cell + w]!;
    }
  }
  return out;
}

/** acc[o..o+ww) ^= δ_i · D, via the byte tables. */
function xorDense(acc: Uint32Array, o: number, tables: Uint32Array, d0: number, d1: number, ww: number): void {
  for (let byte = 0; byte < 8; byte++) {
    const v = byte < 4 ? (d0 >>> (8 * byte)) & 255 : (d1 >>> (8 * (byte - 4))) & 255;
    if (v === 0) continue;
    const src = (byte * 256 + v) * ww;
    for (let w = 0; w < ww; w++) acc[o + w]! ^= tables[src + w]!;
  }
}

/**
 * Encodes n distinct keys (16 bytes each) with values (`valueWords` words each) into a table of
 * `okvsShape(n).cells` cells. `random(words)` supplies the free cells (the encoder's private
 * randomness: obliviousness needs them uniform). Returns null on failure (see the module comment).
 */
export function okvsEncode(
  keys: Uint8Array,
  values: Uint32Array,
  n: number,
  valueWords: number,
  seed: Uint8Array,
  random: (words: number) => Uint32Array,
): Uint32Array | null {
  const ww = valueWords;
  const shape = okvsShape(n);
  const { pos, dense } = hashKeys(keys, n, shape, seed);
  const sparse = shape.sparse;
  const table = random(shape.cells * ww);

  // Peeling: a cell touched by exactly one remaining key is that key's pivot.
  const deg = new Uint32Array(sparse);
  const xorRow = new Int32Array(sparse);
  for (let i = 0; i < n; i++) {
    for (let h = 0; h < 3; h++) {
      const c = pos[3 * i + h]!;
      deg[c]!++;
      xorRow[c]! ^= i;
    }
  }
  const stack = new Int32Array(sparse);
  let top = 0;
  for (let c = 0; c < sparse; c++) if (deg[c] === 1) stack[top++] = c;
  const order = new Int32Array(n);
  const pivot = new Int32Array(n);
  const peeled = new Uint8Array(n);
  let count = 0;
  while (top > 0) {
    const c = stack[--top]!;
    if (deg[c] !== 1) continue;
    const r = xorRow[c]!;
    order[count++] = r;
    pivot[r] = c;
    peeled[r] = 1;
    for (let h = 0; h < 3; h++) {
      const c2 = pos[3 * r + h]!;
      deg[c2]!--;
      xorRow[c2]! ^= r;
      if (deg[c2] === 1) stack[top++] = c2;
    }
  }

  if (count < n && !solveCore(table, values, n, ww, pos, dense, peeled, sparse)) return null;

  // Back-substitution, last peeled first: a key's other cells are pivots of keys peeled after it, or free.
  const tables = denseTables(table, sparse, ww);
  const acc = new Uint32Array(ww);
  for (let k = count - 1; k >= 0; k--) {
    const r = order[k]!;
    const pc = pivot[r]!;
    for (let w = 0; w < ww; w++) acc[w] = values[r * ww + w]!;
    for (let h = 0; h < 3; h++) {
      const c = pos[3 * r + h]!;
      if (c === pc) continue;
      for (let w = 0; w < ww; w++) acc[w]! ^= table[c * ww + w]!;
    }
    xorDense(acc, 0, tables, dense[2 * r]!, dense[2 * r + 1]!, ww);
    for (let w = 0; w < ww; w++) table[pc * ww + w] = acc[w]!;
  }
  return table;
}

/**
 * Gaussian elimination over GF(2) for the keys left after peeling: unknowns are their sparse cells
 * and the dense cells (none of them a peeled key's pivot). Writes the solution into `table`, whose
 * other cells stay as they are (random). False when the core is too large or singular.
 */
function solveCore(
  table: Uint32Array,
  values: Uint32Array,
  n: number,
  ww: number,
  pos: Uint32Array,
  dense: Uint32Array,
  peeled: Uint8Array,
  sparse: number,
): boolean {
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (!peeled[i]) rows.push(i);
  if (rows.length > MAX_CORE) return false;
  // Variables: the core's sparse cells, then the dense cells.
  const varOf = new Map<number, number>();
  const cells: number[] = [];
  for (const r of rows) {
    for (let h = 0; h < 3; h++) {
      const c = pos[3 * r + h]!;
      if (!varOf.has(c)) {
        varOf.set(c, cells.length);
        cells.push(c);
      }
    }
  }
  for (let i = 0; i < OKVS_DENSE; i++) {
    varOf.set(sparse + i, cells.length);
    cells.push(sparse + i);
  }
  const nv = cells.length;
  const words = (nv + 31) >>> 5;
  // Reduced rows in insertion order (each has zeros at the pivots of the rows before it).
  const pivRows: Uint32Array[] = [];
  const pivVals: Uint32Array[] = [];
  const pivCols: number[] = [];
  for (const r of rows) {
    const bits = new Uint32Array(words);
    for (let h = 0; h < 3; h++) {
      const v = varOf.get(pos[3 * r + h]!)!;
      bits[v >>> 5]! ^= 1 << (v & 31);
    }
    for (let i = 0; i < OKVS_DENSE; i++) {
      if ((dense[2 * r + (i >>> 5)]! >>> (i & 31)) & 1) {
        const v = nv - OKVS_DENSE + i;
        bits[v >>> 5]! ^= 1 << (v & 31);
      }
    }
    const val = values.slice(r * ww, (r + 1) * ww);
    for (let p = 0; p < pivRows.length; p++) {
      const pc = pivCols[p]!;
      if ((bits[pc >>> 5]! >>> (pc & 31)) & 1) {
        const pr = pivRows[p]!;
        for (let w = 0; w < words; w++) bits[w]! ^= pr[w]!;
        const pv = pivVals[p]!;
        for (let w = 0; w < ww; w++) val[w]! ^= pv[w]!;
      }
    }
    let col = -1;
    for (let w = 0; w < words && col < 0; w++) if (bits[w] !== 0) col = 32 * w + (31 - Math.clz32(bits[w]! & -bits[w]!));
    if (col < 0) return false; // singular
    pivRows.push(bits);
    pivVals.push(val);
    pivCols.push(col);
  }
  // Free variables keep their random cells; pivots solved last row first.
  const isPivot = new Uint8Array(nv);
  for (const c of pivCols) isPivot[c] = 1;
  for (let p = pivRows.length - 1; p >= 0; p--) {
    const bits = pivRows[p]!;
    const acc = pivVals[p]!.slice();
    const pc = pivCols[p]!;
    for (let v = 0; v < nv; v++) {
      if (v === pc || !((bits[v >>> 5]! >>> (v & 31)) & 1)) continue;
      const c = cells[v]!;
      for (let w = 0; w < ww; w++) acc[w]! ^= table[c * ww + w]!;
    }
    const c = cells[pc]!;
    for (let w = 0; w < ww; w++) table[c * ww + w] = acc[w]!;
  }
  return true;
}

/** Decodes the table at n keys: `valueWords` words per key. */
export function okvsDecode(
  table: Uint32Array,
  keys: Uint8Array,
  n: number,
  keyCount: number,
  valueWords: number,
  seed: Uint8Array,
): Uint32Array {
  const ww = valueWords;
  const shape = okvsShape(keyCount);
  if (table.length !== shape.cells * ww) {
    throw new RangeError(`okvsDecode: the table has ${table.length} words, expected ${shape.cells * ww} for ${keyCount} keys`);
  }
  const { pos, dense } = hashKeys(keys, n, shape, seed);
  const tables = denseTables(table, shape.sparse, ww);
  const out = new Uint32Array(n * ww);
  for (let i = 0; i < n; i++) {
    const o = i * ww;
    const c0 = pos[3 * i]! * ww;
    const c1 = pos[3 * i + 1]! * ww;
    const c2 = pos[3 * i + 2]! * ww;
    for (let w = 0; w < ww; w++) out[o + w] = table[c0 + w]! ^ table[c1 + w]! ^ table[c2 + w]!;
    xorDense(out, o, tables, dense[2 * i]!, dense[2 * i + 1]!, ww);
  }
  return out;
}
