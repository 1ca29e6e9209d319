/**
 * A data matrix multiplied again and again (gradient descent: X·w and X.T·r every epoch) is masked
 * once: after the first epoch each product opens only its right operand.
 */
import { describe, expect, it } from "vitest";
import { both } from "../test/util.js";

describe("matmul with a reused left operand", () => {
  it("epochs after the first send m·k·16 bytes less per party (X − A and X.T − A' not reopened), and stay right", async () => {
    const [m, k] = [40, 6];
    const X = Array.from({ length: m }, (_, i) => Array.from({ length: k }, (_, j) => (((i * 7 + j * 3) % 9) - 4) / 4));
    const y = Array.from({ length: m }, (_, i) => ((i % 5) - 2) / 2);
    const epochs = 3;
    const [r] = await both(async (np, party, vm) => {
      const x = await np.array(party === 0 ? X : null, 0);
      const t = await np.array(party === 1 ? y : null, 1);
      let w = np.zeros(k);
      const sent: number[] = [];
      for (let e = 0; e < epochs; e++) {
        await vm.evaluate();
        const before = vm.stats.bytesSent;
        const g = np.dot(x.T, np.dot(x, w).sub(t));
        w = w.sub(g.mul(0.01));
        await vm.evaluate();
        sent.push(vm.stats.bytesSent - before);
      }
      return { sent, w: (await w.reveal()).tolist() as number[] };
    });
    // Plaintext reference of the same updates.
    let w = new Array<number>(k).fill(0);
    for (let e = 0; e < epochs; e++) {
      const res = X.map((row, i) => row.reduce((s, v, j) => s + v * w[j]!, 0) - y[i]!);
      const g = w.map((_, j) => X.reduce((s, row, i) => s + row[j]! * res[i]!, 0));
      w = w.map((v, j) => v - 0.01 * g[j]!);
    }
    r.w.forEach((v, j) => expect(Math.abs(v - w[j]!)).toBeLessThan(1e-3));
    // Both products' D = X − A (m·k elements, 8 bytes) are opened in the first epoch only.
    expect(r.sent[0]! - r.sent[1]!).toBe(2 * 8 * m * k);
    expect(r.sent[2]).toBe(r.sent[1]);
    console.log(`bytes per epoch per party: ${r.sent.join(", ")} (m = ${m}, k = ${k})`);
  });
});
