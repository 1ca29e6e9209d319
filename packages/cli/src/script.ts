/**
 * The contract between `petace run` and a user's program. A script is an ES module (TypeScript or
 * JavaScript). Before it is imported the VM is connected and set for `snp` (`snp.setVM`), so plain
 * top-level code works. If its default export is a function, it is called with a ScriptContext and
 * its (awaited) return value is this party's result: printed (unless the script printed its own
 * report through `ctx.print`), and in the `--json` line.
 */
import type { Duet } from "@petace/duet";
import type { PartyId } from "@petace/network";
import type { Namespace } from "@petace/securenumpy";

export interface ScriptContext {
  /** This party's VM (already passed to `snp.setVM`). */
  vm: Duet;
  party: PartyId;
  /** Arguments after the script path. */
  args: string[];
  /** The securenumpy namespace bound to `vm` (same as `import * as snp` after setVM). */
  snp: Namespace;
  /** Prints a line for humans: stdout, or stderr under `--json` (so stdout stays one JSON line). */
  print(text: string): void;
  /** Reports progress of long work (a TTY status line; silent in a pipe). */
  progress(done: number, total: number, label?: string): void;
}

export type Script<T = unknown> = (ctx: ScriptContext) => T | Promise<T>;
