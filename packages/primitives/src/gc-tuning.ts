/**
 * Process-wide V8 tuning for a party that shares its machine's cores with the other party: turns
 * off concurrent marking and concurrent sweeping.
 *
 * Why: node:crypto returns a fresh buffer from every AES call (Node 20 has no call that writes into
 * the caller's memory), so OT extension and triple generation allocate about 6 KB of external memory
 * per Z_2^64 triple, and V8 starts a major GC after every 64 MB of it. The background threads that
 * mark, and those that sweep (free) the dead buffers, then compete for the cores with the protocol
 * and, when both parties run on one machine, with the other party: there, turning them off made
 * triples and matrix triples markedly faster (bench/notes.md). With
 * a core to spare (both parties in one process, or a party alone on its machine) the background
 * threads are the better choice.
 *
 * Call it from an application's entry point, not from library code: it changes the whole process.
 * The `petace` CLI calls it when a party's addresses are on loopback. The equivalent command-line
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
