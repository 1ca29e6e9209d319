/** The portable kernels (to be written). */
import type { OfflineKernels } from "../kernels.js";

export function portableKernels(): OfflineKernels {
  throw new Error("portable kernels: not yet written");
}
