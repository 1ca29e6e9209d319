/** `petace keygen` and `petace id`: this party's identity key file, and the PeerId the other party pins. */
import { generateIdentity, IdentityError, loadIdentity } from "@petace/network";
import type { IdCommand, KeygenCommand } from "./args.js";

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

/** `petace id --key <file>`: the PeerId of an existing key file, e.g. to send it to the other party again. */
export async function printId(cmd: IdCommand): Promise<number> {
  let peerId: string;
  try {
    ({ peerId } = await loadIdentity(cmd.key));
  } catch (err) {
    if (!(err instanceof IdentityError)) throw err;
    // loadIdentity's message names the file and how to make one (`petace keygen --out <file>`).
    process.stderr.write(`petace id: ${err.message.replace(/^loadIdentity: /, "")}\n`);
    return 1;
  }
  process.stdout.write(cmd.json ? `${JSON.stringify({ peerId, key: cmd.key })}\n` : `${peerId}\n`);
  return 0;
}
