/** The command-line flags every party program takes: --party, --listen, --peer, --key. */
export interface PartyArgs {
  party: 0 | 1;
  listen?: string;
  peer: string;
  key: string;
  rest: Map<string, string>;
}

export function parsePartyArgs(argv: string[]): PartyArgs {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) throw new RangeError(`unexpected argument "${a}": flags are --name value`);
    const v = argv[i + 1];
    if (v === undefined) throw new RangeError(`flag ${a} needs a value`);
    flags.set(a.slice(2), v);
    i++;
  }
  const party = flags.get("party");
  if (party !== "0" && party !== "1") throw new RangeError(`--party must be 0 or 1, got ${party ?? "nothing"}`);
  const peer = flags.get("peer");
  const key = flags.get("key");
  if (!peer) throw new RangeError("--peer is required: the other party's multiaddr ending in /p2p/<PeerId>");
  if (!key) throw new RangeError("--key is required: this party's identity key file (petace-net keygen)");
  const listen = flags.get("listen");
  for (const k of ["party", "peer", "key", "listen"]) flags.delete(k);
  return { party: party === "0" ? 0 : 1, peer, key, rest: flags, ...(listen ? { listen } : {}) };
}
