import { describe, expect, it } from "vitest";
import { leb, section, sleb, WASM_HEADER, wasmName } from "./wasm-emit.js";

describe("wasm byte emitters", () => {
  it("encode LEB128 at the 7-bit boundaries", () => {
    expect(leb(0)).toEqual([0]);
    expect(leb(127)).toEqual([0x7f]);
    expect(leb(128)).toEqual([0x80, 0x01]);
    expect(leb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(sleb(0)).toEqual([0]);
    expect(sleb(63)).toEqual([0x3f]);
    expect(sleb(64)).toEqual([0xc0, 0x00]); // bit 6 set would read as negative without the extra byte
    expect(sleb(-1)).toEqual([0x7f]);
    expect(sleb(-64)).toEqual([0x40]);
    expect(sleb(-65)).toEqual([0xbf, 0x7f]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
  });

  it("build a module WebAssembly accepts", () => {
    // (module (func (export "f") (result i32) i32.const 42))
    const bytes = Uint8Array.from([
      ...WASM_HEADER,
      ...section(1, [1, 0x60, 0, 1, 0x7f]),
      ...section(3, [1, 0]),
      ...section(7, [1, ...wasmName("f"), 0x00, 0]),
      ...section(10, [1, ...leb(4), 0, 0x41, ...sleb(42), 0x0b]),
    ]);
    // This package compiles without DOM types, so the WebAssembly global is typed here.
    const wa = (
      globalThis as unknown as {
        WebAssembly: { Module: new (b: Uint8Array) => object; Instance: new (m: object) => { exports: { f: () => number } } };
      }
    ).WebAssembly;
    expect(new wa.Instance(new wa.Module(bytes)).exports.f()).toBe(42);
  });
});
