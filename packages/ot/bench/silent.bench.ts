/**
 * Silent OT (Ferret) against IKNP, measured the same way: CPU ns per COT for each party and bytes
 * on the wire per COT, for one full main Ferret iteration's worth of COTs (n − k − t·h, about 10^7)
 * after the bootstrap (IKNP COTs and the pre iteration, excluded, as is IKNP's base-OT setup).
 *
 * Both parties run in one process over the in-memory channel pair, one after the other: the party
 * that only sends runs first (Ferret's sender, IKNP's receiver), then its peer consumes the queued
 * message; process.cpuUsage() around each party's call gives that party's CPU time alone. The
 * offline kernels in use (native or portable) are named in the notes. Best of RUNS.
 * Run alone: `npx tsx --conditions=source packages/ot/bench/silent.bench.ts` (QUICK=1 for one run).
 */
import { quick, record } from "@petace/bench";
import { memoryPair } from "@petace/network";
import { offlineKernels } from "@petace/offline-kernels";
import { randomBytes } from "@petace/primitives";
import { baseCount, FERRET_PARAMS, mpcotMessageBytes, OtSession, SilentOtSession } from "../src/index.js";

const RUNS = quick ? 1 : 2;
const { pre, main } = FERRET_PARAMS;
const N = main.n - baseCount(main);
const kernels = offlineKernels().name;

const cpuMs = (c: NodeJS.CpuUsage): number => (c.user + c.system) / 1000;
async function cpu(fn: () => Promise<unknown>): Promise<number> {
  const c0 = process.cpuUsage();
  await fn();
  return cpuMs(process.cpuUsage(c0));
}

// ---- silent ----
{
  const [c0, c1] = memoryPair({ timeoutMs: Number.POSITIVE_INFINITY });
  const [s0, s1] = await Promise.all([SilentOtSession.create(c0), SilentOtSession.create(c1)]);
  // Bootstrap: IKNP COTs and the pre iteration; then the pre iteration's leftovers.
  await Promise.all([s0.rcotSend(pre.n - baseCount(main)), s1.rcotReceive(pre.n - baseCount(main))]);
  let best = { send: Infinity, recv: Infinity, bytes: 0 };
  for (let run = 0; run < RUNS; run++) {
    const b0 = c0.stats.bytesSent + c1.stats.bytesSent;
    const send = await cpu(() => s0.rcotSend(N));
    const recv = await cpu(() => s1.rcotReceive(N));
    const bytes = c0.stats.bytesSent + c1.stats.bytesSent - b0;
    best = { send: Math.min(best.send, send), recv: Math.min(best.recv, recv), bytes };
  }
  if (best.bytes !== mpcotMessageBytes(main))
    throw new Error(`silent bench: ${best.bytes} bytes on the wire, expected ${mpcotMessageBytes(main)}`);
  const bits = (8 * best.bytes) / N;
  if (bits > 1) throw new Error(`silent bench: ${bits} bits per COT, above the 1-bit target`);
  record({
    metric: "ot.silent_cot_bits_per_ot",
    value: bits,
    unit: "bits/OT",
    size: N,
    note: "random COT, one main Ferret iteration, bootstrap excluded",
  });
  record({
    metric: "ot.silent_rcot_sender_ns_per_ot",
    value: (best.send * 1e6) / N,
    unit: "ns/OT",
    size: N,
    note: `CPU, Ferret sender; kernels ${kernels}`,
  });
  record({
    metric: "ot.silent_rcot_receiver_ns_per_ot",
    value: (best.recv * 1e6) / N,
    unit: "ns/OT",
    size: N,
    note: `CPU, Ferret receiver; kernels ${kernels}`,
  });
  // Chosen choices on top: the derandomization's own cost, on COTs already in the buffers (one
  // random COT first runs the next iteration, unmeasured), so the receiver's d goes first.
  await s0.rcotSend(1);
  await s1.rcotReceive(1);
  const m = 1 << 23;
  const r = randomBytes(m / 8);
  const recvC = await cpu(() => s1.cotReceive(r, m));
  const sendC = await cpu(() => s0.cotSend(m));
  record({
    metric: "ot.silent_derandomize_sender_ns_per_ot",
    value: (sendC * 1e6) / m,
    unit: "ns/OT",
    size: m,
    note: "CPU, chosen-choice cotSend on buffered COTs (add to the random-COT figure)",
  });
  record({
    metric: "ot.silent_derandomize_receiver_ns_per_ot",
    value: (recvC * 1e6) / m,
    unit: "ns/OT",
    size: m,
    note: "CPU, chosen-choice cotReceive on buffered COTs, 1 bit/OT sent",
  });
  await Promise.all([c0.close(), c1.close()]);
}

// ---- IKNP, same count, same method ----
{
  const [c0, c1] = memoryPair({ timeoutMs: Number.POSITIVE_INFINITY });
  const [s0, s1] = await Promise.all([OtSession.create(c0), OtSession.create(c1)]);
  let best = { send: Infinity, recv: Infinity, bytes: 0 };
  for (let run = 0; run < RUNS; run++) {
    const r = randomBytes(Math.ceil(N / 8));
    const b0 = c0.stats.bytesSent + c1.stats.bytesSent;
    const recv = await cpu(() => s1.cotReceive(r, N));
    const send = await cpu(() => s0.cotSend(N));
    const bytes = c0.stats.bytesSent + c1.stats.bytesSent - b0;
    best = { send: Math.min(best.send, send), recv: Math.min(best.recv, recv), bytes };
  }
  record({ metric: "ot.iknp_cot_bits_per_ot", value: (8 * best.bytes) / N, unit: "bits/OT", size: N, note: "random choices" });
  record({
    metric: "ot.iknp_cot_sender_ns_per_ot",
    value: (best.send * 1e6) / N,
    unit: "ns/OT",
    size: N,
    note: `CPU, IKNP sender; kernels ${kernels}`,
  });
  record({
    metric: "ot.iknp_cot_receiver_ns_per_ot",
    value: (best.recv * 1e6) / N,
    unit: "ns/OT",
    size: N,
    note: `CPU, IKNP receiver; kernels ${kernels}`,
  });
  await Promise.all([c0.close(), c1.close()]);
}
