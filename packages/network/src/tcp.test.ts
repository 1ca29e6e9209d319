import * as net from "node:net";
import { describe, expect, it } from "vitest";
import { ChannelClosedError, ConnectError, connectTcp, FrameError, HandshakeError, type Channel, type TcpOptions } from "@petace/network";
import { encodeFrame, frameHeader, encodeTag } from "./framing.js";
import { encodeHello } from "./handshake.js";
import { channelCompliance } from "../test/compliance.js";
import { freePort, spawnPeer } from "../test/peers.js";

const quiet = { warn: () => {} };

/** Party 0 on a kernel-chosen port, party 1 dialling it once it listens. */
async function tcpPair(extra: Partial<TcpOptions> = {}): Promise<[Channel, Channel]> {
  let dial!: Promise<Channel>;
  const listening = new Promise<number>((resolve) => {
    const a = connectTcp({ party: 0, listen: "127.0.0.1:0", onListening: (addr) => resolve(addr.port), logger: quiet, ...extra });
    dial = a;
  });
  const port = await listening;
  const b = connectTcp({ party: 1, peer: `127.0.0.1:${port}`, logger: quiet, ...extra });
  return Promise.all([dial, b]);
}

/** Party 0 listening; resolves with its port and the pending channel. */
async function listener(opts: Partial<TcpOptions> = {}): Promise<{ port: number; channel: Promise<Channel> }> {
  let channel!: Promise<Channel>;
  const port = await new Promise<number>((resolve) => {
    channel = connectTcp({ party: 0, listen: "127.0.0.1:0", onListening: (a) => resolve(a.port), logger: quiet, ...opts });
  });
  channel.catch(() => {});
  return { port, channel };
}

/** A raw client socket to 127.0.0.1:port. */
async function rawSocket(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    // Read (and drop) what the listener sends, so its FIN is seen and "close" fires.
    const s = net.connect({ host: "127.0.0.1", port }, () => resolve(s.resume()));
    s.once("error", reject);
  });
}

channelCompliance("tcp", () => tcpPair());

describe("connectTcp", () => {
  it("connects whichever party starts first", async () => {
    const port = await freePort();
    const dialer = connectTcp({ party: 1, peer: `127.0.0.1:${port}`, connectTimeoutMs: 10_000 });
    await new Promise((r) => setTimeout(r, 400)); // party 1 is retrying meanwhile
    const listenerCh = connectTcp({ party: 0, listen: `127.0.0.1:${port}` });
    const [a, b] = await Promise.all([listenerCh, dialer]);
    a.send("hi", new Uint8Array([1]));
    expect(Array.from(await b.recv("hi"))).toEqual([1]);
    await Promise.all([a.close(), b.close()]);
  });

  it("gives a ConnectError naming the address and the wait after the deadline", async () => {
    const port = await freePort();
    const err = await connectTcp({ party: 1, peer: `127.0.0.1:${port}`, connectTimeoutMs: 600 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectError);
    expect((err as Error).message).toMatch(new RegExp(`party 1: could not connect to party 0 at 127\\.0\\.0\\.1:${port} within 600 ms`));

    const lonely = await connectTcp({ party: 0, listen: "127.0.0.1:0", connectTimeoutMs: 300 }).catch((e: unknown) => e);
    expect(lonely).toBeInstanceOf(ConnectError);
    expect((lonely as Error).message).toMatch(/party 0: no peer \(party 1\) completed a connection to 127\.0\.0\.1:\d+ within 300 ms/);
  });

  it("checks its options", async () => {
    await expect(connectTcp({ party: 0 })).rejects.toThrow(/party 0 needs listen/);
    await expect(connectTcp({ party: 1 })).rejects.toThrow(/party 1 needs peer/);
    await expect(connectTcp({ party: 1, peer: "localhost" })).rejects.toThrow(/"host:port"/);
    await expect(connectTcp({ party: 2 as 0, peer: "a:1" })).rejects.toThrow(RangeError);
    const port = await freePort();
    const busy = net.createServer();
    await new Promise<void>((r) => busy.listen(port, "127.0.0.1", r));
    await expect(connectTcp({ party: 0, listen: `127.0.0.1:${port}` })).rejects.toThrow(/cannot listen on 127\.0\.0\.1:\d+/);
    busy.close();
  });

  it("fails the handshake when both sides claim the same party, naming both", async () => {
    const { port, channel } = await listener();
    const s = await rawSocket(port);
    s.on("error", () => {});
    s.write(encodeHello(0, 1 << 30));
    const err = await channel.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HandshakeError);
    expect((err as Error).message).toMatch(/also claims to be party 0; this side is party 0/);
    s.destroy();
  });

  it("fails the handshake on a different protocol version, naming both", async () => {
    const { port, channel } = await listener();
    const s = await rawSocket(port);
    s.on("error", () => {});
    s.write(encodeHello(1, 1 << 30, 9));
    await expect(channel).rejects.toThrow(/version 9, this side speaks version 1/);
    s.destroy();
  });

  it("drops a connection that is not a petace-ts peer and keeps waiting for the real one", async () => {
    const warnings: string[] = [];
    const { port, channel } = await listener({ logger: { warn: (m) => warnings.push(m) } });
    const stranger = await rawSocket(port);
    stranger.on("error", () => {});
    const strangerClosed = new Promise((r) => stranger.once("close", r));
    stranger.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    await strangerClosed;
    const b = await connectTcp({ party: 1, peer: `127.0.0.1:${port}` });
    const a = await channel;
    expect(warnings.join("\n")).toMatch(/not a petace-ts channel/);
    b.send("ok", new Uint8Array(2));
    expect((await a.recv("ok")).byteLength).toBe(2);
    await Promise.all([a.close(), b.close()]);
  });

  it("party 1 refuses a listener that also claims party 1", async () => {
    const server = net.createServer((s) => {
      s.on("error", () => {});
      s.write(encodeHello(1, 1 << 30));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as net.AddressInfo;
    await expect(connectTcp({ party: 1, peer: `127.0.0.1:${port}`, connectTimeoutMs: 2000 })).rejects.toThrow(
      /party 1: the peer at 127\.0\.0\.1:\d+ also claims to be party 1/,
    );
    server.close();
  });

  /** A party 0 channel whose peer is a raw socket we drive by hand. */
  async function withRawPeer(opts: Partial<TcpOptions> = {}) {
    const { port, channel } = await listener(opts);
    const s = await rawSocket(port);
    s.on("error", () => {});
    const closed = new Promise<void>((r) => s.once("close", () => r()));
    s.write(encodeHello(1, 1 << 30));
    return { a: await channel, s, closed };
  }

  it("refuses an oversized declared length with FrameError, without allocating it, and drops the socket", async () => {
    const { a, s, closed } = await withRawPeer({ maxMessageBytes: 1 << 20 });
    const before = process.memoryUsage().arrayBuffers;
    const pending = a.recv("huge").catch((e: unknown) => e);
    s.write(frameHeader(encodeTag("huge", "test"), 0xffff_fff0));
    const err = await pending;
    expect(err).toBeInstanceOf(FrameError);
    expect((err as Error).message).toMatch(
      /party 0 \(from party 1 at 127\.0\.0\.1:\d+\): the peer sent a message tagged "huge" of 4294967280 bytes, above maxMessageBytes/,
    );
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 << 20);
    await closed;
    expect(a.closed).toBe(true);
    expect(() => a.send("x", new Uint8Array(1))).toThrow(ChannelClosedError);
  });

  it("refuses a malformed frame (empty tag) and a truncated one with FrameError", async () => {
    {
      const { a, s, closed } = await withRawPeer();
      const pending = a.recv("t");
      s.write(new Uint8Array([3, 0, 0, 0, 0, 1, 2, 3]));
      await expect(pending).rejects.toThrow(/malformed frame from the peer: empty tag/);
      await closed;
    }
    {
      const { a, s } = await withRawPeer();
      const pending = a.recv("t");
      s.end(encodeFrame("t", new Uint8Array(100)).subarray(0, 60));
      await expect(pending).rejects.toThrow(/truncated frame/);
      await expect(pending).rejects.toThrow(FrameError);
    }
    {
      const { a, s } = await withRawPeer();
      const pending = a.recv("t");
      s.write(new Uint8Array([1, 0, 0, 0, 1, 0xff, 0]));
      await expect(pending).rejects.toThrow(/not valid UTF-8/);
    }
  });

  it("refuses to send above the peer's maxMessageBytes, before anything hits the wire", async () => {
    const [a, b] = await tcpPair({ maxMessageBytes: 1000 });
    expect(() => a.send("big", new Uint8Array(1001))).toThrow(
      /above the peer's maxMessageBytes \(1000\); raise maxMessageBytes on party 1/,
    );
    a.send("ok", new Uint8Array(1000));
    expect((await b.recv("ok")).byteLength).toBe(1000);
    await Promise.all([a.close(), b.close()]);
  });

  it("rejects a pending receive promptly with ChannelClosedError when the peer process is killed", async () => {
    const { port, channel } = await listener({ connectTimeoutMs: 20_000 });
    const peer = spawnPeer({ transport: "tcp", party: 1, peer: `127.0.0.1:${port}`, mode: "idle" });
    try {
      const a = await channel;
      await peer.waitForEvent("connected", 20_000);
      const pending = a.recv("never", { timeoutMs: 10_000 }).catch((e: unknown) => e);
      peer.kill();
      const err = await pending;
      // A ChannelClosedError, not the 10 s receive timeout's error: the close was noticed at once.
      expect(err).toBeInstanceOf(ChannelClosedError);
      expect((err as Error).message).toMatch(/party 0: .*party 1 at 127\.0\.0\.1/);
    } finally {
      peer.kill();
    }
  });
});

describe("connectTcp against idle sockets and off loopback", () => {
  it("16 idle sockets that never say hello do not block the real party 1: each is dropped after helloTimeoutMs", async () => {
    const warnings: string[] = [];
    const { port, channel } = await listener({ helloTimeoutMs: 300, connectTimeoutMs: 20_000, logger: { warn: (m) => warnings.push(m) } });
    const idle = await Promise.all(Array.from({ length: 16 }, () => rawSocket(port)));
    const idleClosed = idle.map((s) => {
      s.on("error", () => {});
      return new Promise((r) => s.once("close", r));
    });
    const t0 = Date.now();
    const b = await connectTcp({ party: 1, peer: `127.0.0.1:${port}`, connectTimeoutMs: 10_000, logger: quiet });
    const a = await channel;
    // Well before the 20 s connect timeout: the idle sockets were dropped after 300 ms.
    expect(Date.now() - t0).toBeLessThan(5000);
    await Promise.all(idleClosed);
    expect(warnings.filter((w) => /sent no hello within 300 ms; dropped it/.test(w))).toHaveLength(16);
    b.send("ok", new Uint8Array([9]));
    expect(Array.from(await a.recv("ok"))).toEqual([9]);
    await Promise.all([a.close(), b.close()]);
  });

  it("warns when listening or dialling off loopback (no authentication); quiet on loopback", async () => {
    const warnings: string[] = [];
    const logger = { warn: (m: string) => warnings.push(m) };
    const port = await freePort();
    const p0 = connectTcp({ party: 0, listen: `0.0.0.0:${port}`, connectTimeoutMs: 300, logger });
    await expect(p0).rejects.toThrow(ConnectError);
    expect(warnings[0]).toMatch(
      /party 0: plain TCP listening on 0\.0\.0\.0:\d+, which is not a loopback address: this transport has no authentication/,
    );
    const p1 = connectTcp({ party: 1, peer: `192.0.2.1:${port}`, connectTimeoutMs: 200, logger });
    await expect(p1).rejects.toThrow(ConnectError);
    expect(warnings[1]).toMatch(/party 1: plain TCP dialling 192\.0\.2\.1:\d+.*use the libp2p transport/);
    const [a, b] = await tcpPair({ logger });
    expect(warnings).toHaveLength(2);
    await Promise.all([a.close(), b.close()]);
  });
});
