/**
 * INSECURE, TESTS ONLY: a stand-in for the KKRT OPRF with the same shapes, so that the join can be
 * tested before (and independently of) the real one. Both parties derive one AES key from a fixed
 * public seed and compute F(j, x) = AES_K(AES_K(x) ⊕ j) locally, with no message: the "sender" could
 * evaluate the receiver's inputs and the receiver could evaluate the sender's. Never use it outside
 * tests.
 * @internal
 */
import { FixedKeyAes } from "@petace/primitives";
import type { Oprf, OprfKey } from "../src/join/oprf-port.js";

const FAKE_KEY = new Uint8Array(16).fill(0x42);

function evaluate(aes: FixedKeyAes, instances: Uint32Array, inputs: Uint8Array): Uint8Array {
  const n = instances.length;
  const x = aes.encryptBlocks(inputs.subarray(0, 16 * n));
  const w = new Uint32Array(x.buffer, x.byteOffset, 4 * n);
  for (let i = 0; i < n; i++) w[4 * i]! ^= instances[i]!;
  return aes.encryptBlocks(x, x);
}

/** The insecure stand-in (see the module comment). */
export function insecureFakeOprf(): Oprf {
  const aes = new FixedKeyAes(FAKE_KEY);
  return {
    receive: async (_ctx, inputs) => {
      const m = inputs.length >>> 4;
      const inst = new Uint32Array(m);
      for (let j = 0; j < m; j++) inst[j] = j;
      return evaluate(aes, inst, inputs);
    },
    send: async (_ctx, m): Promise<OprfKey> => ({ count: m, evaluate: (instances, inputs) => evaluate(aes, instances, inputs) }),
  };
}
