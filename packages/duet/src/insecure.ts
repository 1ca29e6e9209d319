/**
 * What a VM says about its own security settings: which correlation source and backend it runs, and
 * a loud warning when either gives no privacy. An insecure run otherwise looks exactly like a secure
 * one (same output, exit code, report), so the warning and the `insecure` flag are the only signs.
 */

/** The security-relevant settings of one VM, as reported in its profile and by the CLI's `--json`. */
export interface SecuritySettings {
  /** Kind of the correlation source: "ot", "dealer-insecure", or "none" (reference backend). */
  correlations: string;
  backend: "secure" | "ref-insecure";
  /** True when either the correlation source or the backend gives no privacy at all. */
  insecure: boolean;
}

/** Code of the process warning, e.g. for `node --disable-warning=PETACE_INSECURE` in test runners. */
export const INSECURE_WARNING_CODE = "PETACE_INSECURE";

/**
 * Emits the warning once (callers call it once per VM). It goes through `process.emitWarning`, which
 * Node prints on stderr, so it is seen unless someone explicitly disables this warning code (test
 * runners do: their VMs use the dealer on purpose); in a browser it is a console warning.
 */
export function warnInsecure(party: number, s: SecuritySettings): void {
  // The reference backend uses no correlations, so only one of the two reasons applies.
  const why =
    s.backend === "ref-insecure"
      ? `backend "ref-insecure" computes in the clear (inputs are sent to the other party)`
      : `correlation source "${s.correlations}" lets either party unmask every value`;
  const text =
    `\n${"!".repeat(78)}\n` +
    `!! INSECURE petace VM (party ${party}): ${why}.\n` +
    `!! Nothing computed by this VM is private. Use only for tests, debugging and benchmarks.\n` +
    `${"!".repeat(78)}`;
  const proc = (globalThis as { process?: { emitWarning?: (m: string, o: { type: string; code: string }) => void } }).process;
  if (typeof proc?.emitWarning === "function") proc.emitWarning(text, { type: "SecurityWarning", code: INSECURE_WARNING_CODE });
  else console.warn(text);
}
