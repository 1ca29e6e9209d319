/**
 * Process-wide V8 tuning for a party that shares its machine's cores with the other party: turns
 * off concurrent marking.
 *
 * Why: node:crypto returns a fresh buffer from every AES call (Node 20 has no call that writes into
 * the caller's memory), so OT extension and triple generation allocate about 6 KB of external memory
 * per Z_2^64 triple, and V8 starts a major GC after every 64 MB of it. With concurrent marking on,
 * the background marking threads then compete for the cores with the protocol, and with the other
 * party when both run on one machine. Measured on the 2-core benchmark machine, both parties on it,
 * one process each: Z_2^64 triples over TCP from about 97K to 120–136K per second, over libp2p from
 * 56K to 79–85K. With a core to spare (both parties in one process, or a party alone on its
 * machine) concurrent marking is the better choice: the same triples ran ~14% slower without it.
 *
 * Call it from an application's entry point, not from library code: it changes the whole process.
 * The `petace` CLI calls it when a party's addresses are on loopback. The equivalent command-line
 * switch is `node --no-concurrent-marking`. Outside Node it does nothing. Returns true when the flag
 * was set.
 */
export function tuneGcForMpc(): boolean {
  try {
    const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const v8 = p?.getBuiltinModule?.("node:v8") as { setFlagsFromString?: (flags: string) => void } | undefined;
    if (typeof v8?.setFlagsFromString !== "function") return false;
    v8.setFlagsFromString("--no-concurrent-marking");
    return true;
  } catch {
    return false;
  }
}
