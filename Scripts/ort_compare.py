#!/usr/bin/env python3
"""Compare an original and a simplified ONNX model in ONNX Runtime.

Usage (from the repository root):

    python3 Scripts/ort_compare.py ORIGINAL.onnx SIMPLIFIED.onnx [--domain LO,HI]
        [--points N] [--data DIR_OR_NPZ] [--limit N] [--json]

Runs onnx.checker on the simplified model, then both models (ORT, CPU, one thread) on N
seeded uniform points of the domain (default the model's condense.input_domain, else
[0, 1]) and on the data (an MNIST-style IDX folder's t10k files scaled to [0, 1], or an
.npz with x and y). Prints the max relative output change (|diff| / max(1, max |y|)),
the accuracy of both on the data, and the parameter counts (initializers). Exit 1 when
the checker fails.
"""
import argparse
import json
import os
import sys

import numpy as np
import onnx
import onnxruntime as ort

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_models import Runner, load_data, relative_change, scored  # noqa: E402


def parameters(model):
    return int(sum(np.prod(t.dims) for t in model.graph.initializer if t.data_type in (1, 10, 11)))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("original")
    p.add_argument("simplified")
    p.add_argument("--domain")
    p.add_argument("--points", type=int, default=1000)
    p.add_argument("--data")
    p.add_argument("--limit", type=int, default=10000)
    p.add_argument("--json", action="store_true")
    a = p.parse_args()
    original, simplified = onnx.load(a.original), onnx.load(a.simplified)
    result = {"original": a.original, "simplified": a.simplified}
    try:
        onnx.checker.check_model(simplified, full_check=True)
        result["checker"] = "ok"
    except Exception as e:  # noqa: BLE001
        result["checker"] = str(e).splitlines()[0]
    meta = {e.key: e.value for e in original.metadata_props}
    lo, hi = [float(v) for v in (a.domain or meta.get("condense.input_domain", "0,1")).split(",")]
    r0, r1 = Runner(a.original), Runner(a.simplified)
    features = int(np.prod([d for d in r0.input.shape[1:]]))
    x = np.random.default_rng(0).uniform(lo, hi, (a.points, features)).astype(np.float32)
    result["random_points"] = {"samples": a.points, "domain": [lo, hi], "max_relative_change": relative_change(r0.run(x), r1.run(x))}
    if a.data:
        xd, yd = load_data(a.data, a.limit)
        o0, o1 = r0.run(xd), r1.run(xd)
        result["data"] = {"samples": len(xd), "max_relative_change": relative_change(o0, o1),
                          "accuracy_original": float(np.mean(scored(o0).argmax(1) == yd)),
                          "accuracy_simplified": float(np.mean(scored(o1).argmax(1) == yd))}
    result["parameters"] = [parameters(original), parameters(simplified)]
    if a.json:
        print(json.dumps(result, indent=1, sort_keys=True))
    else:
        for k, v in result.items():
            print(f"{k}: {v}")
    return 0 if result["checker"] == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
