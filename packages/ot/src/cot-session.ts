/**
 * One entry point for either OT extension: `createCotSession(channel, { extension })` returns an
 * IKNP OtSession or a Ferret SilentOtSession, both stating their extension in a versioned first
 * message (ferret/mode.ts), and `CotSession` is what the two have in common: correlated OT with a
 * global Δ in both directions, with the same method signatures.
 */
import type { Channel, PartyId } from "@petace/network";
import { checkExtension, type OtExtension } from "./ferret/mode.js";
import { SilentOtSession, type SilentOtSessionOptions } from "./ferret/session.js";
import { OtSession } from "./session.js";

/** The correlated-OT methods OtSession and SilentOtSession share. */
export interface CotSession {
  readonly party: PartyId;
  readonly peer: PartyId;
  readonly tag: string;
  readonly channel: Channel;
  readonly delta: Uint8Array;
  readonly failed: boolean;
  msgTag(label: string, sender: PartyId): string;
  cotSend(n: number, label?: string): Promise<Uint8Array>;
  cotReceive(r: Uint8Array, n: number, label?: string): Promise<Uint8Array>;
}

export interface CotSessionOptions extends SilentOtSessionOptions {
  /** "iknp" (OtSession) or "silent" (SilentOtSession, Ferret); both parties must pass the same. */
  extension: OtExtension;
}

/** An OT session of the given extension; the extension message comes first on the wire. */
export async function createCotSession(channel: Channel, opts: CotSessionOptions): Promise<OtSession | SilentOtSession> {
  checkExtension("createCotSession", opts?.extension);
  const { extension, params, ...rest } = opts;
  if (extension === "silent") return SilentOtSession.create(channel, params === undefined ? rest : { ...rest, params });
  if (params !== undefined) throw new TypeError("createCotSession: params applies to the silent extension only");
  return OtSession.create(channel, { ...rest, extension: "iknp" });
}
