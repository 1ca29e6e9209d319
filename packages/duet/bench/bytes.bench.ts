/**
 * Bytes and rounds per operator, per party, measured by the channels' counters: the online phase on
 * the VM's channel and the offline phase (the correlations the call drew, made by the in-thread OT
 * provider: IKNP over Chou–Orlandi base OTs, Gilboa products) on a channel of the provider's own,
 * each next to the best published two-party figure we compare with. Both parties in one process
 * over memory channels: bytes and rounds do not depend on the transport or the link. Writes the
 * records and the side-by-side table `bench/tables/bytes.md`, which `pnpm bench` puts into
 * bench/RESULTS.md. Run alone: `npx tsx --conditions=source packages/duet/bench/bytes.bench.ts`
 * (or `pnpm bench bytes`).
 *
 * The provider refills in batches of 256 items (at most 255 unused items per kind are counted) and
 * the VM's prefetch is off, so the offline bytes are those of the call's own correlations.
 *
 * Silent-OT rows (metric suffix `_silent`): the same provider with `ot: "silent"` (Ferret, the 128-bit
 * parameter sets), one session pair for all of them, its pools emptied before each case (taken
 * without a message), so a case counts only the refills it causes. The Ferret iterations' own
 * messages (and the IKNP bootstrap of the first) are counted apart and replaced by their steady-state
 * share, the main set's message over the COTs an iteration leaves, times the COTs this party served
 * as sender in the case (`otCounts`): 0.447 bits per COT, the bytes per operation of a long session.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { quick, record } from "@petace/bench";
import { OtCorrelationProvider } from "@petace/correlations";
import { memoryPair, type Channel, type ChannelStats, type PartyId } from "@petace/network";
import { encodeFixed, SeededRandom } from "@petace/primitives";
import { Duet, type DuetOptions } from "../src/duet.js";
import { ops } from "../src/index.js";
import type { Node } from "../src/node.js";

/** Elements per call: cheap operators, and the nonlinear ones (hundreds of correlations per element). */
const N = quick ? 1 << 10 : 1 << 12;
const N_NONLINEAR = quick ? 1 << 8 : 1 << 10;
const BATCH = { arith: 256, bool: 256, daBits: 256, randomOts: 256, squares: 256 };

interface Row {
  key: string;
  what: string;
  /** Elements the per-element figures divide by (for a matrix product, output elements). */
  n: number;
  online: [number, number];
  offline: [number, number];
  rounds: number;
  offlineRounds: number;
  published: string;
}

const rng = new SeededRandom(7);
const data = (n: number, lo: number, hi: number): BigUint64Array =>
  encodeFixed(
    Array.from({ length: n }, () => lo + (hi - lo) * rng.float()),
    16,
  );

type Build = (vm: Duet, x: Node, y: Node) => Node;

interface Case {
  key: string;
  what: string;
  /** Input elements of each operand, and the elements the figures are per. */
  inputs: [number, number];
  per: number;
  build: Build;
  options?: DuetOptions;
  published: string;
}

const delta = (a: ChannelStats, b: ChannelStats) => ({ sent: a.bytesSent - b.bytesSent, rounds: a.rounds - b.rounds });

/** One party's provider for a case, and the offline bytes and rounds it sends from `mark` on. */
interface Offline {
  provider: OtCorrelationProvider;
  mark(): () => { sent: number; rounds: number };
  release(): Promise<void>;
}

/** Both parties' Offline for one case: a fresh IKNP provider pair, or the shared silent one. */
type OfflineSource = () => Promise<[Offline, Offline]>;

const iknpSource: OfflineSource = async () => {
  const [a, b] = memoryPair({ timeoutMs: 600_000 });
  const one = async (ch: Channel, id: PartyId): Promise<Offline> => {
    const provider = await OtCorrelationProvider.create(ch, id, { batch: BATCH });
    return {
      provider,
      mark: () => {
        const s0 = { ...ch.stats };
        return () => delta(ch.stats, s0);
      },
      release: () => ch.close(),
    };
  };
  return Promise.all([one(a, 0), one(b, 1)]);
};

/** Ferret iteration messages, and the IKNP COTs that bootstrap the first iteration (by tag). */
const FERRET_TAG = /\/ferret(-boot)?\//;

/** `ch` with the bytes it sends under Ferret's tags counted apart. */
function countingFerret(ch: Channel): { channel: Channel; ferretSent: () => number } {
  let ferret = 0;
  const channel = new Proxy(ch, {
    get(target, key) {
      if (key === "send")
        return (tag: string, data: ArrayBufferView) => {
          if (FERRET_TAG.test(tag)) ferret += data.byteLength;
          target.send(tag, data);
        };
      const v: unknown = Reflect.get(target, key, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
  return { channel, ferretSent: () => ferret };
}

/** Takes every ready item of each kind (no message): the next case starts with empty pools. */
async function drain(p: OtCorrelationProvider): Promise<void> {
  const s = p.stats;
  await p.arithTriples(s.arith.available);
  await p.boolTriples(s.bool.available);
  await p.daBits(s.daBits.available);
  await p.randomOts(s.randomOts.available);
  await p.squarePairs(s.squares.available);
}

/** The silent-OT provider pair shared by every silent case (Ferret's iterations are large). */
async function silentSource(): Promise<{
  source: OfflineSource;
  close(): Promise<void>;
  setup: [number, number];
  ferretSent: [() => number, () => number];
}> {
  const [a, b] = memoryPair({ timeoutMs: 600_000 });
  const one = async (raw: Channel, id: PartyId) => {
    const { channel, ferretSent } = countingFerret(raw);
    const provider = await OtCorrelationProvider.create(channel, id, { batch: BATCH, ot: "silent" });
    const offline: Offline = {
      provider,
      mark: () => {
        const s0 = { ...raw.stats },
          f0 = ferretSent(),
          c0 = provider.otCounts.sent;
        return () => {
          const d = delta(raw.stats, s0);
          const c = provider.otCounts;
          return { sent: d.sent - (ferretSent() - f0) + (c.sent - c0) * c.ferretBytesPerCot, rounds: d.rounds };
        };
      },
      release: async () => {},
    };
    return { offline, setup: raw.stats.bytesSent, ferretSent };
  };
  const [o0, o1] = await Promise.all([one(a, 0), one(b, 1)]);
  return {
    ferretSent: [o0.ferretSent, o1.ferretSent],
    source: async () => {
      await Promise.all([drain(o0.offline.provider), drain(o1.offline.provider)]);
      return [o0.offline, o1.offline];
    },
    close: () => a.close(),
    setup: [o0.setup, o1.setup],
  };
}

/** Runs one case as both parties; returns each party's online and offline bytes and rounds. */
async function measure(c: Case, offline: OfflineSource = iknpSource, suffix = ""): Promise<Row> {
  const [v0, v1] = memoryPair({ timeoutMs: 600_000 });
  const offs = await offline();
  const xs = data(c.inputs[0], -4, 4);
  const ys = data(c.inputs[1], 0.5, 4);
  const party = async (vch: Channel, off: Offline, id: PartyId) => {
    const provider = off.provider;
    const vm = await Duet.create(vch, id, { correlations: provider, prefetch: false, ...c.options });
    const header = (n: number) => ({ n, kind: "arith" as const });
    const x = await vm.input(0, id === 0 ? { data: xs, header: String(c.inputs[0]) } : null, (h) => header(Number(h)));
    const y = await vm.input(1, id === 1 ? { data: ys, header: String(c.inputs[1]) } : null, (h) => header(Number(h)));
    await vm.evaluate();
    const on0 = { ...vch.stats },
      offAt = off.mark();
    c.build(vm, x, y);
    await vm.evaluate();
    const on = delta(vch.stats, on0);
    const offDelta = offAt();
    await vm.close();
    await off.release();
    return { on, off: offDelta };
  };
  const [r0, r1] = await Promise.all([party(v0, offs[0], 0), party(v1, offs[1], 1)]);
  return {
    key: c.key + suffix,
    what: c.what,
    n: c.per,
    online: [r0.on.sent / c.per, r1.on.sent / c.per],
    offline: [r0.off.sent / c.per, r1.off.sent / c.per],
    rounds: Math.max(r0.on.rounds, r1.on.rounds),
    offlineRounds: Math.max(r0.off.rounds, r1.off.rounds),
    published: c.published,
  };
}

/** Correlations alone, straight from the provider (no online phase). */
async function measureProvider(
  key: string,
  what: string,
  n: number,
  take: (p: OtCorrelationProvider) => Promise<unknown>,
  published: string,
  offline: OfflineSource = iknpSource,
): Promise<Row> {
  const offs = await offline();
  const one = async (off: Offline) => {
    const done = off.mark();
    await take(off.provider);
    const d = done();
    await off.release();
    return d;
  };
  const [r0, r1] = await Promise.all([one(offs[0]), one(offs[1])]);
  return {
    key,
    what,
    n,
    online: [0, 0],
    offline: [r0.sent / n, r1.sent / n],
    rounds: 0,
    offlineRounds: Math.max(r0.rounds, r1.rounds),
    published,
  };
}

const M = 64;
const unary =
  (op: keyof typeof ops): Build =>
  (vm, x) =>
    vm.apply(ops[op] as never, [x], undefined as never);
const binary =
  (op: keyof typeof ops): Build =>
  (vm, x, y) =>
    vm.apply(ops[op] as never, [x, y], undefined as never);

const CASES: Case[] = [
  {
    key: "lt64",
    what: "64-bit less-than (`lt`: msb of x − y, millionaires' protocol)",
    inputs: [N, N],
    per: N,
    build: (vm, x, y) => vm.apply(ops.msb_a, [vm.apply(ops.sub_aa, [x, y], undefined)], undefined),
    published: "Cheetah / SPU millionaires' on silent OT: 690 bits ≈ 86 B",
  },
  { key: "eq64", what: "64-bit equality (`eq_aa`)", inputs: [N, N], per: N, build: binary("eq_aa"), published: "—" },
  {
    key: "trunc_exact",
    what: "truncation by 16 bits, exact (`trunc_a`, the default)",
    inputs: [N, N],
    per: N,
    build: (vm, x) => vm.apply(ops.trunc_a, [x], { bits: 16 }),
    published: "—",
  },
  {
    key: "trunc_stochastic",
    what: "truncation by 16 bits, stochastic (opt-in)",
    inputs: [N, N],
    per: N,
    build: (vm, x) => vm.apply(ops.trunc_a, [x], { bits: 16 }),
    options: { truncation: "stochastic" },
    published: "—",
  },
  {
    key: "mul_int",
    what: "Z_2^64 product (`mulInt_aa`: one Beaver triple)",
    inputs: [N, N],
    per: N,
    build: binary("mulInt_aa"),
    published: "PETAce (homomorphic triples), measured in issue 14: ~530 B one way, ~270 B the other",
  },
  {
    key: "mul_fixed",
    what: "fixed-point product (`mul_aa`, exact truncation)",
    inputs: [N, N],
    per: N,
    build: binary("mul_aa"),
    published: "—",
  },
  {
    key: "matmul",
    what: `fixed-point matrix product ${M}×${M}·${M}×${M} (\`matmul_aa\`), per output element`,
    inputs: [M * M, M * M],
    per: M * M,
    build: (vm, x, y) => vm.apply(ops.matmul_aa, [x, y], { m: M, k: M, n: M }),
    published: "—",
  },
  { key: "exp", what: "exp (`exp_a`)", inputs: [N_NONLINEAR, N_NONLINEAR], per: N_NONLINEAR, build: unary("exp_a"), published: "—" },
  {
    key: "sigmoid",
    what: "sigmoid (`sigmoid_a`)",
    inputs: [N_NONLINEAR, N_NONLINEAR],
    per: N_NONLINEAR,
    build: unary("sigmoid_a"),
    published: "—",
  },
  {
    key: "reciprocal",
    what: "reciprocal (`reciprocal_a`)",
    inputs: [N_NONLINEAR, N_NONLINEAR],
    per: N_NONLINEAR,
    build: unary("reciprocal_a"),
    published: "—",
  },
  {
    key: "div",
    what: "division (`div_aa`)",
    inputs: [N_NONLINEAR, N_NONLINEAR],
    per: N_NONLINEAR,
    build: binary("div_aa"),
    published: "—",
  },
  {
    key: "sort16",
    what: "sort of rows of 16 (`sort_a`, bitonic), per element",
    inputs: [N_NONLINEAR, N_NONLINEAR],
    per: N_NONLINEAR,
    build: (vm, x) => vm.apply(ops.sort_a, [x], { rows: N_NONLINEAR / 16, cols: 16, descending: false }),
    published: "—",
  },
];

const rows: Row[] = [];
rows.push(
  await measureProvider(
    "triple",
    "Z_2^64 Beaver triple (offline only)",
    N,
    (p) => p.arithTriples(N),
    "≈ 260 B with silent OT (the Gilboa corrections; COTs < 1 bit each)",
  ),
);
rows.push(
  await measureProvider(
    "cot",
    "random OT (IKNP), per OT each way (offline only)",
    N,
    (p) => p.randomOts(N),
    "IKNP 16 B; Ferret (silent OT): 0.28 bits per COT (emp-ot's table)",
  ),
);
rows.push(
  await measureProvider(
    "and_triple",
    "AND triple (offline only)",
    N,
    (p) => p.boolTriples(N),
    "ALSZ/ABY: 2 random OTs, 32 B on IKNP; silent OT: 2 COTs, ≈ 0.1 B",
  ),
);
rows.push(await measureProvider("dabit", "daBit (offline only)", N, (p) => p.daBits(N), "—"));
rows.push(await measureProvider("square", "square pair (a, a²) (offline only)", N, (p) => p.squarePairs(N), "—"));
for (const c of CASES) rows.push(await measure(c));

// The same on silent OT, for the correlation kinds and the operators issue 14 sets targets for.
const SILENT_CASES = new Set(["lt64", "eq64", "trunc_exact", "mul_int", "mul_fixed", "matmul"]);
const silent = await silentSource();
const silentRows: Row[] = [];
const onSilent = (what: string) => `${what} [silent OT]`;
silentRows.push(
  await measureProvider(
    "triple_silent",
    onSilent("Z_2^64 Beaver triple (offline only)"),
    N,
    (p) => p.arithTriples(N),
    "target (issue 14) ≤ 350 B",
    silent.source,
  ),
);
silentRows.push(
  await measureProvider(
    "and_triple_silent",
    onSilent("AND triple (offline only)"),
    N,
    (p) => p.boolTriples(N),
    "2 COTs, ≈ 0.1 B",
    silent.source,
  ),
);
silentRows.push(await measureProvider("dabit_silent", onSilent("daBit (offline only)"), N, (p) => p.daBits(N), "—", silent.source));
silentRows.push(
  await measureProvider(
    "cot_silent",
    onSilent("random OT, per OT each way (offline only)"),
    N,
    (p) => p.randomOts(N),
    "Ferret: 0.28 bits per COT (emp-ot's table)",
    silent.source,
  ),
);
silentRows.push(
  await measureProvider("square_silent", onSilent("square pair (a, a²) (offline only)"), N, (p) => p.squarePairs(N), "—", silent.source),
);
for (const c of CASES)
  if (SILENT_CASES.has(c.key))
    silentRows.push(
      await measure(
        { ...c, what: onSilent(c.what), published: c.key === "lt64" ? `${c.published}; target (issue 14) ≤ 130 B` : c.published },
        silent.source,
        "_silent",
      ),
    );
const ferretTotal = silent.ferretSent[0]();
await silent.close();
rows.push(...silentRows);

const size = (r: Row) => r.n;
for (const r of rows) {
  const note = `${r.what}; per element and party, party 0`;
  if (r.online[0] > 0 || r.rounds > 0) record({ metric: `bytes.${r.key}_online`, value: r.online[0], unit: "B/elem", size: size(r), note });
  record({ metric: `bytes.${r.key}_offline`, value: r.offline[0], unit: "B/elem", size: size(r), note });
  if (r.rounds > 0) record({ metric: `bytes.${r.key}_rounds`, value: r.rounds, unit: "rounds", size: size(r), note: r.what });
}

const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toFixed(3));
const pair = (p: [number, number]) =>
  Math.abs(p[0] - p[1]) < 0.005 * Math.max(p[0], p[1], 1e-9) ? fmt(p[0]) : `${fmt(p[0])} / ${fmt(p[1])}`;
const lines = [
  "## Bytes and rounds per operator against the best published",
  "",
  "Measured by the channels' counters (`packages/duet/bench/bytes.bench.ts`, `pnpm bench bytes`): bytes each party sends per",
  "element (party 0 / party 1 where they differ), the online phase on the VM's channel and the offline phase (the",
  "correlations the call drew, made by the in-thread OT provider: IKNP, Gilboa products) on the provider's own channel;",
  "rounds per call as the VM's channel counts them. Defaults: exact truncation, millionaires' comparison, 16 fraction bits.",
  `Sizes: ${N} elements per call, ${N_NONLINEAR} for the nonlinear functions and the sort. Offline figures include at most`,
  "255 unused items per correlation kind (the provider's refill unit in this bench).",
  "",
  'Rows marked [silent OT] run the provider with `ot: "silent"` (Ferret, 128-bit parameter sets): offline bytes in the steady',
  "state, the Ferret messages counted as their share per COT served (0.447 bits, the main set's message over the COTs an",
  `iteration leaves); the one-time set-up (base OTs, extension message, the first iteration's IKNP bootstrap and small set)`,
  `is not in them: ${silent.setup[0]} B for the session (party 0); all Ferret messages of the run, bootstrap included,`,
  `${ferretTotal} B (party 0) for the silent rows together.`,
  "",
  "| operator | elements | online B/elem | rounds (online) | offline B/elem | offline rounds | total B/elem | best published (per party) |",
  "|---|---:|---:|---:|---:|---:|---:|---|",
];
for (const r of rows)
  lines.push(
    `| ${r.what} | ${r.n} | ${pair(r.online)} | ${r.rounds} | ${pair(r.offline)} | ${r.offlineRounds} | ${pair([r.online[0] + r.offline[0], r.online[1] + r.offline[1]])} | ${r.published} |`,
  );
const dir = join(import.meta.dirname, "../../../bench/tables");
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "bytes.md"), `${lines.join("\n")}\n`);
console.log(lines.join("\n"));
