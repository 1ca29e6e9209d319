/**
 * The parameters of an emulated network link and their text form, e.g. `100mbit,25ms`: a bandwidth
 * cap per direction and a ONE-WAY delay (so the round-trip time is twice the delay).
 */

/** One direction of a link; both directions get the same parameters when both parties wrap. */
export interface LinkSpec {
  /** Bandwidth cap per direction in bits per second; `Infinity` for no cap. */
  readonly bitsPerSecond: number;
  /** One-way delay in milliseconds (the round-trip time is twice this). */
  readonly delayMs: number;
}

/** The accepted text form, quoted by every parse error. */
export const LINK_SPEC_FORM =
  "<bandwidth>,<one-way delay>, e.g. 100mbit,25ms or 1gbit,10ms (bandwidth in kbit, mbit or gbit per second; " +
  "delay in us, ms or s; rtt=<time> instead of the delay gives a round-trip time, halved; either part may be left out)";

const BANDWIDTH_UNITS: Record<string, number> = { kbit: 1e3, mbit: 1e6, gbit: 1e9 };
const TIME_UNITS: Record<string, number> = { us: 1e-3, ms: 1, s: 1e3 };
const QUANTITY = /^(\d+(?:\.\d*)?|\.\d+)([a-z]+)$/;
/** Units people write for bandwidth that mean something else here (bytes, or the "ps" suffix). */
const NEAR_MISSES = /^(k|m|g)(bps|bit\/s|b|bit\/sec|ib)$/;

/**
 * Parses a link spec such as `100mbit,25ms` (100 Mbit/s each way, 25 ms one way, so 50 ms RTT),
 * `1gbit,rtt=20ms` (10 ms one way), `25ms` (no bandwidth cap) or `100mbit` (no delay). Case and
 * spaces are ignored. Throws a RangeError that names the bad part and the accepted form; `where`
 * prefixes it (e.g. "--link").
 */
export function parseLinkSpec(spec: string, where = "parseLinkSpec"): LinkSpec {
  if (typeof spec !== "string" || spec.trim() === "") {
    throw new RangeError(`${where}: a link spec is required: ${LINK_SPEC_FORM}`);
  }
  let bitsPerSecond: number | undefined;
  let delayMs: number | undefined;
  const parts = spec.split(",");
  // The whole spec is quoted only when the bad part is not all of it.
  const context = parts.length > 1 ? `"${spec}": ` : "";
  for (const raw of parts) {
    const part = raw.trim().toLowerCase().replace(/\s+/g, "");
    const bad = (why: string) => new RangeError(`${where}: ${context}${why}; expected ${LINK_SPEC_FORM}`);
    if (part === "") throw bad("an empty part");
    const isRtt = part.startsWith("rtt=");
    const m = QUANTITY.exec(isRtt ? part.slice(4) : part);
    const value = m ? Number(m[1]) : Number.NaN;
    const unit = m?.[2] ?? "";
    if (!isRtt && unit in BANDWIDTH_UNITS) {
      if (bitsPerSecond !== undefined) throw bad("two bandwidths");
      if (!(value > 0)) throw bad(`the bandwidth "${raw.trim()}" must be above 0`);
      bitsPerSecond = value * BANDWIDTH_UNITS[unit]!;
    } else if (unit in TIME_UNITS) {
      if (delayMs !== undefined) throw bad("two delays (give the one-way delay or rtt=, not both)");
      delayMs = (value * TIME_UNITS[unit]!) / (isRtt ? 2 : 1);
      if (delayMs > 3_600_000) throw bad(`the delay "${raw.trim()}" is above an hour`);
    } else if (NEAR_MISSES.test(unit)) {
      throw bad(`"${raw.trim()}": write the bandwidth in bits per second as kbit, mbit or gbit (100mbit is 100 Mbit/s)`);
    } else {
      throw bad(`"${raw.trim()}" is neither a bandwidth nor a delay`);
    }
  }
  return { bitsPerSecond: bitsPerSecond ?? Infinity, delayMs: delayMs ?? 0 };
}

/** The canonical text form of a link, which parseLinkSpec reads back: `100mbit,25ms`. */
export function formatLinkSpec(link: LinkSpec): string {
  const parts: string[] = [];
  if (Number.isFinite(link.bitsPerSecond)) {
    const [unit, scale] = link.bitsPerSecond >= 1e9 ? ["gbit", 1e9] : link.bitsPerSecond >= 1e6 ? ["mbit", 1e6] : ["kbit", 1e3];
    parts.push(`${round(link.bitsPerSecond / scale)}${unit}`);
  }
  if (link.delayMs > 0 || parts.length === 0) {
    parts.push(link.delayMs >= 1 || link.delayMs === 0 ? `${round(link.delayMs)}ms` : `${round(link.delayMs * 1e3)}us`);
  }
  return parts.join(",");
}

/** For people: `100 Mbit/s each way, 25 ms one-way delay (RTT 50 ms)`. */
export function describeLink(link: LinkSpec): string {
  const bw = Number.isFinite(link.bitsPerSecond) ? `${humanRate(link.bitsPerSecond)} each way` : "no bandwidth cap";
  return `${bw}, ${round(link.delayMs)} ms one-way delay (RTT ${round(2 * link.delayMs)} ms)`;
}

function humanRate(bps: number): string {
  if (bps >= 1e9) return `${round(bps / 1e9)} Gbit/s`;
  if (bps >= 1e6) return `${round(bps / 1e6)} Mbit/s`;
  return `${round(bps / 1e3)} kbit/s`;
}

/** Up to 3 decimals, without trailing zeros. */
function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
