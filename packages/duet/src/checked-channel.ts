/**
 * The channel the kernels talk through: it appends what this party is evaluating (operator, the
 * operators just made, program digest) to every tag. The peer's channel checks tags, so when the two
 * parties diverge, even in local operators, the next message fails with both sides' positions, which
 * this wrapper turns into a DivergenceError (or a PeerAbortError when the peer stopped on purpose).
 */
import { ChannelClosedError, ProtocolMismatchError, substream, type Channel, type RecvOptions } from "@petace/network";
import { DivergenceError, PeerAbortError, type PartyPosition } from "./errors.js";

const ABORT = "vm/abort|";
const MAX_REASON = 200;

/** Keeps a label clear of the separators and short enough for a tag. */
export function cleanLabel(s: string, max = 40): string {
  return s.replace(/[|@~,\s]+/g, "_").slice(0, max) || "_";
}

export function formatContext(operator: string, digest: string, recent: readonly string[]): string {
  return `${cleanLabel(operator)}@${digest}~${recent.map((r) => cleanLabel(r, 24)).join(",")}`;
}

export function parsePosition(tag: string): PartyPosition {
  const bar = tag.indexOf("|");
  if (bar < 0) return { message: tag, operator: "(set-up or triple generation)", recent: [], digest: "-" };
  const message = tag.slice(0, bar);
  const ctx = tag.slice(bar + 1);
  const at = ctx.indexOf("@");
  const tilde = ctx.indexOf("~", at);
  const operator = at < 0 ? ctx : ctx.slice(0, at);
  const digest = at < 0 ? "-" : ctx.slice(at + 1, tilde < 0 ? undefined : tilde);
  const recent = tilde < 0 || tilde === ctx.length - 1 ? [] : ctx.slice(tilde + 1).split(",");
  return { message, operator, recent, digest };
}

export class CheckedChannel implements Channel {
  /** Set by the VM before each kernel call. */
  context = formatContext("setup", "00000000", []);

  constructor(readonly inner: Channel) {}

  get party() {
    return this.inner.party;
  }

  get stats() {
    return this.inner.stats;
  }

  get closed() {
    return this.inner.closed;
  }

  send(tag: string, data: ArrayBufferView): void {
    this.inner.send(`${tag}|${this.context}`, data);
  }

  async recv(tag: string, opts?: RecvOptions): Promise<Uint8Array> {
    try {
      return await this.inner.recv(`${tag}|${this.context}`, opts);
    } catch (e) {
      throw explain(this.inner.party, e);
    }
  }

  flush(): Promise<void> {
    return this.inner.flush();
  }

  /**
   * A substream of the underlying connection, unchecked: what runs on it (the correlation workers)
   * is not in step with the program, so the program's position cannot be in its tags.
   */
  substream(name: string): Channel {
    return substream(this.inner, name);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /**
   * After a failed send on a channel the peer closed: if the peer left a stop notice in the queue,
   * returns the PeerAbortError carrying its reason; otherwise `e` unchanged.
   */
  async explainClosed(e: unknown): Promise<unknown> {
    if (!(e instanceof ChannelClosedError)) return e;
    try {
      await this.inner.recv("vm/probe", { timeoutMs: 100 });
    } catch (m) {
      if (m instanceof ProtocolMismatchError && m.actual.startsWith(ABORT))
        return new PeerAbortError(this.inner.party, m.actual.slice(ABORT.length), { cause: e });
    }
    return e;
  }

  /** Best effort: tells the peer why this party stops (public reasons only), then hangs up. */
  async abort(reason: string): Promise<void> {
    try {
      if (!this.inner.closed) this.inner.send(ABORT + reason.replace(/\|/g, "/").slice(0, MAX_REASON), new Uint8Array(0));
    } catch {
      // The channel is already unusable: the hang-up below still tells the peer.
    }
    await this.inner.flush().catch(() => {});
    await this.inner.close().catch(() => {});
  }
}

/** Turns a tag mismatch into what it means for the user. */
export function explain(party: number, e: unknown): unknown {
  if (!(e instanceof ProtocolMismatchError)) return e;
  if (e.actual.startsWith(ABORT)) return new PeerAbortError(party, e.actual.slice(ABORT.length), { cause: e });
  return new DivergenceError(party, parsePosition(e.expected), parsePosition(e.actual), { cause: e });
}
