/** Results as JSON: PlainArrays become nested lists, typed arrays lists, bigints strings. */
import { PlainArray } from "@petace/securenumpy";

export function toJsonValue(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null, replacer)) as unknown;
}

function replacer(_key: string, v: unknown): unknown {
  if (v instanceof PlainArray) return v.tolist();
  if (typeof v === "bigint") return v.toString();
  if (ArrayBuffer.isView(v) && !(v instanceof DataView))
    return Array.from(v as unknown as ArrayLike<number | bigint>, (x) => (typeof x === "bigint" ? x.toString() : x));
  if (v instanceof Map) return Object.fromEntries(v);
  return v;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
