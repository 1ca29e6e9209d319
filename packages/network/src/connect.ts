/**
 * One entry point for a channel between two processes: libp2p (Noise-encrypted, peers pinned by
 * PeerId) by default, plain TCP (unauthenticated, unencrypted) on request; and the identities the
 * libp2p transport needs. The libp2p stack ("./libp2p.js", published as "@petace/network/libp2p")
 * and the key code ("./identity.js") are loaded only when a call needs them, so importing this
 * package for the memory or TCP channel loads neither.
 */
import type { Channel } from "./channel.js";
import type { Identity } from "./identity.js";
import type { Libp2pOptions } from "./libp2p.js";
import { connectTcp, type TcpOptions } from "./tcp.js";

export type ConnectOptions = (Libp2pOptions & { transport?: "libp2p" }) | (TcpOptions & { transport: "tcp" });

/** Connects this party to the other one (party 0 listens, party 1 dials); either may start first. */
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
  const { connectLibp2p } = await import("./libp2p.js");
  return connectLibp2p(p2p);
}

/** Creates an Ed25519 identity (and writes it to `path`, mode 0600, never overwriting). */
export async function generateIdentity(path?: string): Promise<Identity> {
  const { generateIdentity: gen } = await import("./identity.js");
  return gen(path);
}

/** Reads an identity written by `generateIdentity` (or `petace keygen`). */
export async function loadIdentity(path: string): Promise<Identity> {
  const { loadIdentity: load } = await import("./identity.js");
  return load(path);
}
