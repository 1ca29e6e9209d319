/**
 * Which implementation runs: the switch PETACE_NATIVE (read once per process):
 *   on (default)  the native accelerator when it was built and passes its known-answer tests,
 *                 else the portable kernels, with a one-line notice on stderr saying why;
 *   off           the portable kernels;
 *   required      the native accelerator, or an error that says why it is unavailable.
 * Both give the same bytes, so the two parties may run different ones.
 */
import type { OfflineKernels } from "./kernels.js";
import { loadNativeKernels } from "./native/load.js";
import { portableKernels } from "./portable/index.js";

export type NativeMode = "off" | "on" | "required";

/** The environment variable of the switch. */
export const NATIVE_ENV = "PETACE_NATIVE";

/** The mode named by PETACE_NATIVE; anything but off/on/required (or unset) is an error. */
export function nativeMode(): NativeMode {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[NATIVE_ENV];
  if (env === undefined || env === "" || env === "on") return "on";
  if (env === "off" || env === "required") return env;
  throw new RangeError(`${NATIVE_ENV} must be "off", "on" or "required", got ${JSON.stringify(env)}`);
}

export interface KernelStatus {
  mode: NativeMode;
  active: OfflineKernels["name"];
  /** Why the native kernels are not active, when they are not. */
  reason?: string;
}

let chosen: { kernels: OfflineKernels; status: KernelStatus } | undefined;

function choose(): { kernels: OfflineKernels; status: KernelStatus } {
  const mode = nativeMode();
  if (mode === "off") return { kernels: portableKernels(), status: { mode, active: "portable", reason: `${NATIVE_ENV}=off` } };
  const native = loadNativeKernels();
  if (native.kernels) return { kernels: native.kernels, status: { mode, active: "native" } };
  if (mode === "required") throw new Error(`${NATIVE_ENV}=required, but the native kernels are unavailable: ${native.reason}`);
  const stderr = (globalThis as { process?: { stderr?: { write(s: string): void } } }).process?.stderr;
  stderr?.write(`petace: native offline kernels unavailable (${native.reason}); using the portable WebAssembly kernels\n`);
  return { kernels: portableKernels(), status: { mode, active: "portable", reason: native.reason } };
}

/** The kernels every protocol uses (chosen at the first call). */
export function offlineKernels(): OfflineKernels {
  return (chosen ??= choose()).kernels;
}

/** Which kernels are active and why (for reports and profiles). */
export function kernelStatus(): KernelStatus {
  return (chosen ??= choose()).status;
}
