/**
 * The OT and triple measurements shared by the in-memory benchmarks (both parties in one process)
 * and the two-process ones (`party.ts`, one party per OS process). Both parties run the same
 * steps in lockstep; each step returns the median wall time and this party's bytes and messages per
 * run. @internal
 */
import type { Channel } from "@petace/network";
import { CRHASH_KEY, FixedKeyAes, randomBytes } from "@petace/primitives";
import { baseOtReceive, baseOtSend } from "@petace/ot";
import { OtSession, SilentOtSession } from "@petace/ot";
import { rotReceive, rotSend } from "@petace/ot";
import { arithTriplesFromCot, arithTriplesFromOt } from "../src/arith.js";
import { boolTriplesFromOt } from "../src/bool.js";
import { matrixTripleFromOt } from "../src/matrix.js";
import { daBitsFromOt } from "../src/dabits.js";

export type Step = "base" | "session" | "cot" | "cot2" | "rot" | "arith" | "arithSilent" | "and" | "dabits" | "mat64" | "mat100" | "mat256";

export interface Measure {
  step: Step;
  /** OTs, triples or daBits per run (1 for a matrix triple). */
  size: number;
  ms: number;
  /** Median CPU time of this process per run (user + system, all threads), in ms: with both parties in one process, both parties' work; robust to other load on the machine. */
  cpuMs: number;
  /** Median share of each run this party's event loop spent waiting (for the peer's bytes, mostly), 0..1. */
  idle: number;
  /** This party's bytes and messages sent per run. */
  bytesSent: number;
  messagesSent: number;
  /** The peer's (taken from the same run by an exchange of counters). */
  peerBytesSent: number;
}

export interface SuiteOptions {
  steps: Step[];
  quick: boolean;
}

async function barrier(ch: Channel, tag: string): Promise<void> {
  ch.send(tag, new Uint8Array(1));
  await ch.recv(tag);
}

async function timed(ch: Channel, step: Step, size: number, runs: number, warmup: number, fn: () => Promise<unknown>): Promise<Measure> {
  for (let i = 0; i < warmup; i++) {
    await barrier(ch, `bench/${step}/w`);
    await fn();
  }
  const times: number[] = [];
  const cpu: number[] = [];
  const idle: number[] = [];
  const b0 = ch.stats.bytesSent;
  const m0 = ch.stats.messagesSent;
  for (let i = 0; i < runs; i++) {
    await barrier(ch, `bench/${step}/b`);
    const e0 = performance.eventLoopUtilization();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e3);
    const e = performance.eventLoopUtilization(e0);
    idle.push(e.idle / Math.max(1e-9, e.idle + e.active));
  }
  // barriers are 1 byte each and not counted
  const bytesSent = (ch.stats.bytesSent - b0 - runs) / runs;
  const messagesSent = (ch.stats.messagesSent - m0 - runs) / runs;
  ch.send(`bench/${step}/stats`, new Float64Array([bytesSent]));
  const peer = await ch.recv(`bench/${step}/stats`);
  const peerBytesSent = new Float64Array(peer.buffer, peer.byteOffset, 1)[0]!;
  const median = (v: number[]) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  return { step, size, ms: median(times), cpuMs: median(cpu), idle: median(idle), bytesSent, messagesSent, peerBytesSent };
}

/** Runs the chosen steps as this party; both parties call it with the same options. */
export async function runSuite(ch: Channel, opts: SuiteOptions): Promise<Measure[]> {
  const out: Measure[] = [];
  const q = opts.quick;
  const has = (s: Step) => opts.steps.includes(s);
  if (has("base")) {
    const choices = randomBytes(16);
    out.push(
      await timed(ch, "base", 128, q ? 3 : 5, 1, () =>
        ch.party === 0 ? baseOtSend(ch, 128, "bench/base") : baseOtReceive(ch, choices, 128, "bench/base"),
      ),
    );
  }
  if (has("session")) out.push(await timed(ch, "session", 256, q ? 3 : 5, 1, () => OtSession.create(ch, { tag: "bench/session" })));
  const s = await OtSession.create(ch, { tag: "bench" });
  if (has("cot")) {
    const n = q ? 1 << 18 : 1 << 20;
    const r = randomBytes(n / 8);
    out.push(await timed(ch, "cot", n, q ? 3 : 7, 2, () => (ch.party === 0 ? s.cotSend(n) : s.cotReceive(r, n))));
  }
  if (has("cot2")) {
    // both directions at once: n COTs each way, 2n in all
    const n = q ? 1 << 18 : 1 << 20;
    const r = randomBytes(n / 8);
    out.push(await timed(ch, "cot2", 2 * n, q ? 3 : 7, 2, () => Promise.all([s.cotReceive(r, n), s.cotSend(n)])));
  }
  if (has("rot")) {
    const n = q ? 1 << 18 : 1 << 20;
    const r = randomBytes(n / 8);
    out.push(await timed(ch, "rot", n, q ? 3 : 7, 2, () => (ch.party === 0 ? rotSend(s, n) : rotReceive(s, r, n))));
  }
  if (has("arith")) {
    const n = q ? 1 << 14 : 1 << 16;
    out.push(await timed(ch, "arith", n, q ? 3 : 5, 1, () => arithTriplesFromOt(s, n)));
  }
  if (has("arithSilent")) {
    // Silent OT's steady state: 2^18 triples a run take 16.8 M COTs per role, so each run holds one
    // or two Ferret iterations per role (the warm-up runs the bootstrap and the first ones).
    const silent = await SilentOtSession.create(ch, { tag: "bench/silent" });
    const n = q ? 1 << 16 : 1 << 18;
    out.push(await timed(ch, "arithSilent", n, q ? 3 : 5, 1, () => arithTriplesFromCot(silent, n)));
  }
  if (has("and")) {
    const n = q ? 1 << 18 : 1 << 20;
    out.push(await timed(ch, "and", n, q ? 3 : 7, 2, () => boolTriplesFromOt(s, n)));
  }
  if (has("dabits")) {
    const n = q ? 1 << 16 : 1 << 18;
    out.push(await timed(ch, "dabits", n, q ? 3 : 5, 1, () => daBitsFromOt(s, n)));
  }
  if (has("mat64")) out.push(await timed(ch, "mat64", 1, q ? 1 : 3, 1, () => matrixTripleFromOt(s, 64, 64, 64)));
  if (has("mat100")) out.push(await timed(ch, "mat100", 1, q ? 1 : 3, 1, () => matrixTripleFromOt(s, 100, 100, 100)));
  if (has("mat256") && !q) out.push(await timed(ch, "mat256", 1, 1, 0, () => matrixTripleFromOt(s, 256, 256, 256)));
  return out;
}

/**
 * This machine's fixed-key AES rate in blocks/s: the best of several passes of 64 MiB through
 * FixedKeyAes in 256 KiB calls (the call size the OT code uses), the compute bound of everything here.
 */
export function machineAesRate(): number {
  const aes = new FixedKeyAes(CRHASH_KEY);
  const buf = randomBytes(256 * 1024);
  const out = new Uint8Array(buf.length);
  let best = Infinity;
  for (let r = 0; r < 7; r++) {
    const t0 = performance.now();
    for (let i = 0; i < 256; i++) aes.encryptBlocks(buf, out);
    best = Math.min(best, performance.now() - t0);
  }
  return (256 * buf.length) / 16 / (best / 1e3);
}
