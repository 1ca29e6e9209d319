import { runLocal } from "@petace/duet";
import { expect, it } from "vitest";
import * as snp from "./index.js";

it("article basics", async () => {
  const [r0, r1] = await runLocal(async (vm, party) => {
    const np = snp.use(vm);
    const c0 = await np.array(party === 0 ? [1, 2, 3] : null, 0);
    const c1 = await np.array(party === 1 ? [4, 5, 6] : null, 1);
    const res1 = c0.add(c1);
    const res2 = c0.mul(2);
    const res3 = c0.div(c1.get(0));
    const res4 = c0.gt(c1);
    return {
      shape: res1.shape, dtype: res1.dtype, d4: res4.dtype,
      r1: (await res1.revealTo(0))?.tolist() ?? null,
      r2: (await res2.reveal()).tolist(),
      r3: (await res3.reveal()).tolist(),
      r4: (await res4.reveal()).tolist(),
    };
  }, { triples: "dealer-insecure" });
  console.log(r0, r1);
  expect(r0.r1).toEqual([5, 7, 9]);
});
