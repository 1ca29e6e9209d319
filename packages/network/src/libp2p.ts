/**
 * The libp2p transport: TCP + Noise (encryption, and proof of each side's Ed25519 key) + Yamux,
 * with the peer pinned by PeerId. This is the default link between two machines.
 *
 * Authentication: a connection gater checks the remote PeerId right after the Noise handshake and
 * refuses any other identity, in both directions. Party 0 reports refused attempts (onRefused and
 * the logger) and keeps waiting; party 1 names the PeerId it found instead of the expected one.
 *
 * Everything a two-party link does not need is left out: no DHT, mDNS, relay, identify, ping or
 * autodial; the node dials nobody but the configured peer and accepts nobody else.
 * @module @petace/network/libp2p
 */
import "./polyfill.js";
import { noise } from "@chainsafe/libp2p-noise";
import { yamux } from "@chainsafe/libp2p-yamux";
import type { Connection, ConnectionGater, PeerId, PrivateKey, Stream } from "@libp2p/interface";
import { peerIdFromString } from "@libp2p/peer-id";
import { tcp } from "@libp2p/tcp";
import { multiaddr, type Multiaddr } from "@multiformats/multiaddr";
import { createLibp2p, type Libp2p } from "libp2p";
import { checkParty } from "@petace/primitives";
import { DEFAULT_CONNECT_TIMEOUT_MS, resolveChannelOptions, type Channel, type PeerChannelOptions } from "./channel.js";
import { ConnectError, HandshakeError, PeerIdentityError } from "./errors.js";
import { loadIdentity, peerIdOf } from "./identity.js";
import { StreamChannel, type ByteLink } from "./stream-channel.js";
import { raceDeadline } from "./deadline.js";

export { generateIdentity, loadIdentity, peerIdOf, type Identity, type PrivateKey } from "./identity.js";

/** The libp2p protocol id of the channel stream. */
export const CHANNEL_PROTOCOL = "/petace/channel/1.0.0";

export interface RefusedAttempt {
  /** The PeerId that completed the Noise handshake but is not the configured peer. */
  peerId: string;
  /** Where it came from (multiaddr). */
  address: string;
}

export interface Libp2pOptions extends PeerChannelOptions {
  /** Multiaddr party 0 listens on, e.g. "/ip4/0.0.0.0/tcp/8090" (port 0 picks one; see onListening). Party 1 does not listen and ignores it. */
  listen?: string;
  /**
   * The other party: for party 1, party 0's address with its PeerId, "/ip4/10.0.0.1/tcp/8090/p2p/12D3KooW...";
   * for party 0, only the PeerId matters ("/p2p/12D3KooW..." or a full multiaddr; a bare PeerId is accepted too).
   */
  peer: string;
  /** This party's identity: a key file path (made by `petace keygen`, or `generateIdentity(path)`) or a loaded private key. */
  identity: string | PrivateKey;
  /** Party 0: called once listening, with the full addresses (ending in /p2p/<own PeerId>) to give party 1. */
  onListening?: (multiaddrs: string[]) => void;
  /** Party 0: called for each connection refused because its PeerId is not the configured peer. */
  onRefused?: (attempt: RefusedAttempt) => void;
}

const MAX_RETRY_DELAY_MS = 250;
/** Read buffer a paused stream may fill: 16 MiB, yamux's largest stream window, plus slack. */
const PAUSED_READ_BUFFER_BYTES = 32 * 1024 * 1024;

/**
 * Connects the two parties over libp2p. Party 0 listens and waits for one channel stream from the
 * configured PeerId; party 1 dials, retrying until `connectTimeoutMs`, so either may start first.
 * `close()` closes the stream and stops the libp2p node.
 */
export async function connectLibp2p(opts: Libp2pOptions): Promise<Channel> {
  checkParty("connectLibp2p", opts.party);
  const { timeoutMs, maxMessageBytes, maxQueuedBytes } = resolveChannelOptions(opts, "connectLibp2p");
  const connectTimeoutMs = opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  if (!(connectTimeoutMs > 0)) throw new RangeError(`connectLibp2p: connectTimeoutMs must be positive, got ${String(connectTimeoutMs)}`);
  const party = opts.party;
  const logger = opts.logger ?? console;
  const { peerId: expected, dialAddr } = parsePeer(opts.peer, party);
  if (party === 0 && opts.listen === undefined) throw new RangeError(`connectLibp2p: party 0 needs listen, e.g. "/ip4/0.0.0.0/tcp/8090"`);
  const listenAddr = party === 0 ? parseMultiaddr(opts.listen!, "connectLibp2p: listen") : undefined;
  const privateKey = typeof opts.identity === "string" ? (await loadIdentity(opts.identity)).privateKey : opts.identity;
  const self = peerIdOf(privateKey);
  if (self === expected.toString()) {
    throw new RangeError(
      `connectLibp2p: party ${party}'s own identity is ${self}, the same PeerId it expects from the peer; each party needs its own key`,
    );
  }

  const deadline = Date.now() + connectTimeoutMs;
  // What party 1's current dial attempt got to: the PeerId it met instead of the expected one, or
  // how far the expected peer's connection went (a close right after Noise is party 0 refusing us).
  const attempt: Attempt = { metInstead: undefined, encrypted: false };
  const refused = { count: 0 };
  const isExpected = (id: PeerId) => id.equals(expected);
  const gater: ConnectionGater = {
    denyDialPeer: (id) => !isExpected(id),
    // Only party 0 accepts connections; party 1 does not even listen.
    denyInboundConnection: () => party !== 0,
    denyInboundEncryptedConnection: (id, maConn) => {
      if (isExpected(id)) return false;
      refused.count++;
      const who: RefusedAttempt = { peerId: id.toString(), address: maConn.remoteAddr.toString() };
      logger.warn(
        `party ${party}: refused a connection from ${who.peerId} at ${who.address}: not the configured peer ${expected.toString()}; still waiting`,
      );
      try {
        opts.onRefused?.(who);
      } catch {
        // A faulty callback must not break the gater.
      }
      return true;
    },
    denyOutboundEncryptedConnection: (id) => {
      if (isExpected(id)) {
        attempt.encrypted = true;
        return false;
      }
      attempt.metInstead = id.toString();
      return true;
    },
    denyInboundUpgradedConnection: (id) => !isExpected(id),
    denyOutboundUpgradedConnection: (id) => !isExpected(id),
    denyInboundRelayReservation: () => true,
    denyOutboundRelayedConnection: () => true,
    denyInboundRelayedConnection: () => true,
  };

  const node = await createLibp2p({
    start: false,
    privateKey,
    addresses: { listen: listenAddr ? [listenAddr.toString()] : [] },
    transports: [
      tcp({
        // Liveness is the channel's receive timeout and yamux keep-alive; a 2-minute socket idle
        // timeout would cut links during long local computations.
        inboundSocketInactivityTimeout: 0,
        outboundSocketInactivityTimeout: 0,
        dialOpts: { noDelay: true },
        listenOpts: { noDelay: true },
      }),
    ],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionGater: gater,
    connectionMonitor: { enabled: false },
    connectionManager: { maxConnections: 8, maxParallelDials: 1, reconnectRetries: 0 },
  });

  // The channel stops the node when it closes, but only once it is handed out: a failed attempt
  // during the dial loop must not stop the node the next attempt uses.
  const owner: Owner = { node: undefined };
  try {
    try {
      await node.start();
    } catch (err) {
      throw new ConnectError(
        `party ${party}: cannot start libp2p${listenAddr ? ` listening on ${listenAddr.toString()}` : ""}: ${(err as Error).message}`,
        {
          cause: err,
        },
      );
    }
    const ch =
      party === 0
        ? await acceptOne(node, {
            owner,
            expected,
            deadline,
            connectTimeoutMs,
            timeoutMs,
            maxMessageBytes,
            maxQueuedBytes,
            refused,
            onListening: opts.onListening,
          })
        : await dialUntil(node, {
            owner,
            target: dialAddr!,
            expected,
            deadline,
            connectTimeoutMs,
            timeoutMs,
            maxMessageBytes,
            maxQueuedBytes,
            attempt,
            self,
          });
    owner.node = node;
    return ch;
  } catch (err) {
    await stopQuietly(node);
    throw err;
  }
}

interface Attempt {
  metInstead: string | undefined;
  encrypted: boolean;
}

interface Owner {
  node: Libp2p | undefined;
}

interface Common {
  owner: Owner;
  expected: PeerId;
  deadline: number;
  connectTimeoutMs: number;
  timeoutMs: number;
  maxMessageBytes: number;
  maxQueuedBytes: number;
}

async function acceptOne(
  node: Libp2p,
  o: Common & { refused: { count: number }; onListening: Libp2pOptions["onListening"] },
): Promise<StreamChannel> {
  let taken = false;
  let onStream!: (s: { stream: Stream; connection: Connection }) => void;
  const inbound = new Promise<{ stream: Stream; connection: Connection }>((resolve) => (onStream = resolve));
  await node.handle(
    CHANNEL_PROTOCOL,
    (stream, connection) => {
      // The gater already refused other identities; this also refuses a second stream.
      if (taken || !connection.remotePeer.equals(o.expected)) {
        stream.abort(new Error("petace channel already taken"));
        return;
      }
      taken = true;
      onStream({ stream, connection });
    },
    { maxInboundStreams: 1, maxOutboundStreams: 1 },
  );
  const addrs = node.getMultiaddrs().map(String);
  o.onListening?.(addrs);
  const where = addrs.join(", ") || "(no address)";
  const timedOut = () =>
    new ConnectError(
      `party 0: no channel from party 1 (${o.expected.toString()}) on ${where} within ${o.connectTimeoutMs} ms` +
        (o.refused.count > 0 ? `; refused ${o.refused.count} connection(s) from other identities` : "") +
        `; start party 1 with peer "${addrs[0] ?? "<address>"}", or raise connectTimeoutMs`,
    );
  const { stream, connection } = await raceDeadline(inbound, o.deadline, timedOut);
  // libp2p's remoteAddr may already end in /p2p/<id>; name the PeerId once.
  const remote = connection.remoteAddr.toString();
  const peerId = connection.remotePeer.toString();
  const ch = streamChannel(0, stream, remote.endsWith(`/p2p/${peerId}`) ? remote : `${remote}/p2p/${peerId}`, o);
  await raceDeadline(ch.ready, o.deadline, timedOut).catch(async (err: unknown) => {
    await ch.close();
    throw err;
  });
  return ch;
}

async function dialUntil(node: Libp2p, o: Common & { target: Multiaddr; attempt: Attempt; self: string }): Promise<StreamChannel> {
  const where = `${o.target.toString()}/p2p/${o.expected.toString()}`;
  let delay = 10;
  let attempts = 0;
  let lastError: unknown;
  let refusals = 0;
  while (Date.now() < o.deadline) {
    attempts++;
    let ch: StreamChannel | undefined;
    const state = o.attempt;
    state.encrypted = false;
    let opened = false;
    try {
      const signal = AbortSignal.timeout(Math.max(1, o.deadline - Date.now()));
      // Dial the bare address and check the PeerId in the gater, so a mismatch can be named.
      const stream = await node.dialProtocol(o.target, CHANNEL_PROTOCOL, { signal });
      opened = true;
      ch = streamChannel(1, stream, where, o);
      await raceDeadline(ch.ready, o.deadline, () => new Error("no petace-ts hello came back"));
      return ch;
    } catch (err) {
      if (ch) await ch.close();
      if (state.metInstead !== undefined) {
        throw new PeerIdentityError(
          `party 1: the peer at ${o.target.toString()} is ${state.metInstead}, not the expected party 0 ${o.expected.toString()}; ` +
            `check the /p2p/ part of peer (or party 0's key file)`,
        );
      }
      // Party 0 proved its identity, then dropped the connection before our stream opened: that is
      // how its gater refuses our identity. Twice in a row, so a one-off network hiccup is not misread.
      refusals = state.encrypted && !opened && !isUnsupportedProtocol(err) ? refusals + 1 : 0;
      if (refusals >= 2) {
        throw new PeerIdentityError(
          `party 1: party 0 (${o.expected.toString()}) at ${o.target.toString()} refused this side's identity ${o.self} ` +
            `right after the Noise handshake; party 0's peer must end in /p2p/${o.self} (or use the key file it expects)`,
          { cause: err },
        );
      }
      if (err instanceof HandshakeError) throw err;
      lastError = err;
    }
    await sleep(Math.max(0, Math.min(delay, o.deadline - Date.now())));
    delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
  }
  const last = lastError instanceof Error ? lastError.message : String(lastError);
  throw new ConnectError(
    `party 1: could not open a channel to party 0 at ${where} within ${o.connectTimeoutMs} ms (${attempts} attempts, last: ${last}); ` +
      `is party 0 running there, and does it expect this side's PeerId ${o.self}?`,
    { cause: lastError },
  );
}

function streamChannel(party: 0 | 1, stream: Stream, peerAddress: string, o: Common): StreamChannel {
  const ch = new StreamChannel(party, {
    timeoutMs: o.timeoutMs,
    maxMessageBytes: o.maxMessageBytes,
    maxQueuedBytes: o.maxQueuedBytes,
    peerAddress,
  });
  // A paused stream keeps what is already in flight, up to yamux's largest receive window; the
  // default read buffer limit (4 MiB) is below that and would reset a merely paused stream.
  stream.maxReadBufferLength = Math.max(stream.maxReadBufferLength, PAUSED_READ_BUFFER_BYTES);
  stream.addEventListener("message", (evt) => {
    const data = evt.data;
    if (data instanceof Uint8Array) {
      ch.onData(data);
      return;
    }
    // One event can carry all that arrived while the stream was paused (up to a yamux window,
    // 16 MiB): once reading pauses again, the rest goes back to the stream, to be delivered on
    // resume, instead of into our queue.
    let used = 0;
    for (const chunk of data) {
      if (ch.budget.readingPaused && stream.readStatus === "paused") {
        data.consume(used);
        stream.unshift(data);
        return;
      }
      ch.onData(chunk);
      used += chunk.byteLength;
    }
  });
  // 'end': the peer closed its side and everything it sent has been delivered.
  stream.addEventListener("end", () => ch.onEnd());
  stream.addEventListener("close", (evt) => {
    if (evt.error) ch.onError(evt.error);
    else ch.onEnd();
  });
  ch.attach(new StreamLink(stream, o.owner, o.timeoutMs));
  return ch;
}

/** A libp2p stream as a ByteLink; closing it also stops the node, which exists only for this channel. */
class StreamLink implements ByteLink {
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly stream: Stream,
    private readonly owner: Owner,
    private readonly closeWaitMs: number,
  ) {}

  write(header: Uint8Array, payload: Uint8Array): void {
    // Both are appended to the stream's buffer by reference; yamux cuts them into frames.
    this.stream.send(header);
    if (payload.byteLength > 0) this.stream.send(payload);
  }

  drained(): Promise<void> {
    const s = this.stream;
    // 'idle' fires when the stream's write buffer empties into the muxer.
    if (s.writeBufferLength === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onIdle = () => {
        s.removeEventListener("close", onClose);
        resolve();
      };
      const onClose = () => {
        s.removeEventListener("idle", onIdle);
        reject(new Error("stream closed with writes pending"));
      };
      s.addEventListener("idle", onIdle, { once: true });
      s.addEventListener("close", onClose, { once: true });
    });
  }

  end(): Promise<void> {
    return (this.stopping ??= (async () => {
      const s = this.stream;
      const waitMs = Math.min(this.closeWaitMs, 2 ** 31 - 1);
      // The peer closes its side once it has read our close, so its close means it has everything
      // we sent; stopping the node before that can cut data still in libp2p's lower buffers.
      const peerDone = new Promise<void>((resolve) => {
        if (s.remoteWriteStatus === "closed" || s.status !== "open") return resolve();
        s.addEventListener("remoteCloseWrite", () => resolve(), { once: true });
        s.addEventListener("close", () => resolve(), { once: true });
      });
      // raceDeadline's timer is a ref'd one: AbortSignal.timeout's is not, and a close waiting on
      // it alone would let Node drain its event loop and exit mid-close.
      const deadline = Date.now() + waitMs;
      try {
        if (s.status === "open")
          await raceDeadline(s.close({ signal: AbortSignal.timeout(waitMs) }), deadline, () => new Error("close timed out"));
        await raceDeadline(peerDone, deadline, () => new Error("peer did not close"));
      } catch {
        s.abort(new Error("close timed out"));
      }
      await stopQuietly(this.owner.node);
    })());
  }

  // Paused, the stream stops granting yamux window: the peer stops sending once its window is used.
  pauseReading(): void {
    if (this.stream.readStatus === "readable") this.stream.pause();
  }

  resumeReading(): void {
    if (this.stream.readStatus === "paused") this.stream.resume();
  }

  destroy(): void {
    this.stream.abort(new Error("petace channel torn down"));
    this.stopping ??= stopQuietly(this.owner.node);
  }
}

/** `peer` as PeerId (+ dial address for party 1). */
function parsePeer(peer: string, party: 0 | 1): { peerId: PeerId; dialAddr: Multiaddr | undefined } {
  if (typeof peer !== "string" || peer === "")
    throw new TypeError(`connectLibp2p: peer must be a multiaddr string ending in /p2p/<PeerId>`);
  if (!peer.startsWith("/")) {
    if (party === 1)
      throw new RangeError(
        `connectLibp2p: party 1 needs peer as a full multiaddr, e.g. "/ip4/10.0.0.1/tcp/8090/p2p/<PeerId>", got "${peer}"`,
      );
    return { peerId: parsePeerId(peer), dialAddr: undefined };
  }
  const ma = parseMultiaddr(peer, "connectLibp2p: peer");
  const components = ma.getComponents();
  const last = components[components.length - 1];
  if (last?.name !== "p2p" || last.value === undefined) {
    throw new RangeError(`connectLibp2p: peer must end in /p2p/<PeerId> (the peer's identity is pinned), got "${peer}"`);
  }
  const peerId = parsePeerId(last.value);
  const dialAddr = multiaddr(ma.toString().slice(0, ma.toString().lastIndexOf("/p2p/")));
  if (party === 1 && dialAddr.getComponents().length === 0) {
    throw new RangeError(
      `connectLibp2p: party 1 needs party 0's address before /p2p/, e.g. "/ip4/10.0.0.1/tcp/8090/p2p/<PeerId>", got "${peer}"`,
    );
  }
  return { peerId, dialAddr };
}

function isUnsupportedProtocol(err: unknown): boolean {
  return err instanceof Error && err.name === "UnsupportedProtocolError";
}

function parsePeerId(text: string): PeerId {
  try {
    return peerIdFromString(text);
  } catch {
    throw new RangeError(`connectLibp2p: "${text}" is not a valid PeerId`);
  }
}

function parseMultiaddr(text: string, where: string): Multiaddr {
  try {
    return multiaddr(text);
  } catch (err) {
    throw new RangeError(`${where}: "${text}" is not a valid multiaddr (${(err as Error).message})`);
  }
}

async function stopQuietly(node: Libp2p | undefined): Promise<void> {
  if (!node) return;
  // Close connections before stop(): when both sides close at once, a connection aborted during
  // stop() is waited for until libp2p's 500 ms timeout; closed here, it is gone before stop() looks.
  await Promise.all(
    node.getConnections().map(async (c) => {
      try {
        await c.close({ signal: AbortSignal.timeout(1000) });
      } catch (err) {
        c.abort(err as Error);
      }
    }),
  );
  try {
    await node.stop();
  } catch {
    // Stopping is best effort: the channel is already closed for the caller.
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
