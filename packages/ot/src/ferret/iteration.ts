/**
 * One Ferret extension step (Yang et al., CCS 2020, Fig. 7, semi-honest): k + t·h base COTs in,
 * n COTs out. The last t·h base COTs run the regular-noise multi-point COT (mpcot.ts), giving the
 * noise vector's COTs (sender v, receiver w = v ⊕ e·Δ, choices e); the first k go through the local
 * linear code (lpn.ts), and the outputs are y = A·base ⊕ noise on both sides, with receiver choices
 * A·u ⊕ e. One message, sender to receiver (mpcotMessageBytes). The trees and the code run on
 * `kernels` (default: the process's offlineKernels()); the two parties may run different ones.
 */
import { type OfflineKernels, offlineKernels } from "@petace/offline-kernels";
import { lpnEncodeReceive, lpnEncodeSend } from "./lpn.js";
import { mpcotReceive, mpcotSend } from "./mpcot.js";
import { baseCount, type FerretParams } from "./params.js";

/**
 * Sender step: from its base keys (baseCount(p) blocks) and Δ, n output keys and the message.
 * `out` (16n bytes, not overlapping base), if given, is overwritten with the keys instead of a fresh buffer.
 */
export function ferretSendStep(
  p: FerretParams,
  base: Uint8Array,
  delta: Uint8Array,
  kernels: OfflineKernels = offlineKernels(),
  out?: Uint8Array,
): { keys: Uint8Array; msg: Uint8Array } {
  if (base.length !== 16 * baseCount(p))
    throw new RangeError(`ferretSendStep: base has ${base.length} bytes, expected ${16 * baseCount(p)}`);
  const { leaves, msg } = mpcotSend(p, base.subarray(16 * p.k), delta, kernels, out);
  lpnEncodeSend(p, base.subarray(0, 16 * p.k), leaves, kernels);
  return { keys: leaves, msg };
}

/**
 * Receiver step: from its base keys and choice bytes (0/1, baseCount(p) of each) and the sender's
 * message, n output keys and their choice bytes. `out` (keys 16n bytes and choices n bytes, not
 * overlapping the base), if given, is overwritten instead of fresh buffers.
 */
export function ferretReceiveStep(
  p: FerretParams,
  base: Uint8Array,
  baseChoices: Uint8Array,
  msg: Uint8Array,
  kernels: OfflineKernels = offlineKernels(),
  out?: { keys: Uint8Array; choices: Uint8Array },
): { keys: Uint8Array; choices: Uint8Array } {
  const nb = baseCount(p);
  if (base.length !== 16 * nb) throw new RangeError(`ferretReceiveStep: base has ${base.length} bytes, expected ${16 * nb}`);
  if (baseChoices.length !== nb) throw new RangeError(`ferretReceiveStep: base choices have ${baseChoices.length} bytes, expected ${nb}`);
  if (out !== undefined && out.choices.length !== p.n)
    throw new RangeError(`ferretReceiveStep: out.choices has ${out.choices.length} bytes, expected ${p.n}`);
  const { leaves, positions } = mpcotReceive(p, base.subarray(16 * p.k), baseChoices.subarray(p.k), msg, kernels, out?.keys);
  const choices = out === undefined ? kernels.newBuffer(p.n) : out.choices.fill(0);
  for (let i = 0; i < positions.length; i++) choices[positions[i]!] = 1;
  lpnEncodeReceive(p, base.subarray(0, 16 * p.k), baseChoices.subarray(0, p.k), leaves, choices, kernels);
  return { keys: leaves, choices };
}
