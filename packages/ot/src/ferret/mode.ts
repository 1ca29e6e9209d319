/**
 * Which OT extension a session runs, agreed in a versioned first message so that two parties that
 * picked different extensions stop with a clear error instead of producing COTs that do not match.
 *
 * The message (tag `<session tag>/extension`) is 4 bytes: "OX", the format version, the extension
 * code. A plain `OtSession.create` without the `extension` option sends no such message (IKNP's wire
 * format as it always was); its peer, if it asked for an extension, receives IKNP's base-OT message
 * instead and reports that.
 */
import { type Channel, ProtocolMismatchError } from "@petace/network";

export type OtExtension = "iknp" | "silent";

/**
 * Version of the extension message, and of what follows it: 2 since a silent session bootstraps
 * both of its instances at its first call (session.ts), which changed the order of the first
 * messages; a peer of format 1 is refused with OtExtensionMismatchError naming both formats.
 */
export const EXTENSION_FORMAT_VERSION = 2;

const CODES: Record<OtExtension, number> = { iknp: 1, silent: 2 };

/** The two parties asked for different OT extensions, or the peer sent a format this version does not know. */
export class OtExtensionMismatchError extends Error {
  override name = "OtExtensionMismatchError";
  constructor(party: number, mine: OtExtension, detail: string) {
    super(
      `party ${party}, OT session: this party runs the "${mine}" OT extension but ${detail}; both parties must pass the same extension option`,
    );
  }
}

/** Checks an extension name at an API boundary. */
export function checkExtension(fn: string, ext: unknown): asserts ext is OtExtension {
  if (ext !== "iknp" && ext !== "silent") throw new TypeError(`${fn}: extension must be "iknp" or "silent", got ${String(ext)}`);
}

/** Sends this party's extension and checks the peer's (one message each way, no secret). */
export async function agreeExtension(channel: Channel, tag: string, mine: OtExtension): Promise<void> {
  const t = `${tag}/extension`;
  channel.send(t, Uint8Array.of(0x4f, 0x58, EXTENSION_FORMAT_VERSION, CODES[mine]));
  let got: Uint8Array;
  try {
    got = await channel.recv(t);
  } catch (e) {
    if (e instanceof ProtocolMismatchError)
      throw new OtExtensionMismatchError(
        channel.party,
        mine,
        `the peer sent another message first (${e.message}); it likely created an OT session without the extension option, which runs IKNP`,
      );
    throw e;
  }
  if (got.length !== 4 || got[0] !== 0x4f || got[1] !== 0x58)
    throw new OtExtensionMismatchError(channel.party, mine, `the peer's extension message is malformed (${got.length} bytes)`);
  if (got[2] !== EXTENSION_FORMAT_VERSION)
    throw new OtExtensionMismatchError(
      channel.party,
      mine,
      `the peer uses extension message format ${got[2]}, this party ${EXTENSION_FORMAT_VERSION}`,
    );
  const theirs = (Object.keys(CODES) as OtExtension[]).find((k) => CODES[k] === got[3]);
  if (theirs !== mine) throw new OtExtensionMismatchError(channel.party, mine, `the peer runs "${theirs ?? `unknown code ${got[3]}`}"`);
}
