/**
 * Synthetic customer tables for the demo, generated from a public seed so that the demo can print
 * the plaintext answer next to the secure one. (Real parties cannot regenerate each other's data:
 * that is the point of the protocol.) Not cryptographic randomness: data generation only.
 */
export interface RetailerTable {
  /** Luxury purchases per year. */
  frequency: Float64Array;
  /** Amount spent per year. */
  amount: Float64Array;
}

export interface BankTable {
  balance: Float64Array;
  /** Wealth-management holdings. */
  wealth: Float64Array;
}

/** A small deterministic generator (xorshift32) for reproducible demo data. */
function generator(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

export function retailerTable(n: number, seed = 1): RetailerTable {
  const r = generator(seed);
  const frequency = new Float64Array(n);
  const amount = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    frequency[i] = Math.floor(r() * 6);
    amount[i] = Math.round(r() * 12_000 * 100) / 100;
  }
  return { frequency, amount };
}

export function bankTable(n: number, seed = 2): BankTable {
  const r = generator(seed);
  const balance = new Float64Array(n);
  const wealth = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    balance[i] = Math.round(r() * 10_000_000);
    wealth[i] = Math.round(r() * 200_000);
  }
  return { balance, wealth };
}

/** The plaintext answer: high-net-worth customers and their wealth-management holdings. */
export function plainAnswer(a: RetailerTable, b: BankTable): { count: number; total: number; average: number } {
  let count = 0;
  let total = 0;
  for (let i = 0; i < a.frequency.length; i++) {
    if (a.frequency[i]! > 2 && a.amount[i]! > 5000 && b.balance[i]! > 5_000_000) {
      count++;
      total += b.wealth[i]!;
    }
  }
  return { count, total, average: total / count };
}
