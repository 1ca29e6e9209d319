/**
 * The 128 × n bit transpose of OT extension (IKNP's 128 rows of n bits → n blocks of 16 bytes),
 * by the movemask method: 16 rows × 16 bytes are turned into 16 vectors each holding one byte
 * column, then `i8x16.bitmask` gathers bit 7 of the 16 rows (16 bits of one output column) and
 * doubling each byte (`i8x16.add v v`, one instruction where a byte shift is several) brings up the
 * next bit.
 *
 * Layout: row i of the matrix is rb bytes at src + i·rb (rb a multiple of 16), LSB-first; output
 * block j (16 bytes at dst + 16j) holds column j, bit i of the block = row i. The tile of rows
 * 16g..16g+15 and columns 128c'..128c'+127 fills bytes 2g, 2g+1 of 128 output blocks.
 *
 * Loop order: column chunks outer, row groups inner, so the 2 KiB of output blocks of a chunk are
 * finished while in L1 and the input is read as 128 short runs that each stay in cache across
 * four chunks. No data-dependent branch or address.
 */

/** Byte interleaves and the bitmask stores of one 16 × 128-bit tile. */
// biome-ignore lint/complexity/noStaticOnlyClass: asc inlines only methods marked @inline, and decorators need a class
export class Tile {
  /** Lanes 0..7 of x and y interleaved: x0 y0 x1 y1 ... x7 y7. */
  @inline static lo(x: v128, y: v128): v128 {
    return i8x16.shuffle(x, y, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
  }

  /** Lanes 8..15 of x and y interleaved: x8 y8 ... x15 y15. */
  @inline static hi(x: v128, y: v128): v128 {
    return i8x16.shuffle(x, y, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  }

  /**
   * Byte c of the 16 rows in v (lane i = row i) → the 16-bit row slices of columns 8c..8c+7, whose
   * output blocks start at o (column 8c) and follow every 16 bytes. Bit 7 comes out first.
   */
  @inline static emit(o: usize, v: v128): void {
    store<u16>(o, i8x16.bitmask(v), 112);
    v = i8x16.add(v, v);
    store<u16>(o, i8x16.bitmask(v), 96);
    v = i8x16.add(v, v);
    store<u16>(o, i8x16.bitmask(v), 80);
    v = i8x16.add(v, v);
    store<u16>(o, i8x16.bitmask(v), 64);
    v = i8x16.add(v, v);
    store<u16>(o, i8x16.bitmask(v), 48);
    v = i8x16.add(v, v);
    store<u16>(o, i8x16.bitmask(v), 32);
    v = i8x16.add(v, v);
    store<u16>(o, i8x16.bitmask(v), 16);
    v = i8x16.add(v, v);
    store<u16>(o, i8x16.bitmask(v), 0);
  }

  /**
   * Rows a0..a15 (16 bytes each) of one tile → bytes o + 16j, o + 16j + 1 of blocks j = 0..127.
   * Each round of interleaves (vector k with vector k + 8) rotates the 8-bit address (vector,
   * lane) of every byte left by one bit, so four rounds swap vector and lane: vector c then holds
   * byte c of every row.
   */
  @inline static store(
    o: usize,
    a0: v128,
    a1: v128,
    a2: v128,
    a3: v128,
    a4: v128,
    a5: v128,
    a6: v128,
    a7: v128,
    a8: v128,
    a9: v128,
    a10: v128,
    a11: v128,
    a12: v128,
    a13: v128,
    a14: v128,
    a15: v128,
  ): void {
    let b0 = Tile.lo(a0, a8);
    let b1 = Tile.hi(a0, a8);
    let b2 = Tile.lo(a1, a9);
    let b3 = Tile.hi(a1, a9);
    let b4 = Tile.lo(a2, a10);
    let b5 = Tile.hi(a2, a10);
    let b6 = Tile.lo(a3, a11);
    let b7 = Tile.hi(a3, a11);
    let b8 = Tile.lo(a4, a12);
    let b9 = Tile.hi(a4, a12);
    let b10 = Tile.lo(a5, a13);
    let b11 = Tile.hi(a5, a13);
    let b12 = Tile.lo(a6, a14);
    let b13 = Tile.hi(a6, a14);
    let b14 = Tile.lo(a7, a15);
    let b15 = Tile.hi(a7, a15);
    a0 = Tile.lo(b0, b8);
    a1 = Tile.hi(b0, b8);
    a2 = Tile.lo(b1, b9);
    a3 = Tile.hi(b1, b9);
    a4 = Tile.lo(b2, b10);
    a5 = Tile.hi(b2, b10);
    a6 = Tile.lo(b3, b11);
    a7 = Tile.hi(b3, b11);
    a8 = Tile.lo(b4, b12);
    a9 = Tile.hi(b4, b12);
    a10 = Tile.lo(b5, b13);
    a11 = Tile.hi(b5, b13);
    a12 = Tile.lo(b6, b14);
    a13 = Tile.hi(b6, b14);
    a14 = Tile.lo(b7, b15);
    a15 = Tile.hi(b7, b15);
    b0 = Tile.lo(a0, a8);
    b1 = Tile.hi(a0, a8);
    b2 = Tile.lo(a1, a9);
    b3 = Tile.hi(a1, a9);
    b4 = Tile.lo(a2, a10);
    b5 = Tile.hi(a2, a10);
    b6 = Tile.lo(a3, a11);
    b7 = Tile.hi(a3, a11);
    b8 = Tile.lo(a4, a12);
    b9 = Tile.hi(a4, a12);
    b10 = Tile.lo(a5, a13);
    b11 = Tile.hi(a5, a13);
    b12 = Tile.lo(a6, a14);
    b13 = Tile.hi(a6, a14);
    b14 = Tile.lo(a7, a15);
    b15 = Tile.hi(a7, a15);
    a0 = Tile.lo(b0, b8);
    a1 = Tile.hi(b0, b8);
    a2 = Tile.lo(b1, b9);
    a3 = Tile.hi(b1, b9);
    a4 = Tile.lo(b2, b10);
    a5 = Tile.hi(b2, b10);
    a6 = Tile.lo(b3, b11);
    a7 = Tile.hi(b3, b11);
    a8 = Tile.lo(b4, b12);
    a9 = Tile.hi(b4, b12);
    a10 = Tile.lo(b5, b13);
    a11 = Tile.hi(b5, b13);
    a12 = Tile.lo(b6, b14);
    a13 = Tile.hi(b6, b14);
    a14 = Tile.lo(b7, b15);
    a15 = Tile.hi(b7, b15);
    Tile.emit(o, a0);
    Tile.emit(o + 128, a1);
    Tile.emit(o + 256, a2);
    Tile.emit(o + 384, a3);
    Tile.emit(o + 512, a4);
    Tile.emit(o + 640, a5);
    Tile.emit(o + 768, a6);
    Tile.emit(o + 896, a7);
    Tile.emit(o + 1024, a8);
    Tile.emit(o + 1152, a9);
    Tile.emit(o + 1280, a10);
    Tile.emit(o + 1408, a11);
    Tile.emit(o + 1536, a12);
    Tile.emit(o + 1664, a13);
    Tile.emit(o + 1792, a14);
    Tile.emit(o + 1920, a15);
  }
}

/** Transposes the 128 × 8rb bit matrix at src (rows of rb bytes, rb a positive multiple of 16) into blocks at dst. */
export function transpose128(src: usize, rb: usize, dst: usize): void {
  for (let c: usize = 0; c < rb; c += 16) {
    const o = dst + (c << 7);
    for (let g: usize = 0; g < 8; g++) {
      let p = src + ((g * rb) << 4) + c;
      const a0 = v128.load(p);
      const a1 = v128.load((p += rb));
      const a2 = v128.load((p += rb));
      const a3 = v128.load((p += rb));
      const a4 = v128.load((p += rb));
      const a5 = v128.load((p += rb));
      const a6 = v128.load((p += rb));
      const a7 = v128.load((p += rb));
      const a8 = v128.load((p += rb));
      const a9 = v128.load((p += rb));
      const a10 = v128.load((p += rb));
      const a11 = v128.load((p += rb));
      const a12 = v128.load((p += rb));
      const a13 = v128.load((p += rb));
      const a14 = v128.load((p += rb));
      const a15 = v128.load((p += rb));
      Tile.store(o + (g << 1), a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15);
    }
  }
}
