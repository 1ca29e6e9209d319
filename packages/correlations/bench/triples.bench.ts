/**
 * Correlated randomness from OT: Z_2^64 Beaver triples (Gilboa), bit-packed AND triples, daBits and
 * matrix triples (64³ and 256³), both parties in one process and in two processes over TCP (and
 * libp2p when available) on 127.0.0.1. Each figure is printed next to its lower bound: the bytes this
 * protocol cannot avoid (per party: 64 COTs × 16 bytes + 2080 bits of corrections per Z_2^64 triple;
 * 16 bytes per AND triple) and the AES bound (blocks of AES per item on the busiest core at this
 * machine's rate).
 * Run alone: `npx tsx --conditions=source packages/correlations/bench/triples.bench.ts`.
 */
import { quick, record } from "@petace/bench";
import { machineAesRate, type Measure, type Step } from "./suite.js";
import { runEverywhere } from "./spawn.js";
import { ARITH_TRIPLE_BYTES } from "../src/arith.js";
import { BOOL_TRIPLE_BYTES } from "../src/bool.js";
import { matrixTripleAesBlocks, matrixTripleBytes } from "../src/matrix.js";

const STEPS: Step[] = ["arith", "arithSilent", "and", "dabits", "mat64", "mat100", "mat256"];

const aesBlocksPerS = machineAesRate();
record({
  metric: "protocols.aes_blocks_per_s",
  value: aesBlocksPerS,
  unit: "blocks/s",
  note: "FixedKeyAes ECB, 256 KiB per call, best of 7: the AES bound used below",
});

/** AES blocks per item, both parties: PRG (3 per COT) + hashes (3 per COT) for 128 COTs etc. */
const AES_PER = { arith: 128 * 6, and: 2 * 6, dabits: 6 } as const;

function report(ms: Measure[], transport: string, oneProcess: boolean): void {
  const where = `${transport}${oneProcess ? ", both parties in one process" : ", one process per party"}`;
  // one process does both parties' AES; two processes split it evenly
  const bound = (blocks: number) => aesBlocksPerS / (oneProcess ? blocks : blocks / 2);
  for (const m of ms) {
    const perS = m.size / (m.ms / 1e3);
    const bytes = m.bytesSent / m.size;
    // CPU per item, both parties when in one process: what the machine must spend whatever its load.
    if (oneProcess && m.step !== "mat256") {
      const what =
        m.step === "mat64"
          ? "matrix_triple_64"
          : m.step === "mat100"
            ? "matrix_triple_100"
            : m.step === "and"
              ? "and_triple"
              : m.step === "arith"
                ? "arith_triple"
                : "dabit";
      record({
        metric: `protocols.${what}_cpu_ns`,
        value: (m.cpuMs * 1e6) / m.size,
        unit: "ns CPU/item",
        size: m.size,
        note: "both parties, all threads (incl. GC), in one process: two free cores would give 2e9/value items/s",
      });
    }
    switch (m.step) {
      case "arith":
        // With one process per party, CPU per triple of one party (party 0): robust to other load,
        // and what two free cores bound (1e9/value triples/s when both parties cost the same).
        if (!oneProcess)
          record({
            metric: "protocols.arith_triple_cpu_ns",
            value: (m.cpuMs * 1e6) / m.size,
            unit: "ns CPU/item",
            size: m.size,
            note: `${where}: party 0's CPU (all threads, incl. GC and the socket's system time)`,
          });
        if (!oneProcess)
          record({
            metric: "protocols.arith_idle_pct",
            value: 100 * m.idle,
            unit: "% of wall time",
            size: m.size,
            note: `${where}: party 0's event loop waiting (for the peer's bytes), not computing`,
          });
        record({
          metric: "protocols.arith_triples_per_s",
          value: perS,
          unit: "triples/s",
          size: m.size,
          note: `${where}; Gilboa over IKNP; AES bound ${(bound(AES_PER.arith) / 1e3).toFixed(0)}K/s; target ≥ 100K/s`,
        });
        record({
          metric: "protocols.arith_triple_bytes",
          value: bytes,
          unit: "bytes/triple/party",
          size: m.size,
          note: `${where}; lower bound ${ARITH_TRIPLE_BYTES} (64 COTs × 16 + 2080 bits)`,
        });
        break;
      case "arithSilent":
        record({
          metric: "protocols.arith_triples_silent_per_s",
          value: perS,
          unit: "triples/s",
          size: m.size,
          note: `${where}; Gilboa over Ferret silent OT (steady state: ${m.size} triples a run, one or two Ferret iterations per role)`,
        });
        record({
          metric: "protocols.arith_triple_silent_cpu_ns",
          value: (m.cpuMs * 1e6) / m.size,
          unit: "ns CPU/item",
          size: m.size,
          note: `${where}: ${oneProcess ? "both parties" : "party 0's CPU"} (all threads, incl. GC)`,
        });
        record({
          metric: "protocols.arith_triple_silent_bytes",
          value: bytes,
          unit: "bytes/triple/party",
          size: m.size,
          note: `${where}; Gilboa's 2080 bits + Ferret's messages`,
        });
        break;
      case "and":
        record({
          metric: "protocols.and_triples_per_s",
          value: perS,
          unit: "triples/s",
          size: m.size,
          note: `${where}; 2 ROTs each; AES bound ${(bound(AES_PER.and) / 1e6).toFixed(1)}M/s; target ≥ 5M/s`,
        });
        record({
          metric: "protocols.and_triple_bytes",
          value: bytes,
          unit: "bytes/triple/party",
          size: m.size,
          note: `${where}; lower bound ${BOOL_TRIPLE_BYTES} (one 128-bit COT column)`,
        });
        break;
      case "dabits":
        record({
          metric: "protocols.dabits_per_s",
          value: perS,
          unit: "daBits/s",
          size: m.size,
          note: `${where}; one COT + 64-bit correction each; AES bound ${(bound(AES_PER.dabits) / 1e6).toFixed(1)}M/s`,
        });
        record({
          metric: "protocols.dabit_bytes",
          value: bytes,
          unit: "bytes/daBit/party",
          size: m.size,
          note: `${where}; lower bound 12`,
        });
        break;
      case "mat64":
      case "mat100":
      case "mat256": {
        const d = m.step === "mat64" ? 64 : m.step === "mat100" ? 100 : 256;
        // per party; one process does both parties' AES
        const aes = matrixTripleAesBlocks(d, d, d) * (oneProcess ? 2 : 1);
        record({
          metric: "protocols.matrix_triple_s",
          value: m.ms / 1e3,
          unit: "s",
          size: d,
          note: `${where}; ${d}×${d}×${d}, Gilboa with vector messages; AES bound ${(aes / aesBlocksPerS).toFixed(2)} s`,
        });
        record({
          metric: "protocols.matrix_triple_bytes",
          value: m.bytesSent,
          unit: "bytes/party",
          size: d,
          note: `${where}; ${d}³: protocol bound ${matrixTripleBytes(d, d, d)} (≈ 260·d³ + 1024·d²)`,
        });
        break;
      }
      default:
        break;
    }
  }
}

await runEverywhere("triples.bench", STEPS, quick, report);
