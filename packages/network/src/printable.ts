/**
 * Text from the peer (tags, stop reasons, headers) made safe to print: a peer could otherwise put
 * terminal escape sequences, carriage returns or bidirectional overrides into our error messages and
 * logs, and rewrite what the user sees. Control characters (C0, DEL, C1) and the bidi controls are
 * shown as \uXXXX escapes, and long text is cut.
 */

/** True for a UTF-16 code unit that must not be printed raw. */
export function isUnsafeChar(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** `text` with control characters escaped, cut to `max` characters (the cut is said). */
export function printable(text: string, max = 200): string {
  const s = String(text);
  const cut = s.length > max ? `${s.slice(0, max)}... (${s.length - max} more characters)` : s;
  let out = "";
  for (let i = 0; i < cut.length; i++) {
    const code = cut.charCodeAt(i);
    out += isUnsafeChar(code) ? `\\u${code.toString(16).padStart(4, "0")}` : cut[i];
  }
  return out;
}
