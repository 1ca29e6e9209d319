/**
 * Progress of long work. On a TTY: one status line on stderr, redrawn a few times a second. For a
 * parent `petace local`: marked lines on stderr that the parent merges into its own status line.
 * Otherwise (a pipe, --json): silent. Shows counts and traffic only, never values.
 */
import { formatBytes } from "./format.js";

export const PROGRESS_MARK = "\x1epetace-progress ";

export interface ProgressState {
  label: string;
  done: number;
  total: number;
  bytesSent: number;
  rounds: number;
  ms: number;
}

export type ProgressMode = "tty" | "ipc" | "off";

export class Progress {
  #state: ProgressState = { label: "", done: 0, total: 0, bytesSent: 0, rounds: 0, ms: 0 };
  #timer: NodeJS.Timeout | undefined;
  readonly #t0 = performance.now();
  #drawn = false;

  constructor(
    readonly mode: ProgressMode,
    readonly name: string,
    readonly stats: () => { bytesSent: number; rounds: number },
  ) {
    if (mode !== "off") {
      this.#timer = setInterval(() => this.#emit(), mode === "tty" ? 200 : 500);
      this.#timer.unref();
    }
  }

  update(done: number, total: number, label = ""): void {
    this.#state.done = done;
    this.#state.total = total;
    this.#state.label = label;
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.mode === "tty" && this.#drawn) process.stderr.write("\r\x1b[K");
  }

  #emit(): void {
    const s = this.stats();
    const st = { ...this.#state, bytesSent: s.bytesSent, rounds: s.rounds, ms: performance.now() - this.#t0 };
    if (this.mode === "ipc") process.stderr.write(`${PROGRESS_MARK}${JSON.stringify(st)}\n`);
    else {
      process.stderr.write(`\r\x1b[K${this.name}: ${describe(st)}`);
      this.#drawn = true;
    }
  }
}

export function describe(s: ProgressState): string {
  const work = s.total > 0 ? `${s.label ? `${s.label} ` : ""}${s.done}/${s.total} · ` : "";
  return `${work}${formatBytes(s.bytesSent)} sent · ${s.rounds} rounds · ${(s.ms / 1000).toFixed(1)} s`;
}
