/**
 * Channel throughput and latency, per transport: memory (one process), and TCP, libp2p and a raw
 * node:net baseline with the peer in a separate OS process (so sender and receiver each get a core).
 *
 *   network.<transport>_mb_per_s   1 GiB in 1 MiB messages (256 MiB with PETACE_BENCH_QUICK=1), best of 2 runs
 *   network.<transport>_rtt_us     1 KiB ping-pong: median of 1000 round trips, best of 3 blocks
 *   network.<transport>_dial_ms    party 1's connect call until the channel is usable (both in one process)
 *
 * Run alone, from the repository root: npx tsx --conditions=source packages/network/bench/network.bench.ts
 */
import * as net from "node:net";
import { join } from "node:path";
import { quick, record } from "@petace/bench";
import { withTempDir, type ScriptProcess } from "@petace/testkit/spawn";
import { connectTcp, memoryPair, type Channel } from "@petace/network";
import type { PeerConfig } from "../test/peer.js";
import { spawnPeer } from "../test/peers.js";

const MIB = 1 << 20;
const TOTAL = quick ? 256 * MIB : 1024 * MIB;
const WARMUP = 64 * MIB;
const MESSAGE = MIB;
/** Flush every this many bytes, so a sender never queues more than that ahead of the socket. */
const FLUSH_EVERY = 32 * MIB;
const PING = 1024;
/** Round trips per block; the figure is the lowest of RTT_BLOCKS block medians (other tenants only ever add time). */
const RTT_ROUNDS = 1000;
const RTT_BLOCKS = 3;
const RTT_WARMUP = 300;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Sends `bytes` in 1 MiB messages over a sink peer and waits for its "done"; returns ms. */
async function bulk(ch: Channel, bytes: number): Promise<number> {
  const msg = new Uint8Array(MESSAGE).fill(0x5a);
  const t0 = performance.now();
  for (let sent = 0; sent < bytes; sent += MESSAGE) {
    ch.send("bulk", msg);
    if ((sent + MESSAGE) % FLUSH_EVERY === 0) await ch.flush();
  }
  ch.send("bulk", new Uint8Array(0));
  await ch.recv("done");
  return performance.now() - t0;
}

/** Lowest of the block medians of `measure` (each block returns per-round µs). */
async function bestMedian(measure: () => Promise<number[]>): Promise<number> {
  let best = Infinity;
  for (let b = 0; b < RTT_BLOCKS; b++) best = Math.min(best, median(await measure()));
  return best;
}

/** 1 KiB ping-pongs over an echo peer; returns per-round µs. */
async function pingPong(ch: Channel, rounds: number): Promise<number[]> {
  const ping = new Uint8Array(PING);
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    ch.send("ping", ping);
    await ch.recv("pong");
    times.push((performance.now() - t0) * 1000);
  }
  return times;
}

function recordPair(transport: string, mbPerS: number, rttUs: number, note: string): void {
  record({
    metric: `network.${transport}_mb_per_s`,
    value: mbPerS,
    unit: "MB/s",
    size: TOTAL,
    note: `1 MiB messages, best of 2 runs; ${note}`,
  });
  record({
    metric: `network.${transport}_rtt_us`,
    value: rttUs,
    unit: "us",
    size: PING,
    note: `1 KiB ping-pong, median of ${RTT_ROUNDS}, best of ${RTT_BLOCKS} blocks; ${note}`,
  });
}

const mbPerS = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);

async function benchMemory(): Promise<void> {
  const [a, b] = memoryPair();
  const sink = (async () => {
    for (;;) {
      const m = await b.recv("bulk");
      if (m.byteLength === 0) b.send("done", new Uint8Array(8));
      if (m.byteLength === 1) return;
    }
  })();
  await bulk(a, WARMUP);
  const ms = Math.min(await bulk(a, TOTAL), await bulk(a, TOTAL));
  a.send("bulk", new Uint8Array(1));
  await sink;
  const echo = (async () => {
    for (;;) {
      const p = await b.recv("ping");
      if (p.byteLength === 0) return;
      b.send("pong", p);
    }
  })();
  await pingPong(a, RTT_WARMUP);
  const rtt = await bestMedian(() => pingPong(a, RTT_ROUNDS));
  a.send("ping", new Uint8Array(0));
  await echo;
  await Promise.all([a.close(), b.close()]);
  recordPair("memory", mbPerS(TOTAL, ms), rtt, "one process, zero-copy hand-off");
}

/** Runs the sink and the echo peer (each its own child process) against a channel maker. */
async function benchRemote(
  transport: "tcp" | "libp2p",
  connect: (mode: "sink" | "echo") => Promise<{ ch: Channel; peer: ScriptProcess }>,
): Promise<void> {
  let ms: number;
  {
    const { ch, peer } = await connect("sink");
    await bulk(ch, WARMUP);
    ms = Math.min(await bulk(ch, TOTAL), await bulk(ch, TOTAL));
    ch.send("bulk", new Uint8Array(1));
    await ch.close();
    await peer.exit;
  }
  let rtt: number;
  {
    const { ch, peer } = await connect("echo");
    await pingPong(ch, RTT_WARMUP);
    rtt = await bestMedian(() => pingPong(ch, RTT_ROUNDS));
    ch.send("ping", new Uint8Array(0));
    await ch.close();
    await peer.exit;
  }
  recordPair(transport, mbPerS(TOTAL, ms), rtt, "loopback, peer in another process");
}

async function benchTcp(): Promise<void> {
  await benchRemote("tcp", async (mode) => {
    let peer: ScriptProcess | undefined;
    const ch = await connectTcp({
      party: 0,
      listen: "127.0.0.1:0",
      onListening: ({ port }) => {
        peer = spawnPeer({ transport: "tcp", party: 1, peer: `127.0.0.1:${port}`, mode });
      },
    });
    return { ch, peer: peer! };
  });
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    let dial!: Promise<number>;
    const listening = connectTcp({
      party: 0,
      listen: "127.0.0.1:0",
      onListening: ({ port }) => {
        const t0 = performance.now();
        dial = connectTcp({ party: 1, peer: `127.0.0.1:${port}` }).then(async (c) => {
          const ms = performance.now() - t0;
          await c.close();
          return ms;
        });
      },
    });
    const a = await listening;
    times.push(await dial);
    await a.close();
  }
  record({ metric: "network.tcp_dial_ms", value: median(times), unit: "ms", note: "connect + hello exchange, loopback, median of 7" });
}

async function benchLibp2p(): Promise<void> {
  const { connectLibp2p, generateIdentity } = await import("@petace/network/libp2p");
  await withTempDir("petace-bench-", async (dir) => {
    const id0 = await generateIdentity();
    const key1 = join(dir, "party1.key");
    const id1 = await generateIdentity(key1);
    const childDialMs: number[] = [];
    await benchRemote("libp2p", async (mode) => {
      let peer: ScriptProcess | undefined;
      const ch = await connectLibp2p({
        party: 0,
        listen: "/ip4/127.0.0.1/tcp/0",
        peer: `/p2p/${id1.peerId}`,
        identity: id0.privateKey,
        onListening: (addrs) => {
          const cfg: PeerConfig = { transport: "libp2p", party: 1, peer: addrs[0]!, identity: key1, mode };
          peer = spawnPeer(cfg);
        },
      });
      const connected = await peer!.waitForEvent("connected", 20_000);
      childDialMs.push(Number(connected.ms));
      return { ch, peer: peer! };
    });
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      let dial!: Promise<number>;
      const listening = connectLibp2p({
        party: 0,
        listen: "/ip4/127.0.0.1/tcp/0",
        peer: `/p2p/${id1.peerId}`,
        identity: id0.privateKey,
        onListening: (addrs) => {
          const t0 = performance.now();
          dial = connectLibp2p({ party: 1, peer: addrs[0]!, identity: id1.privateKey }).then(async (c) => {
            const ms = performance.now() - t0;
            await c.close();
            return ms;
          });
        },
      });
      const a = await listening;
      times.push(await dial);
      await a.close();
    }
    record({
      metric: "network.libp2p_dial_ms",
      value: median(times),
      unit: "ms",
      note: `node start + dial + Noise + Yamux + stream + hello, loopback, median of 7 (a freshly started peer process: ${childDialMs.map((m) => m.toFixed(0)).join(", ")} ms)`,
    });
  });
}

/** The floor: a plain socket, no framing, no copies beyond the kernel's. */
async function benchRaw(): Promise<void> {
  const serve = (mode: "sink" | "echo", bytes: number) =>
    new Promise<{ socket: net.Socket; server: net.Server; peer: ScriptProcess }>((resolve) => {
      let peer!: ScriptProcess;
      const server = net.createServer({ noDelay: true }, (socket) => {
        socket.on("error", () => {});
        resolve({ socket, server, peer });
      });
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as net.AddressInfo;
        peer = spawnPeer({ transport: "raw", party: 1, peer: `127.0.0.1:${port}`, mode, bytes });
      });
    });

  // Throughput: the peer acks every WARMUP bytes.
  const ms = await (async () => {
    const { socket, server, peer } = await serve("sink", WARMUP);
    let acks = 0;
    let wake: () => void = () => {};
    socket.on("data", (d: Buffer) => {
      acks += d.length / 8;
      wake();
    });
    const until = (n: number) => new Promise<void>((r) => (wake = () => acks >= n && r()));
    const buf = Buffer.alloc(MESSAGE, 0x5a);
    const send = async (bytes: number) => {
      // Same in-flight budget as the channel senders' flush interval.
      for (let sent = 0; sent < bytes; sent += MESSAGE) {
        socket.write(buf);
        if (socket.writableLength >= FLUSH_EVERY) await new Promise((r) => socket.once("drain", r));
      }
    };
    await Promise.all([send(WARMUP), until(1)]);
    let elapsed = Infinity;
    for (let run = 0; run < 2; run++) {
      const t0 = performance.now();
      await Promise.all([send(TOTAL), until(1 + ((run + 1) * TOTAL) / WARMUP)]);
      elapsed = Math.min(elapsed, performance.now() - t0);
    }
    socket.end();
    server.close();
    await peer.exit;
    return elapsed;
  })();

  const rtt = await (async () => {
    const { socket, server, peer } = await serve("echo", PING);
    let got = 0;
    let wake: () => void = () => {};
    socket.on("data", (d: Buffer) => {
      got += d.length;
      wake();
    });
    const ping = Buffer.alloc(PING);
    let sentPings = 0;
    const rounds = async (n: number) => {
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        const want = ++sentPings * PING;
        const back = new Promise<void>((r) => (wake = () => got >= want && r()));
        socket.write(ping);
        await back;
        times.push((performance.now() - t0) * 1000);
      }
      return times;
    };
    await rounds(RTT_WARMUP);
    const best = await bestMedian(() => rounds(RTT_ROUNDS));
    socket.end();
    server.close();
    await peer.exit;
    return best;
  })();
  recordPair("raw_socket", mbPerS(TOTAL, ms), rtt, "plain node:net baseline, no framing, loopback, peer in another process");
}

async function main(): Promise<void> {
  await benchMemory();
  await benchRaw();
  await benchTcp();
  await benchLibp2p();
}

await main();
