"""Golden values for einsum and tensordot from real NumPy.

Writes test/fixtures/contractions.json: each case's operands (seeded, on the grid of 1/4 so that
products and sums are exact in fixed point with 16 fractional bits) and NumPy's result.
Run from packages/securenumpy: python3 scripts/golden/contractions.py && npx biome format --write test/fixtures
"""
import json
import numpy as np

SEED = 20261202
rng = np.random.default_rng(SEED)


def operand(shape, dtype="float64", lim=3):
    if dtype == "int64":
        return rng.integers(-lim * 3, lim * 3 + 1, size=shape).astype(np.int64)
    return np.round(rng.uniform(-lim, lim, size=shape) * 4) / 4


def enc(a):
    a = np.asarray(a)
    dt = "int64" if a.dtype.kind in "iu" else "float64"
    return {"shape": list(a.shape), "dtype": dt, "data": [float(v) for v in a.ravel()]}


EINSUM = [
    ("ij,jk->ik", [(3, 4), (4, 2)]),
    ("ij,jk", [(3, 4), (4, 2)]),
    ("ij,kj->ik", [(3, 4), (2, 4)]),
    ("ji,jk->ik", [(4, 3), (4, 2)]),
    ("ij,jk->ki", [(3, 4), (4, 2)]),
    ("bij,bjk->bik", [(2, 3, 4), (2, 4, 5)]),
    ("bij,bkj->bik", [(2, 3, 4), (2, 5, 4)]),
    ("bij,bjk->ikb", [(3, 2, 4), (3, 4, 2)]),
    ("bij,bjk->bik", [(2, 5, 4), (2, 4, 1)]),
    ("bij,bjk->bik", [(3, 4, 3), (3, 3, 2)]),
    ("bij,bjk->bik", [(3, 4, 3), (3, 3, 2)], "int64"),
    ("bi,bi->b", [(4, 3), (4, 3)], "int64"),
    ("...ij,...jk->...ik", [(2, 3, 4), (2, 4, 2)]),
    ("i,i->", [(5,), (5,)]),
    ("i,i", [(5,), (5,)]),
    ("i,j->ij", [(3,), (4,)]),
    ("i,j", [(3,), (4,)]),
    ("i,i->i", [(6,), (6,)]),
    ("ij,ij->i", [(3, 4), (3, 4)]),
    ("ij,ij->", [(3, 4), (3, 4)]),
    ("ij,ij->ij", [(2, 3), (2, 3)]),
    ("bi,bi->b", [(4, 3), (4, 3)]),
    ("ij,j->i", [(3, 4), (4,)]),
    ("j,ij->i", [(4,), (3, 4)]),
    ("ijk,jil->kl", [(2, 3, 4), (3, 2, 5)]),
    ("ab,cd->abcd", [(2, 3), (2, 2)]),
    ("ii,i->i", [(3, 3), (3,)]),
    ("ij,jk->", [(3, 4), (4, 2)]),
    ("ijk,k->ij", [(2, 3, 4), (4,)]),
    ("Ab,bC->CA", [(3, 4), (4, 2)]),
    ("ba,aB", [(3, 4), (4, 2)]),
    (",ij->ij", [(), (2, 3)]),
    ("ij,jk->ik", [(3, 4), (4, 2)], "int64"),
    ("bij,bjk->bik", [(2, 2, 3), (2, 3, 2)], "int64"),
    ("ii", [(4, 4)]),
    ("ii->i", [(4, 4)]),
    ("ij->ji", [(3, 4)]),
    ("ij", [(3, 4)]),
    ("ji", [(3, 4)]),
    ("ij->", [(3, 4)]),
    ("ij->j", [(3, 4)]),
    ("iij->j", [(3, 3, 2)]),
    ("...ij->...ji", [(2, 3, 4)]),
    ("i...->...", [(3, 2, 2)]),
    ("ijk->kji", [(2, 3, 4)]),
    ("ii", [(3, 3)], "int64"),
]

TENSORDOT = [
    ([(2, 3, 4), (3, 4, 5)], 2),
    ([(3, 4), (4, 5)], 1),
    ([(2, 3), (4,)], 0),
    ([(3, 4, 2), (4, 3, 5)], [[1, 0], [0, 1]]),
    ([(3, 4), (5, 3)], [0, 1]),
    ([(2, 3, 4), (4, 2)], [[2], [0]]),
    ([(2, 3, 4), (2, 3, 4)], 3),
    ([(3, 4), (3, 4)], [[-1, -2], [-1, -2]]),
]

cases = []
for c in EINSUM:
    sub, shapes = c[0], c[1]
    dt = c[2] if len(c) > 2 else "float64"
    ops = [operand(s, dt) for s in shapes]
    cases.append({"kind": "einsum", "subscripts": sub, "inputs": [enc(o) for o in ops], "out": enc(np.einsum(sub, *ops))})
for shapes, axes in TENSORDOT:
    ops = [operand(s) for s in shapes]
    cases.append({"kind": "tensordot", "axes": axes, "inputs": [enc(o) for o in ops], "out": enc(np.tensordot(ops[0], ops[1], axes))})

with open("test/fixtures/contractions.json", "w") as f:
    json.dump({"generator": "scripts/golden/contractions.py", "numpy": np.__version__, "seed": SEED, "cases": cases}, f)
print(len(cases), "cases")
