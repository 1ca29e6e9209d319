/**
 * One party's VM: the protocol context, the correlation source it is given, the backend that runs the
 * operator table, the lazy operator graph and its scheduler, the profile. Both parties make one each and then run the same program (SPMD).
 *
 * Graph building is synchronous: `apply` returns a node at once with its length and kind. Nothing
 * is computed until a result is needed (`evaluate`, `reveal`, `revealTo`, `share`); then every
 * pending node is evaluated, independent interactive nodes merged by the scheduler. Everything that
 * touches the channel runs through one queue, in the order the program asked for it, which is the
 * same order on both parties.
 *
 * Security: semi-honest, two parties (see @petace/protocols). The VM never logs or reports values.
 */
import { assertParty, ChannelError, printable, type Channel, type PartyId } from "@petace/network";
import { otCorrelations, type CorrelationProvider, type CorrelationSource } from "@petace/correlations";
import { checkFracBits, sha256 } from "@petace/primitives";
import {
  operators,
  ProtocolContext,
  type TruncationMethod,
  refBackend,
  secureBackend,
  storageLength,
  type Backend,
  type Kind,
  type Operator,
  type Value,
} from "@petace/protocols";
import { CheckedChannel, formatContext } from "./checked-channel.js";
import { ProgramDigest, shapeOf } from "./digest.js";
import { DuetError, OperandDivergenceError, VMFailedError } from "./errors.js";
import { type SecuritySettings, warnInsecure } from "./insecure.js";
import { Node } from "./node.js";
import { PublicOperands } from "./operand-check.js";
import { type Profile, ProfileRecorder } from "./profile.js";
import { agreeOnSettings } from "./setup.js";
import { evaluateBatch, type BatchPosition } from "./scheduler.js";
import { prefetchFor, type Prefetch } from "./prefetch.js";
import { materialize } from "./slices.js";
import { source } from "./source.js";

export interface DuetOptions {
  /** Fractional bits of fixed-point values (default 16). */
  fracBits?: number;
  /**
   * Where Beaver triples and the other correlations come from, as a value:
   * - `otCorrelations()` (the default): made by the two parties with OT extension; dealer-free.
   * - `insecureDealer`: INSECURE (either party can unmask everything); tests and benchmarks only.
   * - a CorrelationProvider already made for this channel (both parties must use the same kind).
   */
  correlations?: CorrelationSource | CorrelationProvider;
  /**
   * `"secure"` (default), or `"ref-insecure"`: INSECURE plaintext kernels (inputs are sent in the
   * clear); the same program, for debugging and as a test oracle.
   */
  backend?: "secure" | "ref-insecure";
  /** Pending operators after which the VM starts evaluating on its own (default 4096; Infinity: never). */
  maxPendingNodes?: number;
  /**
   * Most elements the other party's input header may declare (default 2^27, i.e. 1 GiB of ring
   * elements, the largest message a channel takes by default): a larger header is refused before
   * anything is allocated for it.
   */
  maxInputElements?: number;
  /**
   * Truncation of fixed-point products and public divisions: `"exact"` (default) rounds to the
   * nearest value, ties up, the same on every run; `"stochastic"` is the cheaper one-round opt-in
   * (floor or floor + 1 at random; reveals of recomputed values then leak below the rounding, and
   * results vary between runs). See @petace/protocols' `kernels/truncate.ts` and cost table.
   */
  truncation?: TruncationMethod;
  /**
   * Largest number of input elements one kernel call takes (default 2^18 = 262,144). A longer
   * element-wise or row operation (or a merged group of them) runs as several calls on consecutive
   * slices, so its correlations and intermediate arrays take memory in proportion to this number
   * rather than to the table (a comparison takes some hundreds of bytes per element), and local
   * element-wise steps feeding it are computed slice by slice instead of whole. Each extra call
   * costs the operator's rounds again. Both parties must pass the same value (checked at set-up).
   */
  maxChunk?: number;
  /**
   * Seed (16 bytes) of this party's private PRG, whose randomness only this party sees (masks,
   * its contribution to secret random values), hashed with the party id so that one seed given to
   * both parties (runLocal) still gives them different streams. TESTS ONLY, to replay a run;
   * default: fresh from the CSPRNG.
   */
  privateSeed?: Uint8Array;
  /**
   * Whether the VM asks the correlation provider for each batch's correlations before the batch's
   * online rounds (default true; see prefetch.ts). Off: pools refill when a kernel drains them, in
   * the middle of its rounds. The results are the same either way. Both parties must pass the same
   * value (checked at set-up).
   */
  prefetch?: boolean;
}

/** What `input` needs from the owner: the encoded data and a public header for the other party. */
export interface InputPayload {
  data: Value;
  /** Public description (shape, dtype, ...) sent to the other party; never the data. */
  header: string;
}

const DEFAULT_MAX_PENDING = 4096;
const DEFAULT_MAX_INPUT_ELEMENTS = 2 ** 27;
/** Small enough that a comparison's transient memory stays near a hundred MB; the demo's calls fit in one. */
export const DEFAULT_MAX_CHUNK = 1 << 18;
let nextVmId = 1;

export class Duet {
  readonly party: PartyId;
  readonly fracBits: number;
  /** Wall time of `create` in milliseconds: seed exchange and base OTs. */
  readonly setupMs: number;
  /** Kind of the correlation source in use: "ot", "dealer-insecure", or "none" (reference backend). */
  readonly correlations: string;
  readonly backend: "secure" | "ref-insecure";
  /**
   * True when the correlation source or the backend gives no privacy (`insecureDealer`,
   * `"ref-insecure"`); `create` then warns on stderr, and the profile and CLI reports say so.
   */
  readonly insecure: boolean;
  readonly maxPendingNodes: number;
  readonly maxInputElements: number;
  readonly maxChunk: number;
  /** The truncation method both parties agreed on (`DuetOptions.truncation`): routines whose result must be exact choose their lowering by it. */
  readonly truncation: TruncationMethod;
  /** What operators run on: the secure protocols, or the INSECURE plaintext reference. */
  readonly #backend: Backend;
  readonly #id = nextVmId++;
  readonly #channel: CheckedChannel;
  readonly #digest = new ProgramDigest();
  /** Public operand values, compared with the peer's by a one-bit secure equality (operand-check.ts). */
  readonly #operands = new PublicOperands();
  readonly #profile: ProfileRecorder;
  /** The protocol context of the secure backend (null with the reference backend): for `interactive`. */
  #ctx: ProtocolContext | null = null;
  /** A provider this VM made from a source, closed with the VM (one passed in belongs to the caller). */
  #ownProvider: CorrelationProvider | undefined;
  /** Asks for each batch's correlations before its online rounds (prefetch.ts), when the provider refills on this channel. */
  #prefetch: Prefetch | undefined;
  #pending: Node[] = [];
  #nextNode = 0;
  #queue: Promise<unknown> = Promise.resolve();
  #failure: unknown = null;
  #closed = false;

  private constructor(
    channel: CheckedChannel,
    run: Backend,
    correlations: string,
    backend: "secure" | "ref-insecure",
    insecure: boolean,
    maxPending: number,
    maxInputElements: number,
    maxChunk: number,
    setupMs: number,
    truncation: TruncationMethod,
  ) {
    this.#channel = channel;
    this.#backend = run;
    this.party = channel.party;
    this.fracBits = run.fracBits;
    this.correlations = correlations;
    this.backend = backend;
    this.insecure = insecure;
    this.#profile = new ProfileRecorder({ correlations, backend, insecure });
    this.maxPendingNodes = maxPending;
    this.maxInputElements = maxInputElements;
    this.maxChunk = maxChunk;
    this.setupMs = setupMs;
    this.truncation = truncation;
  }

  /** Sets up one party's VM; the two parties call it at the same point of their programs. */
  static async create(channel: Channel, party: PartyId, options: DuetOptions = {}): Promise<Duet> {
    assertParty(party, "Duet.create");
    if (channel.party !== party) throw new RangeError(`Duet.create: party ${party} does not match the channel's party ${channel.party}`);
    const backend = options.backend ?? "secure";
    if (backend !== "secure" && backend !== "ref-insecure")
      throw new RangeError(`Duet.create: backend must be "secure" or "ref-insecure", got ${String(backend)}`);
    const source = options.correlations ?? otCorrelations();
    if (
      typeof source !== "object" ||
      source === null ||
      (typeof (source as CorrelationSource).create !== "function" && typeof (source as CorrelationProvider).arithTriples !== "function")
    ) {
      throw new RangeError(
        `Duet.create: correlations must be a CorrelationSource (otCorrelations(), insecureDealer) or a CorrelationProvider, got ${String(source)}`,
      );
    }
    const maxPending = options.maxPendingNodes ?? DEFAULT_MAX_PENDING;
    if (!(maxPending >= 1)) throw new RangeError(`Duet.create: maxPendingNodes must be at least 1, got ${String(maxPending)}`);
    const maxInputElements = options.maxInputElements ?? DEFAULT_MAX_INPUT_ELEMENTS;
    if (!(maxInputElements >= 1)) throw new RangeError(`Duet.create: maxInputElements must be at least 1, got ${String(maxInputElements)}`);
    const maxChunk = options.maxChunk ?? DEFAULT_MAX_CHUNK;
    if (!Number.isSafeInteger(maxChunk) || maxChunk < 1)
      throw new RangeError(
        `Duet.create: maxChunk must be a positive integer (input elements per kernel call, e.g. ${DEFAULT_MAX_CHUNK}), got ${String(maxChunk)}`,
      );
    const t0 = performance.now();
    const checked = new CheckedChannel(channel);
    const before = { ...channel.stats };
    let run: Backend;
    let ctx: ProtocolContext | null = null;
    let kind: string;
    const truncation = options.truncation ?? "exact";
    if (truncation !== "exact" && truncation !== "stochastic")
      throw new RangeError(`Duet.create: truncation must be "exact" or "stochastic", got ${String(truncation)}`);
    let own: CorrelationProvider | undefined;
    let insecure: boolean;
    let pre: Prefetch | undefined;
    const ctxOpts = {
      ...(options.fracBits === undefined ? {} : { fracBits: options.fracBits }),
      ...(options.privateSeed === undefined ? {} : { privateSeed: partySeed(options.privateSeed, party) }),
    };
    await agreeOnSettings(checked, {
      fracBits: options.fracBits ?? 16,
      backend,
      correlations: source.kind,
      truncation,
      maxChunk,
      prefetch: options.prefetch === false ? "off" : "on",
    });
    if (backend === "ref-insecure") {
      const f = options.fracBits;
      if (f !== undefined) checkFracBits("Duet.create", f);
      run = refBackend({ ...ctxOpts, party, channel: checked });
      kind = "none";
      insecure = true;
    } else {
      const provider = "create" in source ? await source.create(checked, party) : source;
      if ("create" in source) own = provider;
      ctx = await ProtocolContext.create(checked, provider, { ...ctxOpts, truncation }).catch(async (e: unknown) => {
        await own?.close?.();
        throw e;
      });
      run = secureBackend(ctx);
      pre = options.prefetch === false ? undefined : prefetchFor(provider, ctx.costEnv);
      kind = provider.kind;
      insecure = source.insecure === true || provider.insecure === true;
    }
    const setupMs = performance.now() - t0;
    const vm = new Duet(checked, run, kind, backend, insecure, maxPending, maxInputElements, maxChunk, setupMs, truncation);
    vm.#ownProvider = own;
    vm.#prefetch = pre;
    vm.#ctx = ctx;
    if (insecure) warnInsecure(party, vm.security);
    const s = channel.stats;
    vm.#profile.record(
      "setup",
      0,
      0,
      s.rounds - before.rounds,
      s.bytesSent - before.bytesSent,
      s.bytesReceived - before.bytesReceived,
      setupMs,
    );
    return vm;
  }

  // ---------------------------------------------------------------- graph

  /**
   * Adds an operator node; `meta` (public: shapes, dtypes) goes into the program digest. Typed-array
   * and bigint parameters are public operand values: compared with the peer's without being sent.
   */
  apply<P>(op: Operator<P>, inputs: readonly Node[], params: P, opts: { label?: string; meta?: string } = {}): Node {
    return this.#make(op, inputs, params, opts, false);
  }

  /** `internal`: a node of the VM's own (the operand check): no operand to compare, not among the recent operators. */
  #make<P>(op: Operator<P>, inputs: readonly Node[], params: P, opts: { label?: string; meta?: string }, internal: boolean): Node {
    this.#checkUsable();
    for (const x of inputs) if (x.vmId !== this.#id) throw new DuetError(`${opts.label ?? op.id}: an operand belongs to another VM`);
    const { n, kind } = op.out(inputs, params);
    const label = opts.label ?? op.id;
    const id = this.#nextNode++;
    const shape = shapeOf(params, (name, bytes) => {
      if (!internal) this.#operands.add(`${id}/${name}`, bytes);
    });
    const record = `${op.id}(${shape})${n}${kind}<${inputs.map((x) => x.id).join(",")}>${label}:${opts.meta ?? ""}`;
    this.#digest.add(record, internal ? undefined : label);
    const node = new Node(this.#id, id, op as unknown as Operator<never>, inputs, params, n, kind, label);
    this.#pending.push(node);
    if (this.#pending.length >= this.maxPendingNodes) this.#flush().catch(() => {}); // a failure resurfaces at the next call
    return node;
  }

  /**
   * A node holding a public value known to both parties, as shares: party 0 holds the value and
   * party 1 zeros (no message). Both parties pass the same value.
   */
  constant(value: Value, n: number, opts: { label?: string; meta?: string } = {}): Node {
    const kind: Kind = value instanceof BigUint64Array ? "arith" : "bool";
    checkValue("constant", value, kind, n);
    const share = this.party === 0 ? value.slice() : kind === "arith" ? new BigUint64Array(n) : new Uint32Array(storageLength("bool", n));
    // The value is public and must be the same on both parties: compared without being sent (only
    // party 0's copy is used, so party 1 passing another value would go unnoticed otherwise).
    const node = this.#source("constant", share, n, opts);
    this.#operands.add(`${node.id}/value`, new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    return node;
  }

  /** A node from this party's raw share (as returned by `share`); the other party passes its own. */
  fromShare(share: Value, n: number, opts: { label?: string; meta?: string } = {}): Node {
    const kind: Kind = share instanceof BigUint64Array ? "arith" : "bool";
    checkValue("fromShare", share, kind, n);
    return this.#source("fromShare", share.slice(), n, opts);
  }

  /**
   * Secret-shares data owned by `owner`. The owner passes its encoded data and a public header; the
   * other party passes null and gets the header, from which `describe` (run on both sides, so both
   * check it) says the length and kind. One message (the header) from owner to the other party.
   */
  async input(
    owner: PartyId,
    payload: InputPayload | null,
    describe: (header: string) => { n: number; kind: Kind },
    opts: { label?: string } = {},
  ): Promise<Node> {
    this.#checkUsable();
    assertParty(owner, "input");
    const label = opts.label ?? "input";
    const id = this.#nextNode++;
    this.#digest.add(`input<${owner}>${label}`, label);
    const pos = this.#position();
    const ours = this.party === owner;
    if (ours !== (payload !== null)) {
      const e = new TypeError(
        ours
          ? `${label}: party ${owner} owns the input and must pass its data`
          : `${label}: party ${this.party} does not own the input and must pass null`,
      );
      throw this.abort(e, `${label}: party ${this.party} called it wrongly (see its error)`);
    }
    let mine: { n: number; kind: Kind } | undefined;
    if (payload !== null) {
      try {
        mine = describe(payload.header);
        checkValue(label, payload.data, mine.kind, mine.n);
      } catch (e) {
        throw this.abort(e, `${label}: party ${owner}'s input was rejected (see its error)`);
      }
    }
    return this.#enqueue(pos, label, async () => {
      const tag = `input#${id}/header`;
      let desc = mine;
      if (payload !== null) {
        this.#channel.send(tag, new TextEncoder().encode(payload.header));
      } else {
        const header = new TextDecoder().decode(await this.#channel.recv(tag));
        try {
          desc = describe(header);
          if (desc.n > this.maxInputElements)
            throw new DuetError(
              `${label}: party ${owner}'s input header declares ${desc.n} elements, more than this VM accepts (maxInputElements ${this.maxInputElements}); ` +
                `if that size is expected, raise maxInputElements in Duet.create`,
            );
        } catch (e) {
          // The header is the peer's text: what `describe` quotes of it must not reach a terminal raw.
          if (e instanceof Error) e.message = printable(e.message, 500);
          throw this.abort(e, `${label}: party ${this.party} rejected party ${owner}'s input header (see its error)`);
        }
      }
      const { n, kind } = desc!;
      const t0 = performance.now();
      const v = await this.#backend.run(
        kind === "arith" ? operators.input_a : operators.input_b,
        payload ? [payload.data] : [],
        { owner },
        n,
      );
      this.#profile.record("input", 1, n, 0, 0, 0, performance.now() - t0);
      return new Node(this.#id, id, source as unknown as Operator<never>, [], undefined, n, kind, label, v);
    });
  }

  // ---------------------------------------------------------------- evaluation

  /** Evaluates every pending node (all of them: more independent nodes merge into fewer rounds). */
  async evaluate(): Promise<void> {
    await this.#flush();
  }

  /** Opens a node to both parties. */
  async reveal(node: Node, opts: { label?: string } = {}): Promise<Value> {
    const r = this.#open(node.kind === "arith" ? operators.reveal_a : operators.reveal_b, node, undefined, opts.label ?? "reveal");
    await this.#flush(this.#operandCheck());
    return r.value!;
  }

  /** Opens a node to party `to`; the other party gets null and learns nothing. */
  async revealTo(node: Node, to: PartyId, opts: { label?: string } = {}): Promise<Value | null> {
    assertParty(to, opts.label ?? "revealTo");
    const r = this.#open(node.kind === "arith" ? operators.revealTo_a : operators.revealTo_b, node, { to }, opts.label ?? "revealTo");
    await this.#flush(this.#operandCheck());
    return r.value ?? null;
  }

  /**
   * This party's raw share of a node (a fresh copy). Evaluates first, then checks with the peer that
   * both ran the same program so far (one round, 0 payload bytes, plus the public operand check
   * when operands were given since the last one), since shares leave the VM here.
   */
  async share(node: Node, opts: { label?: string } = {}): Promise<Value> {
    if (node.vmId !== this.#id) throw new DuetError(`${opts.label ?? "share"}: the node belongs to another VM`);
    await this.#flush(this.#operandCheck());
    await this.sync(opts.label ?? "share");
    const value = node.state === "deferred" ? await materialize(this.#backend, node, this.maxChunk) : node.value!;
    return value.slice();
  }

  /**
   * One round with no payload whose tags carry the program digest: detects a divergence so far.
   * When public operands were given since the last check, first evaluates what is pending and
   * compares them (one bit opened).
   */
  async sync(label = "sync"): Promise<void> {
    this.#checkUsable();
    const check = this.#operandCheck();
    if (check) await this.#flush(check);
    const pos = this.#position();
    await this.#enqueue(pos, label, async () => {
      this.#channel.send("vm/sync", new Uint8Array(0));
      await this.#channel.recv("vm/sync");
    });
  }

  /**
   * Runs an interactive step that is not an operator of the graph (a set operation of @petace/setops,
   * such as securenumpy's `join`): evaluates what is pending (after the public operand check, since
   * such a step may open values), then calls `fn` with this VM's protocol context, in program order
   * on the VM's channel. Both parties call it at the same point with the same label; the label
   * enters the program digest (a party calling something else fails with a DivergenceError at the
   * next message), and the step's rounds, bytes and time go to the profile under it. What `fn`
   * returns (e.g. shares, made into nodes with `fromShare`) is the caller's. Needs the secure
   * backend: the reference backend has no protocol context.
   */
  async interactive<T>(label: string, fn: (ctx: ProtocolContext) => Promise<T>): Promise<T> {
    this.#checkUsable();
    if (typeof label !== "string" || label === "") throw new TypeError("interactive: label must be a non-empty string");
    if (typeof fn !== "function") throw new TypeError(`${label}: interactive needs a function of the protocol context`);
    const ctx = this.#ctx;
    if (ctx === null)
      throw new DuetError(
        `${label}: needs the secure backend (this VM runs the "${this.backend}" reference backend, which has no protocol context)`,
      );
    await this.#flush(this.#operandCheck());
    this.#digest.add(`interactive:${label}`, label);
    const pos = this.#position();
    return this.#enqueue(pos, label, async () => {
      const before = { ...this.#channel.stats };
      const t0 = performance.now();
      const out = await fn(ctx);
      const s = this.#channel.stats;
      this.#profile.record(
        label,
        1,
        0,
        s.rounds - before.rounds,
        s.bytesSent - before.bytesSent,
        s.bytesReceived - before.bytesReceived,
        performance.now() - t0,
      );
      return out;
    });
  }

  /** The correlation source, backend and whether either is insecure (also in `profile()`). */
  get security(): SecuritySettings {
    return { correlations: this.correlations, backend: this.backend, insecure: this.insecure };
  }

  /** Number of nodes waiting for evaluation. */
  get pendingCount(): number {
    return this.#pending.length;
  }

  /** Channel counters (all traffic of this party, set-up included). */
  get stats() {
    return this.#channel.stats;
  }

  /** Per-operator counts, rounds, bytes and time since creation (or `resetProfile`). */
  profile(): Profile {
    return this.#profile.snapshot();
  }

  resetProfile(): void {
    this.#profile.reset();
  }

  /**
   * Stops this VM after an error that the peer cannot see (bad input at the owner, a rejected
   * header): tells the peer `reason` (public words only), closes the channel, and returns `error` to
   * be thrown.
   */
  abort(error: unknown, reason: string): unknown {
    if (this.#failure === null) {
      this.#failure = error;
      void this.#channel.abort(reason);
    }
    return error;
  }

  /** Waits for queued work, then closes the correlation provider it made (its workers) and the channel. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#queue.catch(() => {});
    await this.#ownProvider?.close?.();
    await this.#channel.close();
  }

  // ---------------------------------------------------------------- internals

  #open<P>(op: Operator<P>, node: Node, params: P, label: string): Node {
    return this.apply(op, [node], params, { label });
  }

  #source(what: string, value: Value, n: number, opts: { label?: string; meta?: string }, internal = false): Node {
    this.#checkUsable();
    const label = opts.label ?? what;
    const id = this.#nextNode++;
    const kind: Kind = value instanceof BigUint64Array ? "arith" : "bool";
    this.#digest.add(`${what}${n}${kind}${label}:${opts.meta ?? ""}`, internal ? undefined : label);
    return new Node(this.#id, id, source as unknown as Operator<never>, [], undefined, n, kind, label, value);
  }

  #position(): BatchPosition {
    return { digest: this.#digest.hex, recent: this.#digest.recent };
  }

  /**
   * When public operands were given since the last check, adds the nodes that compare the two
   * parties' operand hashes (see operand-check.ts) and returns the node of the opened bit, with the
   * operators made before it (for the error); else null. Their own parameters are not operands (they
   * are fixed), so they do not call for another check.
   */
  #operandCheck(): OperandCheck | null {
    if (!this.#operands.unchecked) return null;
    const before = this.#digest.recent;
    const opts = { label: "operand-check" };
    const share = this.#operands.takeShare(this.party);
    let eq: Node;
    if (this.#firstComparisons()) {
      // d = 0 ⟺ msb(d) = 0 and msb(−d) = 0 (for every ring element: d = 2^63 has msb 1): the four
      // msb ride in the batch's first comparison call and the ANDs in its next AND calls, where the
      // equality kernel would add its own 6 rounds. The same single bit is opened.
      const both = new BigUint64Array(4);
      both.set(share);
      for (let i = 0; i < 2; i++) both[2 + i] = BigInt.asUintN(64, -share[i]!);
      const diff = this.#source("operandCheck", both, 4, opts, true);
      const zero = this.#make(operators.not_b, [this.#make(operators.msb_a, [diff], undefined, opts, true)], undefined, opts, true);
      const [pos, neg] = [0, 2].map((i) => this.#make(operators.gather, [zero], { idx: Uint32Array.of(i, i + 1) }, opts, true));
      eq = this.#make(operators.and_bb, [pos!, neg!], undefined, opts, true);
    } else {
      const diff = this.#source("operandCheck", share, 2, opts, true);
      eq = this.#make(operators.eq_ap, [diff], { p: 0n }, opts, true);
    }
    const [lo, hi] = [0, 1].map((i) => this.#make(operators.gather, [eq], { idx: Uint32Array.of(i) }, opts, true));
    const both = this.#make(operators.and_bb, [lo!, hi!], undefined, opts, true);
    return { bit: this.#make(operators.reveal_b, [both], undefined, opts, true), before };
  }

  /**
   * True when the pending batch has a comparison (`msb_a`) at interactive depth 1 and no equality
   * with zero there, as the scheduler will group them (scheduler.ts): the operand check then costs
   * no rounds of its own as comparisons. Depends on the program's shape only, so both parties agree.
   */
  #firstComparisons(): boolean {
    const depth = new Map<Node, number>();
    let msb = false;
    for (const node of this.#pending) {
      if (node.state !== "pending") continue;
      let d = 0;
      for (const x of node.inputs) d = Math.max(d, depth.get(x) ?? 0);
      if (node.op.interactive) d++;
      depth.set(node, d);
      if (d !== 1) continue;
      if (node.op.id === operators.eq_ap.id) return false;
      if (node.op.id === operators.msb_a.id) msb = true;
    }
    return msb;
  }

  /** Evaluates what is pending; then, given the node of an operand check, fails if the bit it opened is 0. */
  #flush(check: OperandCheck | null = null): Promise<void> {
    try {
      this.#checkUsable();
    } catch (e) {
      return Promise.reject(e);
    }
    const batch = this.#pending;
    this.#pending = [];
    const pos = this.#position();
    return this.#enqueue(pos, "evaluate", async () => {
      await evaluateBatch(
        { backend: this.#backend, channel: this.#channel, profile: this.#profile, maxChunk: this.maxChunk, prefetch: this.#prefetch },
        batch,
        pos,
      );
      // Both parties opened the same bit, so both fail here, each with its own error.
      if (check && ((check.bit.value as Uint32Array)[0]! & 1) === 0) {
        const { before } = check;
        throw new OperandDivergenceError(this.party, {
          message: "operand-check",
          operator: before.at(-1) ?? "?",
          recent: before,
          digest: pos.digest,
        });
      }
    });
  }

  /** Runs channel work in program order; the first failure stops the VM and closes the channel. */
  #enqueue<T>(pos: BatchPosition, label: string, task: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      if (this.#failure !== null) throw new VMFailedError(this.party, this.#failure);
      this.#channel.context = formatContext(label, pos.digest, pos.recent);
      try {
        return await task();
      } catch (err) {
        const e = await this.#channel.explainClosed(err);
        if (this.#failure === null) {
          this.#failure = e;
          // Errors the peer already sees (channel errors) need no notice; others get a public one.
          void this.#channel.abort(
            e instanceof ChannelError || e instanceof DuetError
              ? "stopped after a channel error"
              : `party ${this.party} failed in "${label}" (see its error)`,
          );
        }
        throw e;
      }
    };
    const p = this.#queue.then(run);
    this.#queue = p.catch(() => {});
    return p;
  }

  #checkUsable(): void {
    if (this.#failure !== null) throw new VMFailedError(this.party, this.#failure);
    if (this.#closed) throw new DuetError(`party ${this.party}: this VM is closed`);
  }
}

/** The opened bit of a public operand check, and the operators made before it. */
interface OperandCheck {
  bit: Node;
  before: string[];
}

function checkValue(where: string, v: Value, kind: Kind, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${where}: length must be a non-negative integer, got ${n}`);
  const ok =
    kind === "arith" ? v instanceof BigUint64Array && v.length === n : v instanceof Uint32Array && v.length >= storageLength("bool", n);
  if (!ok)
    throw new TypeError(
      `${where}: expected ${kind === "arith" ? `a BigUint64Array of ${n}` : `a Uint32Array of ${storageLength("bool", n)} words for ${n} bits`}`,
    );
}

/** This party's private seed from a test seed: SHA-256(seed ‖ party)[0..16). */
function partySeed(seed: Uint8Array, party: PartyId): Uint8Array {
  if (!(seed instanceof Uint8Array) || seed.length !== 16)
    throw new RangeError(
      `Duet.create: privateSeed must be 16 bytes (a Uint8Array), got ${seed instanceof Uint8Array ? seed.length : typeof seed}`,
    );
  const m = new Uint8Array(17);
  m.set(seed, 0);
  m[16] = party;
  return sha256(m).slice(0, 16);
}
