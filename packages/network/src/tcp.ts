/**
 * The plain TCP transport. Fast and dependency-free, but NOT authenticated and NOT encrypted:
 * anyone who can reach party 0's port first becomes "party 1", and anyone on the path can read and
 * alter the traffic. Use it on a trusted network, or inside a TLS / SSH tunnel; between two
 * machines the libp2p transport (Noise, pinned PeerIds) is the default. Listening on or dialling an
 * address that is not loopback therefore logs a warning.
 */
import * as net from "node:net";
import { checkParty } from "@petace/primitives";
import {
  DEFAULT_CONNECT_TIMEOUT_MS,
  resolveChannelOptions,
  type Channel,
  type ChannelLogger,
  type PeerChannelOptions,
  type PartyId,
} from "./channel.js";
import { ConnectError, HandshakeError } from "./errors.js";
import { NotAPeerError } from "./handshake.js";
import { StreamChannel, type ByteLink } from "./stream-channel.js";
import { raceDeadline } from "./deadline.js";

export interface TcpOptions extends PeerChannelOptions {
  /** "host:port" party 0 listens on ("[::1]:port" for IPv6; port 0 picks a free one, see `onListening`). */
  listen?: string;
  /** "host:port" of party 0, which party 1 dials. */
  peer?: string;
  /** Called once party 0 listens, with the bound address (how a test learns the port chosen for port 0). */
  onListening?: (address: { host: string; port: number }) => void;
  /**
   * Party 0: how long a new connection may take to send its hello before it is dropped, in ms
   * (default 5000), so sockets that connect and say nothing cannot hold the slots the real party 1
   * needs.
   */
  helloTimeoutMs?: number;
}

/** Longest pause between two dial attempts of party 1. */
const MAX_RETRY_DELAY_MS = 250;
/** Connections party 0 lets finish their handshake at the same time (only one becomes the channel). */
const MAX_CANDIDATES = 16;
/** Default time a connection to party 0 has to send its hello (a petace-ts peer sends it at once). */
const DEFAULT_HELLO_TIMEOUT_MS = 5000;

/** True for hosts that cannot leave this machine: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === "::1" || h === "localhost" || /^::ffff:127\./.test(h);
}

function warnOffLoopback(logger: ChannelLogger, party: PartyId, addr: HostPort): void {
  if (isLoopbackHost(addr.host)) return;
  logger.warn(
    `party ${party}: plain TCP ${party === 0 ? "listening on" : "dialling"} ${addr.text}, which is not a loopback address: ` +
      `this transport has no authentication and no encryption (whoever connects first becomes party 1; anyone on the path can read and alter the traffic). ` +
      `Between machines use the libp2p transport (the default), or run TCP inside a TLS or SSH tunnel`,
  );
}

/**
 * Connects the two parties over TCP: party 0 listens on `listen` and accepts exactly one peer;
 * party 1 dials `peer`, retrying until `connectTimeoutMs`, so either may start first. Resolves
 * once both hellos are exchanged. Unauthenticated: see the module comment.
 */
export async function connectTcp(opts: TcpOptions): Promise<Channel> {
  checkParty("connectTcp", opts.party);
  const base = resolveChannelOptions(opts, "connectTcp");
  const connectTimeoutMs = opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  if (!(connectTimeoutMs > 0)) throw new RangeError(`connectTcp: connectTimeoutMs must be positive, got ${String(connectTimeoutMs)}`);
  const logger = opts.logger ?? console;
  const helloTimeoutMs = opts.helloTimeoutMs ?? DEFAULT_HELLO_TIMEOUT_MS;
  if (!(helloTimeoutMs > 0)) throw new RangeError(`connectTcp: helloTimeoutMs must be positive, got ${String(helloTimeoutMs)}`);
  if (opts.party === 0) {
    if (opts.listen === undefined) throw new RangeError(`connectTcp: party 0 needs listen: "host:port"`);
    const addr = parseHostPort(opts.listen, "connectTcp: listen");
    warnOffLoopback(logger, 0, addr);
    return listenOnce(addr, { ...base, connectTimeoutMs, helloTimeoutMs, logger, onListening: opts.onListening });
  }
  if (opts.peer === undefined) throw new RangeError(`connectTcp: party 1 needs peer: "host:port" (party 0's listen address)`);
  const addr = parseHostPort(opts.peer, "connectTcp: peer");
  warnOffLoopback(logger, 1, addr);
  return dial(addr, { ...base, connectTimeoutMs });
}

interface Resolved {
  timeoutMs: number;
  maxMessageBytes: number;
  maxQueuedBytes: number;
  connectTimeoutMs: number;
}

interface HostPort {
  host: string;
  port: number;
  text: string;
}

/** Parses "host:port" or "[ipv6]:port". */
export function parseHostPort(text: string, where: string): HostPort {
  if (typeof text !== "string") throw new TypeError(`${where} must be a "host:port" string, got ${typeof text}`);
  const m = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) throw new RangeError(`${where} must be "host:port" (or "[ipv6]:port"), got "${text}"`);
  return { host: (m[1] ?? m[2])!, port, text };
}

function listenOnce(
  addr: HostPort,
  o: Resolved & { helloTimeoutMs: number; logger: ChannelLogger; onListening: TcpOptions["onListening"] },
): Promise<Channel> {
  return new Promise<Channel>((resolve, reject) => {
    const server = net.createServer({ noDelay: true });
    const candidates = new Set<StreamChannel>();
    let where = addr.text;
    let done = false;
    const finish = (err: Error | undefined, winner?: StreamChannel) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      server.close();
      for (const c of candidates) if (c !== winner) void c.close();
      if (winner) resolve(winner);
      else reject(err);
    };
    const timer = setTimeout(
      () =>
        finish(
          new ConnectError(
            `party 0: no peer (party 1) completed a connection to ${where} within ${o.connectTimeoutMs} ms; ` +
              `start party 1 with peer "${where}" (and check firewalls), or raise connectTimeoutMs`,
          ),
        ),
      o.connectTimeoutMs,
    );
    server.on("error", (err) => {
      finish(new ConnectError(`party 0: cannot listen on ${addr.text}: ${err.message}`, { cause: err }));
    });
    server.on("connection", (socket) => {
      const from = `${socket.remoteAddress ?? "?"}:${socket.remotePort ?? "?"}`;
      if (done || candidates.size >= MAX_CANDIDATES) {
        socket.destroy();
        return;
      }
      const ch = socketChannel(0, socket, o, from);
      candidates.add(ch);
      // A connection that says nothing is dropped after helloTimeoutMs: otherwise MAX_CANDIDATES idle
      // sockets would shut the real party 1 out until the connect timeout.
      const silent = setTimeout(() => {
        if (done || !candidates.delete(ch)) return;
        o.logger.warn(
          `party 0: a connection from ${from} sent no hello within ${o.helloTimeoutMs} ms; dropped it, still waiting for party 1 on ${where}`,
        );
        socket.destroy();
        void ch.close();
      }, o.helloTimeoutMs);
      ch.ready.finally(() => clearTimeout(silent)).catch(() => {});
      ch.ready.then(
        () => {
          if (done) void ch.close();
          else finish(undefined, ch);
        },
        (err: unknown) => {
          // Not a candidate any more: dropped for silence (already reported) or after the race.
          if (!candidates.delete(ch) || done) return;
          if (err instanceof NotAPeerError) {
            o.logger.warn(`${err.message}; dropped it, still waiting for party 1 on ${where}`);
          } else if (err instanceof HandshakeError) {
            // A petace-ts peer that cannot talk to us (version, party id): waiting longer will not help.
            finish(err);
          } else {
            o.logger.warn(`party 0: a connection from ${from} ended before its handshake; still waiting for party 1 on ${where}`);
          }
        },
      );
    });
    server.listen(addr.port, addr.host, () => {
      const bound = server.address() as net.AddressInfo;
      where = bound.family === "IPv6" ? `[${bound.address}]:${bound.port}` : `${bound.address}:${bound.port}`;
      try {
        o.onListening?.({ host: bound.address, port: bound.port });
      } catch (err) {
        finish(err as Error);
      }
    });
  });
}

async function dial(addr: HostPort, o: Resolved): Promise<Channel> {
  const started = Date.now();
  const deadline = started + o.connectTimeoutMs;
  let delay = 10;
  let attempts = 0;
  let lastError: unknown;
  for (;;) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) break;
    attempts++;
    let ch: StreamChannel | undefined;
    try {
      const socket = await connectOnce(addr, remaining);
      ch = socketChannel(1, socket, o, addr.text);
      return await raceDeadline(ch.ready, deadline, () => new Error("no petace-ts hello came back")).then(() => ch!);
    } catch (err) {
      if (ch) void ch.close();
      if (err instanceof HandshakeError) throw err;
      lastError = err;
    }
    await sleep(Math.max(0, Math.min(delay, deadline - Date.now())));
    delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
  }
  const last = lastError instanceof Error ? lastError.message : String(lastError);
  throw new ConnectError(
    `party 1: could not connect to party 0 at ${addr.text} within ${o.connectTimeoutMs} ms ` +
      `(${attempts} attempts, last: ${last}); is party 0 running and listening there?`,
    { cause: lastError },
  );
}

function connectOnce(addr: HostPort, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: addr.host, port: addr.port, noDelay: true });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`connect to ${addr.text} timed out`));
    }, timeoutMs);
    const onError = (err: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(err);
    };
    socket.once("error", onError);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.off("error", onError);
      resolve(socket);
    });
  });
}

function socketChannel(party: PartyId, socket: net.Socket, o: Resolved, peerAddress: string): StreamChannel {
  socket.setNoDelay(true);
  // Notices a vanished machine (no FIN) on an idle link; the receive timeout covers the rest.
  socket.setKeepAlive(true, 15_000);
  const ch = new StreamChannel(party, {
    timeoutMs: o.timeoutMs,
    maxMessageBytes: o.maxMessageBytes,
    maxQueuedBytes: o.maxQueuedBytes,
    peerAddress,
  });
  const link = new SocketLink(socket, o.timeoutMs);
  socket.on("data", (chunk: Buffer) => ch.onData(chunk));
  socket.on("end", () => ch.onEnd());
  socket.on("error", (err) => ch.onError(err));
  socket.on("close", () => {
    link.onClose();
    ch.onEnd();
  });
  ch.attach(link);
  return ch;
}

/** A socket as a ByteLink: corked per tick (one writev for a burst of small messages), no copies. */
class SocketLink implements ByteLink {
  private corked = false;
  private pending = 0;
  private waiters: Array<{ resolve: () => void; reject: (err: Error) => void }> = [];

  constructor(
    private readonly socket: net.Socket,
    private readonly closeWaitMs: number,
  ) {}

  private readonly uncork = () => {
    this.corked = false;
    this.socket.uncork();
  };

  private readonly written = (err?: Error | null) => {
    this.pending--;
    if (err) this.failWaiters(err);
    else if (this.pending === 0) for (const w of this.waiters.splice(0)) w.resolve();
  };

  write(header: Uint8Array, payload: Uint8Array): void {
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(this.uncork);
    }
    this.pending++;
    if (payload.byteLength === 0) {
      this.socket.write(header, this.written);
    } else {
      this.socket.write(header);
      this.socket.write(payload, this.written);
    }
  }

  drained(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    if (this.socket.destroyed) return Promise.reject(new Error("socket destroyed with writes pending"));
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  end(): Promise<void> {
    const socket = this.socket;
    if (socket.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => socket.destroy(), Math.min(this.closeWaitMs, 2 ** 31 - 1));
      timer.unref();
      socket.once("close", () => {
        clearTimeout(timer);
        resolve();
      });
      socket.end();
    });
  }

  destroy(): void {
    this.socket.destroy();
  }

  // Node stops reading from the kernel once the socket's small read buffer is full, so the peer's
  // writes back up in TCP flow control.
  pauseReading(): void {
    this.socket.pause();
  }

  resumeReading(): void {
    this.socket.resume();
  }

  onClose(): void {
    if (this.pending > 0) this.failWaiters(new Error("connection closed with writes pending"));
  }

  private failWaiters(err: Error): void {
    for (const w of this.waiters.splice(0)) w.reject(err);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
