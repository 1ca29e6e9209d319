/**
 * Programs for the fault tests; args[0] picks one. Party 0 owns x, party 1 owns y (n = args[1]).
 * Progress events ("@event progress ...") mark where the test may kill or stop the peer.
 */
import type { ScriptContext } from "@petace/cli";
import { loadCsv, loadNpy } from "@petace/securenumpy";
import { xOf, yOf } from "./data.js";

export default async function faults({ snp, party, args, progress }: ScriptContext) {
  const [mode = "", arg = "1000"] = args;
  const n = Number(arg);
  const owned = (p: 0 | 1, data: Float64Array) => snp.array(party === p ? { data, shape: [data.length] } : null, p);
  switch (mode) {
    case "mul": {
      const x = await owned(0, xOf(n));
      const y = await owned(1, yOf(n));
      progress(1, 2, "mul");
      return snp.sum(x.mul(y)).revealTo(1);
    }
    case "hang": {
      // Connected and set up, then silent: never sends or receives again.
      setInterval(() => {}, 1 << 30);
      return new Promise(() => {});
    }
    case "diverge-op": {
      const x = await owned(0, xOf(n));
      const y = await owned(1, yOf(n));
      return (party === 0 ? x.mul(y) : x.gt(y)).revealTo(1);
    }
    case "diverge-shape": {
      const x = await owned(0, xOf(n));
      const y = await owned(1, yOf(n));
      const m = party === 0 ? n : n / 2;
      return x
        .get(`:${m}`)
        .mul(y.get(`:${m}`))
        .revealTo(1);
    }
    case "input": {
      // Party 0 shares one bad value at index 3 (args[1]: nan, inf, big).
      const data = xOf(10);
      data[3] = arg === "nan" ? Number.NaN : arg === "inf" ? Number.POSITIVE_INFINITY : 1e15;
      const x = await owned(0, data);
      return x.revealTo(1);
    }
    case "csv":
    case "npy": {
      const x = await snp.array(party === 0 ? await (mode === "csv" ? loadCsv(arg) : loadNpy(arg)) : null, 0);
      return x.revealTo(1);
    }
    case "shapes": {
      // Both parties build the same bad graphs: errors are thrown at once, on both sides alike.
      const x = await owned(0, xOf(4));
      const y = await owned(1, yOf(3));
      const b = await snp.array(party === 0 ? [true, false, true, true] : null, 0, { dtype: "bool" });
      const caught: string[] = [];
      for (const f of [() => x.add(y), () => snp.matmul(x, y), () => x.reshape(3, 2), () => snp.vstack([x, y])]) {
        try {
          f();
          caught.push("no error");
        } catch (e) {
          caught.push(`${(e as Error).name}: ${(e as Error).message}`);
        }
      }
      // bool where a float is needed: promoted as NumPy does.
      const promoted = await snp.sqrt(b).add(0.5).revealTo(1);
      return { caught, promoted: promoted?.tolist() ?? null, dtype: promoted?.dtype ?? null };
    }
    default:
      throw new RangeError(`faults: unknown mode "${mode}"`);
  }
}
