import { describe, expect, it } from "vitest";
import { describeLink, formatLinkSpec, parseLinkSpec } from "@petace/network";

describe("parseLinkSpec", () => {
  it("reads a bandwidth per direction and a one-way delay", () => {
    expect(parseLinkSpec("100mbit,25ms")).toEqual({ bitsPerSecond: 1e8, delayMs: 25 });
    expect(parseLinkSpec("1gbit,10ms")).toEqual({ bitsPerSecond: 1e9, delayMs: 10 });
    expect(parseLinkSpec(" 512Kbit , 250us ")).toEqual({ bitsPerSecond: 512e3, delayMs: 0.25 });
    expect(parseLinkSpec("0.5s,2.5gbit")).toEqual({ bitsPerSecond: 2.5e9, delayMs: 500 });
  });

  it("halves rtt= into the one-way delay", () => {
    expect(parseLinkSpec("100mbit,rtt=50ms")).toEqual({ bitsPerSecond: 1e8, delayMs: 25 });
  });

  it("leaves out either part: no cap, or no delay", () => {
    expect(parseLinkSpec("25ms")).toEqual({ bitsPerSecond: Infinity, delayMs: 25 });
    expect(parseLinkSpec("100mbit")).toEqual({ bitsPerSecond: 1e8, delayMs: 0 });
  });

  it("rejects malformed specs, naming the bad part and the accepted form", () => {
    const cases: [string, RegExp][] = [
      ["", /required/],
      ["100mbps,25ms", /"100mbps": write the bandwidth in bits per second as kbit, mbit or gbit/],
      ["100MB,25ms", /write the bandwidth in bits per second/],
      ["100,25ms", /"100" is neither a bandwidth nor a delay/],
      ["100mbit,25", /"25" is neither/],
      ["100mbit,,25ms", /an empty part/],
      ["100mbit,1gbit", /two bandwidths/],
      ["25ms,rtt=50ms", /two delays/],
      ["0mbit,25ms", /must be above 0/],
      ["-1mbit", /neither/],
      ["rtt=100mbit", /neither/],
      ["2h", /neither/],
      ["4000s", /above an hour/],
    ];
    for (const [spec, why] of cases) {
      const err = (() => {
        try {
          parseLinkSpec(spec, "--link");
        } catch (e) {
          return e as Error;
        }
        throw new Error(`"${spec}" was accepted`);
      })();
      expect(err).toBeInstanceOf(RangeError);
      expect(err.message).toMatch(why);
      expect(err.message).toMatch(/^--link: /);
      expect(err.message).toMatch(/e\.g\. 100mbit,25ms/);
    }
  });

  it("quotes the whole spec only when the bad part is not all of it", () => {
    expect(() => parseLinkSpec("fast", "--link")).toThrow(/^--link: "fast" is neither a bandwidth nor a delay; expected </);
    expect(() => parseLinkSpec("1gbit,fast", "--link")).toThrow(
      /^--link: "1gbit,fast": "fast" is neither a bandwidth nor a delay; expected </,
    );
  });
});

describe("formatLinkSpec and describeLink", () => {
  it("round-trips through the canonical text form", () => {
    for (const spec of ["100mbit,25ms", "1gbit,10ms", "2.5gbit,250us", "512kbit", "25ms", "0ms"]) {
      expect(formatLinkSpec(parseLinkSpec(spec))).toBe(spec);
    }
    expect(formatLinkSpec(parseLinkSpec("rtt=50ms,100mbit"))).toBe("100mbit,25ms");
  });

  it("states the one-way delay and the RTT", () => {
    expect(describeLink(parseLinkSpec("100mbit,25ms"))).toBe("100 Mbit/s each way, 25 ms one-way delay (RTT 50 ms)");
    expect(describeLink(parseLinkSpec("rtt=20ms"))).toBe("no bandwidth cap, 10 ms one-way delay (RTT 20 ms)");
  });
});
