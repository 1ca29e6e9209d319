import { chmod, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChannelClosedError, ConnectError, IdentityError, PeerIdentityError, type Channel } from "@petace/network";
import { connectLibp2p, generateIdentity, loadIdentity, peerIdOf, type Identity, type Libp2pOptions } from "@petace/network/libp2p";
import type { ReceiveBudget } from "./receive-budget.js";
import { channelCompliance } from "../test/compliance.js";
import { freePort, spawnPeer } from "../test/peers.js";

const quiet = { warn: () => {} };
let dir: string;
let id0: Identity;
let id1: Identity;
let stranger: Identity;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "petace-libp2p-"));
  [id0, id1, stranger] = await Promise.all([generateIdentity(), generateIdentity(), generateIdentity()]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Party 0 listening on a kernel-chosen loopback port; resolves with its address and the pending channel. */
async function listener(opts: Partial<Libp2pOptions> = {}): Promise<{ addr: string; channel: Promise<Channel> }> {
  let channel!: Promise<Channel>;
  const addrs = await new Promise<string[]>((resolve, reject) => {
    channel = connectLibp2p({
      party: 0,
      listen: "/ip4/127.0.0.1/tcp/0",
      peer: `/p2p/${id1.peerId}`,
      identity: id0.privateKey,
      onListening: resolve,
      logger: quiet,
      ...opts,
    });
    channel.catch(reject);
  });
  return { addr: addrs[0]!, channel };
}

async function libp2pPair(): Promise<[Channel, Channel]> {
  const { addr, channel } = await listener();
  const b = connectLibp2p({ party: 1, peer: addr, identity: id1.privateKey, logger: quiet });
  return Promise.all([channel, b]);
}

channelCompliance("libp2p", libp2pPair);

describe("connectLibp2p: what the peer can make this side hold", () => {
  it("pauses the stream past the high-water mark, stays under maxQueuedBytes, and resumes as receives drain it", async () => {
    const cap = 8 << 20;
    const { addr, channel } = await listener({ maxQueuedBytes: cap });
    const [a, b] = await Promise.all([
      channel,
      connectLibp2p({ party: 1, peer: addr, identity: id1.privateKey, logger: quiet, maxQueuedBytes: cap }),
    ]);
    // 32 MiB ahead of any receive: yamux window stops the sender once our reads pause (a paused
    // stream that overflowed libp2p's read buffer would be reset instead).
    for (let i = 0; i < 32; i++) b.send("bulk", new Uint8Array(1 << 20));
    await new Promise((r) => setTimeout(r, 1000));
    const budget = (a as unknown as { budget: ReceiveBudget }).budget;
    expect(budget.readingPaused).toBe(true);
    expect(budget.queued).toBeLessThanOrEqual(cap);
    for (let i = 0; i < 32; i++) expect((await a.recv("bulk")).byteLength).toBe(1 << 20);
    await Promise.all([a.close(), b.close()]);
  }, 30_000);
});

describe("connectLibp2p", () => {
  it("connects whichever party starts first, with identities from key files", async () => {
    const k0 = join(dir, "order0.key");
    const k1 = join(dir, "order1.key");
    const [i0, i1] = await Promise.all([generateIdentity(k0), generateIdentity(k1)]);
    // Learn a free port from a first listener, then start party 1 before party 0 listens there.
    const probe = await listener({ identity: k0, peer: `/p2p/${i1.peerId}`, connectTimeoutMs: 200 });
    await probe.channel.catch(() => {});
    const addr = probe.addr;
    const dialing = connectLibp2p({ party: 1, peer: addr, identity: k1, connectTimeoutMs: 10_000, logger: quiet });
    await new Promise((r) => setTimeout(r, 300));
    const listen = addr.slice(0, addr.indexOf("/p2p/"));
    const [a, b] = await Promise.all([
      connectLibp2p({ party: 0, listen, peer: `/p2p/${i1.peerId}`, identity: k0, logger: quiet }),
      dialing,
    ]);
    expect(addr.endsWith(i0.peerId)).toBe(true);
    b.send("hi", new Uint8Array([5]));
    expect(Array.from(await a.recv("hi"))).toEqual([5]);
    await Promise.all([a.close(), b.close()]);
  });

  it("refuses a dialer with another identity (both sides told), and keeps waiting for the right one", async () => {
    const refused: string[] = [];
    const warnings: string[] = [];
    const { addr, channel } = await listener({ onRefused: (r) => refused.push(r.peerId), logger: { warn: (m) => warnings.push(m) } });
    const err = await connectLibp2p({ party: 1, peer: addr, identity: stranger.privateKey, connectTimeoutMs: 5000, logger: quiet }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PeerIdentityError);
    expect((err as Error).message).toContain(id0.peerId);
    expect((err as Error).message).toContain(stranger.peerId);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused.every((p) => p === stranger.peerId)).toBe(true);
    expect(warnings[0]).toMatch(new RegExp(`refused a connection from ${stranger.peerId} .* not the configured peer ${id1.peerId}`));
    const b = await connectLibp2p({ party: 1, peer: addr, identity: id1.privateKey, logger: quiet });
    const a = await channel;
    a.send("ok", new Uint8Array(1));
    expect((await b.recv("ok")).byteLength).toBe(1);
    await Promise.all([a.close(), b.close()]);
  });

  it("gives party 1 a PeerIdentityError naming the expected and the actual PeerId", async () => {
    const { addr, channel } = await listener({ connectTimeoutMs: 1000 });
    const wrong = addr.replace(id0.peerId, stranger.peerId);
    const err = await connectLibp2p({ party: 1, peer: wrong, identity: id1.privateKey, connectTimeoutMs: 5000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PeerIdentityError);
    expect((err as Error).message).toMatch(new RegExp(`is ${id0.peerId}, not the expected party 0 ${stranger.peerId}`));
    await expect(channel).rejects.toThrow(ConnectError);
  });

  it("gives ConnectErrors that say whom it waited for and how long", async () => {
    const port = await freePort();
    const err = await connectLibp2p({
      party: 1,
      peer: `/ip4/127.0.0.1/tcp/${port}/p2p/${id0.peerId}`,
      identity: id1.privateKey,
      connectTimeoutMs: 500,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectError);
    expect((err as Error).message).toMatch(
      new RegExp(`party 1: could not open a channel to party 0 at /ip4/127.0.0.1/tcp/${port}/p2p/${id0.peerId} within 500 ms`),
    );
    const lonely = await connectLibp2p({
      party: 0,
      listen: "/ip4/127.0.0.1/tcp/0",
      peer: id1.peerId,
      identity: id0.privateKey,
      connectTimeoutMs: 300,
    }).catch((e: unknown) => e);
    expect(lonely).toBeInstanceOf(ConnectError);
    expect((lonely as Error).message).toMatch(
      new RegExp(`party 0: no channel from party 1 \\(${id1.peerId}\\) on /ip4/127.0.0.1/tcp/\\d+/p2p/${id0.peerId} within 300 ms`),
    );
  });

  it("checks its options", async () => {
    const base = { identity: id0.privateKey, logger: quiet };
    await expect(connectLibp2p({ ...base, party: 0, peer: `/p2p/${id1.peerId}` })).rejects.toThrow(/party 0 needs listen/);
    await expect(connectLibp2p({ ...base, party: 1, peer: "/ip4/127.0.0.1/tcp/1" })).rejects.toThrow(/must end in \/p2p\/<PeerId>/);
    await expect(connectLibp2p({ ...base, party: 1, peer: id1.peerId })).rejects.toThrow(/full multiaddr/);
    await expect(connectLibp2p({ ...base, party: 1, peer: "/ip4/127.0.0.1/tcp/1/p2p/nope" })).rejects.toThrow(RangeError);
    await expect(connectLibp2p({ ...base, party: 0, listen: "not-a-multiaddr", peer: id1.peerId })).rejects.toThrow(
      /not a valid multiaddr/,
    );
    await expect(connectLibp2p({ ...base, party: 1, peer: `/ip4/127.0.0.1/tcp/1/p2p/${id0.peerId}` })).rejects.toThrow(/same PeerId/);
    const busy = await listener({ connectTimeoutMs: 2000 });
    const taken = busy.addr.slice(0, busy.addr.indexOf("/p2p/"));
    await expect(connectLibp2p({ ...base, party: 0, listen: taken, peer: id1.peerId })).rejects.toThrow(
      new RegExp(`party 0: cannot start libp2p listening on ${taken}`),
    );
    await busy.channel.catch(() => {});
  });

  it("rejects a pending receive promptly with ChannelClosedError when the peer process is killed", async () => {
    const k1 = join(dir, "killed1.key");
    const i1 = await generateIdentity(k1);
    const { addr, channel } = await listener({ peer: `/p2p/${i1.peerId}`, connectTimeoutMs: 20_000 });
    const peer = spawnPeer({ transport: "libp2p", party: 1, peer: addr, identity: k1, mode: "idle" });
    try {
      const a = await channel;
      await peer.waitForEvent("connected", 20_000);
      const pending = a.recv("never", { timeoutMs: 10_000 }).catch((e: unknown) => e);
      peer.kill();
      const err = await pending;
      // A ChannelClosedError, not the 10 s receive timeout's error: the close was noticed at once.
      expect(err).toBeInstanceOf(ChannelClosedError);
      await a.close();
    } finally {
      peer.kill();
    }
  });
});

describe("identity", () => {
  it("writes a 0600 key file, loads it back, and refuses to overwrite it", async () => {
    const path = join(dir, "party0.key");
    const made = await generateIdentity(path);
    expect(made.peerId).toMatch(/^12D3KooW/);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const loaded = await loadIdentity(path);
    expect(loaded.peerId).toBe(made.peerId);
    expect(peerIdOf(loaded.privateKey)).toBe(made.peerId);
    const before = await readFile(path);
    await expect(generateIdentity(path)).rejects.toThrow(IdentityError);
    await expect(generateIdentity(path)).rejects.toThrow(/already exists; refusing to overwrite/);
    expect(Buffer.compare(await readFile(path), before)).toBe(0);
  });

  it("names the path for a missing, unreadable or corrupt key file", async () => {
    const missing = join(dir, "nope.key");
    await expect(loadIdentity(missing)).rejects.toThrow(
      `no identity key file at ${missing}; create one with \`petace keygen --out ${missing}\``,
    );
    const corrupt = join(dir, "corrupt.key");
    await writeFile(corrupt, "this is not a key");
    await expect(loadIdentity(corrupt)).rejects.toThrow(new RegExp(`${corrupt} is not a valid identity key file.*petace keygen --out`));
    await expect(loadIdentity(dir)).rejects.toThrow(/is not a regular file/);
    const big = join(dir, "big.key");
    await writeFile(big, new Uint8Array(100_000));
    await expect(loadIdentity(big)).rejects.toThrow(/too large/);
    if (process.getuid?.() !== 0) {
      const locked = join(dir, "locked.key");
      await generateIdentity(locked);
      await chmod(locked, 0o000);
      await expect(loadIdentity(locked)).rejects.toThrow(new RegExp(`cannot read ${locked}`));
    }
    if (process.platform !== "win32") {
      // Readable by group or others: refused as ssh does, with the chmod that fixes it.
      const open = join(dir, "open.key");
      await generateIdentity(open);
      for (const [mode, who] of [
        [0o640, "its group"],
        [0o604, "others"],
        [0o644, "its group and others"],
      ] as const) {
        await chmod(open, mode);
        await expect(loadIdentity(open)).rejects.toThrow(
          `${open} is accessible to ${who} (mode 0${mode.toString(8)}); an identity key must be private to its owner`,
        );
      }
      await expect(loadIdentity(open)).rejects.toThrow(`Run \`chmod 600 ${open}\``);
      await chmod(open, 0o600);
      await expect(loadIdentity(open)).resolves.toMatchObject({ peerId: expect.stringMatching(/^12D3KooW/) });
    }
    await expect(connectLibp2p({ party: 1, peer: `/ip4/127.0.0.1/tcp/1/p2p/${id0.peerId}`, identity: missing })).rejects.toThrow(
      IdentityError,
    );
    await expect(generateIdentity(join(dir, "no-such-dir", "x.key"))).rejects.toThrow(/cannot create/);
  });
});
