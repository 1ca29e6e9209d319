import { describe, expect, it } from "vitest";
import { ProtocolMismatchError } from "./errors.js";
import { isUnsafeChar, printable } from "./printable.js";

const hasUnsafe = (s: string) => [...s].some((c) => isUnsafeChar(c.charCodeAt(0)));

describe("printable (peer text in messages)", () => {
  it("escapes control characters and bidi overrides, keeps the rest, cuts long text", () => {
    expect(printable("op\x1b[2J\r\n\x00\x7f\x9b\u202eok é 12D3")).toBe("op\\u001b[2J\\u000d\\u000a\\u0000\\u007f\\u009b\\u202eok é 12D3");
    expect(printable("a".repeat(250))).toBe(`${"a".repeat(200)}... (50 more characters)`);
    expect(printable("abc", 2)).toBe("ab... (1 more characters)");
  });

  it("a tag mismatch never prints the peer's tag raw", () => {
    const e = new ProtocolMismatchError(0, "mul#1/open", "evil\x1b]0;pwned\x07\r");
    expect(hasUnsafe(e.message)).toBe(false);
    expect(e.message).toContain('the peer sent "evil\\u001b]0;pwned\\u0007\\u000d"');
    expect(e.actual).toBe("evil\x1b]0;pwned\x07\r"); // the raw tag stays available to code
  });
});
