"""Golden values for linalg.norm, linalg.inv, linalg.solve and the ridge-regression example, from
real NumPy.

Matrices have a known 2-norm condition number: A = s·U diag(σ) Vᵀ with σ log-spaced from 1 to
1/κ (general) or A = s·Q diag(λ) Qᵀ (symmetric positive definite), then rounded to the fixed-point
grid (16 fractional bits), so NumPy sees the exact values the parties share; the condition number
recorded is that of the rounded matrix.
Run from packages/securenumpy:
  python3 scripts/golden/linalg.py && npx biome format --write test/fixtures
"""
import json
import numpy as np

SEED = 16042
F = 16
rng = np.random.default_rng(SEED)


def grid(a):
    return np.round(np.asarray(a, dtype=np.float64) * 2**F) / 2**F


def enc(a):
    a = np.asarray(a)
    dt = "int64" if a.dtype.kind in "iu" else "float64"
    return {"shape": list(a.shape), "dtype": dt, "data": [float(v) for v in a.ravel()]}


def orthogonal(n):
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(r))


def matrix(n, kappa, scale, spd):
    sig = np.logspace(0, -np.log10(kappa), n) if n > 1 else np.ones(1)
    if spd:
        q = orthogonal(n)
        a = grid(scale * (q * sig) @ q.T)
        a = np.triu(a) + np.triu(a, 1).T  # exactly symmetric after rounding
    else:
        a = grid(scale * (orthogonal(n) * sig) @ orthogonal(n).T)
    return a


inv_cases = []
for spd, kappas in ((False, (1.5, 10, 100)), (True, (10, 100, 1000))):
    for n in (2, 3, 5, 8):
        for kappa in kappas:
            for scale in (0.5, 20.0):
                a = matrix(n, kappa, scale, spd)
                b = grid(rng.uniform(-3, 3, size=(n,)))
                bk = grid(rng.uniform(-3, 3, size=(n, 2)))
                inv_cases.append(
                    {
                        "assumeA": "pos" if spd else "gen",
                        "kappa": kappa,
                        "cond": float(np.linalg.cond(a)),
                        "a": enc(a),
                        "inv": enc(np.linalg.inv(a)),
                        "b": enc(b),
                        "solve": enc(np.linalg.solve(a, b)),
                        "bk": enc(bk),
                        "solveK": enc(np.linalg.solve(a, bk)),
                    }
                )

# A stack of two matrices (batched products).
stack = np.stack([matrix(3, 10, 2.0, False), matrix(3, 50, 5.0, False)])
bstack = grid(rng.uniform(-3, 3, size=(2, 3, 2)))
stack_case = {"a": enc(stack), "inv": enc(np.linalg.inv(stack)), "kappa": 50, "b": enc(bstack), "solve": enc(np.linalg.solve(stack, bstack))}

# Norms: values on the 1/4 grid (exact sums of squares).
def q(shape, lim=4):
    return np.round(rng.uniform(-lim, lim, size=shape) * 4) / 4


NORM = [
    ((6,), None, None, False),
    ((6,), 2, None, False),
    ((6,), 1, None, False),
    ((6,), np.inf, None, False),
    ((6,), -np.inf, None, False),
    ((6,), 0, None, False),
    ((3, 4), None, None, False),
    ((3, 4), None, None, True),
    ((3, 4), "fro", None, False),
    ((3, 4), 1, None, False),
    ((3, 4), -1, None, False),
    ((3, 4), np.inf, None, False),
    ((3, 4), -np.inf, None, False),
    ((3, 4), None, 1, False),
    ((3, 4), 1, 0, True),
    ((3, 4), np.inf, -1, False),
    ((2, 3, 4), None, None, False),
    ((2, 3, 4), None, -1, True),
    ((2, 3, 4), 2, 1, False),
    ((2, 3, 4), None, (1, 2), False),
    ((2, 3, 4), 1, (2, 1), True),
    ((2, 3, 4), np.inf, (0, 2), False),
    ((2, 3, 4), "fro", (-1, 0), False),
]
norm_cases = []
for shape, ord_, axis, keepdims in NORM:
    x = q(shape)
    x.ravel()[0] = 0.0  # a zero for ord 0
    out = np.linalg.norm(x, ord_, axis, keepdims)
    enc_ord = None if ord_ is None else (ord_ if isinstance(ord_, str) else ("inf" if ord_ == np.inf else "-inf" if ord_ == -np.inf else ord_))
    norm_cases.append(
        {"x": enc(x), "ord": enc_ord, "axis": list(axis) if isinstance(axis, tuple) else axis, "keepdims": keepdims, "out": enc(out)}
    )
xi = rng.integers(-9, 10, size=(3, 4)).astype(np.int64)
norm_cases.append({"x": enc(xi), "ord": None, "axis": None, "keepdims": False, "out": enc(np.linalg.norm(xi))})
norm_cases.append({"x": enc(xi), "ord": 1, "axis": None, "keepdims": False, "out": enc(np.linalg.norm(xi, 1))})

# Ridge regression in closed form: w = solve(XᵀX + λI, Xᵀy).
m, d, lam = 48, 5, 0.5
X = rng.uniform(-2, 2, size=(m, d))
X[:, 4] = X[:, 3] + 0.05 * rng.standard_normal(m)  # two nearly collinear features: λ matters
X = grid(X)
w_true = rng.uniform(-2, 2, size=d)
y = grid(X @ w_true + 0.1 * rng.standard_normal(m))
w = np.linalg.solve(X.T @ X + lam * np.eye(d), X.T @ y)
ridge = {
    "X": enc(X),
    "y": enc(y),
    "lambda": lam,
    "w": enc(w),
    "cond": float(np.linalg.cond(X.T @ X + lam * np.eye(d))),
}

with open("test/fixtures/linalg.json", "w") as f:
    json.dump(
        {
            "generator": "scripts/golden/linalg.py",
            "numpy": np.__version__,
            "seed": SEED,
            "inv": inv_cases,
            "stack": stack_case,
            "norm": norm_cases,
            "ridge": ridge,
        },
        f,
    )
print(len(inv_cases), "inv/solve cases,", len(norm_cases), "norm cases; ridge cond", ridge["cond"])
