/**
 * A party 1 that speaks the channel's hello correctly over real libp2p (TCP + Noise + Yamux, the
 * right identity key) and then writes bad frames, for the frame-fault tests:
 *   node --import tsx --conditions=source test-e2e/src/evil-peer.ts <party 0 multiaddr> <key file> <mode>
 * modes: malformed (tag length 0), truncated (header promises more than is sent, then end),
 * oversized (declares 4 GiB - 1), out-of-order (a well-formed frame with a tag party 0 does not expect).
 * Stays connected until killed (except "truncated", which closes its side).
 */
import { noise } from "@chainsafe/libp2p-noise";
import { yamux } from "@chainsafe/libp2p-yamux";
import { tcp } from "@libp2p/tcp";
import { multiaddr } from "@multiformats/multiaddr";
import { loadIdentity } from "@petace/network/libp2p";
import { createLibp2p } from "libp2p";

const [target = "", keyFile = "", mode = ""] = process.argv.slice(2);

/** "PETACECH" | u16 version 1 | party 1 | flags 0 | u64 maxMessageBytes (1 GiB). */
function hello(): Uint8Array {
  const out = new Uint8Array(20);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode("PETACECH"), 0);
  view.setUint16(8, 1, true);
  out[10] = 1;
  view.setBigUint64(12, 1n << 30n, true);
  return out;
}

/** u32 LE payload length | u8 tag length | tag | payload (the length may lie). */
function frame(tag: string, payload: Uint8Array, declared = payload.length, tagLen?: number): Uint8Array {
  const t = new TextEncoder().encode(tag);
  const out = new Uint8Array(5 + t.length + payload.length);
  new DataView(out.buffer).setUint32(0, declared, true);
  out[4] = tagLen ?? t.length;
  out.set(t, 5);
  out.set(payload, 5 + t.length);
  return out;
}

const id = await loadIdentity(keyFile);
const node = await createLibp2p({
  privateKey: id.privateKey,
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
});
const stream = await node.dialProtocol(multiaddr(target), "/petace/channel/1.0.0", { signal: AbortSignal.timeout(15_000) });
stream.send(hello());
// Let party 0's hello arrive first, so the bad frame is read as a frame.
await new Promise((r) => setTimeout(r, 500));
const bytes = new Uint8Array(64).fill(7);
if (mode === "malformed") stream.send(frame("x", bytes, bytes.length, 0));
else if (mode === "oversized") stream.send(frame("ot/base/1", bytes, 0xffff_ffff));
else if (mode === "truncated") {
  stream.send(frame("ot/base/1", bytes, 1 << 20));
  await stream.close();
} else if (mode === "out-of-order") stream.send(frame("zz/not-yet/7", bytes));
else throw new RangeError(`evil-peer: unknown mode ${mode}`);
process.stdout.write("sent\n");
setInterval(() => {}, 1 << 30);
