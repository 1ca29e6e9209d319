/**
 * Base OT and IKNP OT extension: throughput and bytes, both parties in one process (in-memory
 * channel) and each in its own process over TCP and libp2p on
 * 127.0.0.1. Each figure is printed next to its lower bound: 16 bytes per COT on the wire (IKNP
 * sends one 128-bit column slice per OT) and this machine's AES rate (a COT needs 3 AES blocks of PRG
 * output, 2 at the receiver and 1 at the sender; a random OT 3 more for the hashes).
 * Run alone: `npx tsx --conditions=source packages/correlations/bench/ot.bench.ts`.
 */
import { quick, record } from "@petace/bench";
import { machineAesRate, type Measure, type Step } from "./suite.js";
import { runEverywhere } from "./spawn.js";

const STEPS: Step[] = ["base", "session", "cot", "cot2", "rot"];

const aesBlocksPerS = machineAesRate();
record({
  metric: "protocols.aes_blocks_per_s",
  value: aesBlocksPerS,
  unit: "blocks/s",
  note: "FixedKeyAes ECB, 256 KiB per call, best of 7: the AES bound used below",
});

function report(ms: Measure[], transport: string, oneProcess: boolean): void {
  for (const m of ms) {
    const perS = m.size / (m.ms / 1e3);
    const where = `${transport}${oneProcess ? ", both parties in one process" : ", one process per party"}`;
    // AES blocks per OT on the busiest core: one process does both parties' work
    const blocksCot = oneProcess ? 3 : 2;
    const blocksRot = oneProcess ? 6 : 3;
    if (oneProcess && (m.step === "cot" || m.step === "rot")) {
      record({
        metric: `protocols.${m.step}_cpu_ns`,
        value: (m.cpuMs * 1e6) / m.size,
        unit: "ns CPU/OT",
        size: m.size,
        note: "both parties, all threads (incl. GC), in one process",
      });
    }
    switch (m.step) {
      case "base":
        record({
          metric: "protocols.base_ot_ms",
          value: m.ms,
          unit: "ms",
          size: 128,
          note: `${where}; Chou–Orlandi, one direction, ${m.bytesSent + m.peerBytesSent} bytes`,
        });
        break;
      case "session":
        record({
          metric: "protocols.ot_session_setup_ms",
          value: m.ms,
          unit: "ms",
          size: 256,
          note: `${where}; 128 base OTs each way + IKNP setup`,
        });
        break;
      case "cot":
      case "cot2": {
        const bytes = (m.bytesSent + m.peerBytesSent) / m.size;
        record({
          metric: "protocols.cot_per_s",
          value: perS,
          unit: "COT/s",
          size: m.size,
          note: `${where}; ${m.step === "cot2" ? "both directions at once" : "one direction"}; AES bound ${(aesBlocksPerS / blocksCot / 1e6).toFixed(0)}M/s; target ≥ 10M/s`,
        });
        record({ metric: "protocols.cot_bytes", value: bytes, unit: "bytes/COT", size: m.size, note: `${where}; lower bound 16 (IKNP)` });
        break;
      }
      case "rot":
        record({
          metric: "protocols.rot_per_s",
          value: perS,
          unit: "ROT/s",
          size: m.size,
          note: `${where}; 128-bit messages; AES bound ${(aesBlocksPerS / blocksRot / 1e6).toFixed(0)}M/s`,
        });
        break;
      default:
        break;
    }
  }
}

await runEverywhere("ot.bench", STEPS, quick, report);
