/**
 * The three dtypes and NumPy's promotion between them: bool → int64 → float64.
 * float64 is fixed point over Z_2^64 (the VM's fractional bits), int64 is two's complement over
 * Z_2^64, bool is XOR-shared bits.
 */
import type { Kind } from "@petace/duet";

export type DType = "float64" | "int64" | "bool";

export const DTYPES: readonly DType[] = ["bool", "int64", "float64"];

const RANK: Record<DType, number> = { bool: 0, int64: 1, float64: 2 };

/** The common dtype of two operands (NumPy's result_type for these three). */
export function promote(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}

export function isDType(v: unknown): v is DType {
  return v === "float64" || v === "int64" || v === "bool";
}

/** Checks a dtype argument; accepts NumPy's spellings "float", "int", "bool_". */
export function parseDType(v: unknown, where: string): DType {
  if (isDType(v)) return v;
  if (v === "float" || v === "double") return "float64";
  if (v === "int") return "int64";
  if (v === "bool_" || v === "boolean") return "bool";
  throw new TypeError(`${where}: unknown dtype ${JSON.stringify(v) ?? String(v)}; use "float64", "int64" or "bool"`);
}

/** How a dtype is held by the VM. */
export function kindOf(dtype: DType): Kind {
  return dtype === "bool" ? "bool" : "arith";
}
