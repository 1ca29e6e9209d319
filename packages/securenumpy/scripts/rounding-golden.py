"""
Golden values from NumPy for rounding.test.ts and division.test.ts (floor, ceil, trunc, round with
decimals, floor_divide, remainder, fmod). Inputs lie on the fixed-point grid (multiples of 2^-16),
so NumPy's double results are the exact answers for the same fixed-point inputs; they include
ties (x.5), negative values, zero, one ulp either side of zero and the edges of each routine's
documented range. Run: python3 packages/securenumpy/scripts/rounding-golden.py (writes
packages/securenumpy/test/fixtures/rounding-golden.json, then `npx biome format --write` it; CI reads the
committed file).
"""
import json
import os

import numpy as np

ULP = 2.0**-16
TIES = [-3.5, -2.5, -1.5, -0.5, 0.0, 0.5, 1.5, 2.5, 3.5, 4.5]
MISC = [-3.25, 3.75, -0.75, 0.25, ULP, -ULP, 8 - ULP, -8 + ULP, 12345.671875, -12345.671875, 1e6 + 0.5, -(1e6 + 0.5)]
# floor/ceil/trunc/round(0) are exact for |x| < 2^46 (f = 16).
EDGES = [2.0**45 + 0.5, -(2.0**45) - 0.5, 2.0**45 - ULP, -(2.0**45) + ULP]
# round with decimals > 0 and < 0: the small values (|x| < 2^41/10^d, |x| < 2^31).
DEC_POS = [0.125, -0.125, 0.375, 0.25, -0.25, 2.675, 1.25, -1.25, 0.0, 12345.671875, -99.995, 1000.5, 1e6 + 0.0625, -(2.0**30) - 0.375]
DEC_POS = [round(v / ULP) * ULP for v in DEC_POS]
DEC_NEG = [25.0, 35.0, -25.0, -15.0, 15.0, 5.0, -5.0, 14.9990234375, -14.9990234375, 25.0000152587890625, 0.0, 150.0, 250.0, -250.0, 2.0**30 + 5.0, -(2.0**30) - 5.0, 2.0**45 + 50.0, -(2.0**45) - 50.0]
DEC_NEG_INT = [25, 35, -25, -15, 15, 5, -5, 0, 150, 250, -250, 2**30 + 5, -(2**30) - 5, 1049, -1051, 2**45 + 50, -(2**45) - 50]


def arr(values, dtype):
    return np.array(values, dtype=dtype)


def case(name, fn, x, dtype="float64", **kw):
    a = arr(x, dtype)
    out = fn(a, **kw)
    return {
        "name": name,
        "routine": fn.__name__ if name is None else name.split(" ")[0],
        "x": a.tolist(),
        "dtype": dtype,
        "options": kw,
        "expected": out.tolist(),
        "expectedDtype": str(out.dtype),
    }


def binary(routine, fn, x, y, xdtype, ydtype, secret_y):
    a = arr(x, xdtype)
    b = arr(y, ydtype)
    out = fn(a, b)
    return {
        "name": f"{routine} {xdtype} by {'secret' if secret_y else 'public'} {ydtype} {list(b.shape)}",
        "routine": routine,
        "x": a.tolist(),
        "dtype": xdtype,
        "y": b.tolist(),
        "ydtype": ydtype,
        "secretY": secret_y,
        "expected": out.tolist(),
        "expectedDtype": str(out.dtype),
    }


rounding = []
base = TIES + MISC + EDGES
for fn in (np.floor, np.ceil, np.trunc):
    rounding.append(case(f"{fn.__name__} float64", fn, base))
    rounding.append(case(f"{fn.__name__} int64", fn, [-3, 0, 5, 2**40], "int64"))
rounding.append(case("round float64", np.round, base))
# d = 1, 2, 3, 5 on the values inside the documented range |x| < 2^46/10^d; d = 6 (10^6 > 2^17)
# returns x itself (finer than the encoding holds).
for d in (1, 2, 3, 5, 6):
    rounding.append(case(f"round decimals={d}", np.round, [v for v in DEC_POS if abs(v) * 10**d < 2**46], decimals=d))
for d in (-1, -2):
    rounding.append(case(f"round decimals={d}", np.round, DEC_NEG, decimals=d))
    rounding.append(case(f"round int64 decimals={d}", np.round, DEC_NEG_INT, "int64", decimals=d))
rounding.append(case("round int64", np.round, [-3, 0, 5], "int64"))

division = []
# public divisors: exact for |x| < 2^46 ring units (int64 2^46, float64 2^30)
XI = [7, -7, 6, -6, 0, 1, -1, 100, -100, 2**30, -(2**30), 2**45 + 3, -(2**45) - 3, 2**46 - 1, -(2**46) + 1]
XF = [7.5, -7.5, 6.0, -6.0, 0.0, 0.25, -0.25, 1000.125, -1000.125, 2.0**29 + 0.5, -(2.0**29) - 0.5, 2.0**30 - ULP, -(2.0**30) + ULP, ULP, -ULP]
for name, fn in (("floorDivide", np.floor_divide), ("remainder", np.remainder), ("fmod", np.fmod)):
    for p in (3, -3, 1, 7, -1, 1000):
        division.append(binary(name, fn, XI, [p], "int64", "int64", False))
    for p in (2.5, -2.5, 0.75, 3.0, -0.125):
        division.append(binary(name, fn, XF, [p], "float64", "float64", False))
    # a public divisor of mixed signs, element by element; one of widely spread magnitudes (one estimate: |x| < 2^30)
    division.append(binary(name, fn, XI[:6], [3, -3, 4, -4, 5, -5], "int64", "int64", False))
    division.append(binary(name, fn, [7, -7, 2**30 - 1, -(2**30) + 1, 5, 999999], [1, -1000, 1000, 7, -1, 3], "int64", "int64", False))
    # secret divisors (the division kernel's range: |y| in [2^-16, 2^21), |x/y| < 2^25)
    YS = [3.0, -3.0, 2.5, -0.75, 1.0, 0.5, -2.0, 0.25, 7.0, -7.5, 1.0, -1.0, 0.5]
    XS = [7.5, -7.5, 6.0, -6.0, 0.0, 0.25, -0.25, 1000.125, -1000.125, 30000.5, 12345.0, -12345.0, 5.0]
    division.append(binary(name, fn, XS, YS, "float64", "float64", True))
    division.append(binary(name, fn, [7, -7, 6, -6, 0, 9, -9, 1000], [3, 3, -4, -4, 5, -2, 2, 7], "int64", "int64", True))

out = {
    "generator": "packages/securenumpy/scripts/rounding-golden.py",
    "numpy": np.__version__,
    "rounding": rounding,
    "division": division,
}
path = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "rounding-golden.json")
with open(path, "w") as fh:
    json.dump(out, fh, indent=1)
    fh.write("\n")
print(f"wrote {len(rounding)} rounding and {len(division)} division cases to {os.path.normpath(path)}")
