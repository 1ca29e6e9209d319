export { gilboaCorrectionBytes, type IknpReceiverKernel, type IknpSenderKernel, type OfflineKernels } from "./kernels.js";
export { kernelStatus, NATIVE_ENV, nativeMode, offlineKernels, type KernelStatus, type NativeMode } from "./select.js";
export { loadNativeKernels } from "./native/load.js";
export { portableKernels } from "./portable/index.js";
export { matrixKernels, MAX_MATRIX_BYTES, type MatrixWasm } from "./portable/matrix.js";
