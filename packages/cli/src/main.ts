#!/usr/bin/env node
/** The `petace` command (see USAGE in args.ts). Exit codes: 0 ok, 1 failure, 2 bad usage. */
import { CliUsageError, parseArgs, USAGE, type Command } from "./args.js";

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
    case "run":
      await tuneGc();
      return (await import("./run.js")).runParty(cmd);
    case "local":
      await tuneGc();
      return (await import("./local.js")).runLocalParties(cmd);
  }
}

/** A party process is this application's own: tune V8's GC for protocol work (see tuneGcForMpc). */
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
