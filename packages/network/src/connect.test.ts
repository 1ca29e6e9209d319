/** `connect`: two endpoints over real sockets (in one process here), TCP and the libp2p default. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, exchange, generateIdentity, IdentityError, loadIdentity, type Channel } from "@petace/network";

const quiet = { warn: () => {} };

/** One round each way under one tag; both sides must see the other's bytes. */
async function talk(a: Channel, b: Channel): Promise<void> {
  try {
    const [fromB, fromA] = await Promise.all([
      exchange(a, "hello", new Uint8Array([0, 1, 2])),
      exchange(b, "hello", new Uint8Array([1, 9])),
    ]);
    expect([...fromB]).toEqual([1, 9]);
    expect([...fromA]).toEqual([0, 1, 2]);
    expect([a.party, b.party]).toEqual([0, 1]);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}

describe("connect", () => {
  it('TCP (transport: "tcp")', async () => {
    let c0!: Promise<Channel>;
    const port = await new Promise<number>((resolve, reject) => {
      c0 = connect({ transport: "tcp", party: 0, listen: "127.0.0.1:0", onListening: (a) => resolve(a.port), logger: quiet });
      c0.catch(reject);
    });
    const [a, b] = await Promise.all([c0, connect({ transport: "tcp", party: 1, peer: `127.0.0.1:${port}` })]);
    await talk(a, b);
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
    const c1 = connect({ transport: "libp2p", party: 1, peer: addrs[0]!, identity: id1.privateKey, logger: quiet });
    const [a, b] = await Promise.all([c0, c1]);
    await talk(a, b);
  });

  it("checks its options", async () => {
    await expect(connect(null as never)).rejects.toThrow(/connect: options must be an object/);
    await expect(connect({ transport: "udp" } as never)).rejects.toThrow(/connect: transport must be "libp2p" or "tcp", got udp/);
  });
});

describe("generateIdentity and loadIdentity (root exports)", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "petace-connect-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("write a key file and read the same PeerId back; a missing file names `petace keygen`", async () => {
    const path = join(dir, "p.key");
    const made = await generateIdentity(path);
    expect(made.peerId).toMatch(/^12D3KooW\w+$/);
    expect((await loadIdentity(path)).peerId).toBe(made.peerId);
    const missing = join(dir, "nope.key");
    await expect(loadIdentity(missing)).rejects.toThrow(IdentityError);
    await expect(loadIdentity(missing)).rejects.toThrow(`petace keygen --out ${missing}`);
  });
});
