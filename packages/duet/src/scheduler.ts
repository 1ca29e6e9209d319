/**
 * Evaluates a batch of pending nodes. Each node gets an interactive depth: the number of
 * interactive operators on its longest path back to values already known. Depth d runs after depth
 * d − 1: first its interactive nodes, grouped by operator and parameters, each group as ONE kernel
 * call on the concatenated inputs (so k independent comparisons of n elements cost the rounds of one
 * comparison of k·n), then its local nodes in creation order. Groups run one after another: kernel
 * calls share one ordered channel and must start in the same order on both parties; except that a
 * depth's exact truncations ride in its comparison call when the backend can (`fusable`).
 *
 * Bounded memory: a group of more than `maxChunk` input elements whose operator can be sliced runs
 * as several kernel calls on consecutive slices (cut by public sizes only, so both parties make the
 * same calls), each call's correlations and intermediate arrays freed before the next. A local
 * operator all of whose readers in the batch read slices (sliced groups, other local operators) is
 * not computed whole but deferred: each slice of it is computed from slices of its inputs when read
 * (slices.ts), so element-wise chains such as `x > t` feed a comparison without a full-length copy.
 */
import { concatValues, placeValue, sliceValue, splitValue, type Backend, type Value } from "@petace/protocols";
import { formatContext, type CheckedChannel } from "./checked-channel.js";
import { planCalls } from "./chunks.js";
import type { Node } from "./node.js";
import type { Prefetch } from "./prefetch.js";
import type { ProfileRecorder } from "./profile.js";
import { computeLocal, emptyValue, materialize, MAX_DEFERRED_CHAIN, sliceOf } from "./slices.js";

export interface SchedulerEnv {
  readonly backend: Backend;
  readonly channel: CheckedChannel;
  readonly profile: ProfileRecorder;
  /** Largest number of input elements of one kernel call (see DuetOptions.maxChunk). */
  readonly maxChunk: number;
  /** Asks the provider for the batch's correlations before its online rounds (prefetch.ts); absent: refills on demand. */
  readonly prefetch?: Prefetch | undefined;
}

/** Program position at the time the batch was captured (the same on both parties). */
export interface BatchPosition {
  digest: string;
  recent: readonly string[];
}

interface Level {
  interactive: Node[];
  local: Node[];
}

export async function evaluateBatch(env: SchedulerEnv, batch: readonly Node[], pos: BatchPosition): Promise<void> {
  const levels: Level[] = [];
  const todo: Node[] = [];
  for (const node of batch) {
    if (node.state !== "pending") continue;
    let d = 0;
    for (const x of node.inputs) {
      if (x.state === "pending") d = Math.max(d, x.depth);
      else if (x.state === "failed") throw new Error(`duet: operand of "${node.label}" failed to evaluate earlier`);
    }
    node.depth = d + (node.op.interactive ? 1 : 0);
    while (levels.length <= node.depth) levels.push({ interactive: [], local: [] });
    const level = levels[node.depth]!;
    (node.op.interactive ? level.interactive : level.local).push(node);
    todo.push(node);
  }
  try {
    const plan = levels.map((level) => groups(level.interactive));
    const deferred = chooseDeferred(todo, sliced(plan, env.maxChunk));
    const fusedPlan = plan.map((level) => fusable(env, level));
    if (env.prefetch) {
      const fusedTrunc = new Set<Node>();
      for (const f of fusedPlan) if (f !== null) for (const g of f.trunc) fusedTrunc.add(g);
      await prefetch(env, env.prefetch, todo, pos, fusedTrunc);
    }
    for (let d = 0; d < levels.length; d++) {
      const fused = fusedPlan[d]!;
      for (const group of plan[d]!) {
        if (fused !== null && group === fused.trunc) continue; // runs with the comparisons
        if (fused !== null && group === fused.msb) await runTruncWithMsb(env, fused.trunc, fused.msb, pos);
        else await runGroup(env, group, pos);
      }
      for (const node of levels[d]!.local) {
        if (deferred.has(node)) {
          node.defer();
          continue;
        }
        const t0 = performance.now();
        node.resolve(await computeLocal(env.backend, node, env.maxChunk));
        env.profile.record(node.op.id, 1, node.n, 0, 0, 0, performance.now() - t0);
      }
    }
  } catch (e) {
    for (const node of todo) if (node.state === "pending" || node.state === "deferred") node.fail();
    throw e;
  }
}

/** The batch's correlation refills, counted in the profile as their own row. */
async function prefetch(
  env: SchedulerEnv,
  run: Prefetch,
  todo: readonly Node[],
  pos: BatchPosition,
  fusedTrunc: ReadonlySet<Node>,
): Promise<void> {
  env.channel.context = formatContext("prefetch", pos.digest, pos.recent);
  const before = { ...env.channel.stats };
  const t0 = performance.now();
  await run(todo, fusedTrunc);
  const s = env.channel.stats;
  if (s.rounds === before.rounds && s.bytesSent === before.bytesSent) return;
  env.profile.record(
    "prefetch",
    1,
    0,
    s.rounds - before.rounds,
    s.bytesSent - before.bytesSent,
    s.bytesReceived - before.bytesReceived,
    performance.now() - t0,
  );
}

/** Groups mergeable nodes, in order of first appearance (the same order on both parties). */
function groups(nodes: readonly Node[]): Node[][] {
  const byKey = new Map<string, Node[]>();
  for (const node of nodes) {
    const key = node.op.merge ? `${node.op.id}|${node.op.key(node.params as never)}` : `#${node.id}`;
    const g = byKey.get(key);
    if (g) g.push(node);
    else byKey.set(key, [node]);
  }
  return [...byKey.values()];
}

/**
 * A depth's exact truncations (its first `trunc_a` group) and comparisons (`msb_a`) that run as one
 * call (the backend's `truncWithMsb`): the truncation's carry rides in the comparison's carry call,
 * so it adds one round (its opening) instead of a carry's rounds of its own. Values are those of the
 * two calls; only groups that run whole (no slices) are fused. The choice depends on the plan
 * (operators and public sizes), so both parties make it alike.
 */
function fusable(env: SchedulerEnv, level: readonly Node[][]): { trunc: Node[]; msb: Node[] } | null {
  if (env.backend.truncWithMsb === undefined) return null;
  const trunc = level.find((g) => g[0]!.op.id === "trunc_a");
  const msb = level.find((g) => g[0]!.op.id === "msb_a");
  if (trunc === undefined || msb === undefined || inputElements(trunc) + inputElements(msb) > env.maxChunk) return null;
  return { trunc, msb };
}

/** One operand per member, concatenated in member order (groups of one-operand operators). */
async function concatOperands(env: SchedulerEnv, group: readonly Node[]): Promise<Value> {
  const operands = group.map((g) => g.inputs[0]!);
  const parts: Value[] = [];
  for (const x of operands) parts.push(await materialize(env.backend, x, env.maxChunk));
  return parts.length === 1
    ? parts[0]!
    : concatValues(
        operands[0]!.kind,
        parts,
        operands.map((x) => x.n),
      );
}

async function runTruncWithMsb(env: SchedulerEnv, trunc: readonly Node[], msb: readonly Node[], pos: BatchPosition): Promise<void> {
  env.channel.context = formatContext(msb[0]!.label, pos.digest, pos.recent);
  const before = { ...env.channel.stats };
  const t0 = performance.now();
  const bits = (trunc[0]!.params as { bits: number }).bits;
  const x = (await concatOperands(env, trunc)) as BigUint64Array;
  const m = (await concatOperands(env, msb)) as BigUint64Array;
  const out = await env.backend.truncWithMsb!(x, bits, m);
  for (const [group, value] of [
    [trunc, out.t],
    [msb, out.msb],
  ] as const) {
    const parts = splitValue(
      value,
      group.map((g) => g.n),
    );
    group.forEach((g, i) => g.resolve(parts[i]!));
  }
  const s = env.channel.stats;
  // One row for the call, under the comparison; the truncation's row counts its elements, no traffic.
  env.profile.record(
    "msb_a",
    msb.length,
    m.length,
    s.rounds - before.rounds,
    s.bytesSent - before.bytesSent,
    s.bytesReceived - before.bytesReceived,
    performance.now() - t0,
  );
  env.profile.record("trunc_a", trunc.length, x.length, 0, 0, 0, 0);
}

/** Input elements of a group's calls per output unit, or 0 when the group runs whole. */
function sliceUnit(group: readonly Node[]): number {
  const first = group[0]!;
  const s = first.op.slice;
  if (!s) return 0;
  const u = s.outUnit(first.params as never);
  const at = s.at(first.params as never, 0, u);
  return Math.max(1, at.hi - at.lo);
}

function inputElements(group: readonly Node[]): number {
  let total = 0;
  for (const g of group) total += g.inputs[0]?.n ?? 0;
  return total;
}

/** Members of the groups that run in slices. */
function sliced(plan: readonly (readonly Node[][])[], maxChunk: number): Set<Node> {
  const out = new Set<Node>();
  for (const level of plan)
    for (const group of level) if (sliceUnit(group) > 0 && inputElements(group) > maxChunk) for (const g of group) out.add(g);
  return out;
}

/**
 * Local nodes to leave uncomputed: every reader of theirs in the batch reads slices (a member of a
 * sliced group, or a local operator that can be computed in slices and does not gather), and the
 * chain of deferred nodes behind them stays short. Readers come later in creation order, so one
 * backward pass decides readers first.
 */
function chooseDeferred(todo: readonly Node[], slicedMembers: ReadonlySet<Node>): Set<Node> {
  const readers = new Map<Node, Node[]>();
  for (const node of todo)
    for (const x of node.inputs) {
      const r = readers.get(x);
      if (r) r.push(node);
      else readers.set(x, [node]);
    }
  const deferred = new Set<Node>();
  for (let i = todo.length - 1; i >= 0; i--) {
    const node = todo[i]!;
    if (node.op.interactive || !node.op.slice) continue;
    const rs = readers.get(node);
    if (!rs) continue; // nothing in the batch reads it: the program wants the value itself
    const readsSlices = (r: Node) => slicedMembers.has(r) || (!r.op.interactive && r.op.slice !== undefined && !r.op.slice.gathers);
    if (rs.every(readsSlices)) deferred.add(node);
  }
  // Cap the chains (creation order: inputs first).
  const height = new Map<Node, number>();
  for (const node of todo) {
    if (!deferred.has(node)) continue;
    let h = 1;
    for (const x of node.inputs) h = Math.max(h, 1 + (height.get(x) ?? 0));
    if (h > MAX_DEFERRED_CHAIN) deferred.delete(node);
    else height.set(node, h);
  }
  return deferred;
}

async function runGroup(env: SchedulerEnv, group: readonly Node[], pos: BatchPosition): Promise<void> {
  const first = group[0]!;
  const op = first.op;
  env.channel.context = formatContext(first.label, pos.digest, pos.recent);
  const before = { ...env.channel.stats };
  const t0 = performance.now();
  let total = 0;
  for (const g of group) total += g.n;
  const unit = sliceUnit(group);
  if (unit > 0 && inputElements(group) > env.maxChunk) await runInSlices(env, group, unit);
  else if (group.length === 1) {
    first.resolve(await env.backend.run(op, await values(env, first), first.params as never, first.n));
  } else {
    const xs: Value[] = [];
    for (let j = 0; j < first.inputs.length; j++) {
      const operands = group.map((g) => g.inputs[j]!);
      const parts: Value[] = [];
      for (const x of operands) parts.push(await materialize(env.backend, x, env.maxChunk));
      xs.push(
        concatValues(
          operands[0]!.kind,
          parts,
          operands.map((x) => x.n),
        ),
      );
    }
    const lens = group.map((g) => g.n);
    const params = op.merge!(group.map((g) => ({ params: g.params as never, n: g.n })));
    const out = await env.backend.run(op, xs, params, total);
    const parts = out === null ? null : splitValue(out, lens);
    group.forEach((g, i) => g.resolve(parts === null ? null : parts[i]!));
  }
  const s = env.channel.stats;
  env.profile.record(
    op.id,
    group.length,
    total,
    s.rounds - before.rounds,
    s.bytesSent - before.bytesSent,
    s.bytesReceived - before.bytesReceived,
    performance.now() - t0,
  );
}

/**
 * A group as kernel calls of at most maxChunk input elements (at least one unit), the outputs
 * written into each member's value as they come.
 */
async function runInSlices(env: SchedulerEnv, group: readonly Node[], inPerUnit: number): Promise<void> {
  const op = group[0]!.op;
  const s = op.slice!;
  const outUnit = s.outUnit(group[0]!.params as never);
  let perCall = Math.max(1, Math.floor(env.maxChunk / inPerUnit));
  if (perCall >= 32) perCall -= perCall % 32; // packed bits stay word-aligned
  const outs: (Value | null | undefined)[] = group.map(() => undefined);
  let none = false; // this party receives nothing (an opening to the other party)
  for (const call of planCalls(
    group.map((g) => g.n / outUnit),
    perCall,
  )) {
    const pieces = call.map(({ member, from, to }) => {
      const g = group[member]!;
      return { member, from: from * outUnit, n: (to - from) * outUnit, at: s.at(g.params as never, from * outUnit, to * outUnit) };
    });
    const xs: Value[] = [];
    for (let j = 0; j < group[0]!.inputs.length; j++) {
      const parts: Value[] = [];
      for (const p of pieces) parts.push(await sliceOf(env.backend, group[p.member]!.inputs[j]!, p.at.lo, p.at.hi));
      const kind = group[0]!.inputs[j]!.kind;
      xs.push(
        parts.length === 1
          ? parts[0]!
          : concatValues(
              kind,
              parts,
              pieces.map((p) => p.at.hi - p.at.lo),
            ),
      );
    }
    let n = 0;
    for (const p of pieces) n += p.n;
    const params = pieces.length === 1 ? pieces[0]!.at.params : op.merge!(pieces.map((p) => ({ params: p.at.params as never, n: p.n })));
    const out = await env.backend.run(op, xs, params, n);
    let off = 0;
    for (const p of pieces) {
      const g = group[p.member]!;
      if (out === null) none = true;
      else {
        const dest = (outs[p.member] ??= emptyValue(g.kind, g.n));
        placeValue(dest, sliceValue(out, off, p.n), p.n, p.from);
      }
      off += p.n;
    }
  }
  group.forEach((g, i) => g.resolve(none ? null : (outs[i] ?? emptyValue(g.kind, g.n))));
}

async function values(env: SchedulerEnv, node: Node): Promise<Value[]> {
  const xs: Value[] = [];
  for (const x of node.inputs) {
    if (x.state !== "deferred" && (x.value === null || x.value === undefined))
      throw new Error(`duet: operand of "${node.label}" has no value on this party`);
    xs.push(await materialize(env.backend, x, env.maxChunk));
  }
  return xs;
}
