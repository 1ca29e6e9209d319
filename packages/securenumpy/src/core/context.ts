/**
 * Which VM creation routines use. `setVM(vm)` sets the process-wide one (PETAce's set_vm);
 * `use(vm)` gives a namespace bound to one VM, for programs that hold two (runLocal runs both
 * parties in one process). Operators on SecureArrays use their operands' VM and need neither.
 */
import { Duet } from "@petace/duet";
import { routine } from "./options.js";

let globalVM: Duet | null = null;
let scopedVM: Duet | null = null;

export const setVM = routine("setVM", ["vm"], {}, function setVM(vm: Duet | null): void {
  if (vm !== null && !(vm instanceof Duet)) throw new TypeError("setVM: expected a Duet VM (from Duet.create) or null");
  globalVM = vm;
});

/** The VM set by `setVM`; throws when none is set. */
export const getVM = routine("getVM", [], {}, function getVM(): Duet {
  if (globalVM === null)
    throw new Error("getVM: no VM is set: call snp.setVM(await Duet.create(channel, party)) first, or use snp.use(vm)");
  return globalVM;
});

/** The VM a routine called now should use: the one bound by `use`, else the global one. */
export function currentVM(where: string): Duet {
  const vm = scopedVM ?? globalVM;
  if (vm === null) throw new Error(`${where}: no VM is set: call snp.setVM(vm) first, or call it through snp.use(vm)`);
  return vm;
}

/** Runs `fn` with `vm` as the current VM (synchronously: routines pick their VM before any await). */
export function withVM<T>(vm: Duet, fn: () => T): T {
  const prev = scopedVM;
  scopedVM = vm;
  try {
    return fn();
  } finally {
    scopedVM = prev;
  }
}
