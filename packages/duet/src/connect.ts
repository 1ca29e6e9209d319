/**
 * Channels between two processes, delegated to @petace/network. libp2p (Noise-encrypted,
 * peers pinned by PeerId) is the default; plain TCP (unauthenticated, unencrypted) on request.
 * The libp2p stack is loaded only when used.
 */
import { connectTcp, type Channel, type Identity, type Libp2pOptions, type TcpOptions } from "@petace/network";

export type ConnectOptions = (Libp2pOptions & { transport?: "libp2p" }) | (TcpOptions & { transport: "tcp" });

/** Connects this party to the other one; pass the channel to `Duet.create`. */
export async function connect(options: ConnectOptions): Promise<Channel> {
  if (typeof options !== "object" || options === null) throw new TypeError("connect: options must be an object");
  if (options.transport === "tcp") {
    const { transport: _t, ...tcp } = options;
    return connectTcp(tcp);
  }
  if (options.transport !== undefined && options.transport !== "libp2p") {
    throw new RangeError(`connect: transport must be "libp2p" or "tcp", got ${String(options.transport)}`);
  }
  const { transport: _t, ...p2p } = options;
  const { connectLibp2p } = await import("@petace/network/libp2p");
  return connectLibp2p(p2p);
}

/** Creates an Ed25519 identity (and writes it to `path`, mode 0600, never overwriting). */
export async function generateIdentity(path?: string): Promise<Identity> {
  const { generateIdentity: gen } = await import("@petace/network/libp2p");
  return gen(path);
}

/** Reads an identity written by `generateIdentity`. */
export async function loadIdentity(path: string): Promise<Identity> {
  const { loadIdentity: load } = await import("@petace/network/libp2p");
  return load(path);
}
