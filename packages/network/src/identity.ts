/**
 * Party identities for the libp2p transport: an Ed25519 key pair per party, kept in a file (the
 * protobuf encoding libp2p uses), and its PeerId, which the other party pins in its configuration.
 * Keys come from @libp2p/crypto, which draws on the platform CSPRNG.
 */
import { type FileHandle, open, readFile, stat } from "node:fs/promises";
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from "@libp2p/crypto/keys";
import type { PrivateKey } from "@libp2p/interface";
import { peerIdFromPrivateKey } from "@libp2p/peer-id";
import { IdentityError } from "./errors.js";

export type { PrivateKey };

export interface Identity {
  privateKey: PrivateKey;
  /** The PeerId as a string ("12D3KooW..."): what the other party puts after /p2p/ in its `peer`. */
  peerId: string;
}

/** Key files are a few dozen bytes; anything much larger is not one. */
const MAX_KEY_FILE_BYTES = 16 * 1024;

/** The PeerId string of a private key. */
export function peerIdOf(privateKey: PrivateKey): string {
  return peerIdFromPrivateKey(privateKey).toString();
}

/**
 * Creates a fresh Ed25519 identity. With `path`, also writes the protobuf-encoded private key
 * there, readable by the owner only (mode 0600), refusing to overwrite an existing file.
 */
export async function generateIdentity(path?: string): Promise<Identity> {
  const privateKey = await generateKeyPair("Ed25519");
  if (path !== undefined) {
    if (typeof path !== "string" || path === "") throw new TypeError(`generateIdentity: path must be a non-empty string`);
    let file: FileHandle;
    try {
      // "wx": fail if it exists, so an identity (and the PeerId others pinned) is never lost by accident.
      file = await open(path, "wx", 0o600);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "EEXIST") {
        throw new IdentityError(
          `generateIdentity: ${path} already exists; refusing to overwrite an identity key (choose another path, or delete it if it is really unused)`,
        );
      }
      throw new IdentityError(`generateIdentity: cannot create ${path}: ${(err as Error).message}`, { cause: err });
    }
    try {
      await file.writeFile(privateKeyToProtobuf(privateKey));
    } finally {
      await file.close();
    }
  }
  return { privateKey, peerId: peerIdOf(privateKey) };
}

/** Reads an identity written by `generateIdentity` (or `petace keygen`). */
export async function loadIdentity(path: string): Promise<Identity> {
  if (typeof path !== "string" || path === "") throw new TypeError(`loadIdentity: path must be a non-empty string`);
  let bytes: Uint8Array;
  let mode: number;
  try {
    const info = await stat(path);
    mode = info.mode;
    if (!info.isFile())
      throw new IdentityError(
        `loadIdentity: ${path} is not a regular file; an identity key file is made by \`petace keygen --out <file>\``,
      );
    if (info.size > MAX_KEY_FILE_BYTES) {
      throw new IdentityError(
        `loadIdentity: ${path} is ${info.size} bytes, too large for an identity key file (is it the right file? one is made by \`petace keygen --out <file>\`)`,
      );
    }
    bytes = await readFile(path);
  } catch (err) {
    if (err instanceof IdentityError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new IdentityError(`loadIdentity: no identity key file at ${path}; create one with \`petace keygen --out ${path}\``, {
        cause: err,
      });
    }
    throw new IdentityError(`loadIdentity: cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
  let privateKey: PrivateKey;
  try {
    privateKey = privateKeyFromProtobuf(bytes);
  } catch (err) {
    throw new IdentityError(
      `loadIdentity: ${path} is not a valid identity key file (corrupt, or not a libp2p protobuf private key); make one with \`petace keygen --out <file>\``,
      { cause: err },
    );
  }
  if (privateKey.type !== "Ed25519") {
    throw new IdentityError(
      `loadIdentity: ${path} holds a ${privateKey.type} key; petace-ts identities are Ed25519 (make one with \`petace keygen --out <file>\`)`,
    );
  }
  checkPrivate(path, mode);
  return { privateKey, peerId: peerIdOf(privateKey) };
}

/**
 * Refuses a key file that group or others may read or write, as ssh does: whoever can read it can
 * impersonate this party. Checked after parsing, so a file that is not a key at all says that first.
 * POSIX modes only (Windows has none to check).
 */
function checkPrivate(path: string, mode: number): void {
  if (process.platform === "win32" || (mode & 0o077) === 0) return;
  const who = [mode & 0o070 ? "its group" : "", mode & 0o007 ? "others" : ""].filter(Boolean).join(" and ");
  throw new IdentityError(
    `loadIdentity: ${path} is accessible to ${who} (mode 0${(mode & 0o777).toString(8)}); an identity key must be private to its owner, ` +
      `or anyone who can read it can impersonate this party. Run \`chmod 600 ${path}\` (and make a new key with \`petace keygen\` if others may have read it)`,
  );
}
