/**
 * The per-entry kernels of matrix triples by Gilboa with vector messages (correlations' matrix.ts
 * and matrix-expand.ts state the scheme; assembly/matrix-*.ts the kernels), as instances of the
 * portable module. Each triple gets a fresh instance with memory of its own, so concurrent triples
 * share no scratch; the module has no static data, so all of its memory, from address 0, is the
 * caller's to lay out.
 */
import { newInstance } from "./instance.js";

type F = (...args: number[]) => void;

/** One instance's kernels (named as assembly/matrix-*.ts without the `matrix` prefix) and its memory. */
export interface MatrixWasm {
  spread: F;
  xor: F;
  sendFirst: F;
  sendMid: F;
  sendPair: F;
  recvFirst: F;
  recvMid: F;
  recvPair: F;
  sendPair2: F;
  recvPair2: F;
  sendEntry: F;
  recvEntry: F;
  m: { buffer: ArrayBuffer; grow(pages: number): number };
}

interface MatrixExports {
  matrixSpread: F;
  matrixXor: F;
  matrixSendFirst: F;
  matrixSendMid: F;
  matrixSendPair: F;
  matrixRecvFirst: F;
  matrixRecvMid: F;
  matrixRecvPair: F;
  matrixSendPair2: F;
  matrixRecvPair2: F;
  matrixSendEntry: F;
  matrixRecvEntry: F;
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
}

/** The most memory an instance can have: 65536 pages of 64 KiB. */
export const MAX_MATRIX_BYTES = 65536 * 65536;

/** A fresh instance whose memory holds at least `bytes` (at most 4 GiB). */
export function matrixKernels(bytes: number): MatrixWasm {
  if (!Number.isSafeInteger(bytes) || bytes < 0 || bytes > MAX_MATRIX_BYTES)
    throw new RangeError(`matrixKernels: bytes must be an integer from 0 to ${MAX_MATRIX_BYTES} (wasm32's 4 GiB), got ${bytes}`);
  const e = newInstance().exports as MatrixExports;
  const have = e.memory.buffer.byteLength;
  if (bytes > have) e.memory.grow(Math.ceil((bytes - have) / 65536));
  return {
    spread: e.matrixSpread,
    xor: e.matrixXor,
    sendFirst: e.matrixSendFirst,
    sendMid: e.matrixSendMid,
    sendPair: e.matrixSendPair,
    recvFirst: e.matrixRecvFirst,
    recvMid: e.matrixRecvMid,
    recvPair: e.matrixRecvPair,
    sendPair2: e.matrixSendPair2,
    recvPair2: e.matrixRecvPair2,
    sendEntry: e.matrixSendEntry,
    recvEntry: e.matrixRecvEntry,
    m: e.memory,
  };
}
