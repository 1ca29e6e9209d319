/**
 * A channel peer in its own OS process, for tests (a peer that gets killed) and benchmarks (the
 * far end of a throughput or ping-pong run). Run with
 *   node --import tsx --conditions=source packages/network/test/peer.ts '<json PeerConfig>'
 * It reports on stdout, one JSON object per line: {"event":"listening",...}, {"event":"connected",...},
 * {"event":"done",...}, {"event":"error","message":...}.
 */
import * as net from "node:net";
import { connectTcp, type Channel, type PartyId } from "@petace/network";

export interface PeerConfig {
  transport: "tcp" | "libp2p" | "raw";
  party: PartyId;
  listen?: string;
  peer?: string;
  /** libp2p: path of this side's key file. */
  identity?: string;
  connectTimeoutMs?: number;
  /**
   * idle: connect and wait. echo: answer each "ping" with a "pong" of the same size; an empty ping
   * ends. sink: take "bulk" messages; an empty one asks for a "done", a 1-byte one ends.
   * raw (transport "raw"): echo answers each `bytes`-sized ping; sink acks every `bytes` bytes.
   */
  mode: "idle" | "echo" | "sink";
  bytes?: number;
}

function report(event: string, fields: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ event, ...fields })}\n`);
}

async function connect(cfg: PeerConfig): Promise<Channel> {
  const t0 = performance.now();
  let ch: Channel;
  if (cfg.transport === "tcp") {
    ch = await connectTcp({
      party: cfg.party,
      ...(cfg.listen !== undefined ? { listen: cfg.listen } : {}),
      ...(cfg.peer !== undefined ? { peer: cfg.peer } : {}),
      connectTimeoutMs: cfg.connectTimeoutMs ?? 20_000,
      timeoutMs: 120_000,
      onListening: (a) => report("listening", { port: a.port }),
    });
  } else {
    const { connectLibp2p } = await import("@petace/network/libp2p");
    ch = await connectLibp2p({
      party: cfg.party,
      listen: cfg.listen ?? "/ip4/127.0.0.1/tcp/0",
      peer: cfg.peer!,
      identity: cfg.identity!,
      connectTimeoutMs: cfg.connectTimeoutMs ?? 20_000,
      timeoutMs: 120_000,
      onListening: (addrs) => report("listening", { addrs }),
    });
  }
  report("connected", { ms: performance.now() - t0 });
  return ch;
}

async function runChannel(cfg: PeerConfig): Promise<void> {
  const ch = await connect(cfg);
  if (cfg.mode === "idle") {
    // Stay until the parent kills us or the channel closes.
    await ch.recv("never", { timeoutMs: Infinity }).catch(() => {});
    return;
  }
  if (cfg.mode === "echo") {
    for (;;) {
      const ping = await ch.recv("ping");
      if (ping.byteLength === 0) break;
      ch.send("pong", ping);
    }
  } else {
    for (;;) {
      const m = await ch.recv("bulk");
      if (m.byteLength === 1) break;
      if (m.byteLength === 0) ch.send("done", new Uint8Array(8));
    }
  }
  await ch.close();
}

/** The raw node:net baseline: same traffic patterns, no framing beyond fixed sizes. */
async function runRaw(cfg: PeerConfig): Promise<void> {
  const socket = await new Promise<net.Socket>((resolve, reject) => {
    const [host, port] = cfg.peer!.split(":");
    const s = net.connect({ host: host!, port: Number(port), noDelay: true }, () => resolve(s));
    s.once("error", reject);
  });
  report("connected", {});
  const bytes = cfg.bytes ?? 1024;
  let seen = 0;
  const reply = Buffer.alloc(cfg.mode === "echo" ? bytes : 8);
  socket.on("data", (chunk: Buffer) => {
    // Echo: one reply per complete ping of `bytes`; sink: one 8-byte ack per `bytes` received.
    const before = Math.floor(seen / bytes);
    seen += chunk.length;
    for (let k = before; k < Math.floor(seen / bytes); k++) socket.write(reply);
  });
  await new Promise((resolve) => socket.once("close", resolve));
}

async function main(): Promise<void> {
  const cfg = JSON.parse(process.argv[2] ?? "{}") as PeerConfig;
  try {
    if (cfg.transport === "raw") await runRaw(cfg);
    else await runChannel(cfg);
    process.exit(0);
  } catch (err) {
    report("error", { name: (err as Error).name, message: (err as Error).message });
    process.exit(1);
  }
}

void main();
