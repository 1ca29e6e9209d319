/**
 * The portable offline kernels: WebAssembly (AssemblyScript in assembly/, built by
 * scripts/build-wasm.mjs) for σ, the XORs, Δ masking, the 128 × n transpose, LSB packing and the
 * Gilboa arithmetic; AES from primitives (node:crypto, or noble in a browser). One instance serves
 * every caller; its memory is sized once (instance.ts).
 */
import type { OfflineKernels } from "../kernels.js";
import { ferretKernels } from "./ferret.js";
import { gilboaKernels } from "./gilboa.js";
import { hashKernels } from "./hash.js";
import { PortableIknpReceiver, PortableIknpSender } from "./iknp.js";
import { instance } from "./instance.js";

let kernels: OfflineKernels | undefined;

/** The portable kernels (the WebAssembly instance is made at the first call). */
export function portableKernels(): OfflineKernels {
  if (kernels) return kernels;
  const w = instance();
  kernels = {
    name: "portable",
    iknpReceiver: (k0, k1) => new PortableIknpReceiver(w, k0, k1),
    iknpSender: (k, delta) => new PortableIknpSender(w, k, delta),
    ...hashKernels(w),
    ...gilboaKernels(w),
    ...ferretKernels(),
    newBuffer: (bytes) => new Uint8Array(bytes),
  };
  return kernels;
}
