/**
 * The measurements of workers.bench.ts, run by both parties in lockstep over one channel: Beaver
 * triples through a provider made by `otCorrelations(...)`, and a fixed-point multiplication
 * program through a VM, each with correlations made in this thread and in worker threads. @internal
 */
import { otCorrelations } from "@petace/correlations";
import { memoryPair, substream, type Channel } from "@petace/network";
import { encodeFixed } from "@petace/primitives";
import { Duet } from "../src/duet.js";
import { ops } from "../src/index.js";

export interface Config {
  /** Worker threads per party (0: the in-thread provider). */
  workers: number;
  /** Arithmetic triples taken, in takes of 4096. */
  triples: number;
  /** Elements per fixed-point vector, and multiplications in sequence. */
  length: number;
  rounds: number;
}

export interface Figures {
  workers: number;
  /** Set-up of the provider (base OTs; worker start-up with workers). */
  providerSetupMs: number;
  triplesPerS: number;
  /** CPU of this process (all threads) per triple, in ns. */
  tripleCpuNs: number;
  vmSetupMs: number;
  /** The multiplication program after set-up (offline work included: nothing was reserved). */
  mulMs: number;
  mulCpuMs: number;
}

async function barrier(ch: Channel, tag: string): Promise<void> {
  ch.send(tag, new Uint8Array(1));
  await ch.recv(tag);
}

/**
 * One configuration as this party; both parties call it with the same `run` number, which names
 * the substreams this run uses, so nothing one run leaves behind meets the next.
 */
export async function measure(ch: Channel, run: number, cfg: Config): Promise<Figures> {
  const source = otCorrelations({ workers: cfg.workers });
  const triplesCh = substream(ch, `t${run}`);
  await barrier(ch, "bench/start");
  let t0 = performance.now();
  const provider = await source.create(triplesCh, ch.party);
  const providerSetupMs = performance.now() - t0;
  await barrier(ch, "bench/triples");
  const c0 = process.cpuUsage();
  t0 = performance.now();
  for (let done = 0; done < cfg.triples; done += 4096) await provider.arithTriples(4096);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  await provider.close?.();

  await triplesCh.close();
  // The VM closes its channel: a substream of its own.
  const vm = await Duet.create(substream(ch, `vm${run}`), ch.party, { correlations: source });
  const xs = Array.from({ length: cfg.length }, (_, i) => 1 + ((i % 7) - 3) / 64);
  const mine = (owner: 0 | 1) => (vm.party === owner ? { data: encodeFixed(xs, vm.fracBits), header: String(cfg.length) } : null);
  const describe = (h: string) => ({ n: Number(h), kind: "arith" as const });
  await barrier(ch, "bench/mul");
  const m0 = process.cpuUsage();
  t0 = performance.now();
  let x = await vm.input(0, mine(0), describe);
  const y = await vm.input(1, mine(1), describe);
  for (let r = 0; r < cfg.rounds; r++) x = vm.apply(ops.mul_aa, [x, y], undefined);
  await vm.reveal(x);
  const mulMs = performance.now() - t0;
  const mc = process.cpuUsage(m0);
  await vm.close();
  return {
    workers: cfg.workers,
    providerSetupMs,
    triplesPerS: cfg.triples / (ms / 1e3),
    tripleCpuNs: ((cpu.user + cpu.system) * 1e3) / cfg.triples,
    vmSetupMs: vm.setupMs,
    mulMs,
    mulCpuMs: (mc.user + mc.system) / 1e3,
  };
}

/** Both parties in this process over a memory channel; party 0's figures. */
export async function measureLocal(cfgs: Config[]): Promise<Figures[]> {
  const [a, b] = memoryPair({ timeoutMs: 600_000 });
  const out: Figures[] = [];
  for (const [run, cfg] of cfgs.entries()) {
    const [f0] = await Promise.all([measure(a, run, cfg), measure(b, run, cfg)]);
    out.push(f0);
  }
  await Promise.all([a.close(), b.close()]);
  return out;
}
