#!/usr/bin/env node
/**
 * petace-net: identity keys for the libp2p transport.
 *
 *   petace-net keygen --out party0.key   creates a key file (mode 0600) and prints its PeerId
 *   petace-net peerid --key party0.key   prints the PeerId of an existing key file
 */
import { generateIdentity, loadIdentity } from "./identity.js";

const USAGE = `usage:
  petace-net keygen --out <file>   create an Ed25519 identity key file (never overwrites) and print its PeerId
  petace-net peerid --key <file>   print the PeerId of an existing key file`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === "keygen") {
    const out = flag(args, "--out");
    if (!out) {
      console.error(`petace-net keygen: --out <file> is required\n${USAGE}`);
      return 2;
    }
    const { peerId } = await generateIdentity(out);
    console.log(peerId);
    console.error(
      `wrote ${out} (keep it private: it is this party's identity)\n` +
        `the other party pins this PeerId: its peer address ends in /p2p/${peerId}\n` +
        `  e.g. party 1 dials party 0 at /ip4/<party 0 host>/tcp/8090/p2p/<party 0 PeerId>; party 0 expects /p2p/<party 1 PeerId>`,
    );
    return 0;
  }
  if (command === "peerid") {
    const key = flag(args, "--key");
    if (!key) {
      console.error(`petace-net peerid: --key <file> is required\n${USAGE}`);
      return 2;
    }
    console.log((await loadIdentity(key)).peerId);
    return 0;
  }
  console.error(command === undefined || command === "--help" || command === "-h" ? USAGE : `petace-net: unknown command "${command}"\n${USAGE}`);
  return command === "--help" || command === "-h" ? 0 : 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`petace-net: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
