/** Per-operator cost counters of one VM, and their table. */
import type { SecuritySettings } from "./insecure.js";

export interface ProfileRow {
  /** Kernel operator (merged calls count once in `calls`, each node in `nodes`). */
  op: string;
  calls: number;
  nodes: number;
  elements: number;
  /** Communication rounds as counted by this party's channel. */
  rounds: number;
  bytesSent: number;
  bytesReceived: number;
  /** Wall time in milliseconds (includes waiting for the peer). */
  ms: number;
}

export class Profile {
  constructor(
    readonly rows: readonly ProfileRow[],
    /** The VM's correlation source, backend and `insecure` flag: numbers from an insecure run are not those of a secure one. */
    readonly security: SecuritySettings,
  ) {}

  /** One row summing all operators. */
  get total(): ProfileRow {
    const t: ProfileRow = { op: "total", calls: 0, nodes: 0, elements: 0, rounds: 0, bytesSent: 0, bytesReceived: 0, ms: 0 };
    for (const r of this.rows) {
      t.calls += r.calls;
      t.nodes += r.nodes;
      t.elements += r.elements;
      t.rounds += r.rounds;
      t.bytesSent += r.bytesSent;
      t.bytesReceived += r.bytesReceived;
      t.ms += r.ms;
    }
    return t;
  }

  /** A fixed-width text table, busiest operators (by time) first, with a total line. */
  table(): string {
    const head = ["op", "calls", "nodes", "elements", "rounds", "sent", "received", "ms"];
    const fmt = (r: ProfileRow) => [
      r.op,
      String(r.calls),
      String(r.nodes),
      String(r.elements),
      String(r.rounds),
      bytes(r.bytesSent),
      bytes(r.bytesReceived),
      r.ms.toFixed(1),
    ];
    const body = [...this.rows].sort((a, b) => b.ms - a.ms).map(fmt);
    const lines = [head, ...body, fmt(this.total)];
    const widths = head.map((_, c) => Math.max(...lines.map((l) => l[c]!.length)));
    const render = (l: string[]) => l.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
    const rule = widths.map((w) => "-".repeat(w)).join("  ");
    const s = this.security;
    const settings = `correlations ${s.correlations}, backend ${s.backend}${s.insecure ? ", INSECURE (no privacy)" : ""}`;
    return [settings, render(head), rule, ...body.map(render), rule, render(fmt(this.total))].join("\n");
  }

  toString(): string {
    return this.table();
  }
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** Accumulates rows as the VM runs. */
export class ProfileRecorder {
  readonly #rows = new Map<string, ProfileRow>();

  constructor(readonly security: SecuritySettings) {}

  record(op: string, nodes: number, elements: number, rounds: number, bytesSent: number, bytesReceived: number, ms: number): void {
    let r = this.#rows.get(op);
    if (!r) {
      r = { op, calls: 0, nodes: 0, elements: 0, rounds: 0, bytesSent: 0, bytesReceived: 0, ms: 0 };
      this.#rows.set(op, r);
    }
    r.calls += 1;
    r.nodes += nodes;
    r.elements += elements;
    r.rounds += rounds;
    r.bytesSent += bytesSent;
    r.bytesReceived += bytesReceived;
    r.ms += ms;
  }

  snapshot(): Profile {
    return new Profile(
      [...this.#rows.values()].map((r) => ({ ...r })),
      { ...this.security },
    );
  }

  reset(): void {
    this.#rows.clear();
  }
}
