/**
 * The local work of IKNP OT extension on one slice of the 128-row matrix (Ishai, Kilian, Nissim and
 * Petrank, CRYPTO 2003, with the PRG-expanded rows of Asharov, Lindell, Schneider and Zohner,
 * CCS 2013), fused with the transpose so that every 16-byte chunk of every row is read once:
 *   receiver  u_i = G(k0_i) ⊕ G(k1_i) ⊕ r,  t = the columns of the rows G(k0_i)
 *   sender    q = the columns of the rows G(k_i) ⊕ Δ_i·u_i
 * The JS side fills the rows with the PRG streams (AES-CTR) and copies the results out. Rows are rb
 * bytes (a positive multiple of 16) at a stride of rb; see transpose.ts for the output layout.
 * Δ_i selects u_i by a mask, not a branch: no data-dependent branch or address.
 */
import { Tile } from "./transpose";

/** How each kernel reads a 16-byte chunk of a row. */
// biome-ignore lint/complexity/noStaticOnlyClass: asc inlines only methods marked @inline, and decorators need a class
class Rows {
  /** The receiver's chunk of G(k0_i) at pa; on the way, u_i = G(k1_i) ⊕ G(k0_i) ⊕ r in place of G(k1_i) at pb. */
  @inline static recv(pa: usize, pb: usize, r: v128): v128 {
    const v = v128.load(pa);
    v128.store(pb, v128.xor(v128.xor(v128.load(pb), v), r));
    return v;
  }

  /** The sender's chunk G(k_i) ⊕ (u_i ∧ mask_i), mask_i all ones when Δ_i = 1 (at m). */
  @inline static send(pa: usize, pu: usize, m: usize): v128 {
    return v128.xor(v128.load(pa), v128.and(v128.load(pu), v128.load(m)));
  }
}

/**
 * Receiver, one slice: a = the rows G(k0_i), b = the rows G(k1_i) (overwritten with u's rows),
 * r = the slice's rb bytes of packed choices; writes t (8·rb blocks) at dst.
 */
export function iknpReceiverSlice(a: usize, b: usize, r: usize, rb: usize, dst: usize): void {
  for (let c: usize = 0; c < rb; c += 16) {
    const o = dst + (c << 7);
    const rv = v128.load(r + c);
    for (let g: usize = 0; g < 8; g++) {
      let p = ((g * rb) << 4) + c;
      const a0 = Rows.recv(a + p, b + p, rv);
      p += rb;
      const a1 = Rows.recv(a + p, b + p, rv);
      p += rb;
      const a2 = Rows.recv(a + p, b + p, rv);
      p += rb;
      const a3 = Rows.recv(a + p, b + p, rv);
      p += rb;
      const a4 = Rows.recv(a + p, b + p, rv);
      p += rb;
      const a5 = Rows.recv(a + p, b + p, rv);
      p += rb;
      const a6 = Rows.recv(a + p, b + p, rv);
      p += rb;
      const a7 = Rows.recv(a + p, b + p, rv);
      p += rb;
      const a8 = Rows.recv(a + p, b + p, rv);
      p += rb;
      const a9 = Rows.recv(a + p, b + p, rv);
      p += rb;
      const a10 = Rows.recv(a + p, b + p, rv);
      p += rb;
      const a11 = Rows.recv(a + p, b + p, rv);
      p += rb;
      const a12 = Rows.recv(a + p, b + p, rv);
      p += rb;
      const a13 = Rows.recv(a + p, b + p, rv);
      p += rb;
      const a14 = Rows.recv(a + p, b + p, rv);
      p += rb;
      const a15 = Rows.recv(a + p, b + p, rv);
      Tile.store(o + (g << 1), a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15);
    }
  }
}

/** The 128 row masks of Δ (16 bytes at delta): 16 bytes of bit i of Δ, repeated, at masks + 16i. */
export function deltaMasks(delta: usize, masks: usize): void {
  for (let i: usize = 0; i < 128; i++) {
    const bit = (load<u8>(delta + (i >> 3)) >> (<u8>i & 7)) & 1;
    v128.store(masks + (i << 4), i8x16.splat(-(<i8>bit)));
  }
}

/**
 * Sender, one slice: a = the rows G(k_i), u = the receiver's rows for the slice, masks from
 * deltaMasks; writes q (8·rb blocks) at dst.
 */
export function iknpSenderSlice(a: usize, u: usize, masks: usize, rb: usize, dst: usize): void {
  for (let c: usize = 0; c < rb; c += 16) {
    const o = dst + (c << 7);
    for (let g: usize = 0; g < 8; g++) {
      let p = ((g * rb) << 4) + c;
      let m = masks + (g << 8);
      const a0 = Rows.send(a + p, u + p, m);
      p += rb;
      m += 16;
      const a1 = Rows.send(a + p, u + p, m);
      p += rb;
      m += 16;
      const a2 = Rows.send(a + p, u + p, m);
      p += rb;
      m += 16;
      const a3 = Rows.send(a + p, u + p, m);
      p += rb;
      m += 16;
      const a4 = Rows.send(a + p, u + p, m);
      p += rb;
      m += 16;
      const a5 = Rows.send(a + p, u + p, m);
      p += rb;
      m += 16;
      const a6 = Rows.send(a + p, u + p, m);
      p += rb;
      m += 16;
      const a7 = Rows.send(a + p, u + p, m);
      p += rb;
      m += 16;
      const a8 = Rows.send(a + p, u + p, m);
      p += rb;
      m += 16;
      const a9 = Rows.send(a + p, u + p, m);
      p += rb;
      m += 16;
      const a10 = Rows.send(a + p, u + p, m);
      p += rb;
      m += 16;
      const a11 = Rows.send(a + p, u + p, m);
      p += rb;
      m += 16;
      const a12 = Rows.send(a + p, u + p, m);
      p += rb;
      m += 16;
      const a13 = Rows.send(a + p, u + p, m);
      p += rb;
      m += 16;
      const a14 = Rows.send(a + p, u + p, m);
      p += rb;
      m += 16;
      const a15 = Rows.send(a + p, u + p, m);
      Tile.store(o + (g << 1), a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15);
    }
  }
}
