/** `pnpm demo`: both parties of the demo as two processes over authenticated libp2p on this machine. */
import { fileURLToPath } from "node:url";
import { launchBoth } from "./launch.js";

const rows = process.argv[2] ?? "1000";
console.log(`petace-ts demo: a retailer (party 0) and a bank (party 1) count high-net-worth customers over ${rows} rows`);
console.log("two processes, libp2p (Noise-encrypted, PeerIds pinned), triples from OT between them\n");
const codes = await launchBoth({
  script: fileURLToPath(new URL("./party.ts", import.meta.url)),
  args: ["--rows", rows],
  names: ["retailer A", "bank B"],
});
if (codes.some((c) => c !== 0)) {
  console.error(`demo failed: exit codes ${codes.join(", ")}`);
  process.exit(1);
}
