#!/usr/bin/env node
/** The `petace` command (see USAGE in args.ts). Exit codes: 0 ok, 1 failure, 2 bad usage. */
import { CliUsageError, parseArgs, sharesMachine, USAGE, type Command } from "./args.js";

async function main(argv: string[]): Promise<number> {
  let cmd: Command;
  try {
    cmd = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof CliUsageError)) throw err;
    process.stderr.write(`petace ${err.message}\n\n${USAGE}\n`);
    return 2;
  }
  switch (cmd.command) {
    case "help":
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case "keygen":
      return (await import("./keygen.js")).keygen(cmd);
    case "id":
      return (await import("./keygen.js")).printId(cmd);
    case "run":
      if (sharesMachine(cmd.listen, cmd.peer) && cmd.triples === "ot" && cmd.ot === "iknp") await tuneGc();
      return (await import("./run.js")).runParty(cmd);
    case "local":
      return (await import("./local.js")).runLocalParties(cmd);
  }
}

/**
 * Both parties on one machine with IKNP: turn off V8's concurrent marking and sweeping (see
 * tuneGcForMpc), whose threads would compete with the other party for the cores. Only IKNP pays for
 * it: its correlations churn through enough short-lived buffers that the background threads cost
 * it a third of its speed, while on silent OT they cost nothing measurable and, left on, free dead
 * buffers soon enough to halve a big program's peak memory (bench/notes.md). A party alone on its
 * machine keeps them: there they use cores the protocol leaves idle.
 */
async function tuneGc(): Promise<void> {
  (await import("@petace/duet")).tuneGcForMpc();
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`petace: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = err instanceof CliUsageError ? 2 : 1;
  },
);
