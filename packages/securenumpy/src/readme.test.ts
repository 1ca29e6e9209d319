/**
 * The example at the top of the root README, verbatim inside `example()`, so it cannot rot:
 * if this test fails, fix the README together with it.
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
