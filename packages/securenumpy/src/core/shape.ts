/** Shapes: validation, sizes, C-order strides. */

export type Shape = readonly number[];

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** C-order (row-major) strides in elements. */
export function stridesOf(shape: Shape): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i]!;
  }
  return s;
}

/** Checks a shape argument (a number is a 1-D shape) and returns a frozen copy. */
export function checkShape(v: unknown, where: string, arg = "shape"): Shape {
  const dims = typeof v === "number" ? [v] : v;
  if (!Array.isArray(dims)) throw new TypeError(`${where}: ${arg} must be an array of non-negative integers, got ${typeof v}`);
  for (const d of dims) {
    if (typeof d !== "number" || !Number.isSafeInteger(d) || d < 0)
      throw new RangeError(`${where}: ${arg} must hold non-negative integers, got [${dims.join(", ")}]`);
  }
  if (sizeOf(dims) > 2 ** 32 - 1) throw new RangeError(`${where}: ${arg} [${dims.join(", ")}] has more than 2^32 - 1 elements`);
  return Object.freeze(dims.slice());
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export function fmtShape(s: Shape): string {
  return s.length === 1 ? `(${s[0]},)` : `(${s.join(",")})`;
}
