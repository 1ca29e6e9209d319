/**
 * The marker of nodes made with a value (inputs, constants, shares from outside): it is never run,
 * so it is not an operator of the table.
 */
import type { Operator } from "@petace/protocols";

const made = (): never => {
  throw new Error("source: made with a value, never run");
};

export const source: Operator<{ what: string }> = {
  id: "source",
  interactive: false,
  out: made,
  key: ({ what }) => what,
  cost: () => ({ rounds: 0, bytes: [0, 0] }),
  run: made,
};
