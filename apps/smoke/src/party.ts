/**
 * One party of the demo. Company A (party 0, a luxury retailer) and bank B (party 1) hold columns
 * of the same customers. They find the high-net-worth customers (more than 2 purchases, more than
 * 5000 spent, balance above 5,000,000) and B learns their count, total and average wealth-management
 * holdings; neither learns anything else about the other's rows. Triples come from OT between the
 * two processes (no dealer).
 */
import { connectLibp2p } from "@petace/network/libp2p";
import { decodeFixed, encodeFixed } from "@petace/primitives";
import { OtTripleProvider, ProtocolContext, secureKernels } from "@petace/protocols";
import { parsePartyArgs } from "./args.js";
import { bankTable, plainAnswer, retailerTable } from "./data.js";

const F = 16;
const fixed = (x: number) => BigInt(Math.round(x * 2 ** F));

const args = parsePartyArgs(process.argv.slice(2));
const n = Number(args.rest.get("rows") ?? 1000);
const me = args.party;
const t0 = performance.now();

const channel = await connectLibp2p({
  party: me,
  peer: args.peer,
  identity: args.key,
  ...(args.listen ? { listen: args.listen } : {}),
});
try {
  const triples = await OtTripleProvider.create(channel, me);
  const ctx = await ProtocolContext.create(channel, triples, { fracBits: F });
  const k = secureKernels(ctx);
  const tSetup = performance.now();
  console.log(`connected and set up OT in ${(tSetup - t0).toFixed(0)} ms`);

  // Each party shares its own columns; the other passes null and learns only the length.
  const a = me === 0 ? retailerTable(n) : null;
  const b = me === 1 ? bankTable(n) : null;
  const frequency = await k.input(0, a && encodeFixed(a.frequency, F), n);
  const amount = await k.input(0, a && encodeFixed(a.amount, F), n);
  const balance = await k.input(1, b && encodeFixed(b.balance, F), n);
  const wealth = await k.input(1, b && encodeFixed(b.wealth, F), n);

  const frequent = await k.gtPublic(frequency, fixed(2));
  const bigSpender = await k.gtPublic(amount, fixed(5000));
  const rich = await k.gtPublic(balance, fixed(5_000_000));
  const hnwc = await k.and(await k.and(frequent, bigSpender), rich);

  const count = k.sum(k.mulPublicInt(await k.bitToArith(hnwc, n), fixed(1)), 1, n);
  const total = k.sum(await k.bitMul(hnwc, wealth), 1, n);
  const average = await k.div(total, count);

  const opened = await k.revealTo(new BigUint64Array([...count, ...total, ...average]), 1);
  const s = channel.stats;
  console.log(
    `secure part: ${(performance.now() - tSetup).toFixed(0)} ms, ${(s.bytesSent / 2 ** 20).toFixed(1)} MiB sent, ` +
      `${(s.bytesReceived / 2 ** 20).toFixed(1)} MiB received, ${s.rounds} rounds`,
  );
  if (opened) {
    const [c, t, avg] = decodeFixed(opened, F);
    const want = plainAnswer(retailerTable(n), bankTable(n));
    console.log(`high-net-worth customers among ${n}: ${c!.toFixed(0)}`);
    console.log(`their wealth-management holdings: total ${t!.toFixed(0)}, average ${avg!.toFixed(2)}`);
    console.log(`plaintext check:  count ${want.count}, total ${want.total}, average ${want.average.toFixed(2)}`);
    const ok = Math.round(c!) === want.count && Math.abs(t! - want.total) < 1 && Math.abs(avg! - want.average) < 1e-3 * want.average + 0.01;
    console.log(ok ? "the secure result matches the plaintext computation" : "MISMATCH with the plaintext computation");
    if (!ok) process.exitCode = 1;
  } else {
    console.log("done; the result was revealed to party 1 only");
  }
} finally {
  await channel.close();
}
