/**
 * Sum over axis 0 by pairwise halving: slices and additions of shares, all local (no message).
 * Used until the routine library's `snp.sum` lands; a public-ones matmul would share the ones
 * and cost a secure matrix product.
 */
import type { SecureArray } from "@petace/securenumpy";

export function sumRows(x: SecureArray): SecureArray {
  let rest: SecureArray | undefined;
  let len = x.shape[0]!;
  while (len > 1) {
    if (len % 2 === 1) {
      const last = x.get(len - 1);
      rest = rest ? rest.add(last) : last;
      len -= 1;
    }
    const h = len / 2;
    x = x.get(`0:${h}`).add(x.get(`${h}:${len}`));
    len = h;
  }
  const first = x.get(0);
  return rest ? first.add(rest) : first;
}
