/** Types for scripts run by the `petace` command; the command itself is `petace` (src/main.ts). */
export type { Script, ScriptContext } from "./script.js";
export type { PartyReport } from "./run.js";
export {
  parseArgs,
  CliUsageError,
  USAGE,
  type Command,
  type HelpCommand,
  type IdCommand,
  type KeygenCommand,
  type LocalCommand,
  type RunCommand,
  type Triples,
} from "./args.js";
