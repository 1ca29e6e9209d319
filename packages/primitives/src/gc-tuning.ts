/**
 * Process-wide V8 tuning for a party that shares its machine's cores with the other party: turns
 * off concurrent marking and concurrent sweeping.
 *
 * Why: IKNP extension and the triples made on it allocate many short-lived buffers (the portable
 * path's node:crypto AES returns a fresh one per call), and V8 starts a major GC after every 64 MB
 * of external memory. The background threads that mark, and those that sweep (free) the dead
 * buffers, then compete for the cores with the protocol and, when both parties run on one machine,
 * with the other party: there, turning them off made IKNP triples markedly faster. The price is
 * memory: without the background threads dead buffers wait longer to be freed, and a big program's
 * peak can double. On silent OT the threads cost no measurable speed, so there the defaults are the
 * better choice (bench/notes.md), as they are with a core to spare (a party alone on its machine).
 *
 * Call it from an application's entry point, not from library code: it changes the whole process.
 * The `petace` CLI calls it for `--ot iknp` when a party's addresses are on loopback. The equivalent command-line
 * switches are `node --no-concurrent-marking --no-concurrent-sweeping`. Outside Node it does
 * nothing. Returns true when the flags were set.
 */
export function tuneGcForMpc(): boolean {
  try {
    const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const v8 = p?.getBuiltinModule?.("node:v8") as { setFlagsFromString?: (flags: string) => void } | undefined;
    if (typeof v8?.setFlagsFromString !== "function") return false;
    v8.setFlagsFromString("--no-concurrent-marking");
    v8.setFlagsFromString("--no-concurrent-sweeping");
    return true;
  } catch {
    return false;
  }
}
