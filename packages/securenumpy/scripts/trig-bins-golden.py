"""
Golden values from NumPy for trig.test.ts and bins.test.ts: sin and cos on fixed-point inputs
(multiples of 2^-16: zero, ±π/2 and ±π snapped to the grid, ±2π, large angles up to the range's
edge 2^30, and seeded uniform values), digitize (increasing and decreasing bins, right=True/False,
values on the edges), searchsorted (left/right, repeated entries) and bincount (with and without
weights, minlength). Run: python3 packages/securenumpy/scripts/trig-bins-golden.py (writes
packages/securenumpy/test/fixtures/trig-bins-golden.json, then `npx biome format --write` it; CI reads the
committed file).
"""
import json
import os

import numpy as np

ULP = 2.0**-16


def grid(values):
    return [float(np.round(v / ULP) * ULP) for v in values]


rng = np.random.default_rng(20261202)
angles = grid(
    [0.0, np.pi / 2, -np.pi / 2, np.pi, -np.pi, 2 * np.pi, -2 * np.pi, 0.5, -0.5, ULP, -ULP, 100.0, -1000.25, 12345.678, 1e6, -1e6, 2.0**20 + 0.5, 2.0**30, -(2.0**30), 2.0**30 + 12345.5]
    + list(rng.uniform(-50, 50, 64))
)
trig = {"x": angles, "sin": np.sin(angles).tolist(), "cos": np.cos(angles).tolist()}

values = grid([-5.0, -1.0, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 9.99998, 10.0, 10.00002, 99.5, 1e4])
bins_up = [0.0, 1.0, 2.5, 10.0]
bins_down = [10.0, 2.5, 1.0, 0.0]
digitize = []
for bins in (bins_up, bins_down):
    for right in (False, True):
        digitize.append({"x": values, "bins": bins, "right": right, "expected": np.digitize(values, bins, right=right).tolist()})
a_sorted = [1.0, 2.0, 2.0, 2.0, 3.5, 10.0]
searchsorted = [
    {"a": a_sorted, "v": values, "side": side, "expected": np.searchsorted(a_sorted, values, side=side).tolist()}
    for side in ("left", "right")
]
xs = [0, 1, 1, 3, 2, 1, 7, 0, 3, 3]
w = [0.5, 1.25, -2.0, 3.0, 0.125, 1.0, 4.0, -0.5, 2.0, 0.25]
bincount = [
    {"x": xs, "minlength": 8, "expected": np.bincount(xs, minlength=8).tolist()},
    {"x": xs, "minlength": 10, "expected": np.bincount(xs, minlength=10).tolist()},
    {"x": xs, "minlength": 8, "weights": w, "expected": np.bincount(xs, weights=w, minlength=8).tolist()},
]
out = {
    "generator": "packages/securenumpy/scripts/trig-bins-golden.py",
    "numpy": np.__version__,
    "trig": trig,
    "digitize": digitize,
    "searchsorted": searchsorted,
    "bincount": bincount,
}
path = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "trig-bins-golden.json")
with open(path, "w") as fh:
    json.dump(out, fh, indent=1)
    fh.write("\n")
print(f"wrote {len(angles)} angles, {len(digitize)} digitize, {len(searchsorted)} searchsorted, {len(bincount)} bincount cases")
