/** The VM over channels between two endpoints on real sockets (in one process here): TCP and the libp2p default. */
import { describe, expect, it } from "vitest";
import { connect, generateIdentity, type Channel } from "@petace/network";
import { Duet } from "./duet.js";
import { ops } from "./index.js";
import { dec, inputVec } from "../test/util.js";
import { insecureDealer } from "./index.js";

const quiet = { warn: () => {} };

async function program(channel: Channel): Promise<number[]> {
  const vm = await Duet.create(channel, channel.party, { correlations: insecureDealer });
  try {
    const x = await inputVec(vm, 0, channel.party === 0 ? [1.5, -2] : null, 2);
    const y = await inputVec(vm, 1, channel.party === 1 ? [2, 3] : null, 2);
    return dec((await vm.reveal(vm.apply(ops.mul_aa, [x, y], undefined))) as BigUint64Array);
  } finally {
    await vm.close();
  }
}

describe("Duet over connect's channels", () => {
  it('TCP (transport: "tcp")', async () => {
    let c0!: Promise<Channel>;
    const port = await new Promise<number>((resolve, reject) => {
      c0 = connect({ transport: "tcp", party: 0, listen: "127.0.0.1:0", onListening: (a) => resolve(a.port), logger: quiet });
      c0.catch(reject);
    });
    const [a, b] = await Promise.all([c0, connect({ transport: "tcp", party: 1, peer: `127.0.0.1:${port}` })]);
    const [r0, r1] = await Promise.all([program(a), program(b)]);
    expect(r0).toEqual([3, -6]);
    expect(r1).toEqual([3, -6]);
  });

  it("libp2p by default, peers pinned by PeerId", { timeout: 20_000 }, async () => {
    const [id0, id1] = await Promise.all([generateIdentity(), generateIdentity()]);
    let c0!: Promise<Channel>;
    const addrs = await new Promise<string[]>((resolve, reject) => {
      c0 = connect({
        party: 0,
        listen: "/ip4/127.0.0.1/tcp/0",
        peer: `/p2p/${id1.peerId}`,
        identity: id0.privateKey,
        onListening: resolve,
        logger: quiet,
      });
      c0.catch(reject);
    });
    const c1 = connect({ party: 1, peer: addrs[0]!, identity: id1.privateKey, logger: quiet });
    const [a, b] = await Promise.all([c0, c1]);
    const [r0, r1] = await Promise.all([program(a), program(b)]);
    expect(r0).toEqual([3, -6]);
    expect(r1).toEqual([3, -6]);
  });
});
