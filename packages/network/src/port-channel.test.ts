import { MessageChannel } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { ChannelClosedError, connectTcp, memoryPair, portChannel, servePort, substream, type Channel } from "@petace/network";
import { channelCompliance } from "../test/compliance.js";

const quiet = { warn: () => {} };
const PROMPT_MS = 5_000;

/** `channel` as a thread would see it through a port (both ends of the port live in this thread here). */
function throughPort(channel: Channel): Channel {
  const { port1, port2 } = new MessageChannel();
  servePort(port1, channel);
  return portChannel(port2, channel.party);
}

async function tcpPair(): Promise<[Channel, Channel]> {
  let a!: Promise<Channel>;
  const port = await new Promise<number>((resolve) => {
    a = connectTcp({ party: 0, listen: "127.0.0.1:0", onListening: (addr) => resolve(addr.port), logger: quiet });
  });
  return Promise.all([a, connectTcp({ party: 1, peer: `127.0.0.1:${port}`, logger: quiet })]);
}

const connections: Channel[] = [];
afterAll(async () => {
  await Promise.all(connections.splice(0).map((c) => c.close()));
});

channelCompliance("port over memory", async () => {
  const [a, b] = memoryPair();
  return [throughPort(a), throughPort(b)];
});

channelCompliance(
  "port over a TCP substream, one side direct",
  async () => {
    const [a, b] = await tcpPair();
    connections.push(a, b);
    return [substream(a, "offline"), throughPort(substream(b, "offline"))];
  },
  { maxTagBytes: 246 },
);

describe("portChannel / servePort", () => {
  it("leaves sent bytes with the sender and moves received bytes without a copy", async () => {
    const [a, b] = memoryPair();
    const pa = throughPort(a);
    const data = new Uint8Array(1 << 16).fill(9);
    pa.send("big", data);
    pa.send("part", data.subarray(8, 16));
    expect(data[5]).toBe(9); // the sender may still read what it sent
    expect((await b.recv("big")).byteLength).toBe(1 << 16);
    expect((await b.recv("part")).byteLength).toBe(8);
    const back = new Uint8Array(1 << 16).fill(4);
    b.send("back", back);
    const got = await pa.recv("back");
    expect(got.byteLength).toBe(1 << 16);
    expect(back.buffer.byteLength).toBe(0); // the owner's received buffer was moved to the worker
    await pa.close();
  });

  it("fails the worker's channel when a send fails at the owner, instead of dropping it", async () => {
    const [a] = memoryPair({ maxMessageBytes: 4 });
    const pa = throughPort(a);
    pa.send("big", new Uint8Array(5));
    await expect(pa.recv("x", { timeoutMs: PROMPT_MS })).rejects.toThrow(/maxMessageBytes/);
    expect(pa.closed).toBe(true);
  });

  it("closes the served channel when the worker's port closes (a dead worker), failing the peer", async () => {
    const [a, b] = memoryPair();
    const { port1, port2 } = new MessageChannel();
    const service = servePort(port1, a);
    const pending = b.recv("x", { timeoutMs: PROMPT_MS });
    pending.catch(() => {});
    port2.close();
    await service.done;
    await expect(pending).rejects.toThrow(ChannelClosedError);
  });

  it("rejects the worker's pending receive when the owner stops serving", async () => {
    const [a] = memoryPair();
    const { port1, port2 } = new MessageChannel();
    const service = servePort(port1, a);
    const pa = portChannel(port2, 0);
    const pending = pa.recv("x", { timeoutMs: PROMPT_MS });
    pending.catch(() => {});
    await service.close();
    await expect(pending).rejects.toThrow(ChannelClosedError);
    expect(pa.closed).toBe(true);
  });
});
