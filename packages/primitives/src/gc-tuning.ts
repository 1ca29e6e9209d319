/**
 * Process-wide V8 tuning for two-party computation on Node: turns off concurrent marking.
 *
 * Why: node:crypto returns a fresh buffer from every AES call (Node 20 has no call that writes into
 * the caller's memory), so OT extension and triple generation allocate about 6 KB of external memory
 * per Z_2^64 triple. V8 starts a major GC after every 64 MB of external memory, and with concurrent
 * marking on, its background marking threads compete for the cores with the protocol — and, with both
 * parties on one machine, with the other party. Marking on the main thread instead costs less in all.
 * Measured on the 2-core benchmark machine (bench/RESULTS.md): Z_2^64 triples over TCP, one process
 * per party, from about 97K to 136K per second; over libp2p, from 56K to 85K; CPU per triple about 25%
 * lower with both parties in one process too.
 *
 * Call it from an application's entry point (the `petace` CLI and the benchmark party processes do),
 * not from library code: it changes the whole process. The equivalent command-line switch is
 * `node --no-concurrent-marking`. Outside Node it does nothing. Returns true when the flag was set.
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
