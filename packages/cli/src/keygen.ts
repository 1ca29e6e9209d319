/** `petace keygen`: this party's identity key file, and how the other party uses its PeerId. */
import { generateIdentity } from "@petace/network";
import type { KeygenCommand } from "./args.js";

export async function keygen(cmd: KeygenCommand): Promise<number> {
  const { peerId } = await generateIdentity(cmd.out);
  if (cmd.json) {
    process.stdout.write(`${JSON.stringify({ peerId, key: cmd.out })}\n`);
    return 0;
  }
  process.stdout.write(`${peerId}\n`);
  process.stderr.write(
    `wrote ${cmd.out}: this party's private identity (mode 0600); keep it, share only the PeerId above\n` +
      `party 0 (listens):  petace run --party 0 --listen /ip4/0.0.0.0/tcp/8090 --peer /p2p/<party 1 PeerId> --key party0.key script.ts\n` +
      `party 1 (dials):    petace run --party 1 --peer /ip4/<party 0 host>/tcp/8090/p2p/<party 0 PeerId> --key party1.key script.ts\n`,
  );
  return 0;
}
