/** Loads the native accelerator (to be written). */
import type { OfflineKernels } from "../kernels.js";

export function loadNativeKernels(): { kernels?: OfflineKernels; reason: string } {
  return { reason: "not built" };
}
