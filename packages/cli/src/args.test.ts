import { describe, expect, it } from "vitest";
import { CliUsageError, onLoopbackOnly, parseArgs, sharesMachine } from "./args.js";

const PEER = "/ip4/127.0.0.1/tcp/8090/p2p/12D3KooWabc";

describe("parseArgs", () => {
  it("reads run flags before the script and passes the rest to the script", () => {
    const cmd = parseArgs(["run", "--party", "1", "--peer", PEER, "--key=k1.key", "--json", "s.ts", "--rows", "10"]);
    expect(cmd).toEqual({
      command: "run",
      party: 1,
      peer: PEER,
      key: "k1.key",
      script: "s.ts",
      args: ["--rows", "10"],
      json: true,
      triples: "ot",
      ot: "silent",
      allowInsecure: false,
      profile: false,
      peerTimeoutMs: 60_000,
      progressIpc: false,
    });
  });

  it("party 0 needs --listen; -- ends the flags", () => {
    expect(() => parseArgs(["run", "--party", "0", "--peer", "/p2p/x", "--key", "k", "s.ts"])).toThrow(/party 0 needs --listen/);
    const cmd = parseArgs(["run", "--party", "0", "--listen", "/ip4/0.0.0.0/tcp/1", "--peer", "/p2p/x", "--key", "k", "--", "--odd.ts"]);
    expect(cmd).toMatchObject({ party: 0, listen: "/ip4/0.0.0.0/tcp/1", script: "--odd.ts" });
  });

  it("local takes a timeout in seconds and the triple source", () => {
    expect(parseArgs(["local", "--timeout", "5", "--triples", "dealer-insecure", "--allow-insecure", "a.ts", "x"])).toEqual({
      command: "local",
      script: "a.ts",
      args: ["x"],
      json: false,
      profile: false,
      triples: "dealer-insecure",
      ot: "silent",
      allowInsecure: true,
      peerTimeoutMs: 60_000,
      timeoutMs: 5000,
    });
  });

  it("--peer-timeout sets how long a party waits for the peer's next message, in seconds", () => {
    expect(parseArgs(["local", "--peer-timeout", "900", "a.ts"])).toMatchObject({ peerTimeoutMs: 900_000 });
    expect(parseArgs(["run", "--party", "1", "--peer", PEER, "--key", "k", "--peer-timeout=0.5", "a.ts"])).toMatchObject({
      peerTimeoutMs: 500,
    });
    expect(() => parseArgs(["local", "--peer-timeout", "0", "a.ts"])).toThrow(
      /local: --peer-timeout must be a positive number of seconds, got "0"/,
    );
    expect(() => parseArgs(["run", "--party", "1", "--peer", PEER, "--key", "k", "--peer-timeout", "ten", "a.ts"])).toThrow(
      /run: --peer-timeout must be a positive number of seconds, got "ten"/,
    );
  });

  it("--ot picks the OT extension behind --triples ot: silent by default, or iknp", () => {
    expect(parseArgs(["local", "a.ts"])).toMatchObject({ triples: "ot", ot: "silent" });
    expect(parseArgs(["local", "--ot", "iknp", "a.ts"])).toMatchObject({ ot: "iknp" });
    expect(parseArgs(["run", "--party", "1", "--peer", PEER, "--key", "k", "--ot=silent", "a.ts"])).toMatchObject({ ot: "silent" });
    expect(() => parseArgs(["local", "--ot", "ferret", "a.ts"])).toThrow(/local: --ot must be silent or iknp, got "ferret"/);
    expect(() => parseArgs(["local", "--triples", "dealer-insecure", "--allow-insecure", "--ot", "iknp", "a.ts"])).toThrow(
      /--ot iknp chooses the OT extension of --triples ot; it has no meaning with --triples dealer-insecure/,
    );
  });

  it("run and local take --link: bandwidth per direction and one-way delay", () => {
    expect(parseArgs(["local", "--link", "100mbit,25ms", "a.ts"])).toMatchObject({ link: { bitsPerSecond: 1e8, delayMs: 25 } });
    expect(parseArgs(["run", "--party", "1", "--peer", PEER, "--key", "k", "--link=1gbit,rtt=20ms", "a.ts"])).toMatchObject({
      link: { bitsPerSecond: 1e9, delayMs: 10 },
    });
    expect(parseArgs(["local", "a.ts"])).not.toHaveProperty("link");
  });

  it("the insecure dealer needs --allow-insecure, and runs on loopback only", () => {
    const party0 = ["run", "--party", "0", "--peer", "/p2p/x", "--key", "k", "--triples", "dealer-insecure"];
    const party1 = ["run", "--party", "1", "--key", "k", "--triples", "dealer-insecure"];
    expect(() => parseArgs(["local", "--triples", "dealer-insecure", "s.ts"])).toThrow(
      /local: --triples dealer-insecure gives no privacy .*add --allow-insecure, otherwise use --triples ot/,
    );
    expect(() => parseArgs([...party0, "--listen", "/ip4/127.0.0.1/tcp/1", "s.ts"])).toThrow(/run: .* add --allow-insecure/);
    expect(parseArgs([...party0, "--listen", "/ip4/127.0.0.1/tcp/1", "--allow-insecure", "s.ts"])).toMatchObject({
      triples: "dealer-insecure",
      allowInsecure: true,
    });
    expect(parseArgs([...party1, "--peer", "/ip6/::1/tcp/1/p2p/x", "--allow-insecure", "s.ts"])).toMatchObject({ allowInsecure: true });
    for (const [flag, addr] of [
      ["--listen", "/ip4/0.0.0.0/tcp/1"],
      ["--listen", "/ip4/10.0.0.7/tcp/1"],
    ] as const)
      expect(() => parseArgs([...party0, flag, addr, "--allow-insecure", "s.ts"])).toThrow(
        new RegExp(`run: --triples dealer-insecure runs only with both parties on this machine .*got --listen ${addr} --peer /p2p/x`),
      );
    expect(() => parseArgs([...party1, "--peer", "/dns4/localhost.example.com/tcp/1/p2p/x", "--allow-insecure", "s.ts"])).toThrow(
      /runs only with both parties on this machine/,
    );
    // The flag alone changes nothing: the default stays OT.
    expect(parseArgs(["local", "--allow-insecure", "s.ts"])).toMatchObject({ triples: "ot", allowInsecure: true });
  });

  it("keygen needs --out", () => {
    expect(parseArgs(["keygen", "--out", "p.key"])).toEqual({ command: "keygen", out: "p.key", json: false });
    expect(() => parseArgs(["keygen"])).toThrow(/--out <file> is required/);
  });

  it("id needs --key and nothing else", () => {
    expect(parseArgs(["id", "--key", "a.key"])).toEqual({ command: "id", key: "a.key", json: false });
    expect(parseArgs(["id", "--json", "--key=a.key"])).toEqual({ command: "id", key: "a.key", json: true });
    expect(() => parseArgs(["id"])).toThrow(/id: --key <file> is required, e.g. petace id --key party0.key/);
    expect(() => parseArgs(["id", "--key", "a.key", "b.key"])).toThrow(/id: unexpected argument "b.key"/);
    expect(() => parseArgs(["id", "--out", "a.key"])).toThrow(/id: unknown flag --out/);
  });

  it.each([
    [["run", "--party", "2", "--peer", PEER, "--key", "k", "s.ts"], /--party must be 0 or 1, got "2"/],
    [["run", "--peer", PEER, "--key", "k", "s.ts"], /--party must be 0 or 1, got nothing/],
    [["run", "--party", "1", "--key", "k", "s.ts"], /--peer is required/],
    [["run", "--party", "1", "--peer", PEER, "s.ts"], /--key is required/],
    [["run", "--party", "1", "--peer", PEER, "--key", "k"], /script to run is missing/],
    [["local", "--bogus", "s.ts"], /unknown flag --bogus/],
    [["local", "--json=yes", "s.ts"], /--json takes no value/],
    [["local", "--timeout", "-1", "s.ts"], /--timeout must be a positive number/],
    [["local", "--triples", "magic", "s.ts"], /--triples must be ot or dealer-insecure/],
    [["local", "--timeout"], /--timeout needs a value/],
    [
      ["local", "--link", "100mbps,25ms", "s.ts"],
      /local: --link: "100mbps,25ms": "100mbps": write the bandwidth in bits per second[\s\S]*e\.g\. 100mbit,25ms/,
    ],
    [
      ["run", "--party", "1", "--peer", PEER, "--key", "k", "--link", "fast", "s.ts"],
      /run: --link: "fast" is neither a bandwidth nor a delay/,
    ],
    [["keygen", "--out", "k", "--link", "1gbit"], /keygen: unknown flag --link/],
    [["frobnicate"], /unknown command "frobnicate" \(expected keygen, id, run or local\)/],
  ])("rejects %j", (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(CliUsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });

  it("no command or --help is help", () => {
    expect(parseArgs([])).toEqual({ command: "help" });
    expect(parseArgs(["--help"])).toEqual({ command: "help" });
  });
});

describe("sharesMachine (GC tuning when both parties are on this machine)", () => {
  it("is true for loopback listen or peer addresses", () => {
    expect(sharesMachine("/ip4/127.0.0.1/tcp/9000", "/p2p/12D3Koo")).toBe(true);
    expect(sharesMachine(undefined, "/ip4/127.0.0.1/tcp/9000/p2p/12D3Koo")).toBe(true);
    expect(sharesMachine("/ip6/::1/tcp/9000", "/p2p/x")).toBe(true);
    expect(sharesMachine(undefined, "/dns4/localhost/tcp/9000/p2p/x")).toBe(true);
  });
  it("is false for other addresses", () => {
    expect(sharesMachine("/ip4/0.0.0.0/tcp/9000", "/p2p/12D3Koo")).toBe(false);
    expect(sharesMachine(undefined, "/ip4/10.0.0.7/tcp/9000/p2p/x")).toBe(false);
    expect(sharesMachine(undefined, "/dns4/localhost.example.com/tcp/1/p2p/x")).toBe(false);
  });
});

describe("onLoopbackOnly (where the insecure dealer may run)", () => {
  it("needs every named host to be loopback, and at least one", () => {
    expect(onLoopbackOnly("/ip4/127.0.0.1/tcp/1", "/p2p/x")).toBe(true);
    expect(onLoopbackOnly(undefined, "/dns4/localhost/tcp/1/p2p/x")).toBe(true);
    expect(onLoopbackOnly(undefined, "/p2p/x")).toBe(false);
    expect(onLoopbackOnly("/ip4/127.0.0.1/tcp/1", "/ip4/10.0.0.7/tcp/1/p2p/x")).toBe(false);
    expect(onLoopbackOnly("/ip6/::/tcp/1")).toBe(false);
  });
});
