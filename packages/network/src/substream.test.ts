import { afterAll, describe, expect, it } from "vitest";
import {
  ChannelClosedError,
  ChannelTimeoutError,
  connectTcp,
  memoryPair,
  ProtocolMismatchError,
  substream,
  type Channel,
} from "@petace/network";
import { SeededRandom } from "@petace/primitives";
import { testSeed } from "@petace/testkit";
import { channelCompliance } from "../test/compliance.js";

const quiet = { warn: () => {} };
const PROMPT_MS = 5_000;

async function tcpPair(): Promise<[Channel, Channel]> {
  let a!: Promise<Channel>;
  const port = await new Promise<number>((resolve) => {
    a = connectTcp({ party: 0, listen: "127.0.0.1:0", onListening: (addr) => resolve(addr.port), logger: quiet });
  });
  return Promise.all([a, connectTcp({ party: 1, peer: `127.0.0.1:${port}`, logger: quiet })]);
}

const transports: Array<[string, () => Promise<[Channel, Channel]>]> = [
  ["memory", async () => memoryPair()],
  ["tcp", tcpPair],
];

/** Connections opened by the suites, closed at the end (the compliance suite closes only the streams it is given). */
const connections: Channel[] = [];
afterAll(async () => {
  await Promise.all(connections.splice(0).map((c) => c.close()));
});

async function connection(make: () => Promise<[Channel, Channel]>): Promise<[Channel, Channel]> {
  const pair = await make();
  connections.push(...pair);
  return pair;
}

/** "é" is 2 bytes: a stream named "s" leaves 255 - 3 bytes for tags. */
for (const [name, make] of transports) {
  channelCompliance(
    `${name} substream`,
    async () => {
      const [a, b] = await connection(make);
      return [substream(a, "s"), substream(b, "s")];
    },
    { maxTagBytes: 252 },
  );
}

for (const [name, make] of transports) {
  describe(`substreams over ${name}`, () => {
    it("keeps each stream in order while the streams and the main channel interleave", async () => {
      const [a, b] = await connection(make);
      const rng = new SeededRandom(testSeed());
      const names = ["online", "offline", "x"];
      const streams = names.map((n) => [substream(a, n), substream(b, n)] as const);
      const sent: number[][] = names.map(() => []);
      const main: number[] = [];
      for (let i = 0; i < 300; i++) {
        const k = rng.u32() % (names.length + 1);
        if (k === names.length) {
          a.send("main", new Uint32Array([i]));
          main.push(i);
        } else {
          streams[k]![0].send(`m${i % 5}`, new Uint32Array([i]));
          sent[k]!.push(i);
        }
      }
      a.send("main-end", new Uint8Array(0));
      // Receive the streams in reverse order and the main channel last: nothing waits on another stream.
      for (let k = names.length - 1; k >= 0; k--) {
        for (const i of sent[k]!) expect(new Uint32Array((await streams[k]![1].recv(`m${i % 5}`)).buffer)[0]).toBe(i);
      }
      for (const i of main) expect(new Uint32Array((await b.recv("main")).buffer)[0]).toBe(i);
      expect((await b.recv("main-end")).byteLength).toBe(0);
      expect(main.length + sent.reduce((s, x) => s + x.length, 0)).toBe(300);
    });

    it("counts each stream's traffic apart from the connection's", async () => {
      const [a, b] = await connection(make);
      const [sa, sb] = [substream(a, "s"), substream(b, "s")];
      sa.send("x", new Uint8Array(10));
      a.send("y", new Uint8Array(3));
      await sb.recv("x");
      await b.recv("y");
      expect(sa.stats).toMatchObject({ bytesSent: 10, messagesSent: 1 });
      expect(sb.stats).toMatchObject({ bytesReceived: 10, messagesReceived: 1 });
      expect(a.stats).toMatchObject({ bytesSent: 3, messagesSent: 1 });
      expect(b.stats).toMatchObject({ bytesReceived: 3, messagesReceived: 1 });
    });

    it("keeps what the peer sent before this side opened the stream", async () => {
      const [a, b] = await connection(make);
      substream(a, "late").send("early", new Uint8Array([5]));
      a.send("sync", new Uint8Array(0));
      await b.recv("sync");
      expect(Array.from(await substream(b, "late").recv("early"))).toEqual([5]);
      expect(substream(b, "late")).toBe(substream(b, "late"));
    });

    it("closes one stream gracefully on both sides and leaves the rest up", async () => {
      const [a, b] = await connection(make);
      const [sa, sb] = [substream(a, "done"), substream(b, "done")];
      const [ta, tb] = [substream(a, "other"), substream(b, "other")];
      sa.send("last", new Uint8Array([1]));
      await sa.close();
      expect(Array.from(await sb.recv("last"))).toEqual([1]);
      await expect(sb.recv("more", { timeoutMs: PROMPT_MS })).rejects.toThrow(/closed stream "done"/);
      expect(sb.closed).toBe(true);
      expect(() => sb.send("z", new Uint8Array(1))).toThrow(ChannelClosedError);
      ta.send("still", new Uint8Array([2]));
      a.send("main", new Uint8Array([3]));
      expect(Array.from(await tb.recv("still"))).toEqual([2]);
      expect(Array.from(await b.recv("main"))).toEqual([3]);
      expect(a.closed || b.closed).toBe(false);
    });

    it("fails every stream, on both sides, when the connection closes", async () => {
      const [a, b] = await connection(make);
      const pending = [substream(a, "p").recv("x", { timeoutMs: PROMPT_MS }), substream(b, "q").recv("x", { timeoutMs: PROMPT_MS })];
      for (const p of pending) p.catch(() => {});
      await a.close();
      for (const p of pending) await expect(p).rejects.toThrow(ChannelClosedError);
      expect(substream(a, "p").closed && substream(b, "q").closed).toBe(true);
      await expect(substream(b, "new").recv("x")).rejects.toThrow(ChannelClosedError);
    });

    it("tears the connection down after a tag mismatch on one stream, naming the stream", async () => {
      const [a, b] = await connection(make);
      const mainWait = b.recv("main", { timeoutMs: PROMPT_MS });
      const peerWait = substream(a, "other").recv("x", { timeoutMs: PROMPT_MS });
      mainWait.catch(() => {});
      peerWait.catch(() => {});
      substream(a, "s").send("mul", new Uint8Array(8));
      await expect(substream(b, "s").recv("less")).rejects.toThrow(ProtocolMismatchError);
      await expect(mainWait).rejects.toThrow(/failure on stream "s"/);
      await expect(peerWait).rejects.toThrow(ChannelClosedError);
      expect(b.closed).toBe(true);
    });

    it("tears the connection down after a receive timeout on one stream", async () => {
      const [a, b] = await connection(make);
      const mainWait = a.recv("main", { timeoutMs: PROMPT_MS });
      mainWait.catch(() => {});
      await expect(substream(b, "s").recv("never", { timeoutMs: 50 })).rejects.toThrow(ChannelTimeoutError);
      await expect(mainWait).rejects.toThrow(ChannelClosedError);
    });

    it("carries a stream's own substreams, which outlive their parent", async () => {
      const [a, b] = await connection(make);
      const [pa, pb] = [substream(a, "vm"), substream(b, "vm")];
      const [ca, cb] = [substream(pa, "corr"), substream(pb, "corr")];
      expect(ca).toBe(substream(a, "vm/corr"));
      ca.send("x", new Uint8Array([1]));
      pa.send("x", new Uint8Array([2]));
      expect(Array.from(await pb.recv("x"))).toEqual([2]);
      await pa.close();
      expect(Array.from(await cb.recv("x"))).toEqual([1]);
      expect(ca.closed).toBe(false);
    });

    it("checks names and reserves the stream mark on the main channel", async () => {
      const [a] = await connection(make);
      expect(() => substream(a, "")).toThrow(RangeError);
      expect(() => substream(a, "x".repeat(33))).toThrow(RangeError);
      expect(() => substream(a, "a\u001fb")).toThrow(RangeError);
      expect(() => a.send("\u001fs\u001fx", new Uint8Array(1))).toThrow(/reserved for substreams/);
      expect(() => substream(a, "s").send("é".repeat(127), new Uint8Array(1))).toThrow(/1\.\.252 bytes/);
      expect(() => substream({ party: a.party } as unknown as Channel, "s")).toThrow(/cannot carry substreams/);
    });
  });
}
