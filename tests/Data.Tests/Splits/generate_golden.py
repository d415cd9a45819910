#!/usr/bin/python3
"""Writes golden/numpy_sklearn.json: what NumPy's legacy RandomState and scikit-learn's splitters
produce, so the C# ports in src/Reproduction/Splits can be checked against them bit for bit.

Run with Debian's interpreter (the pyenv python3 on PATH has no numpy):

    /usr/bin/python3 tests/Data.Tests/Splits/generate_golden.py

Index arrays are stored compactly: their length, the SHA-256 of the values as int32
little-endian bytes, and the first 20 values (so arrays of up to 20 items are stored whole).
Doubles are stored as the hex of their IEEE-754 bits, so the comparison is exact.
"""

import hashlib
import json
import os
import struct

import numpy as np
import sklearn
from sklearn.model_selection import KFold, train_test_split

HEAD = 20
SEEDS = [0, 1, 42, 2**31 - 1]
SPLIT_SEEDS = [0, 42]
SPLIT_SIZES = [1797, 5620, 60000]


def indices(values):
    a = np.asarray(values)
    assert a.ndim == 1 and a.min(initial=0) >= 0 and a.max(initial=0) < 2**31
    le = a.astype("<i4")
    return {
        "length": int(le.size),
        "sha256": hashlib.sha256(le.tobytes()).hexdigest(),
        "head": [int(v) for v in le[:HEAD]],
    }


def double_bits(x):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", float(x)))[0]


def random_state_case(seed):
    # get_state() exposes the MT19937 key straight after seeding (init_genrand); the
    # full-range uint32 randint returns raw next_uint32 draws (bounded_integers: rng == 0xFFFFFFFF).
    _, key, pos, _, _ = np.random.RandomState(seed).get_state()
    raw = np.random.RandomState(seed).randint(0, 2**32, size=HEAD, dtype=np.uint32)
    sample = np.random.RandomState(seed).random_sample(5)
    key_le = np.asarray(key).astype("<u4")
    return {
        "seed": seed,
        "key_sha256": hashlib.sha256(key_le.tobytes()).hexdigest(),
        "key_head": [int(v) for v in key_le[:HEAD]],
        "pos": int(pos),
        "uint32_head": [int(v) for v in raw],
        "random_sample_bits": [double_bits(v) for v in sample],
    }


def kfold_case(n, n_splits, seed):
    if seed is None:
        kf = KFold(n_splits=n_splits)  # shuffle=False
    else:
        kf = KFold(n_splits=n_splits, shuffle=True, random_state=seed)
    folds = [{"train": indices(tr), "test": indices(te)} for tr, te in kf.split(np.zeros(n))]
    return {"n": n, "n_splits": n_splits, "seed": seed, "folds": folds}


def main():
    golden = {
        "numpy": np.__version__,
        "sklearn": sklearn.__version__,
        "random_state": [random_state_case(s) for s in SEEDS + [2**32 - 1, 5489]],
        "permutation": [
            {"n": n, "seed": s, "permutation": indices(np.random.RandomState(s).permutation(n))}
            for n in [10, 1797, 5620, 60000]
            for s in SEEDS
        ],
        "train_test_split": [],
        "kfold": [],
    }
    for n in SPLIT_SIZES + [10]:
        for s in SPLIT_SEEDS:
            train, test = train_test_split(np.arange(n), test_size=0.2, random_state=s)
            golden["train_test_split"].append(
                {"n": n, "seed": s, "test_size": 0.2, "train": indices(train), "test": indices(test)}
            )
    for n in SPLIT_SIZES:
        for s in SPLIT_SEEDS:
            golden["kfold"].append(kfold_case(n, 5, s))
    # Small and uneven cases: n % n_splits != 0 exercises the larger first folds.
    golden["kfold"].append(kfold_case(11, 3, 42))
    golden["kfold"].append(kfold_case(10, 5, 0))
    # shuffle=False (no seed allowed by sklearn).
    golden["kfold"].append(kfold_case(1797, 5, None))
    golden["kfold"].append(kfold_case(11, 3, None))

    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden", "numpy_sklearn.json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        # One case per line: small, and a regenerated file diffs case by case.
        f.write("{\n")
        items = list(golden.items())
        for i, (key, value) in enumerate(items):
            f.write(" %s: " % json.dumps(key))
            if isinstance(value, list):
                f.write("[\n" + ",\n".join("  " + json.dumps(c, separators=(",", ":")) for c in value) + "\n ]")
            else:
                f.write(json.dumps(value))
            f.write(",\n" if i < len(items) - 1 else "\n")
        f.write("}\n")
    print("wrote", out)


if __name__ == "__main__":
    main()
