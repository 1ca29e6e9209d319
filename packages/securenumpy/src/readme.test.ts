/**
 * The examples at the top of the root README, verbatim inside `example()` and `joinExample()`, so
 * they cannot rot: if this test fails, fix the README together with it.
 */
import { runLocal } from "@petace/duet";
import * as snp from "@petace/securenumpy";
import { expect, it } from "vitest";

async function example() {
  const [retailer, bank] = await runLocal(async (vm, party) => {
    const np = snp.use(vm); // in a two-process program: snp.setVM(vm) and use snp directly
    // Party 0 holds purchases (frequency, amount), party 1 balances; each passes null for the other's.
    const purchases = await np.array(
      party === 0
        ? [
            [3, 6000],
            [1, 9000],
            [5, 5500],
            [4, 7000],
          ]
        : null,
      0,
    );
    const balances = await np.array(party === 1 ? [6e6, 8e6, 4e6, 9e6] : null, 1);
    const rich = purchases.get(":, 0").gt(2).and(purchases.get(":, 1").gt(5000)).and(balances.gt(5e6));
    const count = np.sum(rich.astype("float64"));
    const meanBalance = np.sum(np.where(rich, balances, 0)).div(count);
    return (await np.stack([count, meanBalance]).revealTo(1))?.tolist(); // only the bank learns it
  });
  console.log(retailer, bank); // undefined [ 2, 7500000 ]
  return [retailer, bank] as const;
}

it("the README example computes what it says, on shares, revealed to the bank only", async () => {
  const [retailer, bank] = await example();
  expect(retailer).toBeUndefined();
  const [count, mean] = bank as number[];
  expect(count).toBe(2);
  expect(Math.abs(mean! - 7.5e6)).toBeLessThan(1);
}, 60_000);

async function joinExample() {
  const [, richShared] = await runLocal(async (vm, party) => {
    const np = snp.use(vm);
    const retailer = { columns: { id: ["c7", "c2", "c9", "c4"], frequency: [3, 1, 5, 4], amount: [6000, 9000, 5500, 7000] } };
    const bank = { columns: { id: ["c4", "c1", "c7", "c9"], balance: [9e6, 2e6, 6e6, 4e6] } };
    const j = await np.join(party === 0 ? retailer : null, party === 1 ? bank : null, { on: "id" });
    const rich = j.column("frequency").gt(2).and(j.column("amount").gt(5000)).and(j.column("balance").gt(5e6));
    return (await np.sum(rich.and(j.matched).astype("float64")).revealTo(1))?.tolist();
  });
  console.log(richShared); // 2 (c7 and c4)
  return richShared;
}

it("the README's join example counts the shared rich customers, revealed to the bank only", async () => {
  expect(await joinExample()).toBe(2);
}, 120_000);
