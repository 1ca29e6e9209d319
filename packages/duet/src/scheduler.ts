/**
 * Evaluates a batch of pending nodes. Each node gets an interactive depth: the number of
 * interactive operators on its longest path back to values already known. Depth d runs after depth
 * d − 1: first its interactive nodes, grouped by operator and parameters, each group as ONE kernel
 * call on the concatenated inputs (so k independent comparisons of n elements cost the rounds of one
 * comparison of k·n), then its local nodes in creation order. Groups run one after another: kernel
 * calls share one ordered channel and must start in the same order on both parties.
 */
import { concatValues, splitValue, type Backend, type Value } from "@petace/protocols";
import { formatContext, type CheckedChannel } from "./checked-channel.js";
import type { Node } from "./node.js";
import type { ProfileRecorder } from "./profile.js";

export interface SchedulerEnv {
  readonly backend: Backend;
  readonly channel: CheckedChannel;
  readonly profile: ProfileRecorder;
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
    for (const level of levels) {
      for (const group of groups(level.interactive)) await runGroup(env, group, pos);
      for (const node of level.local) {
        const t0 = performance.now();
        node.resolve(await env.backend.run(node.op, values(node), node.params as never, node.n));
        env.profile.record(node.op.id, 1, node.n, 0, 0, 0, performance.now() - t0);
      }
    }
  } catch (e) {
    for (const node of todo) if (node.state === "pending") node.fail();
    throw e;
  }
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

function values(node: Node): Value[] {
  return node.inputs.map((x) => {
    if (x.value === null || x.value === undefined) throw new Error(`duet: operand of "${node.label}" has no value on this party`);
    return x.value;
  });
}

async function runGroup(env: SchedulerEnv, group: readonly Node[], pos: BatchPosition): Promise<void> {
  const first = group[0]!;
  const op = first.op;
  env.channel.context = formatContext(first.label, pos.digest, pos.recent);
  const before = { ...env.channel.stats };
  const t0 = performance.now();
  let total = 0;
  if (group.length === 1) {
    first.resolve(await env.backend.run(op, values(first), first.params as never, first.n));
    total = first.n;
  } else {
    const xs: Value[] = [];
    for (let j = 0; j < first.inputs.length; j++) {
      const operands = group.map((g) => g.inputs[j]!);
      xs.push(
        concatValues(
          operands[0]!.kind,
          operands.map((x) => x.value!),
          operands.map((x) => x.n),
        ),
      );
    }
    const lens = group.map((g) => g.n);
    for (const n of lens) total += n;
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
