/**
 * A Channel wrapper that keeps a copy of every payload this party sends and receives, so a test can
 * search the other party's view for secret values. It records at the Channel API (above Noise), which
 * is exactly what the peer's program gets to see. The tags this party sends (which carry the program
 * digest, in the clear) go to a text file, one per line.
 */
import { appendFileSync } from "node:fs";
import type { Channel, RecvOptions } from "@petace/network";

export class RecordingChannel implements Channel {
  readonly #inner: Channel;
  readonly #sentPath: string;
  readonly #recvPath: string;
  readonly #tagsPath: string;

  constructor(inner: Channel, pathPrefix: string) {
    this.#inner = inner;
    this.#sentPath = `${pathPrefix}.sent.bin`;
    this.#recvPath = `${pathPrefix}.recv.bin`;
    this.#tagsPath = `${pathPrefix}.tags.txt`;
  }

  get party() {
    return this.#inner.party;
  }
  get stats() {
    return this.#inner.stats;
  }
  get closed() {
    return this.#inner.closed;
  }

  send(tag: string, data: ArrayBufferView): void {
    // Copied before sending: ownership passes to the channel.
    appendFileSync(this.#sentPath, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    appendFileSync(this.#tagsPath, `${tag}\n`);
    this.#inner.send(tag, data);
  }

  async recv(tag: string, opts?: RecvOptions): Promise<Uint8Array> {
    const m = await this.#inner.recv(tag, opts);
    appendFileSync(this.#recvPath, m);
    return m;
  }

  flush(): Promise<void> {
    return this.#inner.flush();
  }
  close(): Promise<void> {
    return this.#inner.close();
  }
}
